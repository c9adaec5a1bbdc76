import * as z from 'zod';
import { activityActionSchema, surfaceSchema } from './activity';
import { reminderSchema } from './reminders';
import { taskSchema } from './tasks';

/*
 * Live updates: GET /api/{user_id}/events is a server-sent-event stream of the user's task changes. Each event is
 * one activity-log row: its SSE `id` is the row's id (send it back as Last-Event-ID to resume), its SSE `event` is
 * the type below and its `data` is a TaskEvent as JSON.
 */

export const TASK_EVENT_TYPES = ['task.created', 'task.updated', 'task.deleted'] as const;
export const taskEventTypeSchema = z.enum(TASK_EVENT_TYPES);
export type TaskEventType = z.infer<typeof taskEventTypeSchema>;

export const taskEventSchema = z.object({
  /** The activity row id: the same as the SSE id. */
  id: z.number().int(),
  type: taskEventTypeSchema,
  /** What the log says happened (a repeating task's completion is `completed` with the task pending again). */
  action: activityActionSchema,
  surface: surfaceSchema,
  /** The task after the change; for task.deleted, as it was. */
  task: taskSchema,
  at: z.string(),
});
export type TaskEvent = z.infer<typeof taskEventSchema>;

/** `?since=` on the stream: the last event id seen, like the Last-Event-ID header. */
export const eventsQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'since must be an event id' })
    .transform(Number)
    .optional(),
});

/** The `reminder` event of the live-update stream: a reminder fired (its SSE id comes from the same sequence). */
export const reminderEventSchema = z.object({
  id: z.number().int(),
  type: z.literal('reminder'),
  reminder: reminderSchema,
  /** The task as it is when the reminder fired. */
  task: taskSchema,
  at: z.string(),
});
export type ReminderEvent = z.infer<typeof reminderEventSchema>;

/** Anything the stream sends with an id: a task change or a fired reminder. */
export type StreamEvent = TaskEvent | ReminderEvent;
