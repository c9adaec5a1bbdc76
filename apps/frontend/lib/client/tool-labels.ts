import {
  bulkResultSchema,
  planSchema,
  PREVIEW_STEP,
  previewResultSchema,
  recentActivityResultSchema,
  taskChangeSchema,
  taskListResultSchema,
  toolErrorResultSchema,
  undoResultSchema,
  type TaskChange,
} from '@todo/shared';

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
  awaiting: 'confirm' | 'choice';
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
      fields: [string, string][];
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

const plural = (n: number, word = 'task') => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The verb a plan's action reads as ("delete 2 tasks"). */
const PLAN_VERB: Record<string, string> = {
  add: 'add',
  complete: 'complete',
  reopen: 'reopen',
  delete: 'delete',
  update: 'change',
  reschedule: 'move',
};

function describePreview(
  key: string,
  args: Record<string, unknown>,
  result: unknown,
  done: boolean,
): ToolActivity {
  const base = { key, name: PREVIEW_STEP, changed: false } as const;
  const failed = toolErrorResultSchema.safeParse(result);
  if (failed.success)
    return { ...base, label: "Couldn't prepare the preview", detail: failed.data.error, state: 'failed' };
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
      ? { ...base, label: 'Asked you a question', state: 'done' }
      : { ...base, label: 'Preparing a preview…', state: 'running' };
  const verb = PLAN_VERB[typeof args.action === 'string' ? args.action : ''] ?? 'change';
  return {
    ...base,
    label:
      question.awaiting === 'confirm'
        ? `Waiting for your yes: ${verb} ${plural(question.items.length)}`
        : `Waiting for your choice: which task to ${verb}`,
    detail: (plan.success && plan.data.summary) || undefined,
    state: 'done',
    question,
  };
}

const DONE_VERB: Record<TaskChange['status'], string> = {
  created: 'Added',
  completed: 'Completed',
  reopened: 'Reopened',
  deleted: 'Deleted',
  updated: 'Updated',
};

const taskIdOf = (args: Record<string, unknown>) =>
  typeof args.task_id === 'number' ? args.task_id : undefined;

/** "task 3", or "a task" when the number is not known. */
const taskRef = (args: Record<string, unknown>) => {
  const id = taskIdOf(args);
  return id === undefined ? 'a task' : `task ${id}`;
};

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

/** The other fields a call set, in words: what the details table lists. */
function fieldsOf(args: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const priority = str(args.priority);
  if (priority) out.push(['Priority', priority]);
  const tags = list(args.tags);
  if (tags) out.push(['Tags', tags.join(', ') || 'none']);
  const added = list(args.add_tags);
  if (added?.length) out.push(['Tags added', added.join(', ')]);
  const removed = list(args.remove_tags);
  if (removed?.length) out.push(['Tags removed', removed.join(', ')]);
  const repeat = str(args.repeat) ?? str(args.recurrence);
  if (repeat) out.push(['Repeats', repeat]);
  else if (args.recurrence === null) out.push(['Repeats', 'no longer']);
  const notes = str(args.description) ?? str(args.append_description);
  if (notes) out.push(['Notes', notes.length > 80 ? `${notes.slice(0, 79)}…` : notes]);
  return out;
}

function running(name: string, args: Record<string, unknown>): string {
  switch (name) {
    case 'add_task':
      return 'Adding a task…';
    case 'list_tasks':
      return 'Looking up tasks…';
    case 'complete_task':
      return `Completing ${taskRef(args)}…`;
    case 'reopen_task':
      return `Reopening ${taskRef(args)}…`;
    case 'delete_task':
      return `Deleting ${taskRef(args)}…`;
    case 'update_task':
      return `Updating ${taskRef(args)}…`;
    case 'undo':
      return 'Undoing…';
    case 'apply_changes':
      return 'Applying the changes…';
    case 'recent_activity':
      return 'Looking up recent changes…';
    case 'snooze_reminder':
      return `Snoozing the reminder for ${taskRef(args)}…`;
    default:
      return 'Working…';
  }
}

const FAILED: Record<string, (args: Record<string, unknown>) => string> = {
  add_task: () => "Couldn't add the task",
  list_tasks: () => "Couldn't look up tasks",
  complete_task: (a) => `Couldn't complete ${taskRef(a)}`,
  reopen_task: (a) => `Couldn't reopen ${taskRef(a)}`,
  delete_task: (a) => `Couldn't delete ${taskRef(a)}`,
  update_task: (a) => `Couldn't update ${taskRef(a)}`,
  undo: () => "Couldn't undo",
  apply_changes: () => "Couldn't apply the changes",
  recent_activity: () => "Couldn't look up recent changes",
  snooze_reminder: (a) => `Couldn't snooze the reminder for ${taskRef(a)}`,
};

/** A bulk result's statuses as one phrase: "Deleted 2 tasks", or "Changed 3 tasks" for a mix. */
function bulkLabel(statuses: string[]): string {
  const done = statuses.filter((s) => s !== 'not_found') as TaskChange['status'][];
  const kinds = new Set(done);
  const verb = kinds.size === 1 ? DONE_VERB[done[0]!] : 'Changed';
  return `${verb} ${plural(done.length)}`;
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
): ToolActivity {
  const base = { key, name, changed: false } as const;
  // A question, not a change: the task list stays as it is.
  if (name === PREVIEW_STEP) return describePreview(key, args, result, done);
  if (!done && result === undefined) return { ...base, label: running(name, args), state: 'running' };

  const failed = toolErrorResultSchema.safeParse(result);
  if (failed.success) {
    const label = FAILED[name]?.(args) ?? "Couldn't finish a step";
    return { ...base, label, detail: failed.data.error, state: 'failed' };
  }
  const change = taskChangeSchema.safeParse(result);
  if (change.success) {
    const { status, task_id, title, reminders_at } = change.data;
    const snoozed = name === 'snooze_reminder';
    return {
      ...base,
      // A snooze answers with the task it reminds of: say what happened to the reminder.
      label:
        name === 'snooze_reminder'
          ? `Snoozed the reminder for task ${task_id}`
          : `${DONE_VERB[status]} task ${task_id}`,
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
        fields: snoozed ? [] : fieldsOf(args),
        remindersAt: reminders_at,
      },
    };
  }
  const found = taskListResultSchema.safeParse(result);
  if (found.success) {
    const n = found.data.count;
    return {
      ...base,
      label: n === 0 ? 'Found no matching tasks' : `Looked up ${plural(n)}`,
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
      label: n === 0 ? 'No recent changes' : `Looked up ${plural(n, 'recent change')}`,
      state: 'done',
      facts: {
        kind: 'lookup',
        what: 'recent changes',
        items: recent.data.items.map((i) => ({ taskId: i.task_id, title: i.title, note: i.action })),
      },
    };
  }
  const undone = undoResultSchema.safeParse(result);
  if (undone.success) {
    const { undone_groups: n, reverted, conflicts } = undone.data;
    const label =
      n === 0 ? 'Nothing to undo' : n === 1 ? 'Undid the last change' : `Undid the last ${n} changes`;
    const parts = reverted.map((r) => `task ${r.task_id} ${r.outcome}`);
    if (conflicts.length) parts.push(`${plural(conflicts.length)} changed since, left as they are`);
    return { ...base, label, detail: parts.join(', ') || undefined, state: 'done', changed: n > 0 };
  }
  const bulk = bulkResultSchema.safeParse(result);
  if (bulk.success) {
    const statuses = bulk.data.results.map((r) => r.status);
    const missing = statuses.filter((s) => s === 'not_found').length;
    return {
      ...base,
      label: bulkLabel(statuses),
      detail: missing ? `${plural(missing)} not found` : undefined,
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
    label: `Ran ${name.replace(/[_-]+/g, ' ').trim() || 'a step'}`,
    state: 'done',
    changed: true,
  };
}
