import { isTable } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client';
import { MIGRATION_LOCK_KEY, migrationsFolder, runMigrations } from '../../src/db/migrate';
import { TEST_DATABASE_URL, createPostgresDatabase } from '../helpers/db';

describe.skipIf(!TEST_DATABASE_URL)('migrations on real Postgres', () => {
  it('GIVEN two processes migrating an empty database at once WHEN both run THEN both succeed and each migration is applied once', async () => {
    const fresh = await createPostgresDatabase();
    // Two independent pools, like two pods starting together.
    const one = await createDatabase({ driver: 'pg', url: fresh.url, poolMax: 2 });
    const two = await createDatabase({ driver: 'pg', url: fresh.url, poolMax: 2 });
    try {
      const results = await Promise.allSettled([runMigrations(one), runMigrations(two), runMigrations(one)]);
      const outcome = results.map((r) =>
        r.status === 'rejected'
          ? String(r.reason instanceof Error ? (r.reason.cause ?? r.reason) : r.reason)
          : r.status,
      );
      expect(outcome).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      const applied = await c.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      const tables = await c.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
      );
      await c.end();
      expect(applied.rows[0]?.n).toBeGreaterThanOrEqual(1);
      const { readMigrationFiles } = await import('drizzle-orm/migrator');
      expect(applied.rows[0]?.n).toBe(readMigrationFiles({ migrationsFolder: migrationsFolder() }).length);
      // Every table of the Drizzle schema, and nothing else, exists after migrating.
      const { schema } = await import('../../src/db/schema');
      expect(tables.rows[0]?.n).toBe(Object.values(schema).filter((v) => isTable(v)).length);
    } finally {
      await one.close();
      await two.close();
      await fresh.drop();
    }
  });

  it('GIVEN an already migrated database WHEN migrating again THEN nothing changes and no error', async () => {
    const fresh = await createPostgresDatabase();
    const db = await createDatabase({ driver: 'pg', url: fresh.url });
    try {
      await runMigrations(db);
      await expect(runMigrations(db)).resolves.toBeUndefined();
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('index migrations on a populated Postgres database', () => {
  it("GIVEN tasks in the table and an invalid index left by an interrupted build WHEN migrating THEN every index is valid and the bookkeeping is drizzle-orm's", async () => {
    const fresh = await createPostgresDatabase();
    const db = await createDatabase({ driver: 'pg', url: fresh.url, poolMax: 2 });
    const { readMigrationFiles } = await import('drizzle-orm/migrator');
    const { folderUpTo } = await import('../../src/backup/restore');
    const all = readMigrationFiles({ migrationsFolder: migrationsFolder() });
    const concurrent = all.findIndex((m) => m.sql.some((s) => /index concurrently/i.test(s)));
    const before = folderUpTo(concurrent);
    try {
      await db.migrate(before.folder, MIGRATION_LOCK_KEY);
      await db.query('', "insert into users (id, name, email) values ('u', 'U', 'u@example.test')", []);
      await db.query(
        '',
        "insert into tasks (user_id, number, title) select 'u', n, 'Task ' || n from generate_series(1, 5000) n",
        [],
      );
      // A concurrent build that fails leaves its index behind, marked invalid, under the name the migration uses.
      await expect(
        db.query('', 'create index concurrently tasks_user_title_idx on tasks ((1 / (number - number)))', []),
      ).rejects.toThrow(/division by zero/);

      await runMigrations(db);

      const invalid = await db.query(
        '',
        'select indexrelid::regclass::text as name from pg_index where not indisvalid',
        [],
      );
      expect(invalid).toEqual([]);
      const [title] = await db.query<{ def: string }>(
        '',
        "select pg_get_indexdef('tasks_user_title_idx'::regclass) as def",
        [],
      );
      expect(title!.def).toContain('lower(title)');
      const applied = await db.query<{ hash: string; created_at: string }>(
        '',
        'select hash, created_at from drizzle.__drizzle_migrations order by id',
        [],
      );
      expect(applied.map((r) => [r.hash, Number(r.created_at)])).toEqual(
        all.map((m) => [m.hash, m.folderMillis]),
      );
    } finally {
      before.dispose();
      await db.close();
      await fresh.drop();
    }
  });
});

describe('migrations on PGlite', () => {
  it('GIVEN a data dir whose parents do not exist yet WHEN opened, closed and reopened THEN data persists and migrating again is a no-op', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(`${tmpdir()}/todo-pglite-`);
    const dir = `${root}/.data/pglite`;
    try {
      const first = await createDatabase({ driver: 'pglite', pgliteDataDir: dir });
      await runMigrations(first);
      await first.db.execute("insert into users (id, name, email) values ('u1', 'U', 'u@example.test')");
      await first.close();
      const again = await createDatabase({ driver: 'pglite', pgliteDataDir: dir });
      await runMigrations(again);
      const result: unknown = await again.db.execute('select email from users');
      const rows = result as { rows: unknown[] };
      expect(rows.rows).toEqual([{ email: 'u@example.test' }]);
      await again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
