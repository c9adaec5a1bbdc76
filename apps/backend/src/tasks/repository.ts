import {
  DESCRIPTION_MAX,
  TAGS_MAX,
  type CreateTaskInput,
  type ListTasksQuery,
  type Task,
  type TaskList,
  type UpdateTaskInput,
} from '@todo/shared';
import { activityRepository } from '../activity/repository';
import type { Database } from '../db/client';
import { decodeCursor, encodeCursor } from '../http/cursor';
import {
  changeAction,
  isoText,
  LOG_INSERT,
  snapshotsDiffer,
  TASK_FIELDS,
  taskColumns,
  taskSnapshot,
  textArray,
} from './sql';
import { contextParams, type ChangeContext } from '../activity/context';
import { reminderRepository } from '../reminders/repository';
import { advance, type Advance } from './recurrence';
import { quotaCte, quotaParam, withinQuota, type Quotas } from '../db/quotas';

/*
 * Every statement is sent as a prepared statement without the query builder: for a 50-task page, or a chat turn's
 * one-row writes, building and mapping through Drizzle cost more CPU than the query. Every write logs itself in
 * task_activity within the same statement (data-modifying CTEs), so a change and its log row commit together.
 * Parameters $1…$4 of a write are its ChangeContext (contextParams).
 */

const TASK_COLUMNS_SQL = taskColumns('tasks');

/*
 * The next number comes from the user's counter row, bumped in the same statement as the insert: the upsert's row
 * lock serialises concurrent creates of one user (the second waits for the first to commit, then takes the next
 * number), and the primary key (user_id, number) backs it up.
 */
const INSERT_SQL = `with ${quotaCte('tasks', '$13')}, counter as (
  insert into user_settings (user_id, last_task_number) select $1, 1 from quota
  on conflict (user_id) do update set last_task_number = user_settings.last_task_number + 1
  returning last_task_number
), made as (
  insert into tasks as t (user_id, number, title, description, priority, tags, due_at, completed, recurrence, reminders)
  select $1, last_task_number, $5, $6, $7::task_priority, $8::text[], $9::timestamptz, $10, $11, $12::jsonb from counter
  returning ${taskColumns('t')}, ${taskSnapshot('t')} as after
), log as (
  ${LOG_INSERT} id, 'created', null, after from made
)
select ${TASK_FIELDS} from made`;
const GET_SQL = `select ${TASK_COLUMNS_SQL} from tasks where user_id = $1 and number = $2`;
const DELETE_SQL = `with gone as (
  delete from tasks t where t.user_id = $1 and t.number = any($5::int[])
  returning ${taskColumns('t')}, ${taskSnapshot('t')} as before
), log as (
  ${LOG_INSERT} id, 'deleted', before, null from gone
)
select ${TASK_FIELDS} from gone order by id`;

/** Pending tasks among $2 that repeat (or will, when the patch sets a rule: $3), with the user's zone. */
const REPEATING_SQL = `select t.number, t.recurrence, ${isoText('t.due_at')} as due_at, s.time_zone
from tasks t left join user_settings s on s.user_id = t.user_id
where t.user_id = $1 and t.number = any($2::int[]) and not t.completed and (t.recurrence is not null or $3)`;

/** A repeating task as its completion was planned from. */
interface Seen {
  readonly number: number;
  readonly recurrence: string | null;
  readonly due_at: string | null;
}

/** A change to a task's fields: set any of them, toggle completion, or edit tags and description in place. */
export interface TaskPatch extends UpdateTaskInput {
  /** Flip completed (REST PATCH …/complete without a body). */
  readonly toggle?: boolean;
  readonly add_tags?: readonly string[];
  readonly remove_tags?: readonly string[];
  /** Appended to the description on a new line. */
  readonly append_description?: string;
}

/** The fields an update may set (named as their columns), with the cast of their parameter. */
const UPDATABLE: readonly (readonly [keyof UpdateTaskInput, string])[] = [
  ['title', ''],
  ['description', ''],
  ['priority', '::task_priority'],
  ['tags', '::text[]'],
  ['completed', '::boolean'],
  ['due_at', '::timestamptz'],
  ['recurrence', ''],
  ['reminders', '::jsonb'],
];

/**
 * The SET list of an update of the rows aliased `t`, pushing its parameters onto `params`. The statement text
 * depends only on which fields are given (each shape is prepared once).
 */
function setList(patch: TaskPatch, params: unknown[], advancing = false): string[] {
  const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
  const set = [`updated_at = ${param(new Date().toISOString(), '::timestamptz')}`];
  const exprs: Record<string, string> = {};
  for (const [field, cast] of UPDATABLE) {
    const value = patch[field];
    if (value === undefined) continue;
    exprs[field] = param(
      field === 'tags'
        ? textArray(value as string[])
        : field === 'reminders'
          ? JSON.stringify(value)
          : field === 'due_at' && value !== null
            ? new Date(value as string).toISOString()
            : value,
      cast,
    );
  }
  if (patch.toggle) exprs.completed = 'not t.completed';
  if (patch.add_tags?.length || patch.remove_tags?.length) {
    let tags = exprs.tags ?? 't.tags';
    if (patch.add_tags?.length) {
      const add = param(textArray(patch.add_tags), '::text[]');
      // Tags compare without case: "Work" and "work" are one tag to a person.
      tags = `(${tags} || array(select x from unnest(${add}) x where not exists (select 1 from unnest(${tags}) y where lower(y) = lower(x))))[1:${TAGS_MAX}]`;
    }
    if (patch.remove_tags?.length) {
      const remove = param(textArray(patch.remove_tags), '::text[]');
      tags = `array(select x from unnest(${tags}) with ordinality u(x, o) where not exists (select 1 from unnest(${remove}) r where lower(r) = lower(x)) order by o)`;
    }
    exprs.tags = tags;
  }
  if (patch.append_description) {
    const base = exprs.description ?? 't.description';
    const more = param(patch.append_description, '::text');
    exprs.description = `left(case when ${base} = '' then ${more} else ${base} || E'\\n' || ${more} end, ${DESCRIPTION_MAX})`;
  }
  if (advancing) {
    // A repeating task being completed stays pending at its next occurrence (the `adv` row of the statement).
    exprs.completed = `case when adv.number is null then ${exprs.completed ?? 't.completed'} else false end`;
    exprs.due_at = `case when adv.number is null then ${exprs.due_at ?? 't.due_at'} else adv.due end`;
    exprs.recurrence = `case when adv.number is null then ${exprs.recurrence ?? 't.recurrence'} else adv.rule end`;
  }
  for (const [field, expr] of Object.entries(exprs)) set.push(`${field} = ${expr}`);
  return set;
}

/** An int[] literal of task numbers. */
const numberArray = (numbers: readonly number[]) => `{${numbers.join(',')}}`;

type Sort = ListTasksQuery['sort'];
type Order = 'asc' | 'desc';

const DEFAULT_ORDER: Record<Sort, Order> = { created: 'desc', due: 'asc', priority: 'desc', title: 'asc' };

/**
 * The sort key of each sort as one SQL expression, so keyset pagination is a row comparison on (key, number).
 * `created` is the task number itself (per user in creation order, exact — timestamps lose microseconds in JSON).
 * `due` maps "no due date" to ±infinity so undated tasks come last in both directions.
 */
function sortKey(sort: Sort, order: Order): { expr: string; cast: string } | null {
  switch (sort) {
    case 'created':
      return null;
    case 'due':
      return {
        expr: `coalesce(due_at, '${order === 'asc' ? 'infinity' : '-infinity'}'::timestamptz)`,
        cast: 'timestamptz',
      };
    case 'priority':
      return { expr: 'priority', cast: 'task_priority' };
    case 'title':
      return { expr: 'lower(title)', cast: 'text' };
  }
}

interface Cursor {
  s: Sort;
  o: Order;
  k: string | null;
  id: number;
}

const acceptCursor = (sort: Sort, order: Order) => (c: Partial<Record<keyof Cursor, unknown>>) =>
  c.s === sort && c.o === order && Number.isSafeInteger(c.id) && (c.k === null || typeof c.k === 'string');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/*
 * Statement text → prepared statement name, for the statements whose text is built per call (list and update
 * shapes: filters × sorts × cursor, fields given; few). Prepared names live per connection, and several
 * repositories share a pool (the app's, a test's), so one name must mean one text process-wide: the map is the
 * module's, not each repository's.
 */
const statementNames = new Map<string, string>();
const nameOf = (text: string, prefix = 'tasks_list') => {
  let name = statementNames.get(text);
  if (!name) {
    name = `${prefix}_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
};

/** All task data access. Every query is scoped by user id: another user's task is simply "not found". */
export function taskRepository(database: Database, quotas: Quotas = {}) {
  const one = async (name: string, text: string, params: unknown[]) =>
    (await database.query<Task>(name, text, params))[0] ?? null;

  /**
   * Where completing each of `ids` moves it, for the ones that repeat (none in the common case: one indexed read).
   * The rule and due time come from the patch when it sets them, else from the row; the zone is the user's.
   */
  async function plannedAdvances(ctx: ChangeContext, ids: readonly number[], patch: TaskPatch) {
    const rows = await database.query<Seen & { time_zone: string | null }>('tasks_repeating', REPEATING_SQL, [
      ctx.userId,
      numberArray(ids),
      typeof patch.recurrence === 'string',
    ]);
    const now = ctx.now ?? new Date();
    const planned: (Seen & Advance)[] = [];
    for (const row of rows) {
      const rule = patch.recurrence !== undefined ? patch.recurrence : row.recurrence;
      const due = patch.due_at !== undefined ? patch.due_at : row.due_at;
      if (!rule) continue;
      const next = advance(rule, due ? new Date(due) : null, now, row.time_zone ?? 'UTC');
      if (next) planned.push({ ...row, ...next });
    }
    return planned;
  }

  /** Applies one patch to each of the user's tasks `ids` (missing ones are skipped), as one logged statement. */
  async function updateMany(ctx: ChangeContext, ids: readonly number[], patch: TaskPatch): Promise<Task[]> {
    const completing = patch.completed === true || patch.toggle === true;
    const planned = completing ? await plannedAdvances(ctx, ids, patch) : [];
    if (planned.length === 0) return updateStatement(ctx, ids, patch, []);
    // Each advance was planned from the row as it was read; a row that changed since is skipped by the statement
    // and planned again from its new state (a concurrent change is rare; three rounds settle it).
    const done: Task[] = [];
    let pending = ids;
    let plan = planned;
    for (let round = 0; ; round++) {
      const rows = await updateStatement(ctx, pending, patch, plan);
      done.push(...rows);
      const changed = new Set(rows.map((t) => t.id));
      const skipped = plan.filter((p) => !changed.has(p.number)).map((p) => p.number);
      if (skipped.length === 0 || round === 2) break;
      pending = skipped;
      plan = await plannedAdvances(ctx, skipped, patch);
    }
    return done.sort((a, b) => a.id - b.id);
  }

  /** The one logged update statement; `planned` tasks are completed by moving them to their next occurrence. */
  async function updateStatement(
    ctx: ChangeContext,
    ids: readonly number[],
    patch: TaskPatch,
    planned: readonly (Seen & Advance)[],
  ): Promise<Task[]> {
    const params = [...contextParams(ctx), numberArray(ids)];
    const advancing = planned.length > 0;
    const set = setList(patch, params, advancing);
    let from = '';
    let guard = '';
    let action = changeAction('before', 'after');
    if (advancing) {
      const arr = (values: unknown[], cast: string) => `$${params.push(values)}::${cast}[]`;
      from = ` left join unnest(${arr(
        planned.map((p) => p.number),
        'int',
      )}, ${arr(
        planned.map((p) => p.due.toISOString()),
        'timestamptz',
      )}, ${arr(
        planned.map((p) => p.rule),
        'text',
      )}, ${arr(
        planned.map((p) => p.recurrence),
        'text',
      )}, ${arr(
        planned.map((p) => p.due_at),
        'timestamptz',
      )}) adv(number, due, rule, seen_rule, seen_due) on adv.number = o.number`;
      guard = ` and (adv.number is null or (not o.completed and o.recurrence is not distinct from adv.seen_rule and date_trunc('milliseconds', o.due_at) is not distinct from adv.seen_due))`;
      // The log records the completion itself; `after` shows the task pending at its next occurrence.
      action = `case when advanced then 'completed'::activity_action else ${action} end`;
    }
    // The FOR UPDATE subquery reads each row's state before the change (the latest committed one, locked).
    const text = `with changed as (
update tasks t set ${set.join(', ')}
from (select number, completed, recurrence, due_at, ${taskSnapshot('tasks')} as before from tasks
      where user_id = $1 and number = any($5::int[]) for update) o${from}
where t.user_id = $1 and t.number = o.number${guard}
returning ${taskColumns('t')}, o.before, ${taskSnapshot('t')} as after, ${advancing ? 'adv.number is not null' : 'false'} as advanced
), log as (
${LOG_INSERT} id, ${action}, before, after from changed
where advanced or ${snapshotsDiffer('before', 'after')}
)
select ${TASK_FIELDS} from changed order by id`;
    return database.query<Task>(nameOf(text, 'tasks_update'), text, params);
  }

  /** Deletes the user's tasks `ids` (missing ones are skipped), as one logged statement. */
  const removeMany = (ctx: ChangeContext, ids: readonly number[]): Promise<Task[]> =>
    database.query<Task>('tasks_delete', DELETE_SQL, [...contextParams(ctx), numberArray(ids)]);

  const activity = activityRepository(database, quotas);
  return {
    updateMany,
    removeMany,
    /** Reverts the latest change groups from the activity log (see activityRepository). */
    undo: activity.undo,
    /** The user's changes, newest first (see activityRepository). */
    activity: activity.list,
    /** The schedule the tasks' reminder rules make (see reminderRepository). */
    reminders: reminderRepository(database),

    /** Creates a task; at the user's task quota, throws task_quota_exceeded and creates nothing. */
    async create(ctx: ChangeContext, input: CreateTaskInput): Promise<Task> {
      const [row] = await withinQuota('tasks', quotas.maxTasks, () =>
        database.query<Task>('tasks_insert', INSERT_SQL, [
          ...contextParams(ctx),
          input.title,
          input.description ?? '',
          input.priority ?? 'medium',
          textArray(input.tags ?? []),
          input.due_at ? new Date(input.due_at).toISOString() : null,
          input.completed ?? false,
          input.recurrence ?? null,
          JSON.stringify(input.reminders ?? []),
          quotaParam(quotas.maxTasks),
        ]),
      );
      return row!;
    },

    async get(userId: string, id: number): Promise<Task | null> {
      return one('tasks_get', GET_SQL, [userId, id]);
    },

    async update(ctx: ChangeContext, id: number, patch: TaskPatch): Promise<Task | null> {
      return (await updateMany(ctx, [id], patch))[0] ?? null;
    },

    async toggle(ctx: ChangeContext, id: number): Promise<Task | null> {
      return (await updateMany(ctx, [id], { toggle: true }))[0] ?? null;
    },

    async remove(ctx: ChangeContext, id: number): Promise<Task | null> {
      return (await removeMany(ctx, [id]))[0] ?? null;
    },

    async list(userId: string, query: ListTasksQuery): Promise<TaskList> {
      const order = query.order ?? DEFAULT_ORDER[query.sort];
      const key = sortKey(query.sort, order);
      const params: unknown[] = [userId];
      const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
      const where = ['user_id = $1'];
      if (query.priority) where.push(`priority = ${param(query.priority, '::task_priority')}`);
      if (query.recurring !== undefined)
        where.push(query.recurring ? 'recurrence is not null' : 'recurrence is null');
      if (query.tag) where.push(`tags @> array[${param(query.tag, '::text')}]`);
      // Sorting by due date, the range is a range of the sort key (the same rows: the bound is finite), so the
      // key's index reads only the rows inside it.
      const due = query.sort === 'due' ? key!.expr : 'due_at';
      if (query.due_before)
        where.push(`${due} < ${param(new Date(query.due_before).toISOString(), '::timestamptz')}`);
      if (query.due_after)
        where.push(`${due} >= ${param(new Date(query.due_after).toISOString(), '::timestamptz')}`);
      if (query.q) {
        const pattern = param(`%${escapeLike(query.q)}%`, '::text');
        where.push(`(title ilike ${pattern} or description ilike ${pattern})`);
      }
      if (query.cursor) {
        const c = decodeCursor<Cursor>(query.cursor, acceptCursor(query.sort, order));
        const cmp = order === 'asc' ? '>' : '<';
        where.push(
          key
            ? `(${key.expr}, number) ${cmp} (${param(c.k, `::${key.cast}`)}, ${param(c.id, '::int')})`
            : `number ${cmp} ${param(c.id, '::int')}`,
        );
      }
      const dir = order === 'asc' ? 'asc' : 'desc';
      const limit = param(query.limit + 1, '::int');
      // The default sort's key is the number itself: its rows need no extra column, and go out as they come.
      const columns = `${TASK_COLUMNS_SQL}${key ? `, (${key.expr})::text as sort_key, ${key.expr} as sort_value` : ''}`;
      const orderBy = (k: string, n: string) => `order by ${key ? `${k} ${dir}, ` : ''}${n} ${dir}`;
      const select = (conditions: string[]) =>
        `select ${columns} from tasks where ${conditions.join(' and ')} ${orderBy(key?.expr ?? '', 'number')} limit ${limit}`;
      let text: string;
      if (query.status !== 'all') {
        text = select([...where, query.status === 'completed' ? 'completed' : 'not completed']);
      } else if (!key && !query.priority) {
        text = select(where); // the primary key's order
      } else {
        // The indexes lead with `completed`: a page of each half in order, merged, is a page of both.
        text = `select * from ((${select([...where, 'not completed'])}) union all (${select([...where, 'completed'])})) page
${orderBy('sort_value', 'id')} limit ${limit}`;
      }
      // Prepared statements are planned once for any value after a few runs; a search word, tag or date bound
      // can match 3 rows or 30,000, which need different plans, so those lists are planned for their values.
      const name = query.q || query.tag || query.due_before || query.due_after ? '' : nameOf(text);
      const rows = await database.query<Task & { sort_key?: string | null; sort_value?: unknown }>(
        name,
        text,
        params,
      );
      const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      const next_cursor =
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, o: order, k: last.sort_key ?? null, id: last.id })
          : null;
      return {
        items: key ? page.map(({ sort_key: _, sort_value: __, ...task }) => task) : page,
        next_cursor,
      };
    },
  };
}

export type TaskRepository = ReturnType<typeof taskRepository>;
