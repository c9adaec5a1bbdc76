import { recurrenceSchema } from '@todo/shared';
import { isValidRrule, nextOccurrence } from '../language';

/*
 * What completing a repeating task does to it. The rule's DTSTART is the task's current due time (the language
 * layer's convention: the RRULE has no time of day), so the row always stands for the next occurrence. The engine is
 * the language layer's; this only decides where to look from and how a COUNT is used up.
 */

/**
 * A rule the scheduler can evaluate, stored in one spelling: upper case, without the optional "RRULE:" prefix. The
 * shared schema's range checks run first (a refinement only sees a value its base accepted).
 */
export const rruleSchema = recurrenceSchema
  .transform((rule) => rule.replace(/^RRULE:/i, '').toUpperCase())
  .refine(isValidRrule, { message: 'recurrence: not a rule the scheduler can evaluate' });

const COUNT = /(^|;)COUNT=(\d+)(?=;|$)/i;

export interface Advance {
  /** The next occurrence: the task's new due time. */
  readonly due: Date;
  /** The rule from now on (a COUNT counted down by one). */
  readonly rule: string;
}

/**
 * Where completing a pending task with `rule`, due at `due` (null: undated), moves it; null when the rule has no
 * occurrence left, so the completion is final.
 *
 * - The next occurrence comes strictly after the later of the due time and now: completing early keeps the grid
 *   (the next one after this one), completing late skips the occurrences already past instead of leaving the task
 *   overdue again.
 * - COUNT=n means the task comes round n times, this one included: each completion uses one, and COUNT=1 is the last.
 *   (The DTSTART moves with the task, so the engine cannot count them itself.)
 * - An undated task repeats from the moment it is completed.
 */
export function advance(rule: string, due: Date | null, now: Date, zone: string): Advance | null {
  const count = COUNT.exec(rule);
  const left = count ? Number(count[2]) : Infinity;
  if (left <= 1) return null;
  const start = due ?? now;
  const from = start > now ? start : now;
  // The engine counts from DTSTART; the remaining count is ours, so the rule it sees has none.
  const open = count ? rule.replace(COUNT, '').replace(/^;|;$/g, '').replace(/;;/g, ';') : rule;
  const next = nextOccurrence(open, start, from, zone);
  if (!next) return null;
  return { due: next, rule: count ? rule.replace(COUNT, `$1COUNT=${left - 1}`) : rule };
}
