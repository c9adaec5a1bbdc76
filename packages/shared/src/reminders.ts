import * as z from 'zod';
import { dueAtSchema } from './instant';

/*
 * Reminders. A task carries reminder rules; the backend turns them into scheduled reminders (one per rule and
 * occurrence) and delivers each exactly once as a `reminder` event on the user's event stream.
 */

/** At most this many rules per task. */
export const REMINDERS_MAX = 5;
/** The longest lead time a `before` rule may have (30 days). */
export const REMINDER_LEAD_MAX_SECONDS = 30 * 24 * 3600;

const DURATION = /^P(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

/**
 * Seconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds ("PT15M" → 900, "P1D" → 86400), or
 * null when `text` is not one. Years and months are left out on purpose: their length depends on the date.
 */
export function durationSeconds(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
}

/** An ISO 8601 duration before the due time: "PT0S" (at the due time), "PT15M", "PT1H", "P1D", "P1W". */
export const leadTimeSchema = z.string().superRefine((text, ctx) => {
  const seconds = durationSeconds(text);
  if (seconds === null)
    ctx.addIssue({
      code: 'custom',
      message: 'before must be an ISO 8601 duration such as PT15M, PT1H or P1D',
    });
  else if (seconds > REMINDER_LEAD_MAX_SECONDS)
    ctx.addIssue({ code: 'custom', message: 'before must be at most 30 days (P30D)' });
});

/** One reminder rule: at a fixed instant, or a lead time before each due time (re-armed for every occurrence). */
export const reminderRuleSchema = z.union(
  [z.strictObject({ at: dueAtSchema }), z.strictObject({ before: leadTimeSchema })],
  { message: 'each reminder is {"at": "<ISO date-time>"} or {"before": "<ISO 8601 duration>"}' },
);
export type ReminderRule = z.infer<typeof reminderRuleSchema>;

export const remindersSchema = z
  .array(reminderRuleSchema)
  .max(REMINDERS_MAX, { message: `at most ${REMINDERS_MAX} reminders` });

/** Why a reminder exists: one of the task's rules, or a snooze of a delivered reminder. */
export const REMINDER_KINDS = ['at', 'before', 'snooze'] as const;
export const REMINDER_STATES = ['pending', 'delivered', 'dismissed'] as const;
export const reminderStateSchema = z.enum(REMINDER_STATES);

/** One scheduled reminder. */
export const reminderSchema = z.object({
  id: z.number().int(),
  task_id: z.number().int(),
  kind: z.enum(REMINDER_KINDS),
  /** When it is (or was) due to fire. */
  fire_at: z.string(),
  state: reminderStateSchema,
  delivered_at: z.string().nullable(),
  /** Delivered more than a minute after fire_at (e.g. every backend was down at the time). */
  late: z.boolean(),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const listRemindersQuerySchema = z.strictObject({
  state: reminderStateSchema.optional(),
});
export const reminderListSchema = z.object({ items: z.array(reminderSchema) });

export const SNOOZE_MINUTES_DEFAULT = 10;
/** POST …/reminders/{id}/snooze: remind again `minutes` from now (default 10), or at `until`. */
export const snoozeReminderSchema = z
  .strictObject({
    minutes: z
      .number()
      .int({ message: 'minutes must be a whole number' })
      .min(1, { message: 'minutes must be at least 1' })
      .max(7 * 24 * 60, { message: 'minutes must be at most a week (10080)' })
      .optional(),
    until: dueAtSchema.optional(),
  })
  .refine((v) => v.minutes === undefined || v.until === undefined, {
    message: 'give minutes or until, not both',
  });
