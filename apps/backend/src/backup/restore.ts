import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from '../db/client';
import { MIGRATION_LOCK_KEY, migrationsFolder, runMigrations } from '../db/migrate';
import { DELIVER_TASK, migrateQueue } from '../reminders/scheduler';
import { appTables, migrationLevel, nonEmptyTables, rows } from './catalog';
import { BackupFileError, readRowBatches, verifyBackup, type BackupHeader } from './format';

/** The target holds data and `force` was not given: nothing was changed. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: readonly string[]) {
    super(
      `the target database is not empty (rows in ${tables.join(', ')}); restore into an empty database, ` +
        'or pass --force to replace its data with the backup',
    );
    this.name = 'TargetNotEmptyError';
  }
}

export interface RestoreSummary {
  readonly tables: Readonly<Record<string, number>>;
  /** Migrations applied after loading, when the backup came from an older schema. */
  readonly migratedFrom: number;
  readonly migratedTo: number;
}

/**
 * A migrations folder holding only the first `count` migrations of this app, so a database can be brought to
 * exactly the schema a backup was taken at (drizzle applies whatever its folder lists).
 */
export function folderUpTo(count: number): { folder: string; dispose(): void } {
  const source = migrationsFolder();
  const folder = mkdtempSync(join(tmpdir(), 'todo-migrations-'));
  cpSync(source, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Restores `file` into `database`: verifies the whole file first, brings an empty database to the backup's
 * schema, loads every table and the sequences in one transaction (all or nothing), then applies the
 * migrations that came after the backup. Refuses a target holding data unless `force` (which replaces it).
 */
export async function restoreBackup(
  database: Database,
  file: string,
  opts: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const header = await verifyBackup(file);
  const local = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const level = header.migrations;
  if (level.count > local.length)
    throw new BackupFileError(
      file,
      `the backup is at migration ${level.count}, this app knows ${local.length}: restore it with a newer app`,
    );
  if (level.count > 0 && local[level.count - 1]!.hash !== level.lastHash)
    throw new BackupFileError(file, `migration ${level.count} of the backup differs from this app's`);

  const target = await migrationLevel(database.db);
  if (target.count > level.count)
    throw new BackupFileError(
      file,
      `the target database is at migration ${target.count}, the backup at ${level.count}: restore into a ` +
        'new database (no migrations applied) so the rows load into the schema they were taken from',
    );
  if (target.count < level.count) {
    const partial = folderUpTo(level.count);
    try {
      await database.migrate(partial.folder, MIGRATION_LOCK_KEY);
    } finally {
      partial.dispose();
    }
  }

  // The reminder queue's own schema (Postgres, Neon) before the load, so the pending reminders get their jobs in it.
  await migrateQueue(database);
  const tables = await database.db.transaction(async (tx) => {
    const present = await appTables(tx);
    const byName = new Map(present.map((t) => [t.name, t]));
    for (const t of header.tables) {
      const have = byName.get(t.name);
      if (!have || have.columns.join() !== t.columns.join())
        throw new BackupFileError(file, `table ${t.name} does not match the target's schema`);
    }
    const filled = await nonEmptyTables(tx, present);
    if (filled.length > 0) {
      if (!opts.force) throw new TargetNotEmptyError(filled);
      await tx.execute(
        sql`truncate ${sql.join(
          present.map((t) => sql.identifier(t.name)),
          sql`, `,
        )} restart identity cascade`,
      );
    }
    // Rows are restored as they were stored: no trigger of ours runs while they load (one would schedule reminders
    // again from the tasks, others count rows or announce changes that are not changes). Foreign keys stay
    // checked: those are the system's triggers, which DISABLE TRIGGER USER leaves on. Transactional like the rest.
    await userTriggers(tx, present, 'disable');
    await load(tx, file, header);
    await userTriggers(tx, present, 'enable');
    await requeueReminders(tx);
    for (const s of header.sequences) {
      await rows(
        tx,
        sql`select setval(pg_get_serial_sequence(${`public.${quoteIdent(s.table)}`}, ${s.column}),
                          ${s.lastValue}::bigint, ${s.isCalled})`,
      );
    }
    return Object.fromEntries(header.tables.map((t) => [t.name, t.rows]));
  });

  // A bulk load: the planner's statistics still describe the empty tables (autovacuum may be late, or off), and
  // with them every list would be planned as a scan of a few rows.
  await database.query('', 'analyze', []);
  // Migrations newer than the backup now run over the restored rows, as they would have in place.
  await runMigrations(database);
  return { tables, migratedFrom: level.count, migratedTo: local.length };
}

/** Turns every user-defined trigger of `tables` off or on (ownership is enough; no superuser needed). */
async function userTriggers(tx: Tx, tables: readonly { name: string }[], how: 'enable' | 'disable') {
  for (const t of tables) await tx.execute(sql.raw(`alter table ${quoteIdent(t.name)} ${how} trigger user`));
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/**
 * Gives every pending reminder its delivery once, as when it was first made: each is inserted again with its id,
 * so whatever the restored level's own insert trigger does (drizzle/0010: a queue job at its fire time on Postgres
 * and Neon, a NOTIFY to the in-process scheduler on PGlite) happens once per reminder. Jobs left in the queue by
 * the data a forced restore replaced go first: ids start over, and such a job would deliver a restored reminder
 * that reuses its id at the old reminder's time.
 */
async function requeueReminders(tx: Tx): Promise<void> {
  const [found] = await rows<{ reminders: boolean; queue: boolean }>(
    tx,
    sql`select to_regclass('public.reminders') is not null as reminders,
               to_regclass('graphile_worker.jobs') is not null as queue`,
  );
  if (!found?.reminders) return;
  if (found.queue)
    await tx.execute(sql`select graphile_worker.complete_jobs(array(
      select id from graphile_worker.jobs where task_identifier = ${DELIVER_TASK}))`);
  await tx.execute(
    sql`create temporary table pending_reminders on commit drop as select * from reminders where state = 'pending'`,
  );
  await tx.execute(sql`delete from reminders where state = 'pending'`);
  await tx.execute(
    sql`insert into reminders overriding system value select * from pending_reminders order by id`,
  );
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function load(tx: Tx, file: string, header: BackupHeader) {
  const columns = new Map(header.tables.map((t) => [t.name, t.columns]));
  for await (const batch of readRowBatches(file, header)) {
    const cols = sql.join(
      columns.get(batch.table)!.map((c) => sql.identifier(c)),
      sql`, `,
    );
    // OVERRIDING SYSTEM VALUE: identity columns (GENERATED ALWAYS) keep the ids the backup holds.
    await tx.execute(
      sql`insert into ${sql.identifier(batch.table)} (${cols}) overriding system value
          select ${cols} from json_populate_recordset(null::${sql.identifier(batch.table)}, ${`[${batch.rows.join(',')}]`}::json)`,
    );
  }
}
