import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/backup/backup';
import { BackupFileError, type BackupHeader } from '../../src/backup/format';
import { TargetNotEmptyError, folderUpTo, restoreBackup } from '../../src/backup/restore';
import { MIGRATION_LOCK_KEY } from '../../src/db/migrate';
import { schema } from '../../src/db/schema';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../src/db/migrate';
import { DRIVERS, openTestDatabase } from '../helpers/db';
import { openBlankDatabase, seed, snapshot } from './support';

const dir = mkdtempSync(join(tmpdir(), 'todo-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pairs = DRIVERS.flatMap((from) => DRIVERS.map((to) => [from, to] as const));

describe('backup and restore', () => {
  it.each(pairs)(
    'GIVEN a %s database with rows in every table WHEN backed up and restored into an empty %s database THEN every row and sequence is equal',
    async (from, to) => {
      const source = await openTestDatabase(from);
      const target = await openBlankDatabase(to);
      try {
        await seed(source.database);
        const file = join(dir, `${from}-${to}.jsonl`);
        const written = await writeBackup(source.database, file);

        const restored = await restoreBackup(target.database, file);

        const before = await snapshot(source.database);
        const after = await snapshot(target.database);
        expect(after).toEqual(before);
        expect(restored.tables).toEqual(written.tables);
        // Every table of the Drizzle schema is in the backup, none is empty in this test.
        const schemaTables = Object.values(schema).map((t) => getTableConfig(t).name);
        expect(Object.keys(written.tables).sort()).toEqual(expect.arrayContaining(schemaTables.sort()));
        for (const name of schemaTables)
          expect(written.tables[name], `seed rows of ${name} in test/backup/support.ts`).toBeGreaterThan(0);
        // New rows continue after the restored ids, never reusing one.
        const next = await target.database.db.execute(
          "insert into task_activity (user_id, group_id, surface, task_number, action) values ('u1', gen_random_uuid(), 'api', 1, 'updated') returning id",
        );
        expect(Number((next as { rows: { id: number }[] }).rows[0]!.id)).toBe(5);
      } finally {
        await source.drop();
        await target.drop();
      }
    },
    120_000,
  );

  it.skipIf(!DRIVERS.includes('pg'))(
    'GIVEN a writer committing a user and their conversation together WHEN a backup runs meanwhile THEN it holds both of every pair (one snapshot)',
    async () => {
      const source = await openTestDatabase('pg');
      let writing = true;
      let written = 0;
      // Each transaction adds a user and a conversation of that user: any instant has as many of one as the other.
      const writer = (async () => {
        while (writing) {
          const id = `w${written}`;
          await source.database.db.transaction(async (tx) => {
            await tx.execute(
              sql`insert into users (id, name, email) values (${id}, 'W', ${`${id}@example.test`})`,
            );
            await tx.execute(sql`insert into conversations (user_id, title) values (${id}, 'c')`);
          });
          written++;
        }
      })();
      try {
        while (written < 20) await new Promise((r) => setTimeout(r, 10));
        const file = join(dir, 'concurrent.jsonl');
        const summary = await writeBackup(source.database, file);
        const atBackup = written;
        writing = false;
        await writer;
        expect(summary.tables.users).toBe(summary.tables.conversations);
        expect(summary.tables.users).toBeGreaterThanOrEqual(20);
        // The writer kept committing while the dump ran (so the snapshot, not a pause, made it consistent).
        expect(written).toBeGreaterThan(20);
        expect(atBackup).toBeGreaterThan(0);
        const target = await openBlankDatabase('pg');
        try {
          await restoreBackup(target.database, file);
        } finally {
          await target.drop();
        }
      } finally {
        writing = false;
        await writer;
        await source.drop();
      }
    },
    120_000,
  );

  it.each(DRIVERS.filter((d) => d !== 'neon'))(
    'GIVEN a %s database with data, queued reminders and a trigger on every table WHEN a backup is restored over it THEN no trigger ran while rows loaded and each pending reminder is queued once',
    async (driver) => {
      const source = await openTestDatabase(driver);
      const target = await openTestDatabase(driver);
      const one = async <T>(text: string) => (await target.database.query<T>('', text, []))[0]!;
      try {
        await seed(source.database);
        await seed(target.database);
        const file = join(dir, `over-${driver}.jsonl`);
        await writeBackup(source.database, file);
        // A stand-in for any trigger that derives rows: it notes every statement that inserts into any table.
        for (const statement of [
          'create schema spy',
          'create table spy.seen (tbl text)',
          `create function spy.note() returns trigger language plpgsql as $$
             begin insert into spy.seen values (tg_table_name); return null; end $$`,
          `do $$ declare t text; begin
             for t in select tablename from pg_tables where schemaname = 'public' loop
               execute format('create trigger zz_spy after insert on %I for each statement execute function spy.note()', t);
             end loop; end $$`,
        ])
          await target.database.query('', statement, []);

        await restoreBackup(target.database, file, { force: true });

        expect(await snapshot(target.database)).toEqual(await snapshot(source.database));
        // Only the one pass that queues the pending reminders again inserted anything with triggers on.
        expect(await one<{ seen: string[] }>('select array(select tbl from spy.seen) as seen')).toEqual({
          seen: ['reminders'],
        });
        if (driver === 'pglite') return;
        // One job per pending reminder, due at its time; none left from the replaced rows.
        const jobs = await one<{ queued: string[]; pending: string[] }>(
          `select array(select (j.payload->>'id') || '@' || extract(epoch from j.run_at)::text
                        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
                        where t.identifier = 'deliver_reminder' order by 1) as queued,
                  array(select id::text || '@' || extract(epoch from fire_at)::text from reminders
                        where state = 'pending' order by 1) as pending`,
        );
        expect(jobs.pending).toHaveLength(2);
        expect(jobs.queued).toEqual(jobs.pending);
      } finally {
        await source.drop();
        await target.drop();
      }
    },
    120_000,
  );

  it('GIVEN the same data WHEN backed up twice THEN the row lines are byte-identical (stable order)', async () => {
    const source = await openTestDatabase('pglite');
    try {
      await seed(source.database);
      const body = async (name: string) => {
        await writeBackup(source.database, join(dir, name));
        return readFileSync(join(dir, name), 'utf8').split('\n').slice(1, -2);
      };
      expect(await body('a.jsonl')).toEqual(await body('b.jsonl'));
    } finally {
      await source.drop();
    }
  });

  it('GIVEN a target with data WHEN restoring without force THEN it refuses and changes nothing; WITH force THEN the data is replaced', async () => {
    const source = await openTestDatabase('pglite');
    const target = await openTestDatabase(DRIVERS.at(-1)!);
    try {
      await seed(source.database);
      const file = join(dir, 'force.jsonl');
      await writeBackup(source.database, file);
      await target.database.db.execute(
        "insert into users (id, name, email) values ('other', 'Other', 'other@example.test')",
      );
      const untouched = await snapshot(target.database);

      const refused = restoreBackup(target.database, file);
      await expect(refused).rejects.toThrow(TargetNotEmptyError);
      await expect(refused).rejects.toThrow(/not empty \(rows in users\).*--force/);
      expect(await snapshot(target.database)).toEqual(untouched);

      await restoreBackup(target.database, file, { force: true });
      expect(await snapshot(target.database)).toEqual(await snapshot(source.database));
    } finally {
      await source.drop();
      await target.drop();
    }
  });

  it('GIVEN a cut, edited or foreign file WHEN restoring THEN it is refused before the database is touched', async () => {
    const source = await openTestDatabase('pglite');
    const target = await openBlankDatabase('pglite');
    try {
      await seed(source.database);
      const file = join(dir, 'good.jsonl');
      await writeBackup(source.database, file);
      const lines = readFileSync(file, 'utf8').split('\n');
      const variants: [string, string, RegExp][] = [
        ['cut.jsonl', lines.slice(0, 5).join('\n') + '\n', /cut or edited/],
        ['edited.jsonl', lines.join('\n').replace('buy milk', 'buy beer'), /checksum mismatch/],
        ['foreign.jsonl', '{"hello":"world"}\n', /not a todo-chatbot backup/],
        ['empty.jsonl', '', /the file is empty/],
      ];
      for (const [name, text, message] of variants) {
        writeFileSync(join(dir, name), text);
        await expect(restoreBackup(target.database, join(dir, name)), name).rejects.toThrow(BackupFileError);
        await expect(restoreBackup(target.database, join(dir, name)), name).rejects.toThrow(message);
      }
      // Nothing was migrated or loaded by the refused attempts.
      const tables = await target.database.db.execute(
        "select count(*)::int as n from pg_tables where schemaname = 'public'",
      );
      expect((tables as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    } finally {
      await source.drop();
      await target.drop();
    }
  });

  it('GIVEN a backup taken at an older migration WHEN restored into an empty database THEN it loads at that schema and is migrated to the current one', async () => {
    const total = readMigrationFiles({ migrationsFolder: migrationsFolder() }).length;
    const source = await openBlankDatabase('pglite');
    const target = await openBlankDatabase(DRIVERS.at(-1)!);
    const older = folderUpTo(total - 1);
    try {
      await source.database.migrate(older.folder, MIGRATION_LOCK_KEY);
      await source.database.db.execute(
        "insert into users (id, name, email) values ('old', 'Old', 'old@example.test')",
      );
      const file = join(dir, 'older.jsonl');
      await writeBackup(source.database, file);
      const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as BackupHeader;
      expect(header.migrations.count).toBe(total - 1);

      const restored = await restoreBackup(target.database, file);

      expect(restored).toMatchObject({ migratedFrom: total - 1, migratedTo: total });
      const users = await target.database.db.execute('select id from users');
      expect((users as { rows: unknown[] }).rows).toEqual([{ id: 'old' }]);
      const applied = await target.database.db.execute(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect((applied as { rows: { n: number }[] }).rows[0]!.n).toBe(total);
    } finally {
      older.dispose();
      await source.drop();
      await target.drop();
    }
  }, 120_000);
});
