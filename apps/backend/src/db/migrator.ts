import { readMigrationFiles } from 'drizzle-orm/migrator';

/*
 * Applies drizzle-kit's migrations as drizzle-orm's migrator does — same files, same hashes, same bookkeeping
 * table, so databases migrated by either agree — with one difference: a migration that builds or drops an index
 * CONCURRENTLY runs statement by statement outside a transaction (Postgres refuses CONCURRENTLY inside one, and
 * drizzle-orm runs every pending migration in a single transaction). Every other migration runs in a transaction of
 * its own, with its bookkeeping row.
 */

/** One connection: whatever runs on it runs in order, and the migration lock is held on it. */
export interface MigrationSession {
  query(text: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

const TABLE = '"drizzle"."__drizzle_migrations"';
const CONCURRENT_INDEX = /\bindex\s+concurrently\b/i;
const CREATE_CONCURRENTLY =
  /create\s+(?:unique\s+)?index\s+concurrently\s+if\s+not\s+exists\s+("[^"]+"|\w+)/i;

export interface MigrateOptions {
  /**
   * Whether CONCURRENTLY is honoured. PGlite is one process with one connection: nothing else can write while it
   * migrates, so its indexes are plain builds inside the migration's transaction.
   */
  readonly concurrently: boolean;
}

export async function applyMigrations(
  session: MigrationSession,
  folder: string,
  { concurrently }: MigrateOptions,
): Promise<void> {
  await session.query('CREATE SCHEMA IF NOT EXISTS "drizzle"');
  await session.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  );
  const [last] = await session.query(`select created_at from ${TABLE} order by created_at desc limit 1`);
  const pending = readMigrationFiles({ migrationsFolder: folder }).filter(
    (m) => !last || Number(last.created_at) < m.folderMillis,
  );
  for (const migration of pending) {
    const record = `insert into ${TABLE} ("hash", "created_at") values ($1, $2)`;
    const params = [migration.hash, migration.folderMillis];
    if (concurrently && migration.sql.some((s) => CONCURRENT_INDEX.test(s))) {
      // Each statement is idempotent (IF [NOT] EXISTS), so a migration cut short runs again from the top.
      for (const statement of migration.sql) {
        await dropInvalidIndex(session, statement);
        await session.query(statement);
      }
      await session.query(record, params);
      continue;
    }
    await session.query('begin');
    try {
      for (const statement of migration.sql)
        await session.query(
          concurrently ? statement : statement.replace(/\b(index)\s+concurrently\b/gi, '$1'),
        );
      await session.query(record, params);
      await session.query('commit');
    } catch (err) {
      await session.query('rollback');
      throw err;
    }
  }
}

/**
 * A CREATE INDEX CONCURRENTLY that failed (or whose process died) leaves an invalid index behind, which IF NOT
 * EXISTS would then take for done: drop it first, so the build starts over.
 */
async function dropInvalidIndex(session: MigrationSession, statement: string): Promise<void> {
  const name = CREATE_CONCURRENTLY.exec(statement)?.[1];
  if (!name) return;
  const invalid = await session.query(
    'select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid',
    [name],
  );
  if (invalid.length > 0) await session.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
}
