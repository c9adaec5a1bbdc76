import { resolve } from 'node:path';
import { EnvError } from '@todo/shared/env';
import { loadConfig } from '../config';
import { openConfiguredDatabase } from '../db/client';
import { DataDirInUseError } from '../db/pglite-lock';
import { writeBackup } from './backup';
import { BackupFileError } from './format';
import { TargetNotEmptyError, restoreBackup } from './restore';

/*
 * `db:backup <file>` and `db:restore <file> [--force]` (dist/backup.js in the image: the chart's CronJob).
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

const USAGE = 'usage: db:backup <file> | db:restore <file> [--force]';

function log(msg: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level: 'info', msg, ...fields }));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const force = rest.includes('--force');
  const files = rest.filter((a) => a !== '--force');
  if (
    (command !== 'backup' && command !== 'restore') ||
    files.length !== 1 ||
    (force && command !== 'restore')
  ) {
    console.error(USAGE);
    return EXIT.usage;
  }
  // `pnpm --filter` runs scripts in apps/backend; a relative path means the caller's directory.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
  let config;
  try {
    config = loadConfig();
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
        log('backup written', { driver: database.driver, ...summary });
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
