import {
  closeSync,
  openSync,
  readFileSync,
  rmdirSync,
  mkdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * One writer per embedded database. PGlite is Postgres compiled to WASM running inside this process: it has no
 * postmaster, so two processes opening one data directory each believe they own it, and whichever writes its
 * pages last silently wins (issue 14: a second backend's users vanished after a restart).
 *
 * The lock works like Postgres' own postmaster.pid: a file created with O_EXCL that names the holder by pid AND
 * process start time (so a pid reused after a reboot or a container restart is not mistaken for the holder).
 * A holder that was killed with SIGKILL leaves the file behind; the next process sees the pid gone (or alive
 * but started at another time) and takes the lock over at once.
 *
 * Why not proper-lockfile: it detects staleness only by the lock's mtime (`stale`, 10 s by default, refreshed
 * by a timer) and records no holder. After `kill -9` the next start would be refused for up to that long, and
 * the refusal could not name the process to stop, both of which the issue asks for. fs-ext's flock() would be
 * released by the kernel, but it is a native addon (a compiler at install time; the images have none).
 * The mtime idea is kept for the one case a pid cannot answer: a holder on another host (a shared volume).
 */

export const LOCK_FILE = 'todo-backend.pid';
/** How often the holder refreshes the file's mtime; a lock from another host older than STALE_MS is stale. */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 30_000;

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly host: string,
  ) {
    super(
      `PGlite data directory ${dir} is in use by process ${pid}${host === hostname() ? '' : ` on ${host}`}; ` +
        'stop it or set PGLITE_DATA_DIR to another directory',
    );
    this.name = 'DataDirInUseError';
  }
}

interface Holder {
  readonly pid: number;
  /** Process start time as the OS reports it (Linux: clock ticks since boot); '' where unknown. */
  readonly start: string;
  readonly host: string;
  readonly bootId: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Directories this process holds: a second open in the same process is refused like one from another. */
const heldHere = new Set<string>();

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

const bootId = (): string => readOrEmpty('/proc/sys/kernel/random/boot_id');

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from its closing ')'. */
export function processStart(pid: number): string {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  if (!stat) return '';
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user — still a live holder.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(text: string): Holder | undefined {
  const [pid, start = '', host = '', boot = ''] = text.split('\n');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, start, host, bootId: boot } : undefined;
}

/** Whether the process named in the lock file still holds it. */
function holderIsLive(holder: Holder, file: string): boolean {
  if (holder.host !== hostname()) {
    // Another machine: its pids mean nothing here; trust the heartbeat.
    try {
      return Date.now() - statSync(file).mtimeMs < STALE_MS;
    } catch {
      return false;
    }
  }
  if (holder.bootId && bootId() && holder.bootId !== bootId()) return false; // rebooted since
  if (holder.pid === process.pid) return false; // our own pid from an earlier life (container restart)
  if (!alive(holder.pid)) return false;
  const start = processStart(holder.pid);
  // Same pid, different start time: the pid was reused by an unrelated process.
  return !(holder.start && start && holder.start !== start);
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock file under a short-lived mutex (an O_EXCL mkdir), re-checking it there: without it, two
 * starters that both saw the same stale file could each delete it, and the slower one would delete the lock
 * the faster one had just created.
 */
function removeIfStale(file: string, seen: string): void {
  const mutex = `${file}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A takeover in progress, or one whose process died mid-way (seconds old at most when live).
    try {
      if (Date.now() - statSync(mutex).mtimeMs > 5_000) rmdirSync(mutex);
    } catch {
      /* gone meanwhile */
    }
    return;
  }
  try {
    if (readOrEmpty(file) === seen) unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    rmdirSync(mutex);
  }
}

/**
 * Takes the lock on `dir` (which must exist) or throws DataDirInUseError naming the live holder. The lock is
 * released by `release()` and, as a last resort, when the process exits; a crash leaves a file the next
 * process recognises as stale.
 */
export function lockDataDir(dir: string): DataDirLock {
  const abs = resolve(dir);
  const file = join(abs, LOCK_FILE);
  if (heldHere.has(abs)) throw new DataDirInUseError(abs, process.pid, hostname());
  const me = [process.pid, processStart(process.pid), hostname(), bootId()].join('\n') + '\n';
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, me)) break;
    const text = readOrEmpty(file);
    const holder = parse(text);
    // An unreadable or half-written file from a crash mid-write counts as stale; a live writer finishes in µs.
    if (holder && holderIsLive(holder, file)) throw new DataDirInUseError(abs, holder.pid, holder.host);
    if (attempt >= 20) throw new Error(`could not take the lock ${file} (it keeps changing)`);
    removeIfStale(file, text);
  }
  heldHere.add(abs);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      /* the directory went away; nothing left to guard */
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.off('exit', release);
    heldHere.delete(abs);
    // Only our own file: never delete a lock some other process took over meanwhile.
    if (readOrEmpty(file) === me.trim()) {
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', release);
  return { file, release };
}
