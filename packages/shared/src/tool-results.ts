import * as z from 'zod';
import { activityActionSchema, surfaceSchema } from './activity';

/*
 * Tool results beyond the task tools' own (taskChangeSchema, taskListResultSchema, bulkResultSchema,
 * toolErrorResultSchema in ./tasks, undoResultSchema in ./activity): the question a chat reply leaves open
 * (`preview_changes`) and `recent_activity`. The backend types what it records with them; the UI and the next
 * chat turn read them back with them.
 */

/** The recorded step that leaves a question open for the next message (nothing has changed yet). */
export const PREVIEW_STEP = 'preview_changes';

export const PREVIEW_AWAITING = ['confirm', 'choice', 'when'] as const;
/**
 * confirm: the next "yes" applies the whole plan; choice: the user names one of the tasks; when: the user names a
 * time for the one task ("When should I remind you?"), which completes the item's arguments (see planSchema.when).
 */
export const previewAwaitingSchema = z.enum(PREVIEW_AWAITING);

export const PLAN_ACTIONS = ['complete', 'reopen', 'delete', 'update', 'add'] as const;

/** One change of the local agent's plan: the tool call it will make, with its exact arguments. */
export const planItemSchema = z.object({
  /** null for a task that does not exist yet ("Should I add …?"). */
  task_id: z.number().int().nullable(),
  title: z.string(),
  args: z.record(z.string(), z.unknown()),
});
export type PlanItemData = z.infer<typeof planItemSchema>;

/** The local agent's `preview_changes` arguments: the whole plan, stored so the next turn applies exactly it. */
export const planSchema = z.object({
  action: z.enum(PLAN_ACTIONS),
  awaiting: previewAwaitingSchema,
  items: z.array(planItemSchema),
  /** How the plan was put to the user ("Delete 3 completed tasks"). */
  summary: z.string(),
  /**
   * For awaiting "when": where the time named goes. due: it becomes the task's due time (the item's reminder
   * rules then go off at it); reminder: one reminder at that time, the due date left as it is.
   */
  when: z.enum(['due', 'reminder']).optional(),
});
export type PlanData = z.infer<typeof planSchema>;

/** A task a question is about; `id` null for one still to be added. */
export const previewTaskSchema = z.object({ id: z.number().int().nullable(), title: z.string() });

/** What `preview_changes` answers, from either agent: what it waits for and the tasks it is about. */
export const previewResultSchema = z.object({
  awaiting: previewAwaitingSchema,
  tasks: z.array(previewTaskSchema),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

/**
 * The model-driven agent's `preview_changes` answer: the checked bulk change it stored (applied as is by
 * `apply_changes` in the next turn) and the existing tasks it touches, plus an instruction for the model.
 */
export const modelPreviewResultSchema = previewResultSchema.extend({
  awaiting: z.literal('confirm'),
  /** A bulk change: `{action, task_ids, fields?, due_at?}`; the backend checks it again before applying it. */
  change: z.record(z.string(), z.unknown()),
  tasks: z.array(previewTaskSchema.extend({ id: z.number().int() })),
  message: z.string(),
});
export type ModelPreviewResult = z.infer<typeof modelPreviewResultSchema>;

/** One change as `recent_activity` reads it back: what happened to which task, when and from where. */
export const recentActivityItemSchema = z.object({
  task_id: z.number().int(),
  action: activityActionSchema,
  title: z.string(),
  at: z.string(),
  surface: surfaceSchema,
});
export type RecentActivityItem = z.infer<typeof recentActivityItemSchema>;

export const recentActivityResultSchema = z.object({ items: z.array(recentActivityItemSchema) });
export type RecentActivityResult = z.infer<typeof recentActivityResultSchema>;
