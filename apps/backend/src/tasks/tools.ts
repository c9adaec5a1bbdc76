import {
  descriptionSchema,
  dueAtSchema,
  durationSeconds,
  leadTimeSchema,
  REMINDERS_MAX,
  SNOOZE_MINUTES_DEFAULT,
  type ReminderRule,
  prioritySchema,
  TAG_MAX,
  tagsSchema,
  taskIdSchema,
  taskStatusSchema,
  titleSchema,
  undoGroupsSchema,
  type BulkResult,
  type RecentActivityResult,
  type Surface,
  type Task,
  type TaskChange,
  type TaskListResult,
  type ToolErrorCode,
  type ToolErrorResult,
  type ToolTask,
  type UndoResult,
} from '@todo/shared';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { atTimeOfDay, dayRange, findRecurrence, parseDatePhrase } from '../language';
import { isQuotaError } from '../db/quotas';
import { rruleSchema } from './recurrence';
import type { TaskPatch, TaskRepository } from './repository';

export type { TaskChange, TaskListResult, ToolTask };

/*
 * The task tools, defined once: name, description, zod input, MCP annotations and handler. The OpenAI agent
 * (function calling), the local agent and the MCP server all run them through `bindTools`, which fixes the acting
 * user (and the surface and change group) from the authenticated request. No input schema has a user id, so
 * nothing a model or a message says can pick another user.
 */

/** A failure the caller should see as a polite "could not do that", not as a server error. */
export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Who the tools act for, from the authenticated request (never from tool arguments). */
export interface ToolBinding {
  readonly userId: string;
  readonly surface: Surface;
  /** Chat only: the conversation of the turn. */
  readonly conversationId?: string;
  /** One change group: every change made through these bound tools is undone together. */
  readonly groupId: string;
  /** IANA zone the user's date phrases are read in. */
  readonly timeZone: string;
  readonly now: Date;
}

/** A binding with a fresh change group, read in UTC at the current time unless `given` says otherwise. */
export const newBinding = (
  userId: string,
  surface: Surface,
  given: Partial<Omit<ToolBinding, 'userId' | 'surface'>> = {},
): ToolBinding => ({ userId, surface, groupId: randomUUID(), timeZone: 'UTC', now: new Date(), ...given });

/** What the tools need from the rest of the app. */
export interface ToolDeps {
  readonly tasks: TaskRepository;
}

interface ToolContext extends ToolBinding, ToolDeps {}

/** MCP tool annotations: hints a client may use to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
}

interface ToolDefinition<S extends z.ZodObject, R> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  readonly annotations: ToolAnnotations;
  readonly handler: (ctx: ToolContext, args: z.output<S>) => Promise<R>;
}

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };
/** Setting fields to given values: repeating the call changes nothing more. */
const SET: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true };

const define = <S extends z.ZodObject, R>(tool: ToolDefinition<S, R>) => tool;

export const LIST_LIMIT = 100;

const toolTask = (t: Task): ToolTask => ({
  id: t.id,
  title: t.title,
  description: t.description,
  completed: t.completed,
  priority: t.priority,
  due_at: t.due_at,
  tags: t.tags,
  recurrence: t.recurrence,
  reminders: t.reminders,
});

const taskId = taskIdSchema.describe('The number of the task (as shown by list_tasks).');
const notFound = (id: number) => new ToolError('not_found', `Task ${id} not found`);
const change = (status: TaskChange['status'], t: Task): TaskChange => ({
  task_id: t.id,
  status,
  title: t.title,
});

/** A change that set reminders also says when they will go off, so a reply can name the times. */
async function changeWithReminders(
  ctx: ToolContext,
  status: TaskChange['status'],
  t: Task,
  touched: boolean,
) {
  const done = change(status, t);
  if (!touched) return done;
  const pending = await ctx.tasks.reminders.pendingFor(ctx.userId, t.id);
  return { ...done, reminders_at: pending };
}

/** A due date as a person says it, resolved in the user's zone: a model should not do date arithmetic. */
export const duePhraseSchema = z.string().trim().min(1).max(100);
const duePhrase = duePhraseSchema
  .optional()
  .describe(
    'When it is due, in the user\'s words ("tomorrow", "next friday 5pm", "in 3 days", "Dec 4 at 9am") or ISO 8601; read in the user\'s time zone. Prefer this over due_at.',
  );

/** `due` (a phrase) → `due_at` (an instant); a phrase that is no date is an invalid argument, never a guess. */
function resolveDue<T extends { due?: string; due_at?: string | null }>(
  ctx: ToolContext,
  args: T,
): Omit<T, 'due'> {
  const { due, ...rest } = args;
  if (due === undefined) return rest;
  if (rest.due_at !== undefined)
    throw new ToolError('invalid_arguments', 'Give either due (words) or due_at (ISO), not both');
  const found = parseDatePhrase(due, { now: ctx.now, zone: ctx.timeZone });
  if (!found) throw new ToolError('invalid_arguments', `Could not read "${due}" as a date or time`);
  return { ...rest, due_at: found.at.toISOString() };
}

type Repeatable = { due?: string; due_at?: string | null; repeat?: string; recurrence?: string | null };

/**
 * `repeat` (words) → `recurrence` (an RRULE), then `due` → `due_at`. A repeat phrase also names the first occurrence
 * (its time of day, else 9 am): that becomes the due time unless one is given, or (`keepDue`) the task has one.
 */
function resolveDates<T extends Repeatable>(
  ctx: ToolContext,
  args: T,
  keepDue = false,
): Omit<T, 'due' | 'repeat'> {
  type Out = Omit<T, 'due' | 'repeat'>;
  const { repeat, ...rest } = args;
  if (repeat === undefined) return resolveDue(ctx, rest) as Out;
  if (rest.recurrence !== undefined)
    throw new ToolError('invalid_arguments', 'Give either repeat (words) or recurrence (RRULE), not both');
  const found = findRecurrence(repeat, { now: ctx.now, zone: ctx.timeZone });
  if (!found) throw new ToolError('invalid_arguments', `Could not read "${repeat}" as a repeat rule`);
  const dated = resolveDue(ctx, { ...rest, recurrence: found.rrule });
  return (
    dated.due_at !== undefined || keepDue ? dated : { ...dated, due_at: found.first.toISOString() }
  ) as Out;
}

/** A reminder as tools take it: `at` may be words, read in the user's zone like `due`. */
const reminderInput = z.union([
  z.strictObject({
    at: duePhraseSchema.describe(
      'When to remind, in the user\'s words ("5pm", "tomorrow 8am") or ISO 8601; read in the user\'s time zone.',
    ),
  }),
  z.strictObject({
    before: leadTimeSchema.describe(
      'How long before the due time, as an ISO 8601 duration: PT0S (at the due time), PT10M, PT1H, P1D.',
    ),
  }),
]);
const remindersInput = z
  .array(reminderInput)
  .max(REMINDERS_MAX, { message: `at most ${REMINDERS_MAX} reminders` });
type ReminderInput = z.output<typeof reminderInput>;

/**
 * Reminder rules as stored: each `at` read as an instant. A set of rules none of which can still go off (every
 * time already past, or a lead time on a task without a due time) is refused: saying "I'll remind you" and never
 * doing it is worse than saying no.
 */
function resolveReminders(
  ctx: ToolContext,
  given: readonly ReminderInput[],
  due: string | null,
): ReminderRule[] {
  const rules: ReminderRule[] = given.map((rule) => {
    if ('before' in rule) return rule;
    const iso = dueAtSchema.safeParse(rule.at);
    if (iso.success) return { at: new Date(iso.data).toISOString() };
    const found = parseDatePhrase(rule.at, { now: ctx.now, zone: ctx.timeZone });
    if (!found) throw new ToolError('invalid_arguments', `Could not read "${rule.at}" as a date or time`);
    return { at: found.at.toISOString() };
  });
  if (rules.length === 0) return rules;
  if (!due && rules.every((r) => 'before' in r))
    throw new ToolError(
      'invalid_arguments',
      'A reminder before the due time needs a task with a due time: give the task one (due) or a time to remind (at)',
    );
  const now = ctx.now.getTime();
  const times = rules.map((r) =>
    'at' in r ? Date.parse(r.at) : due ? Date.parse(due) - durationSeconds(r.before)! * 1000 : -Infinity,
  );
  if (times.every((t) => t <= now))
    throw new ToolError(
      'invalid_arguments',
      'That reminder time has already passed: nothing would remind the user',
    );
  return rules;
}

const editable = {
  due: duePhrase,
  description: descriptionSchema.optional().describe('Longer notes about the task.'),
  priority: prioritySchema.optional().describe('low, medium or high.'),
  due_at: dueAtSchema
    .nullable()
    .optional()
    .describe('Due date-time, ISO 8601 with offset, e.g. 2026-11-22T09:00:00Z; null clears it.'),
  tags: tagsSchema.optional().describe('Short labels such as "home" or "work".'),
  repeat: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'How the task repeats, in the user\'s words ("every monday", "every weekday at 8", "monthly on the 1st"). Prefer this over recurrence. Completing a repeating task moves it to its next occurrence.',
    ),
  recurrence: rruleSchema
    .nullable()
    .optional()
    .describe(
      'How the task repeats as an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO; null stops it repeating.',
    ),
};

/** Changes to an existing task beyond setting fields: tags and description edited in place. */
const edits = {
  add_tags: tagsSchema.optional().describe('Tags to add, keeping the others.'),
  remove_tags: tagsSchema.optional().describe('Tags to remove, keeping the others.'),
  append_description: descriptionSchema
    .min(1)
    .optional()
    .describe('Text added to the end of the description, on a new line.'),
};

/** Reminder fields: add_task and update_task only (a bulk change does not set reminders). */
const reminderFields = {
  reminders: remindersInput
    .optional()
    .describe(
      'When to remind the user: {"before": "PT10M"} before each due time (re-armed for every occurrence of a ' +
        'repeating task; PT0S = at the due time) or {"at": "5pm"} once. On update it replaces the list; [] removes them.',
    ),
};

/** The fields of a change to existing tasks (update_task without task_id, and bulk updates). */
export const taskPatchSchema = z
  .strictObject({ title: titleSchema.optional().describe('New title.'), ...editable, ...edits })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'give at least one field to change',
  });

export const addTask = define({
  name: 'add_task',
  description: 'Create a new task for the user. Returns its number, status "created" and title.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.strictObject({
    title: titleSchema.describe('Short title of the task.'),
    ...editable,
    reminders: reminderFields.reminders,
  }),
  handler: async (ctx, { reminders, ...args }): Promise<TaskChange> => {
    const dated = resolveDates(ctx, args);
    const rules = reminders && resolveReminders(ctx, reminders, dated.due_at ?? null);
    const task = await ctx.tasks.create(ctx, { ...dated, ...(rules ? { reminders: rules } : {}) });
    return changeWithReminders(ctx, 'created', task, rules !== undefined && rules.length > 0);
  },
});

export const listTasks = define({
  name: 'list_tasks',
  description:
    "List the user's tasks, newest first. Filters combine: status, q (text in title or description), priority, tag, " +
    'due_before / due_after (ISO date-times), overdue (pending and due before now).',
  annotations: READ,
  input: z.strictObject({
    status: taskStatusSchema.optional().describe('all, pending or completed; default all.'),
    q: z.string().trim().max(200).optional().describe('Text to search for in titles and descriptions.'),
    priority: prioritySchema.optional().describe('Only tasks of this priority.'),
    tag: z.string().trim().min(1).max(TAG_MAX).optional().describe('Only tasks with this tag.'),
    due_before: dueAtSchema.optional().describe('Only tasks due before this date-time.'),
    due_after: dueAtSchema.optional().describe('Only tasks due at or after this date-time.'),
    overdue: z.boolean().optional().describe('true: only pending tasks whose due date-time has passed.'),
    recurring: z.boolean().optional().describe('true: only repeating tasks; false: only one-off tasks.'),
  }),
  handler: async (ctx, { overdue, ...args }): Promise<TaskListResult> => {
    const now = ctx.now.toISOString();
    const dueBefore =
      overdue && (!args.due_before || Date.parse(args.due_before) > ctx.now.getTime())
        ? now
        : args.due_before;
    const page = await ctx.tasks.list(ctx.userId, {
      status: overdue ? 'pending' : (args.status ?? 'all'),
      q: args.q || undefined,
      priority: args.priority,
      tag: args.tag,
      due_before: dueBefore,
      due_after: args.due_after,
      recurring: args.recurring,
      sort: 'created',
      limit: LIST_LIMIT,
    });
    return {
      tasks: page.items.map(toolTask),
      count: page.items.length,
      truncated: page.next_cursor !== null,
    };
  },
});

/** A tool that applies one fixed patch to one task and answers `status`. */
const patchTool = (name: string, description: string, status: TaskChange['status'], patch: TaskPatch) =>
  define({
    name,
    description,
    annotations: SET,
    input: z.strictObject({ task_id: taskId }),
    handler: async (ctx, args): Promise<TaskChange> => {
      const task = await ctx.tasks.update(ctx, args.task_id, patch);
      if (!task) throw notFound(args.task_id);
      return change(status, task);
    },
  });

export const completeTask = patchTool(
  'complete_task',
  'Mark a task as completed (idempotent). A repeating task is moved to its next occurrence and stays pending. ' +
    'Use list_tasks first to find the number; never guess it.',
  'completed',
  { completed: true },
);

export const reopenTask = patchTool(
  'reopen_task',
  'Mark a completed task as pending again (idempotent). Use list_tasks first to find the number; never guess it.',
  'reopened',
  { completed: false },
);

export const deleteTask = define({
  name: 'delete_task',
  description:
    'Delete a task (undo can bring it back). Use list_tasks first to find the number; never guess it.',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  input: z.strictObject({ task_id: taskId }),
  handler: async (ctx, args): Promise<TaskChange> => {
    const task = await ctx.tasks.remove(ctx, args.task_id);
    if (!task) throw notFound(args.task_id);
    return change('deleted', task);
  },
});

export const updateTask = define({
  name: 'update_task',
  description:
    "Change a task's title, description, priority, due date, tags or repeat rule; add_tags / remove_tags edit the " +
    'tags and append_description adds a note; recurrence null stops it repeating. Only the given fields change.',
  annotations: SET,
  input: z
    .strictObject({
      task_id: taskId,
      title: titleSchema.optional().describe('New title.'),
      ...editable,
      ...edits,
      ...reminderFields,
      add_reminders: remindersInput
        .min(1)
        .optional()
        .describe("Reminders to add, keeping the task's others (same shape as reminders)."),
    })
    .refine((v) => Object.entries(v).some(([k, x]) => k !== 'task_id' && x !== undefined), {
      message: 'give at least one field to change',
    }),
  handler: async (ctx, { task_id, reminders, add_reminders, ...patch }): Promise<TaskChange> => {
    const touching = reminders !== undefined || add_reminders !== undefined;
    const current = patch.repeat !== undefined || touching ? await ctx.tasks.get(ctx.userId, task_id) : null;
    if (touching && !current) throw notFound(task_id);
    // A new repeat rule keeps the task's due time when it has one ("make the gym task repeat every monday").
    const dated = resolveDates(ctx, patch, Boolean(current?.due_at));
    const fields: TaskPatch = dated;
    if (touching) {
      const due = dated.due_at !== undefined ? dated.due_at : current!.due_at;
      const added = resolveReminders(ctx, [...(reminders ?? []), ...(add_reminders ?? [])], due);
      const kept = reminders !== undefined ? [] : current!.reminders;
      const all = [
        ...kept,
        ...added.filter((r) => !kept.some((k) => JSON.stringify(k) === JSON.stringify(r))),
      ];
      if (all.length > REMINDERS_MAX)
        throw new ToolError('invalid_arguments', `A task can have at most ${REMINDERS_MAX} reminders`);
      Object.assign(fields, { reminders: all });
    }
    const task = await ctx.tasks.update(ctx, task_id, fields);
    if (!task) throw notFound(task_id);
    return changeWithReminders(ctx, 'updated', task, touching && (fields.reminders?.length ?? 0) > 0);
  },
});

export const snoozeReminder = define({
  name: 'snooze_reminder',
  description:
    "Remind the user again about a task whose reminder just went off, `minutes` from now (default 10). For 'snooze " +
    "it', 'remind me again in an hour'.",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.strictObject({
    task_id: taskId,
    minutes: z.number().int().min(1).max(10080).optional().describe('How long from now; default 10.'),
  }),
  handler: async (ctx, { task_id, minutes }): Promise<TaskChange> => {
    const task = await ctx.tasks.get(ctx.userId, task_id);
    if (!task) throw notFound(task_id);
    const latest = await ctx.tasks.reminders.latestDelivered(ctx.userId, task_id);
    if (!latest) throw new ToolError('not_found', `Task ${task_id} has no reminder that went off to snooze`);
    const at = new Date(ctx.now.getTime() + (minutes ?? SNOOZE_MINUTES_DEFAULT) * 60_000);
    const outcome = await ctx.tasks.reminders.snooze(ctx.userId, latest.id, at);
    if ('error' in outcome)
      throw new ToolError('invalid_arguments', `Task ${task_id} is completed: there is nothing to snooze`);
    return { ...change('updated', task), reminders_at: [outcome.reminder.fire_at] };
  },
});

export const undo = define({
  name: 'undo',
  description:
    'Undo the latest changes made here (in this conversation; for MCP, by MCP calls): groups = how many requests ' +
    'to undo, default 1. Restores deleted tasks with their numbers, deletes created ones, reverts edits. Tasks ' +
    'changed since are reported as conflicts and left alone.',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: z.strictObject({
    groups: undoGroupsSchema.optional().describe('How many of the latest changes to undo; default 1.'),
  }),
  handler: (ctx, args): Promise<UndoResult> =>
    ctx.tasks.undo(ctx, { conversationId: ctx.conversationId, groups: args.groups }),
});

export const recentActivity = define({
  name: 'recent_activity',
  description:
    'What the user changed recently, newest first, from every surface (chat, app, MCP): for "what did I do today?". ' +
    'since: words ("today", "this morning", "monday") or ISO 8601; default the start of today in the user\'s zone.',
  annotations: READ,
  input: z.strictObject({
    since: duePhraseSchema.optional().describe('From when; default the start of today.'),
    limit: z.number().int().min(1).max(100).optional().describe('At most this many changes; default 50.'),
  }),
  handler: async (ctx, args): Promise<RecentActivityResult> => {
    const time = { now: ctx.now, zone: ctx.timeZone };
    const found = args.since === undefined ? null : parseDatePhrase(args.since, time);
    // "since monday" means from the start of that day, not from its default 9 am.
    const since =
      args.since === undefined
        ? dayRange('today', time).from
        : found && (found.hasTime ? found.at : atTimeOfDay(found.at, 0, time));
    if (!since) throw new ToolError('invalid_arguments', `Could not read "${args.since}" as a date or time`);
    const page = await ctx.tasks.activity(ctx.userId, {
      since: since.toISOString(),
      limit: args.limit ?? 50,
    });
    return {
      items: page.items.map((a) => ({
        task_id: a.task_id,
        action: a.action,
        title: (a.after ?? a.before)?.title ?? '',
        at: a.created_at,
        surface: a.surface,
      })),
    };
  },
});

export const TASK_TOOLS = [
  addTask,
  listTasks,
  completeTask,
  reopenTask,
  deleteTask,
  updateTask,
  snoozeReminder,
  undo,
  recentActivity,
] as const;
export type TaskTool = (typeof TASK_TOOLS)[number];
export type ToolName = TaskTool['name'];
export const TOOL_NAMES = TASK_TOOLS.map<ToolName>((t) => t.name);

export type ToolOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: ToolError; readonly result: ToolErrorResult };

/** The tools acting as one user. `call` validates the arguments and never throws for a bad call or a missing task. */
export interface BoundTools {
  readonly userId: string;
  call(name: string, args: unknown): Promise<ToolOutcome>;
  /** Applies a confirmed bulk change (see bulkChangeSchema) in this binding's change group. */
  bulk(change: unknown): Promise<ToolOutcome>;
}

export function bindTools(deps: ToolDeps, binding: ToolBinding): BoundTools {
  const ctx: ToolContext = { ...deps, ...binding };
  /** Validates `args` with `input` and runs `handler`; a bad call or a missing task is an outcome, not a throw. */
  async function run<S extends z.ZodType>(
    name: string,
    input: S,
    args: unknown,
    handler: (c: ToolContext, a: z.output<S>) => Promise<unknown>,
  ): Promise<ToolOutcome> {
    const parsed = input.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
      return failure(
        new ToolError('invalid_arguments', `Invalid arguments for ${name}: ${issues.join('; ')}`),
      );
    }
    try {
      return { ok: true, result: await handler(ctx, parsed.data) };
    } catch (err) {
      if (err instanceof ToolError) return failure(err);
      // A quota is the user's to act on: every surface (chat, MCP) says so in words, nothing was changed.
      if (isQuotaError(err)) return failure(new ToolError('quota_exceeded', lowerFirst(err.message)));
      throw err;
    }
  }
  return {
    userId: binding.userId,
    call(name, args) {
      const tool = TASK_TOOLS.find((t) => t.name === name);
      if (!tool)
        return Promise.resolve(failure(new ToolError('unknown_tool', `There is no tool named ${name}`)));
      return run(name, tool.input, args, tool.handler as (c: ToolContext, a: unknown) => Promise<unknown>);
    },
    bulk: (change) => run('bulk change', bulkChangeSchema, change, applyBulk),
  };
}

const taskIds = z
  .array(taskId)
  .min(1)
  .max(LIST_LIMIT)
  .transform((ids) => [...new Set(ids)]);

/**
 * One action on an explicit list of task numbers, e.g. a plan the user confirmed ("delete all completed tasks").
 * Applied in one statement as one change group, so one undo reverts all of it.
 */
export const bulkChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('complete'), task_ids: taskIds }),
  z.strictObject({ action: z.literal('reopen'), task_ids: taskIds }),
  z.strictObject({ action: z.literal('delete'), task_ids: taskIds }),
  z.strictObject({ action: z.literal('update'), task_ids: taskIds, fields: taskPatchSchema }),
  z.strictObject({ action: z.literal('reschedule'), task_ids: taskIds, due_at: dueAtSchema.nullable() }),
]);
export type BulkChange = z.input<typeof bulkChangeSchema>;

const BULK_STATUS = {
  complete: 'completed',
  reopen: 'reopened',
  delete: 'deleted',
  update: 'updated',
  reschedule: 'updated',
} as const;

/** Applies a validated bulk change as the binding's user and group; per task: what happened, or not_found. */
export async function applyBulk(
  ctx: ToolDeps & ToolBinding,
  change: z.output<typeof bulkChangeSchema>,
): Promise<BulkResult> {
  const ids = change.task_ids;
  const done =
    change.action === 'delete'
      ? await ctx.tasks.removeMany(ctx, ids)
      : await ctx.tasks.updateMany(
          ctx,
          ids,
          change.action === 'complete'
            ? { completed: true }
            : change.action === 'reopen'
              ? { completed: false }
              : change.action === 'reschedule'
                ? { due_at: change.due_at }
                : resolveDates(ctx, change.fields),
        );
  const byId = new Map(done.map((t) => [t.id, t]));
  return {
    group_id: ctx.groupId,
    results: ids.map((id) => {
      const task = byId.get(id);
      return task
        ? { task_id: id, status: BULK_STATUS[change.action], title: task.title }
        : { task_id: id, status: 'not_found' as const, title: null };
    }),
  };
}

/** Tool errors read inside a sentence ("I couldn't do that: this account has …"). */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const failure = (error: ToolError): ToolOutcome => ({
  ok: false,
  error,
  result: { error: error.message, code: error.code },
});

/** JSON Schema of a tool's input as a model sees it (input side of transforms, no noisy regex patterns). */
export function toolJsonSchema(tool: { readonly input: z.ZodType }): Record<string, unknown> {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  return stripPatterns(schema) as Record<string, unknown>;
}

function stripPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripPatterns);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'pattern') out[k] = stripPatterns(v);
    return out;
  }
  return node;
}
