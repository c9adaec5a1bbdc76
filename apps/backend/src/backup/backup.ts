import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { appTables, migrationLevel, ownedSequences, rows, type Runner } from './catalog';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format';

/** Rows fetched from the cursor at a time: bounded memory whatever the table size. */
const FETCH_ROWS = 1000;

export interface BackupSummary {
  readonly file: string;
  readonly tables: Readonly<Record<string, number>>;
  readonly bytes: number;
}

/**
 * Writes a consistent snapshot of every app table to `file`: one REPEATABLE READ, READ ONLY transaction sees
 * all tables at one instant while the app keeps writing (a task and its activity row are both in or both
 * out). The file appears under its name only once complete (written beside it, then renamed).
 */
export async function writeBackup(database: Database, file: string): Promise<BackupSummary> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const out = await open(partial, 'w', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    hash.update(text);
    bytes += Buffer.byteLength(text);
    await out.write(text);
  };
  try {
    const counts = await database.db.transaction(async (tx) => {
      // The first statement of the transaction, so the snapshot is taken here.
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const runner: Runner = tx;
      const tables = await appTables(runner);
      const withCounts = [];
      for (const t of tables) {
        const [c] = await rows<{ n: string }>(
          runner,
          sql`select count(*)::text as n from ${sql.identifier(t.name)}`,
        );
        withCounts.push({ name: t.name, columns: t.columns, rows: Number(c!.n) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        driver: database.driver,
        migrations: await migrationLevel(runner),
        tables: withCounts,
        sequences: (await ownedSequences(runner)).map(({ sequence: _s, ...state }) => state),
      };
      await write(JSON.stringify(header) + '\n');
      for (const t of tables) {
        const order =
          t.key.length > 0
            ? sql` order by ${sql.join(
                t.key.map((k) => sql.identifier(k)),
                sql`, `,
              )}`
            : sql``;
        await tx.execute(
          sql`declare todo_backup no scroll cursor for
              select row_to_json(r)::text as j from ${sql.identifier(t.name)} r${order}`,
        );
        for (;;) {
          const batch = await rows<{ j: string }>(runner, sql.raw(`fetch ${FETCH_ROWS} from todo_backup`));
          if (batch.length === 0) break;
          await write(batch.map((r) => r.j + '\n').join(''));
        }
        await tx.execute(sql`close todo_backup`);
      }
      return Object.fromEntries(withCounts.map((t) => [t.name, t.rows]));
    });
    // The digest covers every byte above; not itself part of what it covers.
    await out.write(JSON.stringify({ sha256: hash.digest('hex') }) + '\n');
    await out.sync();
    await out.close();
    await rename(partial, file);
    return { file, tables: counts, bytes };
  } catch (err) {
    await out.close().catch(() => {});
    await rm(partial, { force: true });
    throw err;
  }
}
