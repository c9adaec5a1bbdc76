import {
  listActivityQuerySchema,
  listConversationsQuerySchema,
  listTasksQuerySchema,
  type ListTasksQuery,
} from '@todo/shared';
import { activityRepository } from '../activity/repository';
import { listTokensQuery } from '../auth/tokens';
import { conversationRepository } from '../chat/repository';
import { eventHub } from '../events/hub';
import { reminderRepository } from '../reminders/repository';
import { taskRepository } from '../tasks/repository';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/*
 * One user with a long history next to a small one: the seed, every list/search statement the API serves, and how
 * many rows each one's plan reads. The plan test (test/db/plans.test.ts) and the "big user" bench scenario
 * (bench/run.mjs, through `tsx src/db/scale.ts`) share it, so both judge the same data and the same statements.
 */

/**
 * Words of the seeded titles ("Buy milk #12 with the team"): COMMON_WORD ends a third of them, spread evenly
 * through every order (the number comes before it), RARE_WORD is in 1 of every 25,000.
 */
export const COMMON_WORD = 'team';
export const RARE_WORD = 'passport';
export const COMMON_TAG = 'work';
export const RARE_TAG = 'rare';

/**
 * The seed, one statement each ($1 user, $2 tasks, $3 conversations, $4 messages each; the newest conversation has
 * 20 × $4). The older 70 % of the tasks are mostly done and due in the past, the newer ones pending and due later:
 * the correlation a real history has, which is what makes a status filter on a date order expensive without its
 * own index. Triggers and foreign-key checks are off for the load (session_replication_role, superuser only):
 * 100,000 NOTIFYs and reminder rules would only slow the seed down.
 */
const SEED_SQL = [
  `insert into tasks (user_id, number, title, description, priority, completed, due_at, tags, recurrence, created_at, updated_at)
select $1, n,
  (array['Call','Email','Buy','Fix','Plan','Write','Book'])[1 + n % 7] || ' ' ||
  (array['the bank','the dentist','milk','the car','the garden','the invoice','a gift','the flat','the plumber','the school','the gym'])[1 + n % 11] ||
  ' #' || n || case when n % 3 = 0 then ' with the ${COMMON_WORD}' else '' end ||
  case when n % 25000 = 1 then ' ${RARE_WORD}' else '' end,
  case when n % 4 = 0 then 'Notes: ask about the weekend' else '' end,
  (array['low','medium','high'])[1 + (n / 7) % 3]::task_priority,
  n <= $2::int * 0.7 and n % 10 <> 0,
  case when n % 2 = 0 then now() + (n - $2::int * 0.7) * interval '1 hour' end,
  case when n % 10 = 0 then array['${COMMON_TAG}'] when n % 5000 = 1 then array['home','${RARE_TAG}'] else '{}'::text[] end,
  case when n % 500 = 0 then 'FREQ=WEEKLY' end,
  now() - ($2::int - n) * interval '1 minute', now() - ($2::int - n) * interval '1 minute'
from generate_series(1, $2::int) n`,
  // The counts the triggers would keep (drizzle/0012), for a user who had nothing before; no quota is announced.
  `insert into user_settings (user_id, last_task_number, task_count, conversation_count) values ($1, $2::int, $2::int, $3::int)
on conflict (user_id) do update set last_task_number = excluded.last_task_number,
  task_count = excluded.task_count, conversation_count = excluded.conversation_count`,
  `insert into task_activity (user_id, group_id, surface, task_number, action, after, created_at)
select $1, gen_random_uuid(), 'api', n, 'created', jsonb_build_object('id', n), now() - ($2::int - n) * interval '1 minute'
from generate_series(1, $2::int) n`,
  `insert into reminders (user_id, task_number, kind, fire_at, state, delivered_at, event_id)
select $1, n, 'at', now() + (n - $2::int * 0.7) * interval '1 hour',
  case when n <= $2::int * 0.7 then 'delivered' else 'pending' end::reminder_state,
  case when n <= $2::int * 0.7 then now() + (n - $2::int * 0.7) * interval '1 hour' end,
  case when n <= $2::int * 0.7 then n end
from generate_series(2, $2::int, 2) n`,
  `with c as (
  insert into conversations (user_id, title, created_at, updated_at)
  select $1, 'Chat ' || i, now() - i * interval '1 minute', now() - i * interval '1 minute'
  from generate_series(1, $3::int) i returning id, title
)
insert into messages (conversation_id, role, content)
select c.id, case when m % 2 = 1 then 'user' else 'assistant' end, 'Message ' || m
from c, generate_series(1, case when c.title = 'Chat 1' then 20 * $4::int else $4::int end) m`,
  `insert into api_tokens (user_id, name, token_hash) select $1, 'token ' || i, md5($1 || i) from generate_series(1, 20) i`,
];

export interface SeedSize {
  readonly tasks: number;
  readonly conversations: number;
  readonly messages: number;
}

/** Loads `size` of data for an existing user, in one transaction, then refreshes the planner's statistics. */
export async function seedUser(database: Database, userId: string, size: SeedSize): Promise<void> {
  // Inlined: one transaction needs one connection, which only Drizzle's transaction gives on every driver.
  const literal = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
  const params = [userId, size.tasks, size.conversations, size.messages];
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    for (const text of SEED_SQL)
      await tx.execute(sql.raw(text.replace(/\$(\d)/g, (_, i: string) => literal(params[Number(i) - 1]!))));
  });
  // After a bulk load, as autovacuum would (it may be late, or off): statistics describing the tables as they are
  // now, and the search index's pending list of new rows merged into the index proper.
  await database.query('', 'vacuum analyze', []);
}

// ---- plans ----

/** A node of EXPLAIN (FORMAT JSON). */
interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** Nodes that read rows of a table; a Bitmap Index Scan only yields addresses its Bitmap Heap Scan then reads. */
const TABLE_SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Tid Scan']);

/**
 * Rows the plan's scans actually read: those they returned plus those their filter or recheck threw away, over
 * every loop (EXPLAIN prints both as per-loop averages).
 */
export function rowsRead(node: PlanNode): number {
  const own = TABLE_SCANS.has(node['Node Type'])
    ? ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      (node['Actual Loops'] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}

/** What EXPLAIN (ANALYZE) said about one statement. */
export interface Explained {
  readonly text: string;
  readonly rowsRead: number;
  /** Scan nodes and their indexes, e.g. "Index Scan tasks_pkey", for messages. */
  readonly scans: string[];
  readonly plan: PlanNode;
}

function scansOf(node: PlanNode & { 'Index Name'?: string }): string[] {
  const own =
    node['Node Type'].endsWith('Scan') && node['Node Type'] !== 'Subquery Scan'
      ? [`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''}`]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

/** EXPLAIN (ANALYZE, FORMAT JSON) of one statement with its parameters. */
export async function explain(
  database: Database,
  text: string,
  params: readonly unknown[],
): Promise<Explained> {
  const [row] = await database.query<{ 'QUERY PLAN': unknown }>(
    '',
    `explain (analyze, format json) ${text}`,
    params,
  );
  const json = row!['QUERY PLAN'];
  const plans = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  const plan = plans[0]!.Plan;
  return { text, rowsRead: rowsRead(plan), scans: scansOf(plan), plan };
}

/**
 * The database as the repositories see it, except that every read statement is explained first (then run, so
 * results and cursors are real); `seen` collects the explanations in order.
 */
export function explaining(database: Database): { database: Database; seen: Explained[] } {
  const seen: Explained[] = [];
  return {
    seen,
    database: {
      ...database,
      async query<T>(name: string, text: string, params: readonly unknown[]) {
        if (/^\s*(select|with\s+\w+\s+as\s+\(\s*select)/i.test(text))
          seen.push(await explain(database, text, params));
        return database.query<T>(name, text, params);
      },
    },
  };
}

/** One API list or search, run for a user: `page` is how many rows it asks for (its LIMIT). */
export interface PlanCase {
  readonly name: string;
  readonly page: number;
  /**
   * For a filter no index of the order holds: the share of the user's tasks that pass it (the plan walks the
   * order's index checking each row, so it reads about page ÷ share rows, however many tasks the user has).
   */
  readonly share?: number;
  /** `database` explains what it runs; `raw` does not (for set-up reads). */
  run(database: Database, userId: string, raw: Database): Promise<unknown>;
}

const taskQuery = (q: Partial<Record<keyof ListTasksQuery, unknown>>) => listTasksQuerySchema.parse(q);
const SORTS = ['created', 'due', 'priority', 'title'] as const;

/** Lists one page, then (with `second`) the page after it: the keyset condition must be indexed too. */
function taskCase(
  name: string,
  q: Partial<Record<keyof ListTasksQuery, unknown>>,
  { second = false, share }: { second?: boolean; share?: number } = {},
): PlanCase {
  const query = taskQuery(q);
  return {
    name: `tasks ${name}${second ? ', page 2' : ''}`,
    page: query.limit + 1,
    share,
    async run(database, userId) {
      const tasks = taskRepository(database);
      if (!second) return tasks.list(userId, query);
      const first = await taskRepository(database).list(userId, query);
      return first.next_cursor && tasks.list(userId, { ...query, cursor: first.next_cursor });
    },
  };
}

/** Every list and search statement the API serves, in the shapes that need different indexes. */
export const PLAN_CASES: readonly PlanCase[] = [
  ...SORTS.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((order) =>
      (['all', 'pending', 'completed'] as const).map((status) =>
        taskCase(`sort=${sort} order=${order} status=${status}`, { sort, order, status }),
      ),
    ),
  ),
  ...SORTS.map((sort) => taskCase(`sort=${sort}`, { sort }, { second: true })),
  taskCase('status=pending', { status: 'pending' }, { second: true }),
  ...(['low', 'high'] as const).map((priority) => taskCase(`priority=${priority}`, { priority })),
  taskCase(
    'status=pending priority=high sort=due',
    { status: 'pending', priority: 'high', sort: 'due' },
    { share: 1 / 3 },
  ),
  taskCase(`tag=${COMMON_TAG}`, { tag: COMMON_TAG }, { share: 1 / 10 }),
  taskCase(`tag=${RARE_TAG}`, { tag: RARE_TAG }),
  taskCase('recurring=true', { recurring: 'true' }),
  taskCase('recurring=false', { recurring: 'false' }),
  taskCase('due_before=now sort=due', { due_before: new Date().toISOString(), sort: 'due' }),
  taskCase('due_after=now sort=due', { due_after: new Date().toISOString(), sort: 'due' }),
  taskCase('status=pending due_after=now sort=due', {
    status: 'pending',
    due_after: new Date().toISOString(),
    sort: 'due',
  }),
  ...([COMMON_WORD, RARE_WORD] as const).flatMap((q) => {
    // The common word is walked in the order's index; the rare one is found through trigrams.
    const share = q === COMMON_WORD ? 1 / 3 : undefined;
    return [
      taskCase(`q=${q}`, { q }, { share }),
      taskCase(`q=${q} status=pending`, { q, status: 'pending' }, { share }),
      taskCase(`q=${q} sort=title`, { q, sort: 'title' }, { share }),
    ];
  }),
  {
    name: 'conversations, pages 1 and 2',
    page: 51,
    async run(database, userId) {
      const chats = conversationRepository(database);
      const query = listConversationsQuerySchema.parse({});
      const first = await chats.list(userId, query);
      return first.next_cursor && chats.list(userId, { ...query, cursor: first.next_cursor });
    },
  },
  {
    name: 'messages of the latest conversation, pages 1 and 2',
    page: 101,
    async run(database, userId) {
      const chats = conversationRepository(database);
      const [latest] = (await chats.list(userId, listConversationsQuerySchema.parse({ limit: 1 }))).items;
      const first = await chats.messagesPage(latest!.id, 100);
      return first.messages_before && chats.messagesPage(latest!.id, 100, first.messages_before);
    },
  },
  {
    name: 'activity, pages 1 and 2',
    page: 51,
    async run(database, userId) {
      const activity = activityRepository(database);
      const query = listActivityQuerySchema.parse({});
      const first = await activity.list(userId, query);
      return first.next_cursor && activity.list(userId, { ...query, cursor: first.next_cursor });
    },
  },
  {
    name: 'event replay, the last 100 events',
    page: 501,
    async run(database, userId, raw) {
      const [row] = await raw.query<{ id: string | null }>(
        '',
        'select max(id)::text as id from task_activity where user_id = $1',
        [userId],
      );
      return eventHub(database).replay(userId, Number(row?.id ?? 0) - 100);
    },
  },
  {
    name: 'reminders',
    page: 200,
    run: (database, userId) => reminderRepository(database).list(userId),
  },
  {
    name: 'reminders, pending',
    page: 200,
    run: (database, userId) => reminderRepository(database).list(userId, 'pending'),
  },
  {
    name: 'tokens',
    page: 20,
    async run(database, userId) {
      const { sql, params } = listTokensQuery(database.db, userId).toSQL();
      return database.query('', sql, params);
    },
  },
];

/** Each case's statements, explained, for one user. */
export async function explainCases(
  database: Database,
  userId: string,
  cases: readonly PlanCase[] = PLAN_CASES,
): Promise<{ name: string; page: number; statements: Explained[] }[]> {
  const out = [];
  for (const c of cases) {
    const { database: spy, seen } = explaining(database);
    await c.run(spy, userId, database);
    out.push({ name: c.name, page: c.page, statements: [...seen] });
  }
  return out;
}
