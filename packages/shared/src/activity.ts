import * as z from 'zod';
import { cursorSchema, pageLimitSchema, pageSchema } from './page';
import { dueAtSchema, taskSchema } from './tasks';

/*
 * The activity log: one row per task change, from every surface, written in the same statement as the change.
 * Undo reads it; the event stream (live updates) is built on the same rows, so a row carries the whole task
 * before and after the change.
 */

/** Where a change came from: the REST API (and the UI through it), a chat turn, or an MCP tool call. */
export const SURFACES = ['api', 'chat', 'mcp'] as const;
export const surfaceSchema = z.enum(SURFACES);
export type Surface = z.infer<typeof surfaceSchema>;

export const ACTIVITY_ACTIONS = [
  'created',
  'updated',
  'completed',
  'reopened',
  'deleted',
  'restored',
] as const;
export const activityActionSchema = z.enum(ACTIVITY_ACTIONS);
export type ActivityAction = z.infer<typeof activityActionSchema>;

/** A task as the log keeps it: its API shape without the owner. */
export const taskSnapshotSchema = taskSchema
  .omit({ user_id: true })
  // Rows written before tasks could repeat (or remind) have no such key.
  .extend({
    recurrence: taskSchema.shape.recurrence.optional(),
    reminders: taskSchema.shape.reminders.optional(),
  });
export type TaskSnapshot = z.infer<typeof taskSnapshotSchema>;

export const activitySchema = z.object({
  /** Increases with every row: the event id of the live-update stream. */
  id: z.number().int(),
  /** One REST request, one MCP tool call, one chat turn or one bulk change; undo reverts whole groups. */
  group_id: z.uuid(),
  surface: surfaceSchema,
  conversation_id: z.uuid().nullable(),
  /** The task's number (its `id` in the API). */
  task_id: z.number().int(),
  action: activityActionSchema,
  /** null for `created` (and `restored`). */
  before: taskSnapshotSchema.nullable(),
  /** null for `deleted`. */
  after: taskSnapshotSchema.nullable(),
  /** True for the rows an undo wrote. */
  is_undo: z.boolean(),
  /** The group of the undo that reverted this change, or null. */
  undone_by: z.uuid().nullable(),
  created_at: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const listActivityQuerySchema = z.strictObject({
  /** Only changes at or after this instant. */
  since: dueAtSchema.optional(),
  limit: pageLimitSchema(100, 50),
  cursor: cursorSchema.optional(),
});
export type ListActivityQuery = z.output<typeof listActivityQuerySchema>;

export const activityPageSchema = pageSchema(activitySchema);
export type ActivityPage = z.infer<typeof activityPageSchema>;

export const UNDO_GROUPS_MAX = 20;
export const undoGroupsSchema = z
  .number()
  .int()
  .min(1)
  .max(UNDO_GROUPS_MAX, { message: `at most ${UNDO_GROUPS_MAX} changes can be undone at once` });

export const undoRequestSchema = z.strictObject({ groups: undoGroupsSchema.optional() });
export type UndoRequest = z.infer<typeof undoRequestSchema>;

/** What undo did to one task. */
export const undoItemSchema = z.object({
  task_id: z.number().int(),
  title: z.string(),
  /**
   * restored: a deleted task is back; deleted: a created task is gone; reverted: its fields are as before;
   * unchanged: created and deleted within the undone changes; conflict: it changed since, so it was left alone.
   */
  outcome: z.enum(['restored', 'deleted', 'reverted', 'unchanged', 'conflict']),
});
export type UndoItem = z.infer<typeof undoItemSchema>;

export const undoResultSchema = z.object({
  /** The group the undo itself was logged as; null when there was nothing to undo. */
  group_id: z.uuid().nullable(),
  /** How many change groups were undone. */
  undone_groups: z.number().int(),
  reverted: z.array(undoItemSchema),
  /** Tasks changed after the undone change: left as they are. */
  conflicts: z.array(undoItemSchema),
});
export type UndoResult = z.infer<typeof undoResultSchema>;
