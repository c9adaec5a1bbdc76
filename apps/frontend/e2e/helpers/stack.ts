import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@todo/testkit/postgres';

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(appDir, '../..');
export const resultsDir = path.join(appDir, 'test-results');
export const backendEntry = path.join(repoRoot, 'apps/backend/dist/server.js');
export const frontendEntry = path.join(appDir, '.next/standalone/apps/frontend/server.js');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number, proc: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exitCode !== null)
      throw new Error(`${name} exited with code ${proc.exitCode} (see test-results/logs)`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} not ready at ${url} within ${timeoutMs} ms (${last})`);
}

function start(name: string, entry: string, env: Record<string, string>): ChildProcess {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build it first (pnpm build)`);
  const logs = path.join(resultsDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(path.join(logs, `${name}.log`));
  // Only what the app needs, so a developer's OPENAI_API_KEY or DATABASE_URL cannot leak into the run.
  const base: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'NODE_EXTRA_CA_CERTS', 'LANG', 'TZ']) {
    const v = process.env[k];
    if (v) base[k] = v;
  }
  const child = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(killer);
}

function frontendEnv(
  port: number,
  backendUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOSTNAME: '127.0.0.1',
    PORT: String(port),
    BACKEND_URL: backendUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/** Only the standalone frontend, proxying to `backendUrl` (for proxy tests against a stand-in backend). */
export async function startFrontend(
  backendUrl: string,
  extra: Record<string, string> = {},
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = start('frontend-proxy', frontendEntry, frontendEnv(port, backendUrl, extra));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/api/health`, 30_000, child, 'frontend');
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { url, process: child, stop: () => stop(child) };
}

export interface Stack {
  backendUrl: string;
  frontendUrl: string;
  database: 'postgres' | 'pglite';
  stopFrontend(): Promise<void>;
  /** Stops the backend (the frontend stays up and answers 502 for it); needs `persistent` to keep the data. */
  stopBackend(): Promise<void>;
  /** Starts the backend again on the same port and database; resolves when it is ready. */
  startBackend(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the built backend and the standalone frontend on loopback ports. The backend uses a fresh database on the
 * TEST_DATABASE_URL Postgres server when that is set (CI), else in-memory PGlite.
 */
export async function startStack(
  options: {
    backendEnv?: Record<string, string>;
    /** PGlite in a temporary directory instead of memory, so the data outlives a backend restart. */
    persistent?: boolean;
  } = {},
): Promise<Stack> {
  const [backendPort, frontendPort] = [await freePort(), await freePort()];
  let dropDb: (() => Promise<void>) | undefined;
  const dataDir = options.persistent ? mkdtempSync(path.join(tmpdir(), 'todo-e2e-')) : undefined;
  const dbEnv: Record<string, string> = { PGLITE_DATA_DIR: dataDir ?? 'memory://' };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, 'todo_e2e');
    dbEnv.DATABASE_URL = scratch.url;
    delete dbEnv.PGLITE_DATA_DIR;
    dropDb = scratch.drop;
  }
  const backendEnv = {
    ...dbEnv,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(backendPort),
    LOG_LEVEL: 'warn',
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    // Several sign-ups and sign-ins from one loopback address in a minute.
    AUTH_RATE_LIMIT_MAX: '1000',
    CHAT_RATE_LIMIT_MAX: '1000',
    ...options.backendEnv,
  };
  let backend = start('backend', backendEntry, backendEnv);
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const frontendUrl = `http://127.0.0.1:${frontendPort}`;
  const frontend = start('frontend', frontendEntry, frontendEnv(frontendPort, backendUrl));
  try {
    await Promise.all([
      waitFor(`${backendUrl}/readyz`, 90_000, backend, 'backend'),
      waitFor(`${frontendUrl}/api/health`, 30_000, frontend, 'frontend'),
    ]);
  } catch (err) {
    await Promise.all([stop(backend), stop(frontend)]);
    await dropDb?.();
    throw err;
  }
  return {
    backendUrl,
    frontendUrl,
    database: adminUrl ? 'postgres' : 'pglite',
    stopFrontend: () => stop(frontend),
    stopBackend: () => stop(backend),
    async startBackend() {
      backend = start('backend-restarted', backendEntry, backendEnv);
      await waitFor(`${backendUrl}/readyz`, 90_000, backend, 'backend');
    },
    async close() {
      await Promise.all([stop(backend), stop(frontend)]);
      await dropDb?.();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
