import type { PGlite } from '@electric-sql/pglite';
import { createScratchDatabase } from '@todo/testkit/postgres';
import type { DatabaseDriver } from '../../src/config';
import { createDatabase, openPglite, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { startNeonProxy } from './neon-proxy';

/** Real Postgres for tests, e.g. postgres://postgres@127.0.0.1:5432/test (CI sets it). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** Drivers to run the shared suites on: PGlite always; pg and Neon when real Postgres is configured. */
export const DRIVERS: DatabaseDriver[] = TEST_DATABASE_URL ? ['pglite', 'pg', 'neon'] : ['pglite'];

export interface TestDatabase {
  readonly database: Database;
  readonly driver: DatabaseDriver;
  /** Connection string of the fresh database (pg and Neon only). */
  readonly url?: string;
  drop(): Promise<void>;
}

let template: Promise<PGlite> | undefined;

/** One migrated in-memory PGlite per test process; each test database is a clone of it. */
function pgliteTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const client = await openPglite();
    const db = await createDatabase({ driver: 'pglite', pglite: client });
    await runMigrations(db);
    return client;
  })();
  return template;
}

/** A fresh, empty Postgres database on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  return createScratchDatabase(TEST_DATABASE_URL, 'todo_test');
}

/** A migrated, empty database on `driver`. */
export async function openTestDatabase(driver: DatabaseDriver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await createDatabase({ driver, pglite: await (await pgliteTemplate()).clone() });
    return { database, driver, drop: () => database.close() };
  }
  if (driver === 'neon') await startNeonProxy();
  const fresh = await createPostgresDatabase();
  const database = await createDatabase({ driver, url: fresh.url, poolMax: 5 });
  await runMigrations(database);
  return {
    database,
    driver,
    url: fresh.url,
    async drop() {
      await database.close();
      await fresh.drop();
    },
  };
}
