import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrateQueue } from '../reminders/scheduler';
import type { Database } from './client';

/** Arbitrary constant shared by every migrator of this app ("todo" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x746f646f;

/** The drizzle-kit output folder: ../drizzle next to dist/ in a build, ../../drizzle from src/db in dev. */
export function migrationsFolder(): string {
  for (const rel of ['../drizzle', '../../drizzle']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}/meta/_journal.json`)) return dir;
  }
  throw new Error('migrations folder not found (expected drizzle/ beside dist/ or src/)');
}

/**
 * Applies pending migrations, then (Postgres, Neon) those of the reminder queue's own schema; safe when several
 * processes run it at once (advisory locks).
 */
export async function runMigrations(database: Database, folder = migrationsFolder()): Promise<void> {
  await database.migrate(folder, MIGRATION_LOCK_KEY);
  await migrateQueue(database);
}
