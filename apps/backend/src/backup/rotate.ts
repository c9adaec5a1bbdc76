import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * Timestamped backups in one directory, the newest N kept: what the chart's CronJob runs, with no shell in the
 * image to compute a date or list files.
 */

const PREFIX = 'todo-';
const SUFFIX = '.jsonl';
/** Names sort in time order: todo-20260127T030000Z.jsonl. */
const NAME = /^todo-\d{8}T\d{6}Z\.jsonl$/;

export function timestampedName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${PREFIX}${stamp}${SUFFIX}`;
}

/** Deletes all but the newest `keep` backups in `dir`; other files (and `.partial` leftovers) are left alone. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const backups = (await readdir(dir)).filter((f) => NAME.test(f)).sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const f of old) await rm(join(dir, f), { force: true });
  return old;
}
