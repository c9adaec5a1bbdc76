/*
 * SQL pieces shared by the task statements and the activity log. Rows come out in their API shape, computed by
 * Postgres (timestamps as JavaScript's toISOString() prints them: UTC, milliseconds truncated like Date does), so
 * they need no per-field mapping or Date round trip in Node.
 */

export const isoText = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The API columns of a task row `t` (its number is its id). */
export const taskColumns = (t: string) =>
  `${t}.number as id, ${t}.user_id, ${t}.title, ${t}.description, ${t}.completed, ${t}.priority, ${t}.tags, ${isoText(`${t}.due_at`)} as due_at, ${t}.recurrence, ${t}.reminders, ${isoText(`${t}.created_at`)} as created_at, ${isoText(`${t}.updated_at`)} as updated_at`;

/** The output names of taskColumns, to select them again from a CTE. */
export const TASK_FIELDS =
  'id, user_id, title, description, completed, priority, tags, due_at, recurrence, reminders, created_at, updated_at';

/**
 * A task row `t` as the activity log keeps it: its API shape without the owner, as jsonb. Reminder rules are kept
 * only when there are some, so a task without any compares equal to its rows logged before reminders existed.
 */
export const taskSnapshot = (t: string) =>
  `(jsonb_build_object('id', ${t}.number, 'title', ${t}.title, 'description', ${t}.description, 'completed', ${t}.completed, 'priority', ${t}.priority, 'tags', to_jsonb(${t}.tags), 'due_at', ${isoText(`${t}.due_at`)}, 'recurrence', ${t}.recurrence, 'created_at', ${isoText(`${t}.created_at`)}, 'updated_at', ${isoText(`${t}.updated_at`)}) || case when ${t}.reminders = '[]'::jsonb then '{}'::jsonb else jsonb_build_object('reminders', ${t}.reminders) end)`;

/** Whether two snapshots differ in anything but updated_at (a no-op write is not logged as a change). */
export const snapshotsDiffer = (a: string, b: string) =>
  `((${a}) - 'updated_at') is distinct from ((${b}) - 'updated_at')`;

/**
 * What a change did, from the snapshots before and after it (both non-null). A repeating task's completion leaves
 * it pending at its next occurrence; its statement says so itself (see tasks/repository.ts).
 */
export const changeAction = (before: string, after: string) =>
  `(case when (${before})->'completed' = (${after})->'completed' then 'updated' when ((${after})->>'completed')::boolean then 'completed' else 'reopened' end)::activity_action`;

/** `insert into task_activity (…) select` with the context's columns first; the caller adds the rest. */
export const logInsert = (isUndo = false) =>
  `insert into task_activity (user_id, group_id, surface, conversation_id, is_undo, task_number, action, before, after)
select $1, $2::uuid, $3::activity_surface, $4::uuid, ${isUndo},`;
export const LOG_INSERT = logInsert();

/** A text[] literal (`{"a","b"}`): one encoding every driver passes through unchanged. */
export const textArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
