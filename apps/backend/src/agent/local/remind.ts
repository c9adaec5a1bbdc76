import { remindersSchema } from '@todo/shared';
import { Duration } from 'luxon';
import type { ReminderRule } from '../../language/intent/types';
import { when, type Voice } from './reply';

/*
 * Reminder rules between the parsed request and the task tools, and how a reply names them: the exact time in
 * the user's zone and how long before the due time it is ("today at 4:50 pm, 10 minutes before").
 */

/** The rules as the tools take them: instants as ISO strings, lead times as ISO 8601 durations. */
export const ruleArgs = (rules: readonly ReminderRule[]) =>
  rules.map((r) => ('at' in r ? { at: r.at.toISOString() } : { before: r.before }));

/** The reverse of ruleArgs, for rules stored in a recorded step's arguments; anything else is no rule. */
export function rulesFromArgs(value: unknown): ReminderRule[] {
  const parsed = remindersSchema.safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.map((r) => ('at' in r ? { at: new Date(r.at) } : { before: r.before }));
}

const leadMs = (before: string) => Duration.fromISO(before).toMillis();

/** When a rule fires for a task due at `due` (null: a lead time without a due time never fires). */
export function fireAt(rule: ReminderRule, due: string | null): Date | null {
  if ('at' in rule) return rule.at;
  return due ? new Date(Date.parse(due) - leadMs(rule.before)) : null;
}

const UNITS_UR: Readonly<Record<string, [string, string]>> = {
  weeks: ['ہفتے', 'hafte'],
  days: ['دن', 'din'],
  hours: ['گھنٹے', 'ghante'],
  minutes: ['منٹ', 'minute'],
};

/** "10 minutes", "1 hour", "2 days" in the reply's language. */
function leadWords(v: Voice, before: string): string {
  const d = Duration.fromISO(before).shiftTo('weeks', 'days', 'hours', 'minutes').normalize();
  const parts = (['weeks', 'days', 'hours', 'minutes'] as const).filter((u) => d.get(u) > 0);
  if (v.lang === 'en')
    return Duration.fromObject(Object.fromEntries(parts.map((u) => [u, d.get(u)]))).toHuman();
  const i = v.lang === 'ur' ? 0 : 1;
  return parts.map((u) => `${d.get(u)} ${UNITS_UR[u]![i]}`).join(' ');
}

/** "today at 4:50 pm, 10 minutes before" / "Dec 4 at 3 pm, when it's due" / "tomorrow at 9 am". */
export function ruleText(v: Voice, rule: ReminderRule, due: string | null): string {
  const at = fireAt(rule, due);
  const time = at ? when(v, at) : '';
  if ('at' in rule) return time;
  const zero = leadMs(rule.before) === 0;
  if (v.lang === 'ur') return `${time}، ${zero ? 'مقررہ وقت پر' : `${leadWords(v, rule.before)} پہلے`}`;
  if (v.lang === 'roman') return `${time}, ${zero ? 'due time par' : `${leadWords(v, rule.before)} pehle`}`;
  return `${time}, ${zero ? "when it's due" : `${leadWords(v, rule.before)} before`}`;
}

/** The sentence that confirms reminders were set on a task. */
export function reminderSentence(
  v: Voice,
  rules: readonly ReminderRule[],
  due: string | null,
  repeats: boolean,
): string {
  const times = rules.map((r) => ruleText(v, r, due)).join(v.lang === 'ur' ? '، اور ' : '; and ');
  const again = repeats && rules.some((r) => 'before' in r);
  if (v.lang === 'ur') return `میں آپ کو ${times} یاد دلا دوں گا${again ? '، اور ہر بار' : ''}۔`;
  if (v.lang === 'roman') return `Main aap ko ${times} yaad dila doon ga${again ? ', aur har dafa' : ''}.`;
  return `I'll remind you ${times}${again ? ', and again each time it repeats' : ''}.`;
}

/** Why a lead-time reminder cannot be set on a task, as a question or a reason; null when it can. */
export function leadProblem(
  v: Voice,
  task: { id: number; title: string },
  rules: readonly ReminderRule[],
  due: string | null,
  now: Date,
): { ask: string } | { error: string } | null {
  const leads = rules.filter((r): r is { before: string } => 'before' in r);
  if (leads.length === 0) return null;
  if (!due) {
    const lead = leadMs(leads[0]!.before) === 0 ? 'then' : `${leadWords(v, leads[0]!.before)} before`;
    return {
      ask:
        v.lang === 'en'
          ? `Task ${task.id} “${task.title}” has no due time yet. When is it due? For example "it's due friday at 3pm" — then I'll remind you ${lead}.`
          : v.lang === 'ur'
            ? `ٹاسک ${task.id} “${task.title}” کا کوئی وقت مقرر نہیں۔ یہ کب ہے؟`
            : `Task ${task.id} “${task.title}” ka koi waqt muqarrar nahi. Yeh kab hai?`,
    };
  }
  const past = leads.find((r) => fireAt(r, due)!.getTime() <= now.getTime());
  if (past)
    return {
      error: `task ${task.id} “${task.title}” is due ${when(v, due)}, so ${leadWords({ ...v, lang: 'en' }, past.before)} before has already passed`,
    };
  return null;
}
