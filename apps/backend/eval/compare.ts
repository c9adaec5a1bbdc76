import { DateTime, Duration } from 'luxon';
import { RRule } from '../src/language/rrule';
import type { Expectation, ExpectedTask, ReminderRuleText, ReplyCheck } from './corpus';

/*
 * Comparison rules of the evaluation, kept free of I/O so they are table-tested:
 * - titles and descriptions: case-insensitive, whitespace collapsed; tags: case-insensitive sets;
 * - `due` as a local date checks the day in the case's zone, with a time the exact local minute;
 * - reminders: the set of rules, `at` to the local minute, `before` by the length of the lead time;
 * - repeat: the RRULE read with the rrule package and compared as a rule ("BYDAY=MO,WE;FREQ=WEEKLY" is
 *   "FREQ=WEEKLY;BYDAY=WE,MO"), its start left out; absent = the task does not repeat;
 * - a field left out of an expected task takes its default (description '', priority medium, tags [],
 *   due null, completed false); a list of values accepts any of them;
 * - the end state must hold every task, in number order, and nothing else.
 */

/** A task as GET /api/{user_id}/tasks returns it (`number` once per-user numbers land, else `id`). */
export interface ApiTask {
  readonly id: number;
  readonly number?: number;
  readonly title: string;
  readonly description: string;
  readonly priority: string;
  readonly tags: readonly string[];
  readonly due_at: string | null;
  readonly completed: boolean;
  /** Reminder rules (instants in ISO 8601); absent before the backend had reminders. */
  readonly reminders?: readonly ({ at: string } | { before: string })[];
  /** RRULE of a repeating task, or null. */
  readonly recurrence?: string | null;
}

/** One task of a user's state, as the evaluation sees it. */
export interface TaskState {
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly priority: string;
  readonly tags: readonly string[];
  /** The instant in epoch ms, or null. */
  readonly dueMs: number | null;
  /** The due instant as a local wall clock in the case's zone, "YYYY-MM-DD HH:mm". */
  readonly due: string | null;
  readonly completed: boolean;
  /** Reminder rules as sorted keys: "at 2026-12-02 16:50" (local), "before 10m" (the lead time). */
  readonly reminders: readonly string[];
  /** The repeat rule, normalised (`repeatKey`), or null. */
  readonly repeat: string | null;
}

export type Outcome = 'pass' | 'fail' | 'wrong-change';

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
const tagSet = (tags: readonly string[]) => [...new Set(tags.map(norm))].sort();
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const quote = (s: string) => JSON.stringify(s);

/** The user's tasks in number order, due dates read in `zone`. */
export function toState(tasks: readonly ApiTask[], zone: string): TaskState[] {
  return tasks
    .map((t) => {
      const due = t.due_at === null ? null : DateTime.fromISO(t.due_at, { zone });
      return {
        number: typeof t.number === 'number' ? t.number : t.id,
        title: t.title,
        description: t.description,
        priority: t.priority,
        tags: [...t.tags],
        dueMs: due ? due.toMillis() : null,
        due: due ? due.toFormat('yyyy-MM-dd HH:mm') : null,
        completed: t.completed,
        reminders: reminderKeys(
          (t.reminders ?? []).map((r) =>
            'at' in r ? { at: DateTime.fromISO(r.at, { zone }).toFormat('yyyy-MM-dd HH:mm') } : r,
          ),
        ),
        repeat: t.recurrence ? repeatKey(t.recurrence) : null,
      };
    })
    .sort((a, b) => a.number - b.number);
}

/**
 * A repeat rule as a comparable key: parsed by rrule, its start and zone dropped, defaults (INTERVAL=1, WKST)
 * left out, then every part and every list sorted. Throws on a rule rrule cannot read.
 */
export function repeatKey(rule: string): string {
  const body = rule
    .split(/\r?\n/)
    .filter((l) => !/^DTSTART/i.test(l))
    .join('\n')
    .replace(/^RRULE:/i, '');
  const options = RRule.parseString(body);
  delete options.dtstart;
  delete options.tzid;
  delete options.wkst;
  if (options.interval === 1) delete options.interval;
  return RRule.optionsToString(options)
    .replace(/^RRULE:/, '')
    .split(';')
    .map((part) => {
      const [key, value = ''] = part.split('=');
      return `${key}=${value.split(',').sort().join(',')}`;
    })
    .sort()
    .join(';');
}

/** Reminder rules as comparable keys: a local minute, or a lead time in its shortest unit ("before 1h"). */
export function reminderKeys(rules: readonly ReminderRuleText[]): string[] {
  return rules
    .map((r) => {
      if ('at' in r) return `at ${r.at}`;
      const d = Duration.fromISO(r.before).shiftTo('days', 'hours', 'minutes', 'seconds').normalize();
      const parts = (['days', 'hours', 'minutes', 'seconds'] as const)
        .filter((u) => d.get(u) > 0)
        .map((u) => `${d.get(u)}${u[0]}`);
      return `before ${parts.join('') || '0m'}`;
    })
    .sort();
}

/** True when two states are the same, field for field (exact due instants, tags as sets). */
export function sameState(a: readonly TaskState[], b: readonly TaskState[]): boolean {
  return a.length === b.length && a.every((x, i) => changedFields(x, b[i]!).length === 0);
}

function changedFields(a: TaskState, b: TaskState): string[] {
  const out: string[] = [];
  if (a.number !== b.number) out.push('number');
  if (a.title !== b.title) out.push('title');
  if (a.description !== b.description) out.push('description');
  if (a.priority !== b.priority) out.push('priority');
  if (!sameSet(tagSet(a.tags), tagSet(b.tags))) out.push('tags');
  if (a.dueMs !== b.dueMs) out.push('due');
  if (a.completed !== b.completed) out.push('completed');
  if (!sameSet(a.reminders, b.reminders)) out.push('reminders');
  if (a.repeat !== b.repeat) out.push('repeat');
  return out;
}

const show = (t: TaskState) => `#${t.number} ${quote(t.title)}`;
function showField(t: TaskState, field: string): string {
  switch (field) {
    case 'tags':
      return `[${t.tags.join(', ')}]`;
    case 'due':
      return t.due ?? 'none';
    case 'reminders':
      return `[${t.reminders.join(', ')}]`;
    case 'repeat':
      return t.repeat ?? 'none';
    default:
      return quote(String(t[field as keyof TaskState]));
  }
}

/** What changed from `before` to `after`, in words ("added #4 "Milk"", "#2 due: none → 2026-11-28 09:00"). */
export function describeChanges(before: readonly TaskState[], after: readonly TaskState[]): string[] {
  const out: string[] = [];
  const afterBy = new Map(after.map((t) => [t.number, t]));
  const beforeBy = new Map(before.map((t) => [t.number, t]));
  for (const b of before) {
    const a = afterBy.get(b.number);
    if (!a) {
      out.push(`deleted ${show(b)}`);
      continue;
    }
    for (const f of changedFields(b, a))
      out.push(`#${b.number} ${f}: ${showField(b, f)} → ${showField(a, f)}`);
  }
  for (const a of after) if (!beforeBy.has(a.number)) out.push(`added ${show(a)}`);
  return out;
}

function dueMatches(want: string | null, actual: string | null): boolean {
  if (want === null || actual === null) return want === actual;
  return want.length === 10 ? actual.slice(0, 10) === want : actual === want;
}

const alternatives = (values: readonly (string | null)[]) =>
  values.map((v) => (v === null ? 'none' : quote(v))).join(' or ');

/** How `actual` differs from the expected tasks; empty when it matches. */
export function diffTasks(expected: readonly ExpectedTask[], actual: readonly TaskState[]): string[] {
  const out: string[] = [];
  const actualBy = new Map(actual.map((t) => [t.number, t]));
  const expectedNumbers = new Set(expected.map((t) => t.number));
  for (const e of expected) {
    const a = actualBy.get(e.number);
    if (!a) {
      out.push(`missing #${e.number} ${quote(e.title[0]!)}`);
      continue;
    }
    if (!e.title.some((t) => norm(t) === norm(a.title))) {
      out.push(`#${e.number} title ${quote(a.title)}, want ${alternatives(e.title)}`);
    }
    const descriptions = e.description ?? [''];
    if (!descriptions.some((d) => norm(d) === norm(a.description))) {
      out.push(`#${e.number} description ${quote(a.description)}, want ${alternatives(descriptions)}`);
    }
    const priorities = e.priority ?? ['medium'];
    if (!priorities.includes(a.priority as (typeof priorities)[number])) {
      out.push(`#${e.number} priority ${a.priority}, want ${priorities.join(' or ')}`);
    }
    const tags = e.tags ?? [];
    if (!sameSet(tagSet(tags), tagSet(a.tags))) {
      out.push(`#${e.number} tags [${a.tags.join(', ')}], want [${tags.join(', ')}]`);
    }
    const dues = e.due ?? [null];
    if (!dues.some((d) => dueMatches(d, a.due))) {
      out.push(`#${e.number} due ${a.due ?? 'none'}, want ${alternatives(dues)}`);
    }
    const completed = e.completed ?? false;
    if (a.completed !== completed) out.push(`#${e.number} ${completed ? 'not completed' : 'completed'}`);
    const reminders = reminderKeys(e.reminders ?? []);
    if (!sameSet(reminders, a.reminders)) {
      out.push(`#${e.number} reminders [${a.reminders.join(', ')}], want [${reminders.join(', ')}]`);
    }
    const repeat = e.repeat ? repeatKey(e.repeat) : null;
    if (repeat !== a.repeat) out.push(`#${e.number} repeat ${a.repeat ?? 'none'}, want ${repeat ?? 'none'}`);
  }
  for (const a of actual) if (!expectedNumbers.has(a.number)) out.push(`unexpected ${show(a)}`);
  return out;
}

const URDU_LETTERS = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
const has = (reply: string, needle: string) => reply.toLowerCase().includes(needle.toLowerCase());

/** How the reply misses its checks; empty when it meets them. */
export function checkReply(
  reply: string,
  checks: ReplyCheck | undefined,
  asks: boolean | undefined,
): string[] {
  const out: string[] = [];
  if (asks === true && !/[?؟]/.test(reply)) out.push('reply asks nothing');
  if (asks === false && /[?؟]/.test(reply)) out.push('reply asks a question');
  if (!checks) return out;
  const missing = (checks.contains ?? []).filter((c) => !has(reply, c));
  if (missing.length) out.push(`reply lacks ${missing.map(quote).join(', ')}`);
  if (checks.any && !checks.any.some((c) => has(reply, c))) {
    out.push(`reply has none of ${checks.any.map(quote).join(', ')}`);
  }
  const banned = (checks.not ?? []).filter((c) => has(reply, c));
  if (banned.length) out.push(`reply has ${banned.map(quote).join(', ')}`);
  if (checks.script === 'urdu' && !URDU_LETTERS.test(reply)) out.push('reply is not in Urdu script');
  return out;
}

export interface Verdict {
  readonly outcome: Outcome;
  /** What differed from the expected state, then what the reply missed. */
  readonly differences: readonly string[];
  /** The change `say` made, in words (empty when none). */
  readonly changes: readonly string[];
}

/**
 * Pass when the end state and the reply meet the expectation. A wrong change is an end state that differs
 * both from the expected state and from the state before `say`: data changed that the user did not ask to
 * change, or changed differently. Anything else that misses is a plain fail.
 */
export function judge(
  expect: Expectation,
  before: readonly TaskState[],
  after: readonly TaskState[],
  reply: string,
): Verdict {
  const changes = describeChanges(before, after);
  const changed = !sameState(before, after);
  const stateDiffs = expect.unchanged
    ? changes.map((c) => `unwanted change: ${c}`)
    : diffTasks(expect.tasks ?? [], after);
  const replyDiffs = checkReply(reply, expect.reply, expect.asks);
  const differences = [...stateDiffs, ...replyDiffs];
  if (stateDiffs.length && changed) return { outcome: 'wrong-change', differences, changes };
  return { outcome: differences.length ? 'fail' : 'pass', differences, changes };
}
