import { isTable } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
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
        r.status === 'rejected' ? String(r.reason?.cause ?? r.reason) : r.status,
      );
      expect(outcome).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      const applied = await c.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      const tables = await c.query(
        "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
      );
      await c.end();
      expect(applied.rows[0].n).toBeGreaterThanOrEqual(1);
      const { readMigrationFiles } = await import('drizzle-orm/migrator');
      const { migrationsFolder } = await import('../../src/db/migrate');
      expect(applied.rows[0].n).toBe(readMigrationFiles({ migrationsFolder: migrationsFolder() }).length);
      // Every table of the Drizzle schema, and nothing else, exists after migrating.
      const { schema } = await import('../../src/db/schema');
      expect(tables.rows[0].n).toBe(Object.values(schema).filter((v) => isTable(v)).length);
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
      const rows = (await again.db.execute('select email from users')) as unknown as { rows: unknown[] };
      expect(rows.rows).toEqual([{ email: 'u@example.test' }]);
      await again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
