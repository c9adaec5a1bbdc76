// Helpers shared by the container tests (smoke.test.mjs, compose.test.mjs): engine commands, HTTP, free ports, and
// `check`, a named vitest test whose detail lands in vitest's JSON report (what scripts/ci/sum-reports.mjs sums).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { it } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const run = promisify(execFile);

/** Version of apps/<app>/package.json (the image tag `pnpm turbo docker` gives). */
export const appVersion = (app) =>
  JSON.parse(readFileSync(path.join(root, `apps/${app}/package.json`), 'utf8')).version;

/**
 * Runs a command; resolves {code, stdout, stderr}. Throws on a non-zero exit unless allowFail.
 * `file` may carry leading arguments (e.g. ['docker', 'compose']).
 * @param {string | string[]} file
 * @param {string[]} args
 * @param {{ timeoutMs?: number, allowFail?: boolean, env?: NodeJS.ProcessEnv, input?: string }} [options]
 */
export async function command(file, args, { timeoutMs = 60_000, allowFail = false, env, input } = {}) {
  const [bin, ...pre] = Array.isArray(file) ? file : [file];
  try {
    const child = run(bin, [...pre, ...args], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      env,
    });
    if (input !== undefined) child.child.stdin?.end(input);
    const { stdout, stderr } = await child;
    return { code: 0, stdout: stdout.trim(), stderr: stderr.trim() };
  } catch (err) {
    const result = {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: String(err.stdout ?? '').trim(),
      stderr: String(err.stderr ?? '').trim(),
    };
    if (allowFail) return result;
    throw new Error(
      `${[bin, ...pre, ...args].join(' ')} failed (${err.killed ? 'timed out' : `exit ${result.code}`}): ${(result.stderr || err.message).slice(-2000)}`,
      { cause: err },
    );
  }
}

/** The Docker-compatible client (DOCKER, default docker) bound to `command`. */
export const docker = (args, options) => command(process.env.DOCKER || 'docker', args, options);

/** @returns {Promise<number>} a free loopback port */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} method
 * @param {string} url
 * @param {{ body?: unknown, headers?: Record<string, string>, timeoutMs?: number, follow?: boolean }} [options]
 */
export async function http(method, url, { body, headers = {}, timeoutMs = 20_000, follow = false } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: follow ? 'follow' : 'manual',
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One named check, registered as a vitest test (the container checks are vitest projects: scripts/vitest.config.mjs).
 * What it returns (a figure, a version) is printed and kept as `meta.detail` in vitest's JSON report.
 * @param {string} name
 * @param {(context: import('vitest').TestContext) => Promise<string | void | undefined>} fn
 */
export function check(name, fn) {
  it(name, async (context) => {
    const detail = await fn(context);
    if (detail) {
      Object.assign(context.task.meta, { detail });
      console.log(`  ✓ ${name} — ${detail}`);
    }
  });
}

/**
 * On SIGINT/SIGTERM (Ctrl-C, a CI timeout) runs `cleanup` before the process ends, so no container or volume outlives
 * an interrupted run; vitest's afterAll hooks do not run then.
 * @param {() => Promise<unknown>} cleanup
 */
export function onInterrupt(cleanup) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
}
