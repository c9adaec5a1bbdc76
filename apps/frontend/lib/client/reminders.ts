import type { ReminderRule } from '@todo/shared';
import type { Translate } from '@/i18n/client';
import { partsIn } from './dates';

/*
 * Reminder rules as the editor offers them and the row shows them. Type-only imports from @todo/shared: its schemas
 * (and zod) stay out of the bundle; the backend checks every rule again.
 */

/** The editor's choices: a lead time before the due time, or a chosen instant. */
export type ReminderChoice = 'none' | 'PT0S' | 'PT10M' | 'PT1H' | 'P1D' | 'at' | 'kept';

/** The lead times the editor offers; each is worded by the catalog's `reminders.lead<choice>`. */
export const LEAD_CHOICES: readonly ReminderChoice[] = ['PT0S', 'PT10M', 'PT1H', 'P1D'];

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO 8601 duration of weeks to seconds ("PT10M" → 600000), or null when it is not one. */
export function durationMs(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** What the editor shows for a task's rules: one of its choices, or "kept" for rules it has no choice for. */
export function choiceOf(rules: readonly ReminderRule[]): { choice: ReminderChoice; at: string } {
  if (rules.length === 0) return { choice: 'none', at: '' };
  if (rules.length === 1) {
    const rule = rules[0]!;
    if ('at' in rule) return { choice: 'at', at: rule.at };
    const lead = LEAD_CHOICES.find((c) => c === rule.before);
    if (lead) return { choice: lead, at: '' };
  }
  return { choice: 'kept', at: '' };
}

/** The rules for a choice; `at` is the chosen instant (ISO) for "at", `kept` the task's own rules. */
export function rulesOf(choice: ReminderChoice, at: string, kept: readonly ReminderRule[]): ReminderRule[] {
  if (choice === 'none') return [];
  if (choice === 'kept') return [...kept];
  if (choice === 'at') return at ? [{ at }] : [];
  return [{ before: choice }];
}

/** Why the rules cannot be saved for a task due at `due` (ISO or null), in `t`'s words (`reminders`), or null. */
export function reminderProblem(
  choice: ReminderChoice,
  at: string,
  due: string | null,
  t: Translate,
  now = new Date(),
): string | null {
  if (choice === 'at') {
    if (!at) return t('problemAtMissing');
    if (Date.parse(at) <= now.getTime()) return t('problemAtPast');
  }
  if (choice !== 'none' && choice !== 'kept' && choice !== 'at' && !due) return t('problemNeedsDue');
  return null;
}

/** When the next of these rules fires for a task due at `due`: the earliest instant still ahead, or null. */
export function nextReminder(
  rules: readonly ReminderRule[],
  due: string | null,
  now = new Date(),
): Date | null {
  let next: number | null = null;
  for (const rule of rules) {
    const lead = 'before' in rule ? durationMs(rule.before) : null;
    const at = 'at' in rule ? Date.parse(rule.at) : due && lead !== null ? Date.parse(due) - lead : NaN;
    if (at > now.getTime() && (next === null || at < next)) next = at;
  }
  return next === null ? null : new Date(next);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An <input type="datetime-local"> value ("2026-12-04T17:30") for an instant, on the wall clock of `zone`. */
export function localInputOf(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const p = partsIn(at, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a datetime-local value means in `zone` (not the browser's), or '' when it is not one. */
export function instantOfLocalInput(value: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return '';
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Correct by the zone's offset, twice: the second pass settles a guess that crossed a DST change.
  let at = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(at), zone);
    at -= Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - wall;
  }
  return new Date(at).toISOString();
}
