import type { CreateTaskInput, ListTasksQuery, Task, TaskList, UpdateTaskInput } from '@todo/shared';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { tasks } from '../db/schema';
import { AppError } from '../http/errors';

/** A timestamp as JavaScript's toISOString() prints it (UTC, milliseconds truncated like Date does). */
const iso = (column: SQL | AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A task row in its API shape, computed by Postgres: the rows need no per-field mapping or Date round trip in
 * Node (for a 50-task page that mapping cost more than the query).
 */
const TASK_FIELDS = {
  id: tasks.id,
  user_id: tasks.userId,
  title: tasks.title,
  description: tasks.description,
  completed: tasks.completed,
  priority: tasks.priority,
  tags: tasks.tags,
  due_at: sql<string | null>`${iso(tasks.dueAt)}`,
  created_at: iso(tasks.createdAt),
  updated_at: iso(tasks.updatedAt),
};

/** The same columns as SQL text, for the hot statements sent without the query builder. */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const TASK_COLUMNS_SQL = `id, user_id, title, description, completed, priority, tags, ${isoText('due_at')} as due_at, ${isoText('created_at')} as created_at, ${isoText('updated_at')} as updated_at`;

const INSERT_SQL = `insert into tasks (user_id, title, description, priority, tags, due_at, completed)
values ($1, $2, $3, $4::task_priority, $5::text[], $6::timestamptz, $7)
returning ${TASK_COLUMNS_SQL}`;

/** A text[] literal (`{"a","b"}`): one encoding every driver passes through unchanged. */
const textArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

type Sort = ListTasksQuery['sort'];
type Order = 'asc' | 'desc';

const DEFAULT_ORDER: Record<Sort, Order> = { created: 'desc', due: 'asc', priority: 'desc', title: 'asc' };

/**
 * The sort key of each sort as one SQL expression, so keyset pagination is a row comparison on (key, id).
 * `created` is the identity id itself (monotonic, exact — timestamps lose microseconds in JSON).
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

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(raw: string, sort: Sort, order: Order): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (
      c.s === sort &&
      c.o === order &&
      Number.isSafeInteger(c.id) &&
      (c.k === null || typeof c.k === 'string')
    )
      return c;
  } catch {
    /* fall through */
  }
  throw new AppError('validation_error', 'cursor is invalid or belongs to another sort order', [
    { path: 'querystring.cursor', message: 'invalid cursor' },
  ]);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** All task data access. Every query is scoped by user id: another user's task is simply "not found". */
export function taskRepository(database: Database) {
  const { db } = database;
  // Statement text → prepared statement name; list shapes are few (filters × sorts × cursor), so this stays small.
  const statementNames = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = statementNames.get(text);
    if (!name) {
      name = `tasks_list_${statementNames.size}`;
      statementNames.set(text, name);
    }
    return name;
  };
  const own = (userId: string, id: number) => and(eq(tasks.userId, userId), eq(tasks.id, id));

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
      const [row] = await db.select(TASK_FIELDS).from(tasks).where(own(userId, id));
      return row ?? null;
    },

    async update(userId: string, id: number, patch: UpdateTaskInput): Promise<Task | null> {
      const set: Partial<typeof tasks.$inferInsert> = { updatedAt: new Date() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.priority !== undefined) set.priority = patch.priority;
      if (patch.tags !== undefined) set.tags = patch.tags;
      if (patch.completed !== undefined) set.completed = patch.completed;
      if (patch.due_at !== undefined) set.dueAt = patch.due_at === null ? null : new Date(patch.due_at);
      const [row] = await db.update(tasks).set(set).where(own(userId, id)).returning(TASK_FIELDS);
      return row ?? null;
    },

    async toggle(userId: string, id: number): Promise<Task | null> {
      const [row] = await db
        .update(tasks)
        .set({ completed: sql`not ${tasks.completed}`, updatedAt: new Date() })
        .where(own(userId, id))
        .returning(TASK_FIELDS);
      return row ?? null;
    },

    async remove(userId: string, id: number): Promise<Task | null> {
      const [row] = await db.delete(tasks).where(own(userId, id)).returning(TASK_FIELDS);
      return row ?? null;
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
        const c = decodeCursor(query.cursor, query.sort, order);
        const cmp = order === 'asc' ? '>' : '<';
        where.push(
          key
            ? `(${key.expr}, id) ${cmp} (${param(c.k, `::${key.cast}`)}, ${param(c.id, '::int')})`
            : `id ${cmp} ${param(c.id, '::int')}`,
        );
      }
      const dir = order === 'asc' ? 'asc' : 'desc';
      const text = `select ${TASK_COLUMNS_SQL}, ${key ? `(${key.expr})::text` : 'null'} as sort_key
from tasks where ${where.join(' and ')}
order by ${key ? `${key.expr} ${dir}, ` : ''}id ${dir}
limit ${param(query.limit + 1, '::int')}`;
      const rows = await database.query<Task & { sort_key: string | null }>(nameOf(text), text, params);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const next_cursor =
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, o: order, k: last.sort_key, id: last.id })
          : null;
      return { items: page.map(({ sort_key: _, ...task }) => task), next_cursor };
    },
  };
}

export type TaskRepository = ReturnType<typeof taskRepository>;
