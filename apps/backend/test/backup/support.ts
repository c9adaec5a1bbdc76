import { sql } from 'drizzle-orm';
import type { DatabaseDriver } from '../../src/config';
import { createDatabase, openPglite, type Database } from '../../src/db/client';
import { appTables, ownedSequences, rows } from '../../src/backup/catalog';
import { createPostgresDatabase } from '../helpers/db';
import { startNeonProxy } from '../helpers/neon-proxy';

/** An empty database with no migrations applied: what `db:restore` is pointed at on a new deployment. */
export async function openBlankDatabase(
  driver: DatabaseDriver,
): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (driver === 'pglite') {
    const database = await createDatabase({ driver, pglite: await openPglite() });
    return { database, drop: () => database.close() };
  }
  if (driver === 'neon') await startNeonProxy();
  const fresh = await createPostgresDatabase();
  const database = await createDatabase({ driver, url: fresh.url, poolMax: 3 });
  return {
    database,
    url: fresh.url,
    async drop() {
      await database.close();
      await fresh.drop();
    },
  };
}

/**
 * Rows in every table, with the values that break naive dumps: microsecond timestamps, quotes, newlines and
 * non-ASCII text, nulls, arrays with commas, nested JSON, identity ids with gaps, and sequences ahead of the
 * highest id (deleted rows), which a restore must not hand out again.
 */
export async function seed(database: Database): Promise<void> {
  const statements = [
    sql`insert into users (id, name, email, email_verified, image, created_at, updated_at) values
        ('u1', 'Ayşe "A" O''Neil', 'a@example.test', true, null, '2024-03-01 10:00:00.123456+00', now()),
        ('u2', 'بلال', 'b@example.test', false, 'https://img.test/b.png', now(), now())`,
    sql`insert into sessions (id, expires_at, token, ip_address, user_agent, user_id) values
        ('s1', '2030-01-01 00:00:00.000001+00', 'tok-1', '127.0.0.1', 'vitest', 'u1'),
        ('s2', now() + interval '1 day', 'tok-2', null, null, 'u2')`,
    sql`insert into accounts (id, account_id, provider_id, user_id, password) values
        ('ac1', 'u1', 'credential', 'u1', 'scrypt:abc'), ('ac2', 'u2', 'credential', 'u2', 'scrypt:def')`,
    sql`insert into verifications (id, identifier, value, expires_at) values ('v1', 'a@example.test', 'code', now())`,
    sql`insert into user_settings (user_id, time_zone, language, last_task_number) values
        ('u1', 'Asia/Karachi', 'ur', 3), ('u2', null, null, 1)`,
    sql`insert into tasks (user_id, number, title, description, completed, priority, tags, due_at) values
        ('u1', 1, 'buy milk', E'line one\nline two\ttab', false, 'high', array['home','a,b','{x}'], '2024-05-05 09:30:00.5+05'),
        ('u1', 3, 'call "mom"', '', true, 'low', '{}', null),
        ('u2', 1, 'دودھ خریدنا', 'ü ñ 😀', false, 'medium', array['urdu'], now())`,
    sql`insert into task_activity (user_id, group_id, surface, task_number, action, before, after) values
        ('u1', '00000000-0000-4000-8000-000000000001', 'api', 1, 'created', null, '{"title":"buy milk","tags":["home"],"n":{"deep":[1,2.5,null]}}'),
        ('u1', '00000000-0000-4000-8000-000000000002', 'chat', 2, 'created', null, '{"title":"gone"}'),
        ('u1', '00000000-0000-4000-8000-000000000002', 'chat', 2, 'deleted', '{"title":"gone"}', null),
        ('u2', '00000000-0000-4000-8000-000000000003', 'mcp', 1, 'created', null, '{"title":"دودھ"}')`,
    // Reminders: one the trigger schedules from a rule, one that went off late, one pending that a restore must
    // neither drop nor schedule twice.
    sql`update tasks set reminders = '[{"before":"PT1H"},{"at":"2030-01-01T00:00:00.000Z"}]' where user_id = 'u1' and number = 1`,
    sql`insert into reminders (user_id, task_number, kind, fire_at, state, delivered_at, late, event_id) values
        ('u1', 1, 'before', '2024-05-05 08:30:00.5+05', 'delivered', '2024-05-05 08:31:40.123456+05', true, 9),
        ('u2', 1, 'snooze', now() + interval '1 day', 'pending', null, false, null)`,
    // A gap in the ids and a sequence past the highest one remaining.
    sql`delete from task_activity where action = 'deleted'`,
    sql`insert into conversations (id, user_id, title) values
        ('10000000-0000-4000-8000-000000000001', 'u1', 'groceries'),
        ('10000000-0000-4000-8000-000000000002', 'u2', 'کام')`,
    sql`insert into messages (conversation_id, role, content, tool_calls) values
        ('10000000-0000-4000-8000-000000000001', 'user', 'add buy milk', '[]'),
        ('10000000-0000-4000-8000-000000000001', 'assistant', E'Added \\"buy milk\\"\n', '[{"name":"add_task","arguments":{"title":"buy milk"}}]'),
        ('10000000-0000-4000-8000-000000000002', 'user', 'سلام', '[]')`,
    sql`insert into api_tokens (user_id, name, token_hash, last_used_at) values
        ('u1', 'mcp', 'hash-1', now()), ('u2', 'cli', 'hash-2', null)`,
    sql`insert into rate_limits (key, hits, expires_at) values ('auth:ip:127.0.0.1', 3, now() + interval '1 minute')`,
  ];
  for (const s of statements) await database.db.execute(s);
}

export interface Snapshot {
  readonly tables: Record<string, string[]>;
  readonly sequences: Record<string, string>;
}

/** Every row of every app table as Postgres renders it (UTC), in key order, and every owned sequence. */
export async function snapshot(database: Database): Promise<Snapshot> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const tables: Record<string, string[]> = {};
    for (const t of await appTables(tx)) {
      const order = sql.join(
        t.key.map((k) => sql.identifier(k)),
        sql`, `,
      );
      tables[t.name] = (
        await rows<{ j: string }>(
          tx,
          sql`select row_to_json(r)::text as j from ${sql.identifier(t.name)} r order by ${order}`,
        )
      ).map((r) => r.j);
    }
    const sequences = Object.fromEntries(
      (await ownedSequences(tx)).map((s) => [`${s.table}.${s.column}`, `${s.lastValue}/${s.isCalled}`]),
    );
    return { tables, sequences };
  });
}
