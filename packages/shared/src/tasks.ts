import * as z from 'zod';
import { dueAtSchema } from './instant';
import { cursorSchema, pageLimitSchema, pageSchema } from './page';
import { remindersSchema, reminderRuleSchema } from './reminders';

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const TAGS_MAX = 10;
export const TAG_MAX = 32;

export const titleSchema = z
  .string()
  .trim()
  .min(1, { message: 'title must not be empty' })
  .max(TITLE_MAX, { message: `title must be at most ${TITLE_MAX} characters` });
export const descriptionSchema = z
  .string()
  .max(DESCRIPTION_MAX, { message: `description must be at most ${DESCRIPTION_MAX} characters` });
export const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, { message: 'tags must not be empty' })
      .max(TAG_MAX, { message: `each tag must be at most ${TAG_MAX} characters` }),
  )
  .max(TAGS_MAX, { message: `at most ${TAGS_MAX} tags` })
  .transform((tags) => [...new Set(tags)]);
export { dueAtSchema };

export const RECURRENCE_MAX = 500;

const DAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const int =
  (min: number, max: number, signed = false) =>
  (v: string) => {
    const m = /^([+-]?)(\d{1,4})$/.exec(v);
    if (!m || (m[1] && !signed)) return false;
    const n = Number(m[2]);
    return n >= min && n <= max;
  };
const list = (ok: (v: string) => boolean) => (v: string) => v.split(',').every(ok);

/**
 * The RFC 5545 RRULE parts a task may use, each with the values RFC 5545 allows. Checked before any library sees a
 * rule: rrule 2.8 loops forever on some out-of-range values (INTERVAL=-1, INTERVAL=abc), so they must never reach it.
 * SECONDLY and MINUTELY are left out: a task does not come round every few minutes.
 */
const RRULE_PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => /^(?:HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$/.test(v),
  INTERVAL: int(1, 999),
  COUNT: int(1, 9999),
  UNTIL: (v) => /^\d{8}(?:T\d{6}Z?)?$/.test(v),
  BYSECOND: list(int(0, 59)),
  BYMINUTE: list(int(0, 59)),
  BYHOUR: list(int(0, 23)),
  BYDAY: list((v) => {
    const m = new RegExp(`^([+-]?\\d{1,2})?${DAY}$`).exec(v);
    return Boolean(m) && (!m![1] || int(1, 53, true)(m![1]));
  }),
  BYMONTHDAY: list(int(1, 31, true)),
  BYYEARDAY: list(int(1, 366, true)),
  BYWEEKNO: list(int(1, 53, true)),
  BYMONTH: list(int(1, 12)),
  BYSETPOS: list(int(1, 366, true)),
  WKST: (v) => new RegExp(`^${DAY}$`).test(v),
};

/** What is wrong with an RRULE, by kind (a UI words each in its language); `key` is upper case, the rest as typed. */
export type RruleIssue =
  | { kind: 'part'; part: string }
  | { kind: 'range'; key: string; value: string }
  | { kind: 'twice'; key: string }
  | { kind: 'freq' | 'count_until' };

/** Why `rule` (an RRULE body, "RRULE:" optional) is not one a task may carry, or null when it is. */
export function rruleIssue(rule: string): RruleIssue | null {
  const body = rule.replace(/^RRULE:/i, '');
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    const ok = RRULE_PARTS[key];
    if (eq < 1 || !ok) return { kind: 'part', part };
    if (seen.has(key)) return { kind: 'twice', key };
    seen.add(key);
    if (!ok(value)) return { kind: 'range', key, value: part.slice(eq + 1) };
  }
  if (!seen.has('FREQ')) return { kind: 'freq' };
  if (seen.has('COUNT') && seen.has('UNTIL')) return { kind: 'count_until' };
  return null;
}

/** rruleIssue in English words, as the API reports it. */
export function rruleProblem(rule: string): string | null {
  const issue = rruleIssue(rule);
  if (!issue) return null;
  switch (issue.kind) {
    case 'part':
      return `"${issue.part}" is not an RRULE part such as FREQ=WEEKLY or BYDAY=MO`;
    case 'twice':
      return `${issue.key} is given twice`;
    case 'range':
      return `${issue.key}=${issue.value} is out of range`;
    case 'freq':
      return 'FREQ (HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY) is required';
    case 'count_until':
      return 'COUNT and UNTIL cannot both be given';
  }
}

/**
 * An RFC 5545 RRULE body (`FREQ=WEEKLY;BYDAY=MO`; a leading `RRULE:` is accepted) with each part in its range. The
 * backend also checks that the rule can be evaluated; the time of day is the task's due time, not part of the rule.
 */
export const recurrenceSchema = z
  .string()
  .trim()
  .max(RECURRENCE_MAX, { message: `recurrence must be at most ${RECURRENCE_MAX} characters` })
  .superRefine((rule, ctx) => {
    const problem = rruleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', message: `recurrence: ${problem}` });
  });

const TASK_ID_MESSAGE = { message: 'task id must be a positive integer' };
/**
 * A task id: a positive int4 as a number, or as a string of digits (path segments, lenient models).
 * Strict on purpose: loose coercion would turn `true`, `[3]` or `" 3 "` into a real id.
 */
export const taskIdSchema = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\d{1,10}$/, TASK_ID_MESSAGE)
        .transform(Number),
    ],
    TASK_ID_MESSAGE,
  )
  .pipe(
    z
      .number()
      .int(TASK_ID_MESSAGE)
      .positive(TASK_ID_MESSAGE)
      .max(2147483647, { message: 'task id is out of range' }),
  );

export const taskSchema = z.object({
  id: z.number().int(),
  user_id: z.string(),
  title: z.string(),
  description: z.string(),
  completed: z.boolean(),
  priority: prioritySchema,
  tags: z.array(z.string()),
  due_at: z.string().nullable(),
  /** RRULE of a repeating task (completing it moves it to its next occurrence), or null for a one-off task. */
  recurrence: z.string().nullable(),
  /** When to remind: fixed instants and lead times before each due time. */
  reminders: z.array(reminderRuleSchema),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

/** The fields a create may set and an update may change, besides the title (required on create only). */
const taskFields = {
  description: descriptionSchema.optional(),
  priority: prioritySchema.optional(),
  tags: tagsSchema.optional(),
  due_at: dueAtSchema.nullable().optional(),
  recurrence: recurrenceSchema.nullable().optional(),
  /** The task's reminder rules; on update they replace the task's rules, and [] removes them. */
  reminders: remindersSchema.optional(),
  completed: z.boolean().optional(),
};

export const createTaskSchema = z.strictObject({ title: titleSchema, ...taskFields });
export type CreateTaskInput = z.input<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({ title: titleSchema.optional(), ...taskFields })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'at least one field is required',
  });
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;

/** PATCH …/complete body: sets completed; without a body the route toggles. */
export const completeTaskSchema = z.strictObject({ completed: z.boolean() });

export const TASK_STATUSES = ['all', 'pending', 'completed'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export const TASK_SORTS = ['created', 'due', 'priority', 'title'] as const;

export const listTasksQuerySchema = z.strictObject({
  status: taskStatusSchema.default('all'),
  q: z.string().trim().max(200).optional(),
  priority: prioritySchema.optional(),
  tag: z.string().trim().min(1).max(TAG_MAX).optional(),
  due_before: dueAtSchema.optional(),
  due_after: dueAtSchema.optional(),
  /** true: only repeating tasks; false: only one-off tasks. */
  recurring: z
    .enum(['true', 'false'], { message: 'recurring must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(TASK_SORTS).default('created'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: pageLimitSchema(100, 50),
  cursor: cursorSchema.optional(),
});
export type ListTasksQuery = z.output<typeof listTasksQuerySchema>;

export const taskListSchema = pageSchema(taskSchema);
export type TaskList = z.infer<typeof taskListSchema>;

/*
 * What the task tools answer (chat tool calls, MCP tool results). One contract for the backend that builds them
 * and the clients that read them.
 */

/** One task as tools show it (no user id, no timestamps the model does not need). */
export const toolTaskSchema = taskSchema
  .pick({
    id: true,
    title: true,
    description: true,
    completed: true,
    priority: true,
    due_at: true,
    tags: true,
  })
  // Always sent by the tools; optional so a caller's own placeholder tasks need not invent one.
  .extend({
    recurrence: taskSchema.shape.recurrence.optional(),
    reminders: taskSchema.shape.reminders.optional(),
  });
export type ToolTask = z.infer<typeof toolTaskSchema>;

export const TASK_CHANGE_STATUSES = ['created', 'completed', 'reopened', 'deleted', 'updated'] as const;

/** What a tool that changes one task answers. */
export const taskChangeSchema = z.object({
  task_id: z.number().int(),
  status: z.enum(TASK_CHANGE_STATUSES),
  title: z.string(),
  /** When the call set reminders: the times the task will now remind, soonest first (ISO instants). */
  reminders_at: z.array(z.string()).optional(),
});
export type TaskChange = z.infer<typeof taskChangeSchema>;

export const taskListResultSchema = z.object({
  tasks: z.array(toolTaskSchema),
  count: z.number().int(),
  /** True when more tasks match than were returned. */
  truncated: z.boolean(),
});
export type TaskListResult = z.infer<typeof taskListResultSchema>;

/** Why a tool call could not be done. */
export const TOOL_ERROR_CODES = ['not_found', 'invalid_arguments', 'unknown_tool', 'quota_exceeded'] as const;
export type ToolErrorCode = (typeof TOOL_ERROR_CODES)[number];

/**
 * A tool call that could not be done (bad arguments, unknown task): the caller sees it, nothing changed. `error`
 * is for the model and API clients; `code` lets a UI word it in its own language (absent in older history).
 */
export const toolErrorResultSchema = z.object({
  error: z.string(),
  code: z.enum(TOOL_ERROR_CODES).optional(),
});
export type ToolErrorResult = z.infer<typeof toolErrorResultSchema>;

/** One task's outcome in a bulk change. */
export const bulkItemSchema = z.object({
  task_id: z.number().int(),
  status: z.enum([...TASK_CHANGE_STATUSES, 'not_found']),
  title: z.string().nullable(),
});
export const bulkResultSchema = z.object({
  /** The change group: one undo reverts the whole bulk change. */
  group_id: z.uuid(),
  results: z.array(bulkItemSchema),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
