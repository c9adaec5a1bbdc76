import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, openPglite, type Database } from '../../src/db/client';
import { migrationsFolder, runMigrations } from '../../src/db/migrate';
import { createPostgresDatabase, DRIVERS } from '../helpers/db';

/** The migrations folder as it was before task numbers: the journal stops at 0001. */
async function foldersBeforeNumbers(): Promise<{ before: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(`${tmpdir()}/todo-migrations-`);
  const before = `${root}/drizzle`;
  await cp(migrationsFolder(), before, { recursive: true });
  const journalPath = `${before}/meta/_journal.json`;
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === '0001_conversation_list_keyset');
  journal.entries = journal.entries.slice(0, last + 1);
  await writeFile(journalPath, JSON.stringify(journal));
  return { before, cleanup: () => rm(root, { recursive: true, force: true }) };
}

async function openEmpty(driver: (typeof DRIVERS)[number]): Promise<{ db: Database; drop(): Promise<void> }> {
  if (driver === 'pglite') {
    const db = await createDatabase({ driver, pglite: await openPglite() });
    return { db, drop: () => db.close() };
  }
  const fresh = await createPostgresDatabase();
  const db = await createDatabase({ driver: 'pg', url: fresh.url, poolMax: 2 });
  return {
    db,
    async drop() {
      await db.close();
      await fresh.drop();
    },
  };
}

// Neon speaks the same SQL as pg; one real-Postgres run is enough for a migration.
describe.each(DRIVERS.filter((d) => d !== 'neon'))('migration 0002 task numbers on %s', (driver) => {
  let folders: Awaited<ReturnType<typeof foldersBeforeNumbers>>;
  let empty: Awaited<ReturnType<typeof openEmpty>>;
  const q = <T>(text: string, params: unknown[] = []) => empty.db.query<T>('', text, params);

  beforeAll(async () => {
    folders = await foldersBeforeNumbers();
    empty = await openEmpty(driver);
  });
  afterAll(async () => {
    await empty?.drop();
    await folders?.cleanup();
  });

  it('GIVEN tasks of two users with global ids WHEN the new migrations run THEN each user has 1, 2, 3… in creation order and the counter continues', async () => {
    // GIVEN the schema before numbers, with Alice's and Bob's tasks interleaved (global ids 1..5).
    await runMigrations(empty.db, folders.before);
    await q(
      `insert into users (id, name, email) values ('alice', 'A', 'a@example.test'), ('bob', 'B', 'b@example.test')`,
    );
    const rows: [string, string, string][] = [
      ['alice', 'A first', '2026-01-01T00:00:00Z'],
      ['bob', 'B first', '2026-01-02T00:00:00Z'],
      ['alice', 'A second', '2026-01-03T00:00:00Z'],
      ['alice', 'A third', '2026-01-05T00:00:00Z'],
      ['bob', 'B second', '2026-01-04T00:00:00Z'],
    ];
    for (const [user, title, at] of rows)
      await q(`insert into tasks (user_id, title, created_at) values ($1, $2, $3::timestamptz)`, [
        user,
        title,
        at,
      ]);

    // WHEN the remaining migrations run
    await runMigrations(empty.db);

    // THEN numbers follow each user's creation order and the counters sit at each user's highest number
    const numbered = await q<{ user_id: string; number: number; title: string }>(
      'select user_id, number, title from tasks order by user_id, number',
    );
    expect(numbered).toEqual([
      { user_id: 'alice', number: 1, title: 'A first' },
      { user_id: 'alice', number: 2, title: 'A second' },
      { user_id: 'alice', number: 3, title: 'A third' },
      { user_id: 'bob', number: 1, title: 'B first' },
      { user_id: 'bob', number: 2, title: 'B second' },
    ]);
    const counters = await q<{ user_id: string; last_task_number: number }>(
      'select user_id, last_task_number from user_settings order by user_id',
    );
    expect(counters).toEqual([
      { user_id: 'alice', last_task_number: 3 },
      { user_id: 'bob', last_task_number: 2 },
    ]);
    const columns = await q<{ column_name: string }>(
      "select column_name from information_schema.columns where table_name = 'tasks' and column_name = 'id'",
    );
    expect(columns).toEqual([]);
  });
});
