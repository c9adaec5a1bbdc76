import type { Activity, ActivityPage, ListActivityQuery, UndoItem, UndoResult } from '@todo/shared';
import type { Database } from '../db/client';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { changeAction, isoText, logInsert, snapshotsDiffer, taskSnapshot } from '../tasks/sql';
import { contextParams, type ChangeContext } from './context';
import { quotaCte, quotaParam, withinQuota, type Quotas } from '../db/quotas';

/*
 * Reads of the activity log and undo. The log is written by the task statements themselves (tasks/repository.ts);
 * undo is one more such statement: it reverts the tasks, logs the reverts and marks the undone rows, together.
 */

const ACTIVITY_COLUMNS = `id, group_id, surface, conversation_id, task_number as task_id, action, before, after, is_undo, undone_by, ${isoText('created_at')} as created_at, created_at::text as sort_key`;

interface Cursor {
  k: string;
  id: number;
}

const acceptCursor = (c: Partial<Record<keyof Cursor, unknown>>) =>
  typeof c.k === 'string' && !Number.isNaN(Date.parse(c.k)) && Number.isSafeInteger(c.id);

/** Rows undo reads per round trip while looking for the latest groups. */
const GROUP_SCAN = 100;

/** The latest undoable rows of one scope, newest first: a conversation's, or a user's on a surface. */
const SCAN_CONVERSATION_SQL = `select id, group_id from task_activity
where conversation_id = $1 and user_id = $2 and undone_by is null and not is_undo and id < $3
order by id desc limit ${GROUP_SCAN}`;
const SCAN_SURFACE_SQL = `select id, group_id from task_activity
where user_id = $2 and surface = $1::activity_surface and undone_by is null and not is_undo and id < $3
order by id desc limit ${GROUP_SCAN}`;

/*
 * Undo of the groups $5 (uuid[]), as the group $2. Per task: the state to restore is the `before` of its earliest
 * row in those groups, and the state they left is the `after` of its latest row. A task whose current state is not
 * that (it changed since) is a conflict and left alone; the others are deleted (created by the groups), inserted
 * again with their number and all fields (deleted by them), or set back field by field.
 */
const UNDO_SQL = `with ${quotaCte('tasks', '$6')}, undone as (
  select id, task_number, before, after from task_activity
  where user_id = $1 and group_id = any($5::uuid[]) and undone_by is null and not is_undo
  for update
), per_task as (
  select task_number, (array_agg(before order by id))[1] as target, (array_agg(after order by id desc))[1] as expected
  from undone group by task_number
), live as (
  select number, ${taskSnapshot('tasks')} as snap from tasks
  where user_id = $1 and number in (select task_number from per_task)
  for update
), plan as (
  select p.task_number, p.target, p.expected, c.snap as present,
    not ${snapshotsDiffer('c.snap', 'p.expected')} as ok
  from per_task p left join live c on c.number = p.task_number
), removed as (
  delete from tasks t using plan p
  where t.user_id = $1 and t.number = p.task_number and p.ok and p.target is null
  returning t.number, p.present as before
), restored as (
  insert into tasks as t (user_id, number, title, description, completed, priority, tags, due_at, recurrence, reminders, created_at, updated_at)
  select $1, p.task_number, p.target->>'title', p.target->>'description', (p.target->>'completed')::boolean,
    (p.target->>'priority')::task_priority, array(select jsonb_array_elements_text(p.target->'tags')),
    (p.target->>'due_at')::timestamptz, p.target->>'recurrence', coalesce(p.target->'reminders', '[]'::jsonb),
    (p.target->>'created_at')::timestamptz, now()
  from plan p, quota where p.ok and p.present is null and p.target is not null
  returning t.number, ${taskSnapshot('t')} as after
), reverted as (
  update tasks t set title = p.target->>'title', description = p.target->>'description',
    completed = (p.target->>'completed')::boolean, priority = (p.target->>'priority')::task_priority,
    tags = array(select jsonb_array_elements_text(p.target->'tags')),
    due_at = (p.target->>'due_at')::timestamptz, recurrence = p.target->>'recurrence',
    reminders = coalesce(p.target->'reminders', '[]'::jsonb), updated_at = now()
  from plan p
  where t.user_id = $1 and t.number = p.task_number and p.ok and p.target is not null and p.present is not null
  returning t.number, p.present as before, ${taskSnapshot('t')} as after
), log as (
  ${logInsert(true)} number, action, before, after from (
    select number, 'deleted'::activity_action as action, before, null::jsonb as after from removed
    union all select number, 'restored'::activity_action, null::jsonb, after from restored
    union all select number, ${changeAction('before', 'after')}, before, after from reverted
  ) changes
), mark as (
  update task_activity set undone_by = $2::uuid where id in (select id from undone)
)
select task_number as task_id,
  -- a conflict shows the task as it is now; anything else as undo leaves it
  coalesce(case when ok then target->>'title' end, present->>'title', target->>'title', expected->>'title', '') as title,
  case when not ok then 'conflict' when target is null and present is null then 'unchanged'
    when target is null then 'deleted' when present is null then 'restored' else 'reverted' end as outcome
from plan order by task_number`;

export interface UndoOptions {
  /** Undo within this conversation (chat); otherwise within the context's user and surface. */
  readonly conversationId?: string;
  /** How many of the latest change groups to undo (default 1). */
  readonly groups?: number;
}

/** Statement text → prepared name, per process: several repositories share one pool (see tasks/repository.ts). */
const statementNames = new Map<string, string>();
const nameOf = (text: string) => {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `activity_list_${statementNames.size}`));
  return name;
};

export function activityRepository(database: Database, quotas: Quotas = {}) {
  /** The ids of the latest `count` undoable groups of the scope, newest first. */
  async function latestGroups(ctx: ChangeContext, opts: UndoOptions, count: number): Promise<string[]> {
    const [name, text, scope] = opts.conversationId
      ? ['activity_scan_conversation', SCAN_CONVERSATION_SQL, opts.conversationId]
      : ['activity_scan_surface', SCAN_SURFACE_SQL, ctx.surface];
    const groups: string[] = [];
    let before = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const rows = await database.query<{ id: number | string; group_id: string }>(name, text, [
        scope,
        ctx.userId,
        before,
      ]);
      for (const row of rows) {
        if (!groups.includes(row.group_id)) {
          if (groups.length === count) return groups;
          groups.push(row.group_id);
        }
      }
      if (rows.length < GROUP_SCAN) return groups;
      before = Number(rows.at(-1)!.id);
    }
  }

  return {
    /** The user's changes, newest first, in keyset pages; `since` keeps those at or after an instant. */
    async list(this: void, userId: string, query: ListActivityQuery): Promise<ActivityPage> {
      const params: unknown[] = [userId];
      const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
      const where = ['user_id = $1'];
      if (query.since)
        where.push(`created_at >= ${param(new Date(query.since).toISOString(), '::timestamptz')}`);
      if (query.cursor) {
        const c = decodeCursor<Cursor>(query.cursor, acceptCursor);
        where.push(`(created_at, id) < (${param(c.k, '::timestamptz')}, ${param(c.id, '::bigint')})`);
      }
      // ORDER BY names the table's column: a bare created_at there is the select list's text, which no index holds.
      const text = `select ${ACTIVITY_COLUMNS} from task_activity a where ${where.join(' and ')}
order by a.created_at desc, a.id desc limit ${param(query.limit + 1, '::int')}`;
      const rows = await database.query<Activity & { id: number | string; sort_key: string }>(
        nameOf(text),
        text,
        params,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        // bigint ids arrive as strings from node-postgres; they stay far below 2^53.
        items: page.map(({ sort_key: _, id, ...row }) => ({ ...row, id: Number(id) })),
        next_cursor:
          rows.length > query.limit && last ? encodeCursor({ k: last.sort_key, id: Number(last.id) }) : null,
      };
    },

    /**
     * Reverts the latest `groups` (default 1) change groups of the scope that are not undone yet, as the one new
     * group `ctx.groupId`, and marks them undone by it. Tasks changed since are reported as conflicts, untouched.
     */
    async undo(this: void, ctx: ChangeContext, opts: UndoOptions = {}): Promise<UndoResult> {
      const groups = await latestGroups(ctx, opts, opts.groups ?? 1);
      if (groups.length === 0) return { group_id: null, undone_groups: 0, reverted: [], conflicts: [] };
      const undoCtx = { ...ctx, conversationId: opts.conversationId ?? ctx.conversationId };
      // Bringing deleted tasks back counts against the task quota: over it, the whole undo is refused.
      const items = await withinQuota('tasks', quotas.maxTasks, () =>
        database.query<UndoItem>('activity_undo', UNDO_SQL, [
          ...contextParams(undoCtx),
          `{${groups.join(',')}}`,
          quotaParam(quotas.maxTasks),
        ]),
      );
      return {
        group_id: ctx.groupId,
        undone_groups: groups.length,
        reverted: items.filter((i) => i.outcome !== 'conflict'),
        conflicts: items.filter((i) => i.outcome === 'conflict'),
      };
    },
  };
}

export type ActivityRepository = ReturnType<typeof activityRepository>;
