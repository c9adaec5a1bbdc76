import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { signUp, TEST_SECRET, type TestUser } from '../helpers/app';
import { freePort, sleep } from './support';

/*
 * Postgres stopped for 10 s under load. This must never touch the shared server at :5432 (other suites use
 * it), so the test runs its own throw-away cluster on a free port and really stops and starts it.
 */

const run = promisify(execFile);
const OUTAGE_MS = 10_000;

/** Debian's versioned PostgreSQL bin dir (initdb and pg_ctl are not on PATH), newest first. */
function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'pg_ctl')));
}

const binDir = postgresBinDir();
const isRoot = userInfo().uid === 0;

/** Postgres refuses to run as root: run its tools as the postgres user then. */
function asPostgres(tool: string, args: string[]) {
  const bin = join(binDir!, tool);
  return isRoot
    ? run('runuser', ['-u', 'postgres', '--', bin, ...args], { timeout: 30_000 })
    : run(bin, args, { timeout: 30_000 });
}

interface Outcome {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
  readonly code?: string;
  readonly retryAfter?: string;
}

describe.skipIf(!binDir)(
  'Postgres outage under load (private cluster; needs PostgreSQL server binaries)',
  () => {
    let dir = '';
    let data = '';
    let port = 0;
    let database: Database;
    let app: FastifyInstance;
    let user: TestUser;
    let started = false;

    const pgCtl = (action: 'start' | 'stop') =>
      action === 'start'
        ? asPostgres('pg_ctl', [
            '-D',
            data,
            '-l',
            join(dir, 'postgres.log'),
            '-o',
            `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off`,
            '-w',
            '-t',
            '20',
            'start',
          ])
        : asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '20', 'stop']);

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'todo-pg-outage-'));
      data = join(dir, 'data');
      if (isRoot) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        const { stdout: gid } = await run('id', ['-g', 'postgres']);
        await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      }
      await asPostgres('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '--no-instructions',
      ]);
      port = await freePort();
      await pgCtl('start');
      started = true;

      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        BETTER_AUTH_SECRET: TEST_SECRET,
        DATABASE_URL: url,
        AUTH_RATE_LIMIT_MAX: '1000',
      });
      database = await createDatabase({ driver: 'pg', url, poolMax: 5 });
      await runMigrations(database);
      app = await buildApp({ config, database, logger: false });
      await app.ready();
      user = await signUp(app, 'Outage');
    }, 90_000);

    afterAll(async () => {
      await app?.close();
      await database?.close();
      if (started) await pgCtl('stop').catch(() => {});
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const headers = () => ({ authorization: `Bearer ${user.token}` });

    async function call(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Outcome> {
      const t0 = Date.now();
      const res = await app.inject({
        method,
        url,
        headers: headers(),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      const body = res.body ? (JSON.parse(res.body) as { error?: { code?: string } }) : {};
      return {
        at: t0,
        ms: Date.now() - t0,
        status: res.statusCode,
        code: body.error?.code,
        retryAfter: res.headers['retry-after'],
      };
    }

    it('GIVEN load WHEN Postgres stops for 10 s THEN /readyz turns 503 within 2 s, requests fail fast with 503, and the same process serves again within 5 s of its return', async () => {
      expect((await call('POST', `/api/${user.id}/tasks`, { title: 'before' })).status).toBe(201);

      // Steady mixed load for the whole test.
      const outcomes: Outcome[] = [];
      let loading = true;
      const worker = async (w: number) => {
        for (let n = 0; loading; n++) {
          outcomes.push(
            n % 2
              ? await call('GET', `/api/${user.id}/tasks?limit=20`)
              : await call('POST', `/api/${user.id}/tasks`, { title: `load ${w}-${n}` }),
          );
          await sleep(25);
        }
      };
      const load = Promise.all([0, 1, 2, 3].map(worker));
      await sleep(500);

      await pgCtl('stop');
      const stoppedAt = Date.now();
      let readyDownAt = 0;
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        const ready = await call('GET', '/readyz');
        if (ready.status === 503 && !readyDownAt) {
          readyDownAt = Date.now();
          expect(ready.code).toBe('database_unavailable');
        }
        await sleep(100);
      }
      expect(readyDownAt, '/readyz never answered 503').toBeGreaterThan(0);
      expect(readyDownAt - stoppedAt, '/readyz took too long to turn 503').toBeLessThanOrEqual(2000);

      // Postgres may accept connections a little before pg_ctl reports it: the outage window ends at the start command.
      const restartAt = Date.now();
      await pgCtl('start');
      const backAt = Date.now();
      let servingAt = 0;
      while (Date.now() - backAt < 15_000) {
        const [ready, list, create] = await Promise.all([
          call('GET', '/readyz'),
          call('GET', `/api/${user.id}/tasks`),
          call('POST', `/api/${user.id}/tasks`, { title: 'after' }),
        ]);
        if (ready.status === 200 && list.status === 200 && create.status === 201) {
          servingAt = Date.now();
          break;
        }
        await sleep(100);
      }
      loading = false;
      await load;

      expect(servingAt, 'the process never served again').toBeGreaterThan(0);
      expect(servingAt - backAt, 'serving again took too long after Postgres returned').toBeLessThanOrEqual(
        5000,
      );

      // During the outage: a clear 503 (with Retry-After), quickly; never a 500 or a hang.
      const during = outcomes.filter((o) => o.at >= stoppedAt + 200 && o.at + o.ms <= restartAt);
      expect(during.length).toBeGreaterThan(10);
      for (const o of during) {
        expect(o, 'a request during the outage').toMatchObject({
          status: 503,
          code: 'database_unavailable',
          retryAfter: '5',
        });
        expect(o.ms, 'a request during the outage took too long to fail').toBeLessThan(3500);
      }
      const unexpected = outcomes.filter((o) => ![200, 201, 503].includes(o.status));
      expect(unexpected).toEqual([]);
    }, 90_000);
  },
);
