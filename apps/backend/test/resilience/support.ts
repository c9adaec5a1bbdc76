import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { errorBodySchema } from '@todo/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client';
import { signUpOverHttp } from '../helpers/app';

export const backendDir = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A 4xx answer in the API's error shape: what every malformed request must get. */
export function expectClientError(status: number, contentType: unknown, body: string, context = ''): void {
  const where = `${context} → ${status} ${body.slice(0, 300)}`;
  expect(status, where).toBeGreaterThanOrEqual(400);
  expect(status, where).toBeLessThan(500);
  expect(String(contentType), where).toMatch(/^application\/json/);
  let parsed: unknown;
  expect(() => {
    parsed = JSON.parse(body);
  }, where).not.toThrow();
  expect(errorBodySchema.safeParse(parsed).success, where).toBe(true);
}

/**
 * Everything a rejected write could have changed, in one row (sessions are left out: reading a session
 * may legitimately refresh it).
 */
export async function fingerprint(db: Db): Promise<string> {
  const result = await db.execute(sql`select
    (select count(*) from users) as users,
    (select count(*) from accounts) as accounts,
    (select count(*) from tasks) as tasks,
    (select coalesce(md5(string_agg(concat_ws('|', user_id, number, title, description, completed, priority,
       array_to_string(tags, ','), due_at, updated_at), ';' order by user_id, number)), '') from tasks) as task_rows,
    (select count(*) from task_activity) as activity,
    (select count(*) from user_settings) as settings,
    (select count(*) from conversations) as conversations,
    (select coalesce(max(updated_at)::text, '') from conversations) as conversations_updated,
    (select count(*) from messages) as messages,
    (select count(*) from api_tokens) as tokens`);
  const rows = (result as { rows?: unknown[] }).rows ?? (result as unknown[]);
  return JSON.stringify(rows[0]);
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** The real server entry (src/server.ts through tsx) as its own process on a free port. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: backendDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function waitReady(url: string, ms = 40_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`server at ${url} did not become ready within ${ms} ms`);
}

export interface Session {
  readonly id: string;
  readonly token: string;
}

export async function signUpOver(url: string, name: string): Promise<Session> {
  const email = `${name.toLowerCase()}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
  return signUpOverHttp(url, { name, email, password: 'correct horse battery' });
}
