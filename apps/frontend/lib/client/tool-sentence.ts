import type { Language } from '@todo/shared';
import { pageTranslator, type Translate } from '@/i18n/client';
import { describeDue } from './due-text';
import type { DueFact, Row, ToolActivity } from './tool-labels';

/*
 * A tool call of a chat reply as one sentence a person reads ("Added ‘Buy milk’ · due tomorrow 9 am",
 * "Completed ‘Call mom’", "Moved ‘Gym’ to Fri, Dec 4, 6 pm") and the rows of its details table. Times are shown in
 * the user's zone. Built from the facts describeToolCall parsed out of the call with the shared schemas.
 */

export interface ToolSentence {
  /** The words before the task's title, or the whole sentence when it names no one task. */
  lead: string;
  /** The task's title, shown quoted (its own element, so it can follow the task's live title). */
  title?: string;
  /** Words after the title ("· due tomorrow 9 am"). */
  tail?: string;
  /** Details as [label, value] rows; none for a call with nothing more to say. */
  rows: Row[];
}

export interface SentenceContext {
  zone: string;
  now?: Date;
  /** The task as it is now, when the live stream knows it: its title and due time win over the call's. */
  live?: { title: string; due_at: string | null };
  /** The UI's language (dates) and its `steps` messages; by default the page's. */
  lang?: Language;
  t?: Translate;
}

/** Full text of a sentence (tests, announcements): `Added ‘Buy milk’ · due tomorrow 9 am`. */
export const sentenceText = (s: ToolSentence) =>
  [s.lead, s.title !== undefined ? `‘${s.title}’` : '', s.tail ?? ''].filter(Boolean).join(' ');

/** "tomorrow 9 am", "Fri, Dec 4, 5 pm": the task list's wording, in a sentence's case ("کل 9 AM" in Urdu). */
export function whenText(iso: string, zone: string, now?: Date, lang: Language = 'en'): string {
  const text = describeDue({ due_at: iso, completed: true }, zone, now, lang)?.text ?? iso;
  return /^(Today|Tomorrow|Yesterday)\b/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function dueText(due: DueFact, ctx: SentenceContext): string | null {
  if ('phrase' in due) return due.phrase;
  return due.at === null ? null : whenText(due.at, ctx.zone, ctx.now, ctx.lang);
}

// Stands for the title while a message is formatted: the words either side become the lead and the tail.
const TITLE = '\u0000';

/** A message naming the task, split around its title ("Added {title} · due {when}", "{title} شامل کیا"). */
function titled(t: Translate, key: string, title: string, rows: Row[], values = {}): ToolSentence {
  const [lead = '', tail = ''] = t(key, { ...values, title: TITLE }).split(TITLE);
  return { lead: lead.trim(), title, tail: tail.trim() || undefined, rows };
}

/** The sentence and details of one activity. */
export function toolSentence(a: ToolActivity, ctx: SentenceContext): ToolSentence {
  const t = ctx.t ?? pageTranslator('steps');
  const f = a.facts;
  // Running, failed, questions, undo and tools this UI does not know: their plain words as they are.
  if (!f || a.state !== 'done') return { lead: a.label, tail: a.detail && `· ${a.detail}`, rows: [] };

  if (f.kind === 'lookup') {
    const rows = f.items.map((i): [string, string] => [
      `#${i.taskId}`,
      i.note ? `${i.title} (${i.note})` : i.title,
    ]);
    return { lead: a.label, rows };
  }

  if (f.kind === 'bulk') {
    const found = f.items.filter((i) => i.status !== 'not_found');
    const missing = f.items.length - found.length;
    return {
      lead: t('bulk', { status: f.status, count: found.length }),
      tail: missing ? `· ${t('notFound', { count: missing })}` : undefined,
      rows: f.items.map((i): [string, string] => [
        `#${i.taskId}`,
        i.status === 'not_found'
          ? t('rowNotFound')
          : `${i.title ?? ''} (${t('statusValue', { status: i.status })})`,
      ]),
    };
  }

  const title = ctx.live?.title ?? f.title;
  // The due time the call set; the live one when known (resolved from words, or moved since, as the list shows).
  const due = f.due && (ctx.live ? { at: ctx.live.due_at } : f.due);
  const when = due && dueText(due, ctx);
  const reminders = (f.remindersAt ?? []).map((at) => whenText(at, ctx.zone, ctx.now, ctx.lang));
  const rows: Row[] = [
    [t('rowTask'), `#${f.taskId}`],
    [t('rowTitle'), title],
  ];
  if (due) rows.push([t('rowDue'), when ?? t('none')]);
  rows.push(...f.fields);
  if (reminders.length) rows.push([t('rowReminders'), reminders.join(', ')]);

  if (f.status === 'snoozed')
    return reminders[0]
      ? titled(t, 'snoozedUntil', title, rows, { when: reminders[0] })
      : titled(t, 'snoozed', title, rows);
  if (f.status === 'created')
    return when ? titled(t, 'addedDue', title, rows, { when }) : titled(t, 'added', title, rows);
  if (f.status === 'updated') {
    // A change of the due time alone reads as a move; anything else names what changed.
    if (due && f.fields.length === 0)
      return when ? titled(t, 'moved', title, rows, { when }) : titled(t, 'dueRemoved', title, rows);
    const what = [
      ...(due ? [t('whatDue', { when: when ?? t('none') })] : []),
      // A rule is worded in the details only: the sentence says that it repeats.
      ...f.fields.map(([k, v]) => (typeof v === 'string' ? `${k.toLowerCase()} ${v}` : k.toLowerCase())),
    ];
    return what.length
      ? titled(t, 'updatedWhat', title, rows, { what: what.join(', ') })
      : titled(t, 'updated', title, rows);
  }
  return titled(t, f.status, title, rows);
}

/**
 * A reply's activities as the chat shows them: read-only lookups the agent took on the way are folded away — left
 * out when the reply changed something, else one quiet line. Running and failed steps always show.
 */
export function foldLookups(activities: ToolActivity[]): { shown: ToolActivity[]; lookups: ToolActivity[] } {
  const isLookup = (a: ToolActivity) => a.state === 'done' && a.facts?.kind === 'lookup';
  const lookups = activities.filter(isLookup);
  const shown = activities.filter((a) => !isLookup(a));
  const wrote = shown.some((a) => a.state === 'done' && !a.question);
  return { shown, lookups: wrote ? [] : lookups };
}

/** One line for the lookups of a reply that changed nothing: "Looked up 3 tasks", with every task found as a row. */
export function lookupSentence(
  lookups: ToolActivity[],
  t: Translate = pageTranslator('steps'),
  lang: Language = 'en',
): ToolSentence {
  const counts = new Map<string, number>();
  const rows: [string, string][] = [];
  const seen = new Set<string>();
  for (const a of lookups) {
    if (a.facts?.kind !== 'lookup') continue;
    counts.set(a.facts.what, (counts.get(a.facts.what) ?? 0) + a.facts.items.length);
    for (const i of a.facts.items) {
      const row: [string, string] = [`#${i.taskId}`, i.note ? `${i.title} (${i.note})` : i.title];
      if (!seen.has(row.join())) rows.push(row);
      seen.add(row.join());
    }
  }
  const parts = [...counts].map(([what, count]) =>
    t(what === 'tasks' ? 'tasks' : 'recentChanges', { count }),
  );
  const lead =
    parts.length === 0 || [...counts.values()].every((n) => n === 0)
      ? t('foundNothing')
      : t('lookedUp', { what: new Intl.ListFormat(lang).format(parts) });
  return { lead, rows };
}

/** A reply's steps as shown: one step, or several that did the same to different tasks as one line. */
export type ShownStep =
  | { kind: 'one'; activity: ToolActivity }
  | { kind: 'group'; key: string; name: string; sentence: ToolSentence };

/**
 * Steps in a row that did the same thing to different tasks read as one: "Moved 3 tasks to Fri, Dec 4, 9 am",
 * "Deleted 2 tasks", with each task as a row of its details. Anything else stays a step of its own.
 */
export function groupSteps(activities: ToolActivity[], ctx: SentenceContext): ShownStep[] {
  const out: ShownStep[] = [];
  let run: { activity: ToolActivity; sentence: ToolSentence }[] = [];
  const same = (a: ToolSentence, b: ToolSentence) => a.lead === b.lead && a.tail === b.tail;
  const flush = () => {
    if (run.length > 1) {
      const first = run[0]!;
      out.push({
        kind: 'group',
        key: first.activity.key,
        name: first.activity.name,
        sentence: {
          // The title's place takes the count: "Moved 3 tasks to …", "3 کام کو … پر منتقل کیا".
          lead: [first.sentence.lead, (ctx.t ?? pageTranslator('steps'))('tasks', { count: run.length })]
            .filter(Boolean)
            .join(' '),
          tail: first.sentence.tail,
          rows: run.map(({ activity: a, sentence: s }): [string, string] => [`#${a.taskId}`, s.title ?? '']),
        },
      });
    } else if (run[0]) out.push({ kind: 'one', activity: run[0].activity });
    run = [];
  };
  for (const a of activities) {
    const groupable = a.state === 'done' && a.facts?.kind === 'task' && a.facts.status !== 'snoozed';
    if (!groupable) {
      flush();
      out.push({ kind: 'one', activity: a });
      continue;
    }
    const sentence = toolSentence(a, ctx);
    const last = run.at(-1);
    if (last && (last.activity.name !== a.name || !same(last.sentence, sentence))) flush();
    run.push({ activity: a, sentence });
  }
  flush();
  return out;
}
