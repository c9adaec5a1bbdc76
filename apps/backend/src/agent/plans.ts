import { z } from 'zod';
import { dueAtSchema, modelPreviewResultSchema, PREVIEW_STEP, type ModelPreviewResult } from '@todo/shared';
import {
  bulkChangeSchema,
  duePhraseSchema,
  taskPatchSchema,
  ToolError,
  type BoundTools,
  type TaskListResult,
  type ToolOutcome,
} from '../tasks/tools';
import { parseDatePhrase } from '../language';
import type { HistoryMessage, TurnTime } from './types';

/*
 * Confirmation for changes to many tasks, for the model-driven agent. The safety rule is the same as the local
 * agent's: deleting more than one task, or changing more than three, happens only after the user said yes to
 * a preview. A model cannot be trusted to follow that rule, so it is enforced here: past the limit a change tool
 * answers with an error that tells the model to preview; the preview is stored in the conversation (the tool
 * call and its result are part of the history), and apply_changes runs exactly that stored plan in the next turn
 * — whatever the model passes then.
 */

/** Deletes allowed in one turn without a confirmed preview. */
export const DIRECT_DELETES = 1;
/** Other changes allowed in one turn without a confirmed preview. */
export const DIRECT_CHANGES = 3;

export const PREVIEW = PREVIEW_STEP;
export const APPLY = 'apply_changes';

const CHANGE_TOOLS = new Set(['complete_task', 'reopen_task', 'update_task', 'delete_task']);

/**
 * The preview's arguments as one flat object (a function's parameters must be an object, not a union): the
 * action, the task numbers, and for update the fields, for reschedule the new due date.
 */
export const previewInput = z.strictObject({
  action: z.enum(['complete', 'reopen', 'delete', 'update', 'reschedule']),
  task_ids: z
    .array(z.number().int().positive())
    .min(1)
    .max(100)
    .describe('The numbers of every task the change touches.'),
  fields: taskPatchSchema.optional().describe('update only: the fields to set on every task.'),
  due_at: dueAtSchema
    .nullable()
    .optional()
    .describe('reschedule only: the new due date-time (ISO 8601), null to clear.'),
  due: duePhraseSchema
    .optional()
    .describe(
      'reschedule only: the new due date in the user\'s words ("tomorrow", "friday 2pm"); prefer this over due_at.',
    ),
});

/** Flat preview arguments → the bulk change they describe. */
function toChange(args: z.output<typeof previewInput>, time: TurnTime): unknown {
  if (args.action === 'update') return { action: 'update', task_ids: args.task_ids, fields: args.fields };
  if (args.action !== 'reschedule') return { action: args.action, task_ids: args.task_ids };
  // A phrase is resolved now, so the stored plan (what the user confirms) holds an exact instant.
  const due = args.due === undefined ? undefined : parseDatePhrase(args.due, time);
  if (args.due !== undefined && !due)
    throw new ToolError('invalid_arguments', `Could not read "${args.due}" as a date or time`);
  return {
    action: 'reschedule',
    task_ids: args.task_ids,
    due_at: due ? due.at.toISOString() : (args.due_at ?? null),
  };
}

/** The plan a preview stored: the validated change and the tasks it touches. */
interface StoredPlan {
  readonly change: z.output<typeof bulkChangeSchema>;
  readonly tasks: readonly { readonly id: number; readonly title: string }[];
}

/** The plan the previous reply asked about, if it asked. Only the last assistant message counts. */
export function pendingPlan(history: readonly HistoryMessage[]): StoredPlan | null {
  const last = history.at(-1);
  if (last?.role !== 'assistant') return null;
  for (const call of [...last.tool_calls].reverse()) {
    if (call.name !== PREVIEW) continue;
    const stored = modelPreviewResultSchema.safeParse(call.result);
    if (!stored.success) continue;
    const change = bulkChangeSchema.safeParse(stored.data.change);
    if (change.success) return { change: change.data, tasks: stored.data.tasks };
  }
  return null;
}

export const PLAN_TOOL_DEFINITIONS = [
  {
    name: PREVIEW,
    description:
      'Show the user what a change to several tasks would do, without changing anything. Required before deleting ' +
      'more than one task or changing more than three. action: complete | reopen | delete | update (fields) | ' +
      'reschedule (due_at). Then ask the user to confirm; call apply_changes only after they say yes.',
    input: previewInput,
  },
  {
    name: APPLY,
    description:
      'Apply the change you previewed in your previous reply, after the user confirmed it. Takes no arguments: ' +
      'exactly the previewed plan is applied.',
    input: z.strictObject({}),
  },
] as const;

const failure = (code: ToolError['code'], message: string): ToolOutcome => ({
  ok: false,
  error: new ToolError(code, message),
  result: { error: message },
});

/** The bound task tools plus preview/apply, with the per-turn limit on unconfirmed changes. */
export function withPlans(tools: BoundTools, history: readonly HistoryMessage[], time: TurnTime): BoundTools {
  let deletes = 0;
  let changes = 0;
  return {
    ...tools,
    async call(name, args) {
      if (name === PREVIEW) return preview(tools, args, time);
      if (name === APPLY) {
        const plan = pendingPlan(history);
        if (!plan)
          return failure(
            'invalid_arguments',
            'There is no previewed change waiting; call preview_changes and ask the user first',
          );
        return tools.bulk(plan.change);
      }
      if (CHANGE_TOOLS.has(name)) {
        const isDelete = name === 'delete_task';
        if (isDelete ? deletes >= DIRECT_DELETES : changes >= DIRECT_CHANGES)
          return failure(
            'invalid_arguments',
            `Not done: ${isDelete ? 'deleting more than one task' : 'changing more than three tasks'} needs the user's confirmation. Call preview_changes with all the task numbers, show the user the list and ask them to confirm.`,
          );
        const outcome = await tools.call(name, args);
        if (outcome.ok) {
          if (isDelete) deletes++;
          else changes++;
        }
        return outcome;
      }
      return tools.call(name, args);
    },
  };
}

async function preview(tools: BoundTools, args: unknown, time: TurnTime): Promise<ToolOutcome> {
  const flat = previewInput.safeParse(args ?? {});
  let parsed;
  try {
    parsed = flat.success ? bulkChangeSchema.safeParse(toChange(flat.data, time)) : flat;
  } catch (err) {
    if (err instanceof ToolError) return failure(err.code, err.message);
    throw err;
  }
  if (!parsed.success)
    return failure(
      'invalid_arguments',
      `Invalid arguments for ${PREVIEW}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const listed = await tools.call('list_tasks', { status: 'all' });
  const all = listed.ok ? (listed.result as TaskListResult).tasks : [];
  const tasks = parsed.data.task_ids.map((id) => ({ id, title: all.find((t) => t.id === id)?.title }));
  const missing = tasks.filter((t) => t.title === undefined).map((t) => t.id);
  if (missing.length)
    return failure('not_found', `No task ${missing.join(', ')}: list_tasks shows the numbers`);
  const result: ModelPreviewResult = {
    awaiting: 'confirm',
    change: parsed.data,
    tasks: tasks as { id: number; title: string }[],
    message: `Nothing changed yet. Show these ${tasks.length} tasks to the user and ask them to confirm; on yes, call apply_changes.`,
  };
  return { ok: true, result };
}
