import type { CreateTaskInput, ListTasksQuery, Task, TaskList, UpdateTaskInput } from '@todo/shared';
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tasks } from '../db/schema';
import { AppError } from '../http/errors';

type Row = typeof tasks.$inferSelect;

export const toTask = (r: Row): Task => ({
  id: r.id,
  user_id: r.userId,
  title: r.title,
  description: r.description,
  completed: r.completed,
  priority: r.priority,
  tags: r.tags,
  due_at: r.dueAt?.toISOString() ?? null,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

type Sort = ListTasksQuery['sort'];
type Order = 'asc' | 'desc';

const DEFAULT_ORDER: Record<Sort, Order> = { created: 'desc', due: 'asc', priority: 'desc', title: 'asc' };

/**
 * The sort key of each sort as one SQL expression, so keyset pagination is a row comparison on (key, id).
 * `created` is the identity id itself (monotonic, exact — timestamps lose microseconds in JSON).
 * `due` maps "no due date" to ±infinity so undated tasks come last in both directions.
 */
function sortKey(sort: Sort, order: Order): { expr: SQL; cast: string } | null {
  switch (sort) {
    case 'created':
      return null;
    case 'due':
      return {
        expr: sql`coalesce(${tasks.dueAt}, ${sql.raw(order === 'asc' ? "'infinity'" : "'-infinity'")}::timestamptz)`,
        cast: 'timestamptz',
      };
    case 'priority':
      return { expr: sql`${tasks.priority}`, cast: 'task_priority' };
    case 'title':
      return { expr: sql`lower(${tasks.title})`, cast: 'text' };
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
export function taskRepository(db: Db) {
  const own = (userId: string, id: number) => and(eq(tasks.userId, userId), eq(tasks.id, id));

  return {
    async create(userId: string, input: CreateTaskInput): Promise<Task> {
      const [row] = await db
        .insert(tasks)
        .values({
          userId,
          title: input.title,
          description: input.description ?? '',
          priority: input.priority ?? 'medium',
          tags: input.tags ?? [],
          dueAt: input.due_at ? new Date(input.due_at) : null,
          completed: input.completed ?? false,
        })
        .returning();
      return toTask(row!);
    },

    async get(userId: string, id: number): Promise<Task | null> {
      const [row] = await db.select().from(tasks).where(own(userId, id));
      return row ? toTask(row) : null;
    },

    async update(userId: string, id: number, patch: UpdateTaskInput): Promise<Task | null> {
      const set: Partial<typeof tasks.$inferInsert> = { updatedAt: new Date() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.priority !== undefined) set.priority = patch.priority;
      if (patch.tags !== undefined) set.tags = patch.tags;
      if (patch.completed !== undefined) set.completed = patch.completed;
      if (patch.due_at !== undefined) set.dueAt = patch.due_at === null ? null : new Date(patch.due_at);
      const [row] = await db.update(tasks).set(set).where(own(userId, id)).returning();
      return row ? toTask(row) : null;
    },

    async toggle(userId: string, id: number): Promise<Task | null> {
      const [row] = await db
        .update(tasks)
        .set({ completed: sql`not ${tasks.completed}`, updatedAt: new Date() })
        .where(own(userId, id))
        .returning();
      return row ? toTask(row) : null;
    },

    async remove(userId: string, id: number): Promise<Task | null> {
      const [row] = await db.delete(tasks).where(own(userId, id)).returning();
      return row ? toTask(row) : null;
    },

    async list(userId: string, query: ListTasksQuery): Promise<TaskList> {
      const order = query.order ?? DEFAULT_ORDER[query.sort];
      const key = sortKey(query.sort, order);
      const where: (SQL | undefined)[] = [eq(tasks.userId, userId)];
      if (query.status !== 'all') where.push(eq(tasks.completed, query.status === 'completed'));
      if (query.priority) where.push(eq(tasks.priority, query.priority));
      if (query.tag) where.push(sql`${tasks.tags} @> array[${query.tag}]::text[]`);
      if (query.due_before)
        where.push(sql`${tasks.dueAt} < ${new Date(query.due_before).toISOString()}::timestamptz`);
      if (query.due_after)
        where.push(sql`${tasks.dueAt} >= ${new Date(query.due_after).toISOString()}::timestamptz`);
      if (query.q) {
        const pattern = `%${escapeLike(query.q)}%`;
        where.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
      }
      if (query.cursor) {
        const c = decodeCursor(query.cursor, query.sort, order);
        const cmp = sql.raw(order === 'asc' ? '>' : '<');
        where.push(
          key
            ? sql`(${key.expr}, ${tasks.id}) ${cmp} (${c.k}::${sql.raw(key.cast)}, ${c.id})`
            : sql`${tasks.id} ${cmp} ${c.id}`,
        );
      }
      const dir = order === 'asc' ? asc : desc;
      const rows = await db
        .select({ task: tasks, key: key ? sql<string>`(${key.expr})::text` : sql<null>`null` })
        .from(tasks)
        .where(and(...where))
        .orderBy(...(key ? [dir(key.expr), dir(tasks.id)] : [dir(tasks.id)]))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const next_cursor =
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, o: order, k: last.key, id: last.task.id })
          : null;
      return { items: page.map((r) => toTask(r.task)), next_cursor };
    },
  };
}

export type TaskRepository = ReturnType<typeof taskRepository>;
