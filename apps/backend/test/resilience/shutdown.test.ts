import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../helpers/app';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../helpers/db';
import {
  sleep,
  signUpOver,
  startServerProcess,
  waitReady,
  type ServerProcess,
  type Session,
} from './support';

/*
 * The real server process under steady write load, stopped politely (SIGTERM) or brutally (kill -9).
 * A write the server acknowledged must be in the database after a restart; with SIGTERM, every request that
 * got an answer at all must have been served.
 */

const WRITERS = 8;
const LOAD_BEFORE_SIGNAL_MS = 1500;

interface LoadResult {
  /** Acknowledged writes: id → title. */
  readonly acked: Map<number, string>;
  /** Statuses of answers that were not 2xx. */
  readonly refused: { status: number; body: string }[];
  /** Requests that got no answer (connection refused/reset). */
  readonly unanswered: number;
}

/** WRITERS concurrent loops creating tasks until `stop()` resolves and the server stops answering. */
function writeLoad(server: ServerProcess, user: Session) {
  const acked = new Map<number, string>();
  const refused: { status: number; body: string }[] = [];
  let unanswered = 0;
  let stopping = false;
  const writer = async (w: number) => {
    for (let n = 0; ; n++) {
      const title = `w${w}-${n}`;
      try {
        const res = await fetch(`${server.url}/api/${user.id}/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
          body: JSON.stringify({ title }),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (res.status === 201) acked.set((JSON.parse(text) as { id: number }).id, title);
        else refused.push({ status: res.status, body: text.slice(0, 200) });
      } catch {
        unanswered++;
        // Once the process is gone every attempt fails; stop when told to.
        if (stopping) return;
        await sleep(20);
      }
    }
  };
  const running = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return {
    async stop(): Promise<LoadResult> {
      stopping = true;
      await running;
      return { acked, refused, unanswered };
    },
  };
}

async function allTasks(server: ServerProcess, user: Session): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let cursor: string | null = null;
  do {
    const qs: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${server.url}/api/${user.id}/tasks?limit=100${qs}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: number; title: string }[]; next_cursor: string | null };
    for (const t of page.items) out.set(t.id, t.title);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

const drivers = TEST_DATABASE_URL ? (['pglite', 'pg'] as const) : (['pglite'] as const);

describe.each(drivers)('server process under write load (%s)', (driver) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  });

  /** Env for a fresh database that survives the process (a PGlite dir or a new Postgres database). */
  async function freshDatabaseEnv(): Promise<Record<string, string>> {
    if (driver === 'pg') {
      const db = await createPostgresDatabase();
      cleanups.push(() => db.drop());
      return { DATABASE_URL: db.url };
    }
    const dir = await mkdtemp(join(tmpdir(), 'todo-resilience-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return { PGLITE_DATA_DIR: join(dir, 'pglite') };
  }

  async function start(env: Record<string, string>) {
    const server = await startServerProcess({ BETTER_AUTH_SECRET: TEST_SECRET, ...env });
    cleanups.push(() => server.stop());
    // Generous: a cold PGlite data dir plus tsx on a busy 2-core machine can take tens of seconds.
    await waitReady(server.url, 90_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${server.output()}`);
    });
    return server;
  }

  async function expectAllAckedAfterRestart(
    env: Record<string, string>,
    user: Session,
    acked: Map<number, string>,
  ) {
    const again = await start(env);
    const stored = await allTasks(again, user);
    const lost = [...acked].filter(([id, title]) => stored.get(id) !== title);
    expect(lost, `${lost.length} acknowledged writes are missing after restart`).toEqual([]);
    await again.stop();
  }

  it('GIVEN steady writes WHEN SIGTERM arrives THEN every answered request was a 2xx, the process exits 0 and every acknowledged write is stored', async () => {
    const env = await freshDatabaseEnv();
    const server = await start(env);
    const user = await signUpOver(server.url, 'Writer');
    const load = writeLoad(server, user);
    await sleep(LOAD_BEFORE_SIGNAL_MS);
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const drainMs = Date.now() - signalled;
    const result = await load.stop();

    expect(exit.code, server.output()).toBe(0);
    // Open keep-alive connections must not hold the shutdown up until SHUTDOWN_TIMEOUT_MS.
    expect(drainMs).toBeLessThan(10_000);
    expect(result.acked.size).toBeGreaterThan(WRITERS);
    expect(result.refused, 'answers during shutdown that were not 2xx').toEqual([]);
    await expectAllAckedAfterRestart(env, user, result.acked);
  }, 240_000);

  it('GIVEN steady writes WHEN the process is killed with SIGKILL THEN every acknowledged write survives the restart', async () => {
    const env = await freshDatabaseEnv();
    const server = await start(env);
    const user = await signUpOver(server.url, 'Writer');
    const load = writeLoad(server, user);
    await sleep(LOAD_BEFORE_SIGNAL_MS);
    server.child.kill('SIGKILL');
    const exit = await server.exited;
    const result = await load.stop();

    expect(exit.signal).toBe('SIGKILL');
    expect(result.acked.size).toBeGreaterThan(WRITERS);
    expect(result.refused).toEqual([]);
    await expectAllAckedAfterRestart(env, user, result.acked);
  }, 240_000);
});
