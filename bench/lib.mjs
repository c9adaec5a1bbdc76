// Shared plumbing of the benchmarks: free ports, the built backend/frontend as child processes, a fresh
// Postgres database, RSS sampling and percentiles. Everything binds to 127.0.0.1 and is stopped by its owner.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { signUpOverHttp } from '@todo/testkit/http';
import { createScratchDatabase } from '@todo/testkit/postgres';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const backendEntry = path.join(root, 'apps/backend/dist/server.js');
export const migrateEntry = path.join(root, 'apps/backend/dist/migrate.js');
export const frontendEntry = path.join(root, 'apps/frontend/.next/standalone/apps/frontend/server.js');

/** The Postgres server the benches create their fresh databases on. */
export const adminUrl =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/test';

/** The same pg (catalog version) as the backend's. */
export { pg };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @returns {Promise<number>} a free loopback port */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** Builds a package only when its output is missing (the bench measures, it does not rebuild on every run). */
export function ensureBuilt(entry, filter) {
  if (existsSync(entry)) return;
  console.error(`[bench] ${path.relative(root, entry)} is missing: pnpm --filter ${filter} build`);
  const res = spawnSync('pnpm', ['--filter', filter, 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0 || !existsSync(entry)) throw new Error(`building ${filter} failed`);
}

/**
 * A fresh database on the Postgres server at `serverUrl`; `drop()` removes it.
 * @param {string} serverUrl
 */
export const createDatabase = (serverUrl) => createScratchDatabase(serverUrl, 'todo_bench');

const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** @typedef {ReturnType<typeof startProcess>} Proc */

/**
 * Starts `node [nodeArgs] entry` with exactly `env` (plus PATH/HOME); returns the child and its start time.
 * `nodeArgs` is for measuring the process itself (`--cpu-prof`, `--cpu-prof-dir=…`).
 * @param {string} entry
 * @param {Record<string, string | undefined>} env
 * @param {{ nodeArgs?: string[] }} [options]
 */
export function startProcess(entry, env, { nodeArgs = [] } = {}) {
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  children.add(child);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  exited.then(() => children.delete(child));
  return {
    child,
    startedAt,
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * Polls `url` every 5 ms (a fresh connection each time) until it answers 200. With `proc` (from startProcess)
 * it fails as soon as the process exits and returns ms since the process was spawned.
 * @param {string} url
 * @param {Proc} [proc]
 */
export async function waitReady(url, timeoutMs = 60_000, proc = undefined) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await get(url)) === 200) return proc ? Number(process.hrtime.bigint() - proc.startedAt) / 1e6 : 0;
    if (proc && proc.child.exitCode !== null)
      throw new Error(`process exited before ready:\n${proc.stderr()}`);
    await sleep(5);
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${url}${proc ? `\n${proc.stderr()}` : ''}`);
}

/** ms from spawn until `url` answers 200. */
export const msUntilReady = (proc, url, timeoutMs = 60_000) => waitReady(url, timeoutMs, proc);

/**
 * One request over a keep-alive `agent`; resolves (never rejects) with status, client-side latency in ms and the
 * body text (status 0 on a connection error or after 10 s).
 * @param {http.Agent} agent
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [options]
 * @returns {Promise<{ status: number, ms: number, body: string }>}
 */
export function request(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = process.hrtime.bigint();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: payload
          ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          resolve({ status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', () => resolve({ status: 0, ms: 0, body: '' }));
    req.setTimeout(10_000, () => req.destroy());
    req.end(payload);
  });
}

/**
 * One chat client for `seconds`: in one conversation, it cycles the local agent's add (due date, priority) →
 * "What's pending?" → complete → delete turns, which leave the task list as they found it. Failed turns are
 * counted, not thrown. Returns every answered turn's kind and client-side latency.
 */
export async function chatCycles(base, user, { seconds, agent, tag = 'bench' }) {
  const url = `${base}/api/${user.id}/chat`;
  const headers = { authorization: `Bearer ${user.token}`, accept: 'application/json' };
  const turns = [];
  let errors = 0;
  let conversation;
  const turn = async (kind, message) => {
    const res = await request(agent, url, {
      method: 'POST',
      headers,
      // With a turn id, as the web UI sends every message (the backend looks it up to never run a resend twice).
      body: { ...(conversation ? { conversation_id: conversation } : {}), message, turn_id: randomUUID() },
    });
    if (res.status !== 200) {
      errors++;
      return null;
    }
    turns.push({ kind, ms: res.ms });
    const body = JSON.parse(res.body);
    conversation = body.conversation_id;
    return body;
  };
  const end = Date.now() + seconds * 1000;
  for (let n = 0; Date.now() < end; n++) {
    const added = await turn('add', `add ${tag} task ${n} tomorrow high priority`);
    const id = added?.tool_calls?.[0]?.result?.task_id;
    if (!id) continue;
    await turn('list', "What's pending?");
    await turn('complete', `Mark task ${id} as complete`);
    await turn('delete', `delete task ${id}`);
  }
  return { turns, errors };
}

/** The backend's environment for a bench run: production mode, quiet logs, rate limits out of the way. */
export function backendEnv(port, databaseUrl, secret, extra = {}) {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: secret,
    AUTH_RATE_LIMIT_MAX: '100000',
    CHAT_RATE_LIMIT_MAX: '100000',
    ...extra,
  };
}

/**
 * The built backend (`entry`, the shared dist/ by default) on a free loopback port with backendEnv(), ready to
 * serve; stopped again if it never gets ready. `readyMs` is the time from spawn to the first 200 of /readyz.
 * @param {string | undefined} databaseUrl unset: the backend's default (PGlite, as `extra` configures it)
 * @param {string} secret
 * @param {{ entry?: string, extra?: Record<string, string>, nodeArgs?: string[], timeoutMs?: number }} [options]
 */
export async function startBackend(
  databaseUrl,
  secret,
  { entry = backendEntry, extra = {}, nodeArgs = [], timeoutMs = 90_000 } = {},
) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = startProcess(entry, backendEnv(port, databaseUrl, secret, extra), { nodeArgs });
  try {
    const readyMs = await waitReady(`${base}/readyz`, timeoutMs, proc);
    return { proc, port, base, readyMs };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/** Applies the migrations with the built `dist/migrate.js`. */
export async function migrate(databaseUrl) {
  const proc = startProcess(migrateEntry, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });
  const { code } = await proc.exited;
  if (code !== 0) throw new Error(`migrate failed (${code}):\n${proc.stderr()}`);
}

/**
 * A new account through the real endpoints (sign-up, then sign-in: see @todo/testkit/http, which the backend's
 * tests and the e2e tests use too). Returns its id, bearer token and session cookie.
 * @param {string} base
 * @param {string} name
 * @param {string} email
 */
export const signUp = (base, name, email) =>
  signUpOverHttp(base, { name, email, password: 'bench-password-1' });

/** `count` accounts through the API, `tasksPerUser` tasks each straight into the table through `pool`. */
export async function seed(base, pool, { count, tasksPerUser, tag }) {
  const users = [];
  for (let i = 0; i < count; i++)
    users.push(await signUp(base, `Bench ${i}`, `bench-${i}-${tag}@example.test`));
  for (const u of users) {
    const values = [];
    const params = [];
    for (let n = 0; n < tasksPerUser; n++) {
      params.push(u.id, n + 1, `Seeded task ${n}`, ['low', 'medium', 'high'][n % 3], n % 4 === 0);
      const k = n * 5;
      values.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}::task_priority, $${k + 5})`);
    }
    await pool.query(
      `insert into tasks (user_id, number, title, priority, completed) values ${values.join(',')}`,
      params,
    );
    // Task numbers are per user; the API's next create continues after the seeded ones.
    await pool.query(
      'insert into user_settings (user_id, last_task_number) values ($1, $2) on conflict (user_id) do update set last_task_number = excluded.last_task_number',
      [u.id, tasksPerUser],
    );
  }
  return users;
}

/**
 * autocannon against the API, rotating through `users`; returns req/s (2xx only) and latency.
 * @param {string} base
 * @param {{ id: string, token: string }[]} users
 * @param {{ method?: string, pathOf: (user: any) => string, body?: (i: number) => string, connections: number, seconds: number }} options
 */
export async function cannon(base, users, { method, pathOf, body, connections, seconds }) {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const u = users[i++ % users.length];
          return {
            ...req,
            method,
            path: pathOf(u),
            headers: {
              authorization: `Bearer ${u.token}`,
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            ...(body ? { body: body(i) } : {}),
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function percentiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN);
  return { p50: at(50), p99: at(99), n: s.length };
}

export const median = (xs) => percentiles(xs).p50;

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/**
 * Runs the backend's scale tool (apps/backend/src/db/scale-cli.ts, through tsx) against `databaseUrl`: `seed`
 * loads a user's history with generate_series, `plans` explains every list statement for the given users. The
 * plan test uses the same module, so the bench and the test judge the same data and statements.
 */
export function scaleTool(command, databaseUrl, args) {
  const tsx = path.join(root, 'apps/backend/node_modules/.bin/tsx');
  const res = spawnSync(tsx, ['src/db/scale-cli.ts', command, databaseUrl, ...args.map(String)], {
    cwd: path.join(root, 'apps/backend'),
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  if (res.status !== 0) throw new Error(`scale-cli ${command} failed:\n${res.stderr}`);
  return res.stdout;
}
