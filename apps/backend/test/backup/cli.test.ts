import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { lockDataDir } from '../../src/db/pglite-lock';
import { TEST_SECRET } from '../helpers/app';
import { TEST_DATABASE_URL, createPostgresDatabase } from '../helpers/db';
import { startEntry } from '../helpers/server-process';
import { seed, snapshot, type Snapshot } from './support';

/* The commands as an operator runs them: `pnpm --filter @todo/backend db:backup|db:restore`, separate processes. */

const root = mkdtempSync(join(tmpdir(), 'todo-backup-cli-'));
const sourceDir = join(root, 'source');
let expected: Snapshot;

beforeAll(async () => {
  const source = await createDatabase({ driver: 'pglite', pgliteDataDir: sourceDir });
  await runMigrations(source);
  await seed(source);
  expected = await snapshot(source);
  await source.close();
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(command: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const p = startEntry('backup/cli', [command, ...args], { BETTER_AUTH_SECRET: TEST_SECRET, ...env });
  const code = await p.exited;
  return { code, output: p.output() };
}

async function snapshotOf(env: { dir?: string; url?: string }): Promise<Snapshot> {
  const database = env.url
    ? await createDatabase({ driver: 'pg', url: env.url })
    : await createDatabase({ driver: 'pglite', pgliteDataDir: env.dir });
  try {
    return await snapshot(database);
  } finally {
    await database.close();
  }
}

describe('db:backup and db:restore commands', () => {
  const file = join(root, 'todo.jsonl');

  it('GIVEN an embedded database WHEN db:backup runs THEN it writes the file and exits 0', async () => {
    const { code, output } = await run('backup', [file], { PGLITE_DATA_DIR: sourceDir });
    expect(code, output).toBe(0);
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toMatchObject({
      msg: 'backup written',
      driver: 'pglite',
    });
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);
  }, 60_000);

  it('GIVEN a directory with two older backups WHEN db:backup --dir --keep 2 runs THEN the new one and the newest old one remain', async () => {
    const dir = join(root, 'rotated');
    // Older backups already there (the CronJob's earlier runs).
    mkdirSync(dir);
    for (const day of ['20250101T000000Z', '20250102T000000Z'])
      writeFileSync(join(dir, `todo-${day}.jsonl`), '');
    const { code, output } = await run('backup', ['--dir', dir, '--keep', '2'], {
      PGLITE_DATA_DIR: sourceDir,
    });
    expect(code, output).toBe(0);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toBe('todo-20250102T000000Z.jsonl');
    expect(left[1]).toMatch(/^todo-\d{8}T\d{6}Z\.jsonl$/);
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toMatchObject({
      pruned: ['todo-20250101T000000Z.jsonl'],
    });
  }, 60_000);

  it('GIVEN the embedded database is open in a server WHEN db:backup runs THEN it exits 5 naming that process', async () => {
    const lock = lockDataDir(sourceDir);
    try {
      const { code, output } = await run('backup', [join(root, 'x.jsonl')], { PGLITE_DATA_DIR: sourceDir });
      expect(code).toBe(5);
      expect(output).toContain(`is in use by process ${process.pid}; stop it or set PGLITE_DATA_DIR`);
    } finally {
      lock.release();
    }
  }, 60_000);

  it('GIVEN a backup WHEN restored into a new embedded database, again, and again with --force THEN 0, 3 (refused), 0', async () => {
    const target = join(root, 'restored');
    const first = await run('restore', [file], { PGLITE_DATA_DIR: target });
    expect(first.code, first.output).toBe(0);
    expect(await snapshotOf({ dir: target })).toEqual(expected);

    const again = await run('restore', [file], { PGLITE_DATA_DIR: target });
    expect(again.code).toBe(3);
    expect(again.output).toMatch(/Restore failed: the target database is not empty .* pass --force/);

    const forced = await run('restore', [file, '--force'], { PGLITE_DATA_DIR: target });
    expect(forced.code, forced.output).toBe(0);
    expect(await snapshotOf({ dir: target })).toEqual(expected);
  }, 120_000);

  it('GIVEN a damaged file or bad arguments WHEN running THEN exit 4 and 2', async () => {
    const bad = join(root, 'bad.jsonl');
    writeFileSync(bad, 'not json\n');
    const damaged = await run('restore', [bad], { PGLITE_DATA_DIR: join(root, 'never') });
    expect(damaged.code).toBe(4);
    expect(damaged.output).toContain('not a todo-chatbot backup');
    expect((await run('restore', [], { PGLITE_DATA_DIR: join(root, 'never') })).code).toBe(2);
    expect((await run('backup', [bad, '--force'], { PGLITE_DATA_DIR: join(root, 'never') })).code).toBe(2);
    expect(
      (await run('backup', ['--dir', root, '--keep', '0'], { PGLITE_DATA_DIR: join(root, 'never') })).code,
    ).toBe(2);
  }, 60_000);

  it.skipIf(!TEST_DATABASE_URL)(
    'GIVEN a backup of the embedded database WHEN restored into Postgres by DATABASE_URL THEN every row is there',
    async () => {
      const fresh = await createPostgresDatabase();
      try {
        const { code, output } = await run('restore', [file], { DATABASE_URL: fresh.url });
        expect(code, output).toBe(0);
        expect(await snapshotOf({ url: fresh.url })).toEqual(expected);
      } finally {
        await fresh.drop();
      }
    },
    60_000,
  );
});
