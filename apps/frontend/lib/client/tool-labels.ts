import {
  bulkResultSchema,
  planSchema,
  PREVIEW_STEP,
  previewResultSchema,
  recentActivityResultSchema,
  taskChangeSchema,
  taskListResultSchema,
  toolErrorResultSchema,
  type ToolErrorResult,
  undoResultSchema,
  type TaskChange,
} from '@todo/shared';
import { pageTranslator, type Translate } from '@/i18n/client';

/*
 * What a tool call in a chat reply reads as: plain words ("Added task 3", "Waiting for your yes: delete 2 tasks",
 * "Undid the last change"), never JSON. Results are parsed with the shared tool-result schemas, so a shape the
 * backend does not send cannot be shown as if it had.
 */

/*
 * A question waiting for the next message (not a change), recorded as a `preview_changes` tool call. The local
 * agent's arguments are its plan ({action, awaiting, items, summary}); the OpenAI agent's are the change it
 * proposes ({action, task_ids, ...}). Both answer {awaiting, tasks: [{id, title}]}, so the result is read first.
 */
export { PREVIEW_STEP };

export interface Question {
  awaiting: 'confirm' | 'choice' | 'when';
  items: { task_id: number | null; title: string }[];
}

/** A due time as the call gave it: an instant (ISO; null clears it) or the user's words ("tomorrow 9am"). */
export type DueFact = { at: string | null } | { phrase: string };

/** What a call that succeeded did, in facts the sentence is built from (tool-sentence.ts words them). */
export type ToolFacts =
  | {
      kind: 'task';
      status: TaskChange['status'] | 'snoozed';
      taskId: number;
      title: string;
      due?: DueFact;
      /** The other fields the call set, as [field, value] ("priority", "high"). */
      fields: Row[];
      /** Reminder times the task now has (ISO instants). */
      remindersAt?: string[];
    }
  | {
      kind: 'bulk';
      /** One status for all, or 'mixed'. */
      status: TaskChange['status'] | 'mixed';
      items: { taskId: number; title: string | null; status: string }[];
    }
  | {
      /** A read-only look the agent took on the way: folded away in the chat. */
      kind: 'lookup';
      what: 'tasks' | 'recent changes';
      items: { taskId: number; title: string; note?: string }[];
    };

export interface ToolActivity {
  key: string;
  name: string;
  /** What happened, in words ("Added task 3"). */
  label: string;
  /** The task's title or a short note ("buy milk"). */
  detail?: string;
  /** The one task the call changed: the chip follows that task's live state (title, done, deleted). */
  taskId?: number;
  state: 'running' | 'done' | 'failed';
  /** True when the call changed tasks, so the task list must reload. */
  changed: boolean;
  /** A question the reply is waiting on (quick replies answer it). */
  question?: Question;
  facts?: ToolFacts;
}

function describePreview(
  key: string,
  args: Record<string, unknown>,
  result: unknown,
  done: boolean,
  t: Translate,
): ToolActivity {
  const base = { key, name: PREVIEW_STEP, changed: false } as const;
  const failed = toolErrorResultSchema.safeParse(result);
  if (failed.success)
    return {
      ...base,
      label: t('previewFailed'),
      detail: toolErrorText(failed.data, args, t),
      state: 'failed',
    };
  const answered = previewResultSchema.safeParse(result);
  const plan = planSchema.safeParse(args);
  const question: Question | undefined = answered.success
    ? {
        awaiting: answered.data.awaiting,
        items: answered.data.tasks.map((t) => ({ task_id: t.id, title: t.title })),
      }
    : plan.success
      ? { awaiting: plan.data.awaiting, items: plan.data.items }
      : undefined;
  if (!question)
    return done
      ? { ...base, label: t('asked'), state: 'done' }
      : { ...base, label: t('preparing'), state: 'running' };
  // The plan's action, worded by the catalog's select ("delete", "move"; anything else "change").
  const verb = typeof args.action === 'string' ? args.action : 'update';
  return {
    ...base,
    label:
      question.awaiting === 'confirm'
        ? t('waitConfirm', { verb, count: question.items.length })
        : question.awaiting === 'when'
          ? t('waitWhen', { id: question.items[0]?.task_id ?? '' })
          : t('waitChoice', { verb }),
    detail: (plan.success && plan.data.summary) || undefined,
    state: 'done',
    question,
  };
}

const taskIdOf = (args: Record<string, unknown>) =>
  typeof args.task_id === 'number' ? args.task_id : undefined;

/** "task 3", or "a task" when the number is not known. */
const taskRef = (args: Record<string, unknown>, t: Translate) => {
  const id = taskIdOf(args);
  return id === undefined ? t('aTask') : t('taskN', { id });
};

/**
 * Why a step failed, in the UI's language when the result names its code; history stored before codes existed
 * keeps the backend's English.
 */
function toolErrorText(failed: ToolErrorResult, args: Record<string, unknown>, t: Translate): string {
  switch (failed.code) {
    case undefined:
      return failed.error;
    case 'not_found': {
      const id = taskIdOf(args);
      return id === undefined ? t('failedNotFound') : t('failedNotFoundN', { id });
    }
    case 'invalid_arguments':
      return t('failedInvalid');
    case 'unknown_tool':
      return t('failedUnknownTool');
    case 'quota_exceeded':
      return t('failedQuota');
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const list = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/** The due time a call set, from its arguments (the result does not carry it). */
function dueOf(args: Record<string, unknown>): DueFact | undefined {
  if (args.due_at === null) return { at: null };
  const at = str(args.due_at);
  if (at && !Number.isNaN(Date.parse(at))) return { at };
  const phrase = str(args.due);
  return phrase ? { phrase } : undefined;
}

/**
 * A repeat rule the details table words when shown (the wording needs the rrule library, which stays out of the
 * first load): the task row's summary, "Every Mon · next Dec 7".
 */
export interface RuleValue {
  readonly rule: string;
  readonly due: string | null;
}
/** One [label, value] row of a step's details. */
export type Row = [string, string | RuleValue];

/** The other fields a call set, in words: what the details table lists. */
function fieldsOf(args: Record<string, unknown>, t: Translate): Row[] {
  const out: Row[] = [];
  const priority = str(args.priority);
  if (priority) out.push([t('fieldPriority'), t('priorityValue', { priority })]);
  const tags = list(args.tags);
  if (tags) out.push([t('fieldTags'), tags.join(', ') || t('none')]);
  const added = list(args.add_tags);
  if (added?.length) out.push([t('fieldTagsAdded'), added.join(', ')]);
  const removed = list(args.remove_tags);
  if (removed?.length) out.push([t('fieldTagsRemoved'), removed.join(', ')]);
  // A model's own words ("every sunday") read as they are; a rule (FREQ=…) is worded where it is shown.
  const phrase = str(args.repeat);
  const rule = str(args.recurrence);
  if (phrase) out.push([t('fieldRepeats'), phrase]);
  else if (rule) out.push([t('fieldRepeats'), { rule, due: str(args.due_at) ?? null }]);
  else if (args.recurrence === null) out.push([t('fieldRepeats'), t('noLonger')]);
  const notes = str(args.description) ?? str(args.append_description);
  if (notes) out.push([t('fieldNotes'), notes.length > 80 ? `${notes.slice(0, 79)}…` : notes]);
  return out;
}

/** The catalog key (after `run` / `fail`) of each tool's running and failed wording; `true`: it names the task. */
const STEP: Record<string, [string, boolean]> = {
  add_task: ['Add', false],
  list_tasks: ['List', false],
  complete_task: ['Complete', true],
  reopen_task: ['Reopen', true],
  delete_task: ['Delete', true],
  update_task: ['Update', true],
  undo: ['Undo', false],
  apply_changes: ['Apply', false],
  recent_activity: ['Recent', false],
  snooze_reminder: ['Snooze', true],
};

/** "Completing task 3…", "Couldn't complete task 3": `how` is 'run' or 'fail'. */
function stepLabel(how: 'run' | 'fail', name: string, args: Record<string, unknown>, t: Translate): string {
  const [key, names] = STEP[name] ?? ['Other', false];
  return t(`${how}${key}`, names ? { ref: taskRef(args, t) } : {});
}

/** A bulk result's statuses as one phrase: "Deleted 2 tasks", or "Changed 3 tasks" for a mix. */
function bulkLabel(statuses: string[], t: Translate): string {
  const done = statuses.filter((s) => s !== 'not_found');
  return t('bulk', { status: bulkStatus(statuses), count: done.length });
}

/** The one status every found task of a bulk change got, or 'mixed'. */
function bulkStatus(statuses: string[]): TaskChange['status'] | 'mixed' {
  const kinds = new Set(statuses.filter((s) => s !== 'not_found'));
  return kinds.size === 1 ? ([...kinds][0] as TaskChange['status']) : 'mixed';
}

/**
 * Words for one tool call of a chat reply. `result` undefined with `done` false: the call is still running.
 */
export function describeToolCall(
  key: string,
  name: string,
  args: Record<string, unknown>,
  result: unknown,
  done: boolean,
  t: Translate = pageTranslator('steps'),
): ToolActivity {
  const base = { key, name, changed: false } as const;
  // A question, not a change: the task list stays as it is.
  if (name === PREVIEW_STEP) return describePreview(key, args, result, done, t);
  if (!done && result === undefined)
    return { ...base, label: stepLabel('run', name, args, t), state: 'running' };

  const failed = toolErrorResultSchema.safeParse(result);
  if (failed.success) {
    const label = stepLabel('fail', name, args, t);
    return { ...base, label, detail: toolErrorText(failed.data, args, t), state: 'failed' };
  }
  const change = taskChangeSchema.safeParse(result);
  if (change.success) {
    const { status, task_id, title, reminders_at } = change.data;
    const snoozed = name === 'snooze_reminder';
    return {
      ...base,
      // A snooze answers with the task it reminds of: say what happened to the reminder.
      label: snoozed ? t('snoozedTask', { id: task_id }) : t('doneTask', { status, id: task_id }),
      detail: title,
      taskId: task_id,
      state: 'done',
      changed: true,
      facts: {
        kind: 'task',
        status: snoozed ? 'snoozed' : status,
        taskId: task_id,
        title,
        due: snoozed ? undefined : dueOf(args),
        fields: snoozed ? [] : fieldsOf(args, t),
        remindersAt: reminders_at,
      },
    };
  }
  const found = taskListResultSchema.safeParse(result);
  if (found.success) {
    const n = found.data.count;
    return {
      ...base,
      label: n === 0 ? t('foundNone') : t('lookedUpTasks', { count: n }),
      state: 'done',
      facts: {
        kind: 'lookup',
        what: 'tasks',
        items: found.data.tasks.map((t) => ({ taskId: t.id, title: t.title })),
      },
    };
  }
  const recent = recentActivityResultSchema.safeParse(result);
  if (name === 'recent_activity' && recent.success) {
    const n = recent.data.items.length;
    return {
      ...base,
      label: n === 0 ? t('noRecent') : t('lookedUpRecent', { count: n }),
      state: 'done',
      facts: {
        kind: 'lookup',
        what: 'recent changes',
        items: recent.data.items.map((i) => ({
          taskId: i.task_id,
          title: i.title,
          note: t('statusValue', { status: i.action }),
        })),
      },
    };
  }
  const undone = undoResultSchema.safeParse(result);
  if (undone.success) {
    const { undone_groups: n, reverted, conflicts } = undone.data;
    const label = t('undid', { count: n });
    const parts = reverted.map((r) => t('reverted', { id: r.task_id, outcome: r.outcome }));
    if (conflicts.length) parts.push(t('conflicts', { count: conflicts.length }));
    return { ...base, label, detail: parts.join(', ') || undefined, state: 'done', changed: n > 0 };
  }
  const bulk = bulkResultSchema.safeParse(result);
  if (bulk.success) {
    const statuses = bulk.data.results.map((r) => r.status);
    const missing = statuses.filter((s) => s === 'not_found').length;
    return {
      ...base,
      label: bulkLabel(statuses, t),
      detail: missing ? t('notFound', { count: missing }) : undefined,
      state: 'done',
      changed: missing < statuses.length,
      facts: {
        kind: 'bulk',
        status: bulkStatus(statuses),
        items: bulk.data.results.map((r) => ({ taskId: r.task_id, title: r.title, status: r.status })),
      },
    };
  }
  // A tool this UI does not know yet: say that something ran and reload the list, in case it changed tasks.
  return {
    ...base,
    label: t('ran', { name: name.replace(/[_-]+/g, ' ').trim() || name }),
    state: 'done',
    changed: true,
  };
}
