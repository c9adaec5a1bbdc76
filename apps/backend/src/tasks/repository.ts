import type { CreateTaskInput, ListTasksQuery, Task, TaskList, UpdateTaskInput } from '@todo/shared';
import type { Database } from '../db/client';
import { decodeCursor, encodeCursor } from '../http/cursor';

/**
 * A task row in its API shape, computed by Postgres (timestamps as JavaScript's toISOString() prints them: UTC,
 * milliseconds truncated like Date does), so rows need no per-field mapping or Date round trip in Node. Every
 * statement is sent as a prepared statement without the query builder: for a 50-task page, or a chat turn's
 * one-row writes, building and mapping through Drizzle cost more CPU than the query.
 */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const TASK_COLUMNS_SQL = `number as id, user_id, title, description, completed, priority, tags, ${isoText('due_at')} as due_at, ${isoText('created_at')} as created_at, ${isoText('updated_at')} as updated_at`;

/*
 * The next number comes from the user's counter row, bumped in the same statement as the insert: the upsert's row
 * lock serialises concurrent creates of one user (the second waits for the first to commit, then takes the next
 * number), and the primary key (user_id, number) backs it up.
 */
const INSERT_SQL = `with counter as (
  insert into user_settings (user_id, last_task_number) values ($1, 1)
  on conflict (user_id) do update set last_task_number = user_settings.last_task_number + 1
  returning last_task_number
)
insert into tasks (user_id, number, title, description, priority, tags, due_at, completed)
select $1, last_task_number, $2, $3, $4::task_priority, $5::text[], $6::timestamptz, $7 from counter
returning ${TASK_COLUMNS_SQL}`;
const GET_SQL = `select ${TASK_COLUMNS_SQL} from tasks where user_id = $1 and number = $2`;
const TOGGLE_SQL = `update tasks set completed = not completed, updated_at = $3::timestamptz
where user_id = $1 and number = $2 returning ${TASK_COLUMNS_SQL}`;
const DELETE_SQL = `delete from tasks where user_id = $1 and number = $2 returning ${TASK_COLUMNS_SQL}`;

/** The fields an update may set (named as their columns), with the cast of their parameter. */
const UPDATABLE: readonly (readonly [keyof UpdateTaskInput, string])[] = [
  ['title', ''],
  ['description', ''],
  ['priority', '::task_priority'],
  ['tags', '::text[]'],
  ['completed', '::boolean'],
  ['due_at', '::timestamptz'],
];

/** A text[] literal (`{"a","b"}`): one encoding every driver passes through unchanged. */
const textArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

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

/** All task data access. Every query is scoped by user id: another user's task is simply "not found". */
export function taskRepository(database: Database) {
  // Statement text → prepared statement name; list and update shapes are few (filters × sorts × cursor, fields
  // given), so this stays small.
  const statementNames = new Map<string, string>();
  const nameOf = (text: string, prefix = 'tasks_list') => {
    let name = statementNames.get(text);
    if (!name) {
      name = `${prefix}_${statementNames.size}`;
      statementNames.set(text, name);
    }
    return name;
  };
  const one = async (name: string, text: string, params: unknown[]) =>
    (await database.query<Task>(name, text, params))[0] ?? null;

  return {
    async create(userId: string, input: CreateTaskInput): Promise<Task> {
      const [row] = await database.query<Task>('tasks_insert', INSERT_SQL, [
        userId,
        input.title,
        input.description ?? '',
        input.priority ?? 'medium',
        textArray(input.tags ?? []),
        input.due_at ? new Date(input.due_at).toISOString() : null,
        input.completed ?? false,
      ]);
      return row!;
    },

    async get(userId: string, id: number): Promise<Task | null> {
      return one('tasks_get', GET_SQL, [userId, id]);
    },

    async update(userId: string, id: number, patch: UpdateTaskInput): Promise<Task | null> {
      // The statement text depends on which fields are given (at most 64 shapes, each prepared once).
      const params: unknown[] = [userId, id, new Date().toISOString()];
      const set = ['updated_at = $3::timestamptz'];
      for (const [field, cast] of UPDATABLE) {
        const value = patch[field];
        if (value === undefined) continue;
        params.push(
          field === 'tags'
            ? textArray(value as string[])
            : field === 'due_at' && value !== null
              ? new Date(value as string).toISOString()
              : value,
        );
        set.push(`${field} = $${params.length}${cast}`);
      }
      const text = `update tasks set ${set.join(', ')} where user_id = $1 and number = $2 returning ${TASK_COLUMNS_SQL}`;
      return one(nameOf(text, 'tasks_update'), text, params);
    },

    async toggle(userId: string, id: number): Promise<Task | null> {
      return one('tasks_toggle', TOGGLE_SQL, [userId, id, new Date().toISOString()]);
    },

    async remove(userId: string, id: number): Promise<Task | null> {
      return one('tasks_delete', DELETE_SQL, [userId, id]);
    },

    async list(userId: string, query: ListTasksQuery): Promise<TaskList> {
      const order = query.order ?? DEFAULT_ORDER[query.sort];
      const key = sortKey(query.sort, order);
      const params: unknown[] = [userId];
      const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
      const where = ['user_id = $1'];
      if (query.status !== 'all') where.push(`completed = ${param(query.status === 'completed')}`);
      if (query.priority) where.push(`priority = ${param(query.priority, '::task_priority')}`);
      if (query.tag) where.push(`tags @> array[${param(query.tag, '::text')}]`);
      if (query.due_before)
        where.push(`due_at < ${param(new Date(query.due_before).toISOString(), '::timestamptz')}`);
      if (query.due_after)
        where.push(`due_at >= ${param(new Date(query.due_after).toISOString(), '::timestamptz')}`);
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
      // The default sort's key is the number itself: its rows need no extra column, and go out as they come.
      const text = `select ${TASK_COLUMNS_SQL}${key ? `, (${key.expr})::text as sort_key` : ''}
from tasks where ${where.join(' and ')}
order by ${key ? `${key.expr} ${dir}, ` : ''}number ${dir}
limit ${param(query.limit + 1, '::int')}`;
      const rows = await database.query<Task & { sort_key?: string | null }>(nameOf(text), text, params);
      const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      const next_cursor =
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, o: order, k: last.sort_key ?? null, id: last.id })
          : null;
      return { items: key ? page.map(({ sort_key: _, ...task }) => task) : page, next_cursor };
    },
  };
}

export type TaskRepository = ReturnType<typeof taskRepository>;
