import { join, resolve } from 'node:path';
import { EnvError } from '@todo/shared/env';
import { loadDatabaseConfig } from '../config';
import { openConfiguredDatabase } from '../db/client';
import { DataDirInUseError } from '../db/pglite-lock';
import { writeBackup } from './backup';
import { BackupFileError } from './format';
import { TargetNotEmptyError, restoreBackup } from './restore';
import { pruneBackups, timestampedName } from './rotate';

/*
 * `db:backup <file>`, `db:backup --dir <dir> --keep <n>` (a timestamped file, the newest n kept: the chart's
 * CronJob runs dist/backup.js so) and `db:restore <file> [--force]`.
 * Same configuration as the server (DATABASE_URL, DATABASE_DRIVER, PGLITE_DATA_DIR), so it reaches whatever
 * database the app uses. Exit codes tell a script what happened without parsing text:
 */
const EXIT = {
  ok: 0,
  /** Database unreachable, I/O error, anything unexpected. */
  failed: 1,
  /** Wrong arguments or configuration. */
  usage: 2,
  /** Restore refused: the target holds data and --force was not given. */
  notEmpty: 3,
  /** The file is no backup, is damaged, or belongs to another schema version. */
  badBackup: 4,
  /** The embedded database is open in another process (the server). */
  inUse: 5,
} as const;

const USAGE =
  'usage: db:backup <file> | db:backup --dir <directory> --keep <n> | db:restore <file> [--force]';

interface Args {
  readonly command: 'backup' | 'restore';
  /** The file to write or read; with `--dir`, a timestamped name in that directory. */
  readonly file: string;
  readonly force: boolean;
  /** With --dir: how many backups the directory keeps. */
  readonly keep?: { readonly dir: string; readonly count: number };
}

function parseArgs(argv: readonly string[], cwd: string): Args | undefined {
  const [command, ...rest] = argv;
  if (command !== 'backup' && command !== 'restore') return undefined;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--force') flags.set(a, '');
    else if (a === '--dir' || a === '--keep') flags.set(a, rest[++i] ?? '');
    else positional.push(a);
  }
  const force = flags.has('--force');
  if (force && command !== 'restore') return undefined;
  if (flags.has('--dir') || flags.has('--keep')) {
    const count = Number(flags.get('--keep'));
    const dir = flags.get('--dir');
    if (command !== 'backup' || positional.length > 0 || !dir || !Number.isInteger(count) || count < 1)
      return undefined;
    const abs = resolve(cwd, dir);
    return { command, file: join(abs, timestampedName(new Date())), force, keep: { dir: abs, count } };
  }
  if (positional.length !== 1) return undefined;
  return { command, file: resolve(cwd, positional[0]!), force };
}

function log(msg: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level: 'info', msg, ...fields }));
}

async function main(argv: readonly string[]): Promise<number> {
  // `pnpm --filter` runs scripts in apps/backend; a relative path means the caller's directory.
  const args = parseArgs(argv, process.env.INIT_CWD ?? process.cwd());
  if (!args) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const { command, file, force } = args;
  let config;
  try {
    config = loadDatabaseConfig();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return EXIT.usage;
    }
    throw err;
  }
  try {
    const database = await openConfiguredDatabase(config, 2);
    try {
      if (command === 'backup') {
        const summary = await writeBackup(database, file);
        const pruned = args.keep ? await pruneBackups(args.keep.dir, args.keep.count) : [];
        log('backup written', { driver: database.driver, ...summary, pruned });
      } else {
        const summary = await restoreBackup(database, file, { force });
        log('backup restored', { driver: database.driver, file, ...summary });
      }
    } finally {
      await database.close();
    }
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`${command === 'backup' ? 'Backup' : 'Restore'} failed: ${message}`);
    if (err instanceof TargetNotEmptyError) return EXIT.notEmpty;
    if (err instanceof BackupFileError) return EXIT.badBackup;
    if (err instanceof DataDirInUseError) return EXIT.inUse;
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(EXIT.failed);
  },
);
