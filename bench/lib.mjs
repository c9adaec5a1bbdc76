// Shared plumbing of the benchmarks: free ports, the built backend/frontend as child processes, a fresh
// Postgres database, RSS sampling and percentiles. Everything binds to 127.0.0.1 and is stopped by its owner.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const backendEntry = path.join(root, 'apps/backend/dist/server.js');
export const migrateEntry = path.join(root, 'apps/backend/dist/migrate.js');
export const frontendEntry = path.join(root, 'apps/frontend/.next/standalone/apps/frontend/server.js');

/** pg is the backend's own dependency; the bench borrows it rather than declaring a second copy. */
export const pg = createRequire(path.join(root, 'apps/backend/package.json'))('pg');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
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

/** A fresh database on the Postgres server at `serverUrl`; `drop()` removes it. */
export async function createDatabase(serverUrl) {
  const name = `todo_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `node entry` with exactly `env` (plus PATH/HOME); resolves with the child and its start time. */
export function startProcess(entry, env) {
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], {
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

/** Polls `url` every 5 ms until it answers 200; returns ms since the process was spawned. */
export async function msUntilReady(proc, url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await get(url)) === 200) return Number(process.hrtime.bigint() - proc.startedAt) / 1e6;
    if (proc.child.exitCode !== null) throw new Error(`process exited before ready:\n${proc.stderr()}`);
    await sleep(5);
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${url}\n${proc.stderr()}`);
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
