import type { PreviewResult, ToolCall } from '@todo/shared';
import { DateTime } from 'luxon';
import { atTimeOfDay, dayRange, describeRrule, firstOccurrence } from '../../language';
import { editDistance } from '../../language/intent/normalize';
import type { Changes, Filter, Intent, NewTask, ReminderRule, Target } from '../../language/intent/types';
import type { TaskChange, TaskListResult, ToolTask } from '../../tasks/tools';
import type { AgentTurn } from '../types';
import { PLAN_STEP, type Plan, type PlanAction, type PlanItem, type TurnContext } from './context';
import { keyWords, matchParaphrase, matchTasks } from './match';
import { leadProblem, reminderSentence, ruleArgs, rulesFromArgs } from './remind';
import { field, plan, say, taskLine, when, type Voice } from './reply';

/*
 * Carries out parsed intents with the user's bound task tools. The rules that keep data safe live here:
 * a change runs only on tasks resolved without doubt; several matches for one task → ask which; deleting more
 * than one task, changing more than three, or any "all …" request → show the plan and wait for "yes"; a reply
 * names exactly what changed.
 */

/** Most changes applied without asking (deleting more than one always asks). */
export const DIRECT_CHANGE_MAX = 3;
const LOOKUP_LIMIT = 100;

type ToolResult<R> = { ok: true; result: R } | { ok: false; error: string; code: string };

/** One turn's tool use: records what changed (and shows it as it happens); reads are not recorded. */
export class Session {
  readonly calls: ToolCall[] = [];
  /** Tasks this turn changed, for "it" in a later clause ("add milk and make it urgent"). */
  touched: number[] = [];
  listed: number[] = [];
  private all: ToolTask[] | null = null;

  constructor(
    private readonly turn: AgentTurn,
    readonly voice: Voice,
    readonly context: TurnContext,
  ) {}

  async tool<R>(name: string, args: Record<string, unknown>, record = true): Promise<ToolResult<R>> {
    const id = `local_${this.calls.length + 1}`;
    if (record) this.turn.events.toolCall?.({ id, name, arguments: args });
    const outcome = await this.turn.tools.call(name, args);
    if (record) {
      this.calls.push({ name, arguments: args, result: outcome.result });
      this.turn.events.toolResult?.({ id, name, result: outcome.result });
    }
    if (name !== 'list_tasks' && record) this.all = null; // data changed: the next lookup reads again
    return outcome.ok
      ? { ok: true, result: outcome.result as R }
      : { ok: false, error: outcome.error.message, code: outcome.error.code };
  }

  /** Records a plan waiting for the user's answer (structured, so the next turn reads it back exactly). */
  recordPlan(plan: Plan) {
    const id = `local_${this.calls.length + 1}`;
    const result: PreviewResult = {
      awaiting: plan.awaiting,
      tasks: plan.items.map((i) => ({ id: i.task_id, title: i.title })),
    };
    this.turn.events.toolCall?.({
      id,
      name: PLAN_STEP,
      arguments: plan as unknown as Record<string, unknown>,
    });
    this.calls.push({ name: PLAN_STEP, arguments: plan as unknown as Record<string, unknown>, result });
    this.turn.events.toolResult?.({ id, name: PLAN_STEP, result });
  }

  /** Every task of the user (newest first, up to the lookup limit), read once per turn. */
  async tasks(): Promise<ToolTask[]> {
    if (this.all) return this.all;
    const r = await this.tool<TaskListResult>('list_tasks', { status: 'all' }, false);
    this.all = r.ok ? r.result.tasks.slice(0, LOOKUP_LIMIT) : [];
    return this.all;
  }
}

const time = (s: Session) => s.voice.time;

// ---------------------------------------------------------------- add

function addArgs(task: NewTask): Record<string, unknown> {
  const due = task.repeat ? task.repeat.first : task.due?.at;
  return {
    title: task.title,
    ...(task.description ? { description: task.description } : {}),
    ...(task.priority ? { priority: task.priority } : {}),
    ...(task.tags?.length ? { tags: task.tags } : {}),
    ...(due ? { due_at: due.toISOString() } : {}),
    ...(task.repeat ? { recurrence: task.repeat.rrule } : {}),
    ...(task.reminders?.length ? { reminders: ruleArgs(task.reminders) } : {}),
  };
}

async function add(s: Session, tasks: readonly NewTask[]): Promise<string> {
  const lines: string[] = [];
  for (const task of tasks) {
    if (task.remindAsked && !task.repeat) {
      // "remind me to call mom at 5" when "Call mom" is already on the list: the reminder goes on that task.
      const same = (await s.tasks()).filter((t) => !t.completed && sameTitle(t.title, task.title));
      if (same.length === 1) {
        const rules = task.due ? [{ at: task.due.at }] : same[0]!.due_at ? [{ before: 'PT0S' }] : [];
        lines.push(await remindOn(s, same[0]!, rules));
        continue;
      }
    }
    if (task.sameAs && task.due) {
      // "schedule the dentist for monday" when "Dentist" is on the list: that task moves.
      const same = (await s.tasks()).filter((t) => !t.completed && sameTitle(t.title, task.sameAs!));
      if (same.length === 1) {
        lines.push(await change(s, 'update', { kind: 'numbers', numbers: [same[0]!.id] }, { due: task.due }));
        continue;
      }
    }
    const args = addArgs(task);
    const r = await s.tool<TaskChange>('add_task', args);
    if (!r.ok) {
      lines.push(
        r.code === 'quota_exceeded'
          ? say.notAdded(s.voice, task.title, r.error)
          : say.failed(s.voice, r.error),
      );
      continue;
    }
    s.touched.push(r.result.task_id);
    const extras: string[] = [];
    const v = s.voice;
    if (typeof args.due_at === 'string' && args.due_at) extras.push(field.due(v, args.due_at));
    if (task.priority && task.priority !== 'medium') extras.push(field.priority(v, task.priority));
    if (task.tags?.length) extras.push(task.tags.map((t) => `#${t}`).join(' '));
    if (task.description) extras.push(field.withNote(v));
    if (task.repeat) extras.push(field.repeating(v, task.repeat.summary));
    lines.push(say.added(s.voice, r.result.task_id, r.result.title, extras));
    if (args.reminders && task.reminders)
      lines.push(
        reminderSentence(s.voice, task.reminders, (args.due_at as string | undefined) ?? null, !!task.repeat),
      );
    else if (task.remindAsked) {
      lines.push(say.remindWhen(s.voice));
      if (tasks.length === 1) askWhen(s, { id: r.result.task_id, title: r.result.title }, 'due');
    }
  }
  return lines.join('\n');
}

/**
 * Leaves "when?" open about one task, as structured data the next turn reads back: a bare time then answers it.
 * `due`: the time is when the task is due, and the reminder asked for goes off then; `reminder`: one reminder at it.
 */
function askWhen(
  s: Session,
  task: { id: number; title: string },
  when: 'due' | 'reminder',
  rules: readonly ReminderRule[] = [{ before: 'PT0S' }],
) {
  s.recordPlan({
    action: 'update',
    awaiting: 'when',
    when,
    items: [
      {
        task_id: task.id,
        title: task.title,
        args: when === 'due' ? { task_id: task.id, add_reminders: ruleArgs(rules) } : { task_id: task.id },
      },
    ],
    summary: plan.when(s.voice, task.title),
  });
}

/** Whether two titles are the same words, case, spacing and a leading article or "my" aside. */
const sameTitle = (a: string, b: string) => {
  const plain = (x: string) =>
    x
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^(?:the|a|an|my)\s+/, '');
  return plain(a) === plain(b);
};

/** Adds `rules` to one known task (none given: ask when), and says when it will remind. */
async function remindOn(
  s: Session,
  task: ToolTask,
  rules: Changes['addReminders'] & object,
): Promise<string> {
  if (rules.length === 0) {
    askWhen(s, task, 'reminder');
    return say.remindWhenTask(s.voice, task.id, task.title);
  }
  return change(s, 'update', { kind: 'numbers', numbers: [task.id] }, { addReminders: rules });
}

// ---------------------------------------------------------------- list

function describeFilter(f: Filter): string {
  const status = f.status === 'completed' ? 'completed ' : f.status === 'pending' && !f.due ? 'pending ' : '';
  const prio = f.priority ? `${f.priority} priority ` : '';
  const due =
    f.due === 'overdue'
      ? ' that are overdue'
      : f.due === 'no_date'
        ? ' without a due date'
        : f.due
          ? ` due ${f.due.replace('_', ' ')}`
          : '';
  const pod = f.partOfDay ? ` in the ${f.partOfDay}` : '';
  const tag = f.tag ? ` tagged #${f.tag}` : '';
  const text = f.text ? ` matching "${f.text}"` : '';
  const reminders = f.reminders ? ' with reminders' : '';
  return `${status}${prio}tasks${tag}${text}${reminders}${due}${pod}`;
}

/** Open tasks first (what is left matters most), each part in task-number order. */
const shownOrder = (tasks: readonly ToolTask[]) => {
  const byNumber = [...tasks].sort((a, b) => a.id - b.id);
  return [...byNumber.filter((t) => !t.completed), ...byNumber.filter((t) => t.completed)];
};

const localHour = (s: Session, iso: string) => DateTime.fromISO(iso, { zone: time(s).zone }).hour;
const PARTS = { morning: [5, 12], afternoon: [12, 17], evening: [17, 24] } as const;

/** The user's tasks that `f` selects (for lists and "all …" changes). */
async function select(
  s: Session,
  f: Filter,
): Promise<{ tasks: ToolTask[]; filter: Filter; truncated: boolean }> {
  const args: Record<string, unknown> = { status: f.due === 'overdue' ? 'pending' : (f.status ?? 'all') };
  if (f.priority) args.priority = f.priority;
  if (f.due && f.due !== 'no_date') {
    const range = dayRange(f.due, time(s));
    if (range.from) args.due_after = range.from.toISOString();
    if (range.to) args.due_before = range.to.toISOString();
  }
  let filter = f;
  if (f.tag) {
    const known = (await s.tasks()).some((t) => t.tags.includes(f.tag!.toLowerCase()));
    if (known) args.tag = f.tag.toLowerCase();
    else {
      // "my work tasks" without a tag "work": the word is a topic, searched in titles and notes.
      filter = { ...f, tag: undefined, text: f.tag };
    }
  }
  const r = await s.tool<TaskListResult>('list_tasks', args, false);
  if (!r.ok) return { tasks: [], filter, truncated: false };
  let tasks = r.result.tasks;
  // Words match like titles do in commands (stems, typos), not as one literal substring.
  if (filter.text) tasks = matchTasks(tasks, filter.text);
  if (f.numbers) tasks = tasks.filter((t) => f.numbers!.includes(t.id));
  if (f.due === 'no_date') tasks = tasks.filter((t) => !t.due_at);
  if (f.reminders) tasks = tasks.filter((t) => (t.reminders?.length ?? 0) > 0);
  if (f.partOfDay) {
    const [from, to] = PARTS[f.partOfDay];
    tasks = tasks.filter((t) => t.due_at && localHour(s, t.due_at) >= from && localHour(s, t.due_at) < to);
  }
  return { tasks, filter, truncated: r.result.truncated };
}

async function list(s: Session, f: Filter, count: boolean): Promise<string> {
  const selected = await select(s, f);
  const filter = selected.filter;
  const tasks = shownOrder(selected.tasks);
  // Recorded like a tool call, in the order shown, so "the first one" in the next turn is the first line.
  const args = { ...filter } as Record<string, unknown>;
  const shown = { tasks, count: tasks.length, truncated: selected.truncated };
  s.calls.push({ name: 'list_tasks', arguments: args, result: shown });
  s.listed = tasks.map((t) => t.id);
  if (f.numbers && tasks.length === 1) return taskLine(s.voice, tasks[0]!).replace(/^- /, '');
  const what = describeFilter(filter);
  // "show my tasks" lists what is left; done tasks are only counted (they are one "show completed tasks" away).
  const done = filter.doneHidden ? (await s.tasks()).filter((t) => t.completed).length : 0;
  const note =
    done && s.voice.lang === 'en'
      ? `(${done} done ${done === 1 ? 'task is' : 'tasks are'} not shown: say "show completed tasks".)`
      : '';
  if (tasks.length === 0) {
    if (filter.status === 'completed' && !filter.text && !filter.tag && !filter.due)
      return s.voice.lang === 'en' ? "You haven't completed any tasks yet." : say.listEmpty(s.voice, what);
    return [say.listEmpty(s.voice, what), note].filter(Boolean).join('\n');
  }
  const noun = tasks.length === 1 ? what.replace('tasks', 'task') : what;
  if (count) return say.count(s.voice, tasks.length, noun);
  return [say.listHead(s.voice, tasks.length, noun, false), ...tasks.map((t) => taskLine(s.voice, t)), note]
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------- targets

type Resolved =
  | {
      readonly kind: 'tasks';
      readonly tasks: ToolTask[];
      readonly bulk: boolean;
      readonly ambiguous: boolean;
      /** Matched on some words only: confirm before acting. */
      readonly guess?: boolean;
    }
  | { readonly kind: 'reply'; readonly text: string };

const actionKind = (action: PlanAction) =>
  action === 'complete' ? 'pending ' : action === 'reopen' ? 'completed ' : '';

/** "It" is what this turn touched, else what the last turn changed, else what it showed. */
const firstNonEmpty = (...lists: (readonly number[])[]) => lists.find((l) => l.length > 0) ?? [];

async function resolve(s: Session, target: Target, action: PlanAction): Promise<Resolved> {
  const all = await s.tasks();
  const byId = (ids: readonly number[]) =>
    ids.map(
      (id) =>
        all.find((t) => t.id === id) ??
        ({
          id,
          title: `task ${id}`,
          description: '',
          completed: false,
          priority: 'medium',
          due_at: null,
          tags: [],
        } satisfies ToolTask),
    );
  switch (target.kind) {
    case 'numbers': {
      const missing = target.numbers.filter((n) => !all.some((t) => t.id === n));
      if (missing.length > 0 && all.length < LOOKUP_LIMIT)
        return { kind: 'reply', text: say.notFoundNumber(s.voice, missing[0]!) };
      return {
        kind: 'tasks',
        tasks: byId(target.numbers),
        bulk: target.numbers.length > 1,
        ambiguous: false,
      };
    }
    case 'context': {
      const ids = firstNonEmpty(s.touched, s.context.touched, s.context.listed);
      if (ids.length === 0) return { kind: 'reply', text: say.noContext(s.voice) };
      if (!target.plural && ids.length > 1)
        return { kind: 'tasks', tasks: byId(ids), bulk: false, ambiguous: true };
      return {
        kind: 'tasks',
        tasks: byId(target.plural ? ids : [ids.at(-1)!]),
        bulk: target.plural && ids.length > 1,
        ambiguous: false,
      };
    }
    case 'ordinal': {
      const listed = firstNonEmpty(s.listed, s.context.listed, s.context.touched);
      const count = target.count ?? 1;
      const from = target.index < 0 ? listed.length + target.index : target.index;
      // "the first three" of a list of two names tasks that were never shown: ask rather than guess.
      if (from < 0 || from + count > listed.length) return { kind: 'reply', text: say.noContext(s.voice) };
      const ids = listed.slice(from, from + count);
      return { kind: 'tasks', tasks: byId(ids), bulk: ids.length > 1, ambiguous: false };
    }
    case 'set': {
      const tag = target.filter.tag?.toLowerCase();
      if (target.filter.tagOnly && tag && !all.some((t) => t.tags.includes(tag)))
        return resolve(s, { kind: 'title', text: `${tag} list`, quoted: false, plural: false }, action);
      const { tasks } = await select(s, target.filter);
      if (tasks.length === 0)
        return { kind: 'reply', text: say.noneToChange(s.voice, describeFilter(target.filter)) };
      return { kind: 'tasks', tasks, bulk: true, ambiguous: false };
    }
    case 'titles': {
      // Each part must name exactly one task; otherwise say which part is unclear.
      const found: ToolTask[] = [];
      for (const text of target.texts) {
        const r = await resolve(s, { kind: 'title', text, quoted: false, plural: false }, action);
        if (r.kind === 'reply') return r;
        if (r.ambiguous || r.guess || r.tasks.length !== 1)
          return { kind: 'reply', text: say.whichByWords(s.voice, text) };
        found.push(r.tasks[0]!);
      }
      return { kind: 'tasks', tasks: found, bulk: found.length > 1, ambiguous: false };
    }
    case 'title':
    case 'paraphrase': {
      const match = target.kind === 'paraphrase' ? matchParaphrase : matchTasks;
      const prefer =
        action === 'complete'
          ? all.filter((t) => !t.completed)
          : action === 'reopen'
            ? all.filter((t) => t.completed)
            : all;
      let found = match(prefer, target.text);
      if (found.length === 0 && prefer !== all) found = match(all, target.text);
      if (found.length === 0) {
        const near = partialMatch(prefer, target.text);
        if (near.length === 1)
          return { kind: 'tasks', tasks: near, bulk: false, ambiguous: false, guess: true };
        return {
          kind: 'reply',
          text: say.notFoundTitle(
            s.voice,
            target.text,
            target.kind === 'paraphrase' ? 'pending ' : actionKind(action),
          ),
        };
      }
      // Several matches: one pending among done ones is what "mark X done" means.
      if (found.length > 1 && action === 'complete') {
        const open = found.filter((t) => !t.completed);
        if (open.length === 1) found = open;
      }
      const plural = target.kind === 'title' && target.plural;
      return {
        kind: 'tasks',
        tasks: found,
        bulk: plural && found.length > 1,
        ambiguous: !plural && found.length > 1,
      };
    }
  }
}

/** Tasks sharing at least one distinctive word (4+ letters) with the phrase: a guess to confirm, never to act on. */
function partialMatch(tasks: readonly ToolTask[], phrase: string): ToolTask[] {
  const want = keyWords(phrase).filter((w) => w.length >= 4);
  if (want.length === 0) return [];
  return tasks.filter((t) => keyWords(t.title).some((w) => want.includes(w)));
}

// ---------------------------------------------------------------- changes

/**
 * `title` with its word closest to `word` (a typo of it: a third of its letters wrong at most) spelled as `word`,
 * keeping a capital; null when no word is that close or the word is already there.
 */
function respelled(title: string, word: string): string | null {
  const words = title.split(' ');
  const max = Math.max(1, Math.floor(word.length / 3));
  let best = -1;
  let bestDistance = max + 1;
  words.forEach((w, i) => {
    const bare = w.replace(/[^\p{L}'-]/gu, '');
    const d = editDistance(bare.toLowerCase(), word.toLowerCase(), max);
    if (d > 0 && d < bestDistance) [best, bestDistance] = [i, d];
  });
  if (best < 0) return null;
  const old = words[best]!;
  const spelled = /^\p{Lu}/u.test(old) ? word[0]!.toUpperCase() + word.slice(1) : word;
  words[best] = old.replace(/[\p{L}'-]+/u, spelled);
  return words.join(' ');
}

/** The update_task arguments that make `c` true of `task`, or why it cannot be done. */
function patchFor(
  s: Session,
  task: ToolTask,
  c: Changes,
): { args: Record<string, unknown> } | { error: string; ask?: string } {
  const args: Record<string, unknown> = { task_id: task.id };
  const t = time(s);
  if (c.title !== undefined) args.title = c.title;
  if (c.respell !== undefined) {
    const title = respelled(task.title, c.respell);
    if (!title) return { error: `task ${task.id} “${task.title}” has no word like “${c.respell}”` };
    args.title = title;
  }
  if (c.priority) args.priority = c.priority;
  if (c.due === null) args.due_at = null;
  else if (c.due && !c.due.hasTime && task.due_at) {
    // "move the dentist to friday" keeps its 3 pm.
    const old = DateTime.fromISO(task.due_at, { zone: t.zone });
    args.due_at = atTimeOfDay(c.due.at, old.hour * 60 + old.minute, t).toISOString();
  } else if (c.due) args.due_at = c.due.at.toISOString();
  if (c.timeOfDay !== undefined) {
    const base = task.due_at ? new Date(task.due_at) : t.now;
    let at = atTimeOfDay(base, c.timeOfDay, t);
    if (!task.due_at && at <= t.now) at = atTimeOfDay(new Date(at.getTime() + 86_400_000), c.timeOfDay, t);
    args.due_at = at.toISOString();
  }
  if (c.shiftDays) {
    const base = task.due_at
      ? DateTime.fromISO(task.due_at, { zone: t.zone })
      : DateTime.fromJSDate(t.now, { zone: t.zone }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    args.due_at = base.plus({ days: c.shiftDays }).toUTC().toISO();
  }
  if (c.shiftMinutes) {
    // "an hour later" is later than the task's time; a task without one has nothing to move from.
    if (!task.due_at) return { error: `task ${task.id} “${task.title}” has no due time to move` };
    args.due_at = DateTime.fromISO(task.due_at, { zone: t.zone })
      .plus({ minutes: c.shiftMinutes })
      .toUTC()
      .toISO();
  }
  if (c.addTags || c.removeTags || c.clearTags) {
    let tags = c.clearTags ? [] : [...task.tags];
    if (c.removeTags) {
      const gone = c.removeTags.filter((x) => tags.includes(x));
      if (gone.length === 0)
        return {
          error: `task ${task.id} “${task.title}” has no tag ${c.removeTags.map((x) => `#${x}`).join(', ')}`,
        };
      tags = tags.filter((x) => !c.removeTags!.includes(x));
    }
    if (c.addTags) tags = [...new Set([...tags, ...c.addTags])];
    args.tags = tags;
  }
  if (c.description !== undefined) args.description = c.description;
  if (c.appendDescription)
    args.description = task.description ? `${task.description}\n${c.appendDescription}` : c.appendDescription;
  if (c.repeat !== undefined) {
    args.recurrence = c.repeat ? c.repeat.rrule : null;
    // A task that starts repeating needs a first occurrence to be due at.
    if (c.repeat && !task.due_at && args.due_at === undefined) args.due_at = c.repeat.first.toISOString();
    // "change the gym to tuesdays and thursdays": a Monday due date moves to the rule's next day, same time.
    if (c.repeat && task.due_at && args.due_at === undefined) {
      const old = new Date(task.due_at);
      const next = firstOccurrence(c.repeat.rrule, old, old, t.zone);
      if (next && next.getTime() !== old.getTime()) args.due_at = next.toISOString();
    }
  }
  if (c.remindOnDay) {
    // "the morning of": 9 am on the due day; "the evening before": 8 pm the day before.
    if (!task.due_at) return { error: 'no due time', ask: say.remindWhenTask(s.voice, task.id, task.title) };
    const day = DateTime.fromISO(task.due_at, { zone: t.zone }).plus({ days: c.remindOnDay.days }).toJSDate();
    const at = atTimeOfDay(day, c.remindOnDay.minutes, t);
    if (at >= new Date(task.due_at) || at <= t.now)
      return { error: `that time is not before task ${task.id} “${task.title}” is due and still ahead` };
    args.add_reminders = ruleArgs([{ at }]);
  }
  if (c.reminders || c.addReminders) {
    const rules = c.reminders ?? c.addReminders!;
    const due = args.due_at !== undefined ? (args.due_at as string | null) : task.due_at;
    const problem = leadProblem(s.voice, task, rules, due, t.now);
    if (problem) return 'ask' in problem ? { error: 'no due time', ask: problem.ask } : problem;
    if (c.reminders && c.reminders.length === 0 && task.reminders?.length === 0)
      return { error: `task ${task.id} “${task.title}” has no reminders` };
    if (c.reminders) args.reminders = ruleArgs(c.reminders);
    else args.add_reminders = ruleArgs(c.addReminders!);
  }
  if (Object.keys(args).length === 1) return { error: 'nothing to change' };
  return { args };
}

/** "priority high, due tomorrow at 9 am" — what an update did, for the reply. */
function describeChange(s: Session, args: Record<string, unknown>, before: ToolTask): string {
  const v = s.voice;
  const parts: string[] = [];
  if (typeof args.title === 'string') parts.push(field.renamed(v, args.title));
  if (typeof args.priority === 'string' && args.priority) parts.push(field.priority(v, args.priority));
  if (args.due_at === null) parts.push(field.noDue(v));
  else if (typeof args.due_at === 'string' && args.due_at) parts.push(field.due(v, args.due_at));
  if (args.tags) {
    const tags = args.tags as string[];
    const added = tags.filter((x) => !before.tags.includes(x));
    const removed = before.tags.filter((x) => !tags.includes(x));
    if (added.length) parts.push(field.tagged(v, added.map((x) => `#${x}`).join(' ')));
    if (removed.length) parts.push(field.untagged(v, removed.map((x) => `#${x}`).join(' ')));
  }
  if (args.description !== undefined)
    parts.push(args.description === '' ? field.noteCleared(v) : field.noteUpdated(v));
  if (args.recurrence === null) parts.push(field.noRepeat(v));
  else if (typeof args.recurrence === 'string')
    parts.push(field.repeating(v, describeRrule(args.recurrence)));
  return field.join(v, parts);
}

/** The reply to a change of reminders only: when they will go off, or that they are off. */
function reminderReply(
  s: Session,
  args: Record<string, unknown>,
  before: ToolTask,
  id: number,
  title: string,
): string | null {
  const keys = Object.keys(args).filter((k) => k !== 'task_id');
  if (keys.length !== 1 || (keys[0] !== 'reminders' && keys[0] !== 'add_reminders')) return null;
  const rules = (args[keys[0]] as ({ at: string } | { before: string })[]).map((r) =>
    'at' in r ? { at: new Date(r.at) } : r,
  );
  if (rules.length === 0) return say.remindersOff(s.voice, id, title);
  return `${say.aboutTask(s.voice, id, title)} ${reminderSentence(s.voice, rules, before.due_at, !!before.recurrence)}`;
}

const TOOL_OF: Record<PlanAction, string> = {
  complete: 'complete_task',
  reopen: 'reopen_task',
  delete: 'delete_task',
  update: 'update_task',
  add: 'add_task',
};

/** Runs one planned change and says what happened to that task. */
async function applyItem(s: Session, action: PlanAction, item: PlanItem, before?: ToolTask): Promise<string> {
  if (action === 'complete' && before?.completed) return say.alreadyDone(s.voice, before.id, before.title);
  if (action === 'reopen' && before && !before.completed && before.title !== `task ${before.id}`)
    return say.alreadyOpen(s.voice, before.id, before.title);
  const r = await s.tool<TaskChange>(TOOL_OF[action], item.args);
  if (!r.ok) {
    return r.code === 'not_found' && item.task_id !== null
      ? say.notFoundNumber(s.voice, item.task_id)
      : say.failed(s.voice, r.error);
  }
  const id = r.result.task_id;
  s.touched.push(id);
  switch (action) {
    case 'complete':
      return say.completed(s.voice, id, r.result.title);
    case 'reopen':
      return say.reopened(s.voice, id, r.result.title);
    case 'delete':
      return say.deleted(s.voice, id, r.result.title);
    case 'add':
      return say.added(s.voice, id, r.result.title, []);
    case 'update': {
      const reminded = before && reminderReply(s, item.args, before, id, r.result.title);
      if (reminded) return reminded;
      const what = before ? describeChange(s, item.args, before) : 'updated';
      const updated = say.updated(s.voice, id, before?.title ?? r.result.title, what);
      // "friday at 3pm" answering "when is it due?": the new due time, and when the reminder now goes off.
      const rules = rulesFromArgs(item.args.add_reminders ?? item.args.reminders);
      if (!before || rules.length === 0) return updated;
      const due = item.args.due_at !== undefined ? (item.args.due_at as string | null) : before.due_at;
      return `${updated} ${reminderSentence(s.voice, rules, due, !!before.recurrence)}`;
    }
  }
}

const VERB: Record<PlanAction, string> = {
  complete: 'mark as done',
  reopen: 'reopen',
  delete: 'delete',
  update: 'change',
  add: 'add',
};
/** The same, said of one task: "I'll mark it as done". */
const VERB_IT: Record<PlanAction, string> = {
  complete: 'mark it as done',
  reopen: 'reopen it',
  delete: 'delete it',
  update: 'change it',
  add: 'add it',
};

/** A change on resolved tasks: act, ask which, or ask to confirm. */
async function change(
  s: Session,
  action: Exclude<PlanAction, 'add'>,
  target: Target,
  changes?: Changes,
): Promise<string> {
  let found = await resolve(s, target, action);
  // "take 'family' off the kids pickup": when the words miss, the one task carrying that tag is meant.
  if (found.kind === 'reply' && changes?.removeTags && target.kind === 'title') {
    const tagged = (await s.tasks()).filter((t) =>
      changes.removeTags!.some((x) => t.tags.includes(x.toLowerCase())),
    );
    if (tagged.length === 1) found = { kind: 'tasks', tasks: tagged, bulk: false, ambiguous: false };
  }
  if (found.kind === 'reply') return found.text;
  const items: PlanItem[] = [];
  const errors: string[] = [];
  const asks: string[] = [];
  // In number order, as people read a list.
  const targets =
    found.tasks.length > 1 && target.kind !== 'numbers'
      ? [...found.tasks].sort((a, b) => a.id - b.id)
      : found.tasks;
  for (const task of targets) {
    if (action === 'update') {
      const p = patchFor(s, task, changes!);
      if ('error' in p) {
        errors.push(p.error);
        if (p.ask) asks.push(p.ask);
      } else items.push({ task_id: task.id, title: task.title, args: p.args });
    } else items.push({ task_id: task.id, title: task.title, args: { task_id: task.id } });
  }
  // A reminder before a task with no due time: ask for the time, never guess it or drop the request.
  if (items.length === 0 && asks.length > 0 && !found.ambiguous) {
    // "10 minutes before" a task with no due time asks when it is due; the answer sets it, and the lead applies.
    const leads = (changes?.reminders ?? changes?.addReminders ?? []).filter((r) => 'before' in r);
    if (found.tasks.length === 1)
      askWhen(s, found.tasks[0]!, leads.length ? 'due' : 'reminder', leads.length ? leads : undefined);
    return asks[0]!;
  }
  if (items.length === 0) return `I couldn't do that: ${errors[0] ?? 'nothing to change'}. Nothing changed.`;
  const byId = new Map(found.tasks.map((t) => [t.id, t]));
  const lines = items.map((i) => taskLine(s.voice, byId.get(i.task_id!)!));

  if (found.ambiguous) {
    const plan: Plan = { action, awaiting: 'choice', items, summary: `${VERB[action]} one task` };
    s.recordPlan(plan);
    s.listed = items.map((i) => i.task_id!);
    return say.which(s.voice, VERB[action], lines);
  }
  // "all …" and "my meetings" are searches: always shown before they change anything.
  const search = (target.kind === 'set' || (target.kind === 'title' && target.plural)) && items.length > 1;
  if (
    search ||
    found.guess ||
    (action === 'delete' && items.length > 1) ||
    items.length > DIRECT_CHANGE_MAX
  ) {
    const summary = found.guess
      ? plan.guess(s.voice, VERB_IT[action])
      : planSummary(s, action, items, changes);
    s.recordPlan({ action, awaiting: 'confirm', items, summary });
    const skipped = errors.length ? [`(Skipped: ${errors.join('; ')}.)`] : [];
    return say.confirm(s.voice, summary, [...lines, ...skipped]);
  }
  const out: string[] = [];
  for (const item of items) out.push(await applyItem(s, action, item, byId.get(item.task_id!)));
  if (errors.length) out.push(say.notChanged(s.voice, errors.join('; ')));
  return out.join('\n');
}

function planSummary(s: Session, action: PlanAction, items: readonly PlanItem[], changes?: Changes): string {
  const [v, n] = [s.voice, items.length];
  if (action !== 'update') return plan[action](v, n);
  if (changes?.timeOfDay !== undefined || changes?.due || changes?.shiftDays || changes?.shiftMinutes)
    return plan.move(v, n, n === 1 || changes?.due ? String(items[0]!.args.due_at) : null);
  return changes?.priority ? plan.priority(v, n, changes.priority) : plan.change(v, n);
}

// ---------------------------------------------------------------- plans waiting for an answer

async function applyPlan(s: Session, plan: Plan, items: readonly PlanItem[]): Promise<string> {
  const all = await s.tasks();
  const out: string[] = [];
  for (const item of items)
    out.push(
      await applyItem(
        s,
        plan.action,
        item,
        all.find((t) => t.id === item.task_id),
      ),
    );
  return out.join('\n');
}

async function answerPlan(s: Session, plan: Plan, intent: Intent, message: string): Promise<string | null> {
  if (intent.type === 'cancel') return say.cancelled(s.voice);
  if (plan.awaiting === 'when')
    return intent.type === 'when' ? answerWhenAsked(s, plan, intent.changes) : null;
  if (plan.awaiting === 'confirm') {
    if (intent.type === 'confirm' || (intent.type === 'choose' && intent.all))
      return applyPlan(s, plan, plan.items);
    return null; // anything else: the plan lapses and the message is read on its own
  }
  // awaiting a choice
  if (intent.type === 'choose') {
    if (intent.all) {
      if (plan.action === 'delete' && plan.items.length > 1) {
        const summary = planSummary(s, plan.action, plan.items);
        s.recordPlan({ ...plan, awaiting: 'confirm', summary });
        return say.confirm(
          s.voice,
          summary,
          plan.items.map((i) => `- #${i.task_id} ${i.title}`),
        );
      }
      return applyPlan(s, plan, plan.items);
    }
    const item =
      intent.number !== undefined
        ? plan.items.find((i) => i.task_id === intent.number)
        : intent.index !== undefined
          ? intent.index < 0
            ? plan.items.at(intent.index)
            : plan.items[intent.index]
          : undefined;
    if (!item) {
      s.recordPlan(plan);
      return say.notOneOfThem(
        s.voice,
        VERB[plan.action],
        plan.items.map((i) => `- #${i.task_id} ${i.title}`),
      );
    }
    return applyPlan(s, plan, [item]);
  }
  if (intent.type === 'confirm' && plan.items.length === 1) return applyPlan(s, plan, plan.items);
  // "the one with Sara": words naming exactly one of the candidates.
  if (intent.type === 'unknown' || intent.type === 'maybe_add' || intent.type === 'list') {
    const words = message.replace(/^(?:the\s+one\s+(?:with|about|for|called|named)|the|that|this)\s+/i, '');
    const tasks = plan.items.map((i) => ({
      id: i.task_id!,
      title: i.title,
      description: '',
      completed: false,
      priority: 'medium' as const,
      due_at: null,
      tags: [],
    }));
    const chosen = matchTasks(tasks, words);
    if (chosen.length === 1)
      return applyPlan(
        s,
        plan,
        plan.items.filter((i) => i.task_id === chosen[0]!.id),
      );
  }
  // A title fragment naming exactly one of the candidates.
  if (
    (intent.type === 'complete' ||
      intent.type === 'delete' ||
      intent.type === 'reopen' ||
      intent.type === 'update') &&
    intent.target.kind === 'numbers'
  ) {
    const chosen = plan.items.filter(
      (i) => intent.target.kind === 'numbers' && intent.target.numbers.includes(i.task_id!),
    );
    if (chosen.length === 1 && intent.type === plan.action) return applyPlan(s, plan, chosen);
  }
  return null;
}

// ---------------------------------------------------------------- one intent

export async function execute(s: Session, intent: Intent, message: string): Promise<string> {
  const v = s.voice;
  switch (intent.type) {
    case 'greet':
      return say.greet(v);
    case 'thanks':
      return say.thanks(v);
    case 'help':
      return say.help(v);
    case 'offtopic':
      return say.offtopic(v);
    case 'vent':
      return say.vent(v);
    case 'unknown':
      return say.unknown(v, message.trim().slice(0, 120));
    case 'confirm':
      return say.nothingPending(v);
    case 'cancel':
      // "cancel that" right after a change: take it back, and say so (never leave the user thinking it is gone).
      return intent.revert && s.context.lastChanges.length ? undo(s, 1) : say.cancelled(v);
    case 'correct':
      return correct(s, intent.target);
    case 'when':
      return answerWhen(s, intent.changes, message);
    case 'choose':
      if (intent.number !== undefined) return say.numberAlone(v, intent.number);
      return say.nothingPending(v);
    case 'clarify':
      return clarify(s, intent.question);
    case 'maybe_add': {
      const item: PlanItem = { task_id: null, title: intent.task.title, args: addArgs(intent.task) };
      s.recordPlan({
        action: 'add',
        awaiting: 'confirm',
        items: [item],
        summary: `Add “${intent.task.title}”`,
      });
      return say.offerAdd(v, intent.task.title);
    }
    case 'add':
      return add(s, intent.tasks);
    case 'list':
      return list(s, intent.filter, intent.count);
    case 'complete':
    case 'reopen':
    case 'delete':
      return change(s, intent.type, intent.target);
    case 'update':
      return change(s, 'update', intent.target, intent.changes);
    case 'retitle_tail':
      return retitle(s, intent.words, message);
    case 'undo':
      return undo(s, intent.groups);
    case 'remind':
      return remind(s, intent);
    case 'snooze':
      return snooze(s, intent.target, intent.minutes);
    case 'history':
      return history(s);
    case 'mention': {
      const found = await resolve(s, intent.target, 'update');
      if (found.kind === 'tasks' && !found.ambiguous) s.touched = found.tasks.map((t) => t.id);
      return '';
    }
  }
}

/** Runs a message's intents in order; a pending plan gets first say on the answer. */
export async function executeAll(s: Session, intents: readonly Intent[], message: string): Promise<string> {
  const plan = s.context.plan;
  if (plan && intents.length === 1) {
    const answered = await answerPlan(s, plan, intents[0]!, message);
    if (answered !== null) return answered;
  }
  const out: string[] = [];
  for (const [n, intent] of intents.entries()) {
    // "I didn't do the groceries yet, put it back on the list": the second clause repeats the first.
    const prev = intents[n - 1];
    // Two updates are two different changes ("it's urgent and it's due friday"): both run.
    if (
      prev &&
      prev.type === intent.type &&
      intent.type !== 'update' &&
      'target' in intent &&
      intent.target.kind === 'context'
    )
      continue;
    out.push(await execute(s, intent, message));
  }
  return out.filter(Boolean).join('\n');
}

async function clarify(s: Session, q: Extract<Intent, { type: 'clarify' }>['question']): Promise<string> {
  switch (q.kind) {
    case 'no_title':
      return say.noTitle(s.voice);
    case 'bad_date':
      return say.badDate(s.voice, q.text);
    case 'which_task':
      return say.noContext(s.voice);
    case 'vague_list':
      return say.vagueList(s.voice);
    case 'remind_what':
      return say.remindWhat(s.voice);
    case 'which_reminder':
      return say.whichReminder(s.voice);
    case 'what_to_change': {
      const found = await resolve(s, q.target, 'update');
      return say.whatToChange(
        s.voice,
        found.kind === 'tasks' && found.tasks.length === 1 ? found.tasks[0]! : null,
      );
    }
  }
}

const ACTION_OF: Readonly<Record<string, Exclude<PlanAction, 'add'>>> = {
  complete_task: 'complete',
  reopen_task: 'reopen',
  delete_task: 'delete',
  update_task: 'update',
};

/**
 * "no, the one for Priya": the previous turn made one change to the wrong task. The task meant is found first;
 * only when it is one clear task is the change taken back and made to it. Otherwise nothing changes and we ask.
 */
async function correct(s: Session, target: Target): Promise<string> {
  const plan = s.context.plan;
  if (plan && plan.action !== 'add' && plan.action !== 'update') return change(s, plan.action, target);
  const last = s.context.lastChanges;
  // "add call jon", then "I meant call John": the task just added gets the wording meant.
  if (!plan && last.length === 1 && last[0]!.name === 'add_task' && target.kind === 'title') {
    const title = target.text.charAt(0).toUpperCase() + target.text.slice(1);
    return change(s, 'update', { kind: 'context', plural: false }, { title });
  }
  const action = last.length === 1 ? ACTION_OF[last[0]!.name] : undefined;
  if (!action || plan) return say.whichCorrection(s.voice);
  const found = await resolve(s, target, action);
  if (found.kind === 'reply') return found.text;
  const wrongId = (last[0]!.result as { task_id: number }).task_id;
  if (found.tasks.length !== 1 || found.ambiguous || found.tasks[0]!.id === wrongId)
    return say.whichCorrection(s.voice);
  const meant = found.tasks[0]!;
  const undone = await undo(s, 1);
  const item: PlanItem = {
    task_id: meant.id,
    title: meant.title,
    args: { ...last[0]!.arguments, task_id: meant.id },
  };
  return `${undone}\n${await applyItem(s, action, item, meant)}`;
}

/** Whether the previous reply added exactly one task and nothing waits for an answer: what "it" then means. */
const justAddedOne = (s: Session) =>
  !s.context.plan && s.context.lastChanges.length === 1 && s.context.lastChanges[0]!.name === 'add_task';

/**
 * "at 3pm", "tomorrow morning" right after a task was added: its due time. Anywhere else, with no "when?" open,
 * a bare time means nothing to act on.
 */
async function answerWhen(s: Session, changes: Changes, message: string): Promise<string> {
  if (!justAddedOne(s)) return say.unknown(s.voice, message.trim().slice(0, 120));
  return change(s, 'update', { kind: 'context', plural: false }, changes);
}

/** The answer to "When should I remind you?": the task's due time with its reminder, or a reminder at that time. */
async function answerWhenAsked(s: Session, plan: Plan, changes: Changes): Promise<string> {
  const item = plan.items[0]!;
  const target: Target = { kind: 'numbers', numbers: [item.task_id!] };
  if (plan.when === 'due') {
    // The reminder rules the question was asked for, as the item stored them.
    return change(s, 'update', target, { ...changes, addReminders: rulesFromArgs(item.args.add_reminders) });
  }
  const t = time(s);
  let at = changes.due?.at ?? null;
  if (changes.timeOfDay !== undefined) {
    // "at 5pm" said after 5 pm means tomorrow's.
    at = atTimeOfDay(t.now, changes.timeOfDay, t);
    if (at <= t.now) at = atTimeOfDay(new Date(at.getTime() + 86_400_000), changes.timeOfDay, t);
  }
  if (!at || at <= t.now) {
    askWhen(s, { id: item.task_id!, title: item.title }, 'reminder');
    return say.remindWhenTask(s.voice, item.task_id!, item.title);
  }
  return change(s, 'update', target, { addReminders: [{ at }] });
}

/**
 * "make it dad" right after "add call mom": the words take the place of the title's last word. A guess at which
 * word they replace, so it is offered, never done: "yes" renames.
 */
async function retitle(s: Session, words: string, message: string): Promise<string> {
  const found = justAddedOne(s) ? await resolve(s, { kind: 'context', plural: false }, 'update') : null;
  const task = found?.kind === 'tasks' && found.tasks.length === 1 ? found.tasks[0]! : null;
  const kept = task?.title.split(' ').slice(0, -1) ?? [];
  if (!task || kept.length === 0 || kept.length > 3)
    return say.unknown(s.voice, message.trim().slice(0, 120));
  const title = [...kept, words].join(' ');
  s.recordPlan({
    action: 'update',
    awaiting: 'confirm',
    items: [{ task_id: task.id, title: task.title, args: { task_id: task.id, title } }],
    summary: `Rename task ${task.id} to “${title}”`,
  });
  return say.offerRename(s.voice, task.id, task.title, title);
}

async function undo(s: Session, groups: number): Promise<string> {
  const r = await s.tool<{ undone_groups?: number; reverted?: unknown[]; conflicts?: unknown[] }>('undo', {
    groups,
  });
  if (!r.ok) return r.code === 'not_found' ? say.nothingToUndo(s.voice) : say.failed(s.voice, r.error);
  const undone = r.result.undone_groups ?? 0;
  if (undone === 0) return say.nothingToUndo(s.voice);
  const skipped = Array.isArray(r.result.conflicts) ? r.result.conflicts.length : 0;
  const fewer = undone < groups ? ` There were only ${undone} change${undone === 1 ? '' : 's'} to undo.` : '';
  const kept = skipped
    ? ` ${skipped} task${skipped === 1 ? ' was' : 's were'} changed since, so I left ${skipped === 1 ? 'it' : 'them'} as ${skipped === 1 ? 'it is' : 'they are'}.`
    : '';
  return `${say.undone(s.voice, undone)}${fewer}${kept}`;
}

async function history(s: Session): Promise<string> {
  const r = await s.tool<{ items: { task_id: number; action: string; title: string }[] }>(
    'recent_activity',
    {},
    false,
  );
  if (!r.ok) return say.failed(s.voice, r.error);
  const items = r.result.items;
  if (items.length === 0) return "You haven't changed any tasks today yet.";
  const verbs: Record<string, string> = {
    created: 'added',
    completed: 'completed',
    reopened: 'reopened',
    updated: 'changed',
    deleted: 'deleted',
    restored: 'brought back',
  };
  // Oldest first reads like a diary; each line names the task as it was then.
  const lines = [...items]
    .reverse()
    .map((i) => `- ${verbs[i.action] ?? i.action} task ${i.task_id} “${i.title}”`);
  const done = items.filter((i) => i.action === 'completed').length;
  const head = `Today you made ${items.length} change${items.length === 1 ? '' : 's'}${done ? ` and completed ${done} task${done === 1 ? '' : 's'}` : ''}:`;
  return [head, ...lines].join('\n');
}

// ---------------------------------------------------------------- reminders

/** "remind me about the report tomorrow at 9": on the task named; a name that is no task adds it. */
async function remind(s: Session, intent: Extract<Intent, { type: 'remind' }>): Promise<string> {
  const found = await resolve(s, intent.target, 'update');
  if (found.kind === 'reply') {
    if (intent.target.kind !== 'title') return found.text;
    return add(s, [{ ...intent.task, remindAsked: true }]);
  }
  const rules = intent.at ? [{ at: intent.at.at }] : [{ before: 'PT0S' }];
  if (found.tasks.length === 1 && !found.ambiguous && !found.guess && !intent.at && !found.tasks[0]!.due_at) {
    askWhen(s, found.tasks[0]!, 'reminder');
    return say.remindWhenTask(s.voice, found.tasks[0]!.id, found.tasks[0]!.title);
  }
  return change(s, 'update', intent.target, { addReminders: rules });
}

/** "snooze it 10 minutes": the task's reminder that went off, again later; none went off yet: remind then. */
async function snooze(s: Session, target: Target, minutes: number): Promise<string> {
  const found = await resolve(s, target, 'update');
  if (found.kind === 'reply') return target.kind === 'context' ? say.snoozeWhich(s.voice) : found.text;
  if (found.tasks.length !== 1 || found.ambiguous || found.guess) {
    const lines = found.tasks.map((t) => taskLine(s.voice, t));
    return [say.snoozeWhich(s.voice), ...lines].join('\n');
  }
  const task = found.tasks[0]!;
  const r = await s.tool<TaskChange & { reminders_at?: string[] }>('snooze_reminder', {
    task_id: task.id,
    minutes,
  });
  if (r.ok) {
    s.touched.push(task.id);
    const at = r.result.reminders_at?.[0] ?? new Date(time(s).now.getTime() + minutes * 60_000);
    return say.snoozed(s.voice, task.id, task.title, when(s.voice, at));
  }
  // Nothing went off yet ("remind me again in an hour" before any reminder): a reminder at that time does it.
  if (r.code === 'not_found' && !task.completed)
    return change(
      s,
      'update',
      { kind: 'numbers', numbers: [task.id] },
      {
        addReminders: [{ at: new Date(time(s).now.getTime() + minutes * 60_000) }],
      },
    );
  return say.failed(s.voice, r.error);
}
