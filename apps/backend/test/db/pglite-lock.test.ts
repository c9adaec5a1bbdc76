import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir, processStart } from '../../src/db/pglite-lock';
import { signUpOverHttp, TEST_SECRET } from '../helpers/app';
import { freePort, startServer, waitReady, type ServerProcess } from '../helpers/server-process';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'todo-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited (and been reaped), so nothing answers to it. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('lockDataDir', () => {
  it('GIVEN a lock left by a process that is gone (kill -9) WHEN locking THEN the stale lock is taken over', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), `${await deadPid()}\n123\n${hostname()}\n`);
    const lock = lockDataDir(dir);
    expect(lock.file).toBe(join(dir, LOCK_FILE));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  // Start times come from /proc: elsewhere the lock falls back to whether the pid is alive.
  it.skipIf(process.platform !== 'linux')(
    'GIVEN a lock naming a live pid with another start time (pid reused) WHEN locking THEN it is stale',
    () => {
      const dir = tempDir();
      // Our parent is alive, but it is not the process that wrote this file: its start time differs.
      const otherStart = String(Number(processStart(process.ppid)) + 1);
      writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n${otherStart}\n${hostname()}\n`);
      lockDataDir(dir).release();
    },
  );

  it('GIVEN a lock naming a live process with its start time WHEN locking THEN it refuses naming that pid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n${processStart(process.ppid)}\n${hostname()}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(
      `PGlite data directory ${dir} is in use by process ${process.ppid}; stop it or set PGLITE_DATA_DIR`,
    );
    // Refusing leaves the holder's lock alone.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('GIVEN this process holds the lock WHEN it locks again THEN it refuses, and after release it can lock', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    lockDataDir(dir).release();
  });

  it('GIVEN a lock from another host WHEN its heartbeat is fresh THEN it refuses; WHEN 30 s old THEN it is stale', () => {
    const dir = tempDir();
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, `1\n1\nother-host\n`);
    expect(() => lockDataDir(dir)).toThrow('in use by process 1 on other-host');
    const old = new Date(Date.now() - 31_000);
    utimesSync(file, old, old);
    lockDataDir(dir).release();
  });

  it('GIVEN an empty or garbled lock file (crash mid-write) WHEN locking THEN it is stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), '');
    lockDataDir(dir).release();
  });
});

describe('two backend processes on one PGlite directory', () => {
  const running: ServerProcess[] = [];
  afterEach(() => {
    for (const s of running.splice(0)) s.child.kill('SIGKILL');
  });

  async function serve(dir: string): Promise<{ server: ServerProcess; port: number }> {
    const port = await freePort();
    const server = startServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DATA_DIR: dir,
      BETTER_AUTH_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
    });
    running.push(server);
    return { server, port };
  }

  const api = (port: number, path: string, init: RequestInit = {}, token?: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        origin: `http://127.0.0.1:${port}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });

  it('GIVEN a backend serving a directory WHEN a second starts on it THEN the second exits non-zero naming the first, and after kill -9 of the first a new one starts with every write', async () => {
    const dir = join(tempDir(), 'pglite');
    const first = await serve(dir);
    await waitReady(first.port);
    const { token, id } = await signUpOverHttp(`http://127.0.0.1:${first.port}`, {
      name: 'One',
      email: 'one@example.test',
      password: 'sturdy-lamp-1234',
    });
    const user = { id };
    const create = (port: number, title: string) =>
      api(port, `/api/${user.id}/tasks`, { method: 'POST', body: JSON.stringify({ title }) }, token);
    expect((await create(first.port, 'before the second start')).status).toBe(201);

    // WHEN a second process starts on the same directory
    const second = await serve(dir);
    const code = await second.server.exited;

    // THEN it refuses with the holder's pid, and the first keeps serving and writing
    expect(code).not.toBe(0);
    expect(second.server.output()).toContain(
      `PGlite data directory ${dir} is in use by process ${first.server.child.pid}; stop it or set PGLITE_DATA_DIR`,
    );
    expect((await create(first.port, 'after the refused start')).status).toBe(201);

    // WHEN the first dies without any clean-up
    first.server.child.kill('SIGKILL');
    await first.server.exited;
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);

    // THEN the next start takes the stale lock over, and everything the first acknowledged is there
    const third = await serve(dir);
    await waitReady(third.port);
    const list = await api(third.port, `/api/${user.id}/tasks`, {}, token);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { title: string }[] };
    expect(body.items.map((t) => t.title).sort()).toEqual([
      'after the refused start',
      'before the second start',
    ]);

    // AND a clean stop removes the lock
    third.server.child.kill('SIGTERM');
    expect(await third.server.exited).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 240_000);
});
