// Helpers shared by the container tests (smoke.mjs, compose-test.mjs): engine commands, HTTP, free ports, and a
// check runner that writes a vitest-shaped JSON report, which scripts/ci/sum-reports.mjs adds to CI's count.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

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
 * Named checks, each passed or failed on its own, and the JSON report CI sums:
 *   const { check, writeReport } = checkRunner('test-results/x.json');
 *   await check('what a user would notice', async () => 'optional detail');
 *   await runAndExit(main, { cleanup }); // or process.exit(writeReport(fatalError, extraFields) === 0 ? 0 : 1)
 */
export function checkRunner(reportFile) {
  const results = [];
  const startedAt = Date.now();
  async function check(name, fn) {
    const t0 = performance.now();
    try {
      const detail = await fn();
      results.push({
        name,
        status: 'passed',
        durationMs: Math.round(performance.now() - t0),
        ...(detail ? { detail } : {}),
      });
      console.log(`  ✓ ${name}${detail ? ` — ${detail}` : ''}`);
      return true;
    } catch (err) {
      results.push({
        name,
        status: 'failed',
        durationMs: Math.round(performance.now() - t0),
        message: err.message,
      });
      console.log(`  ✗ ${name}\n      ${err.message.split('\n').join('\n      ')}`);
      return false;
    }
  }
  /** Writes the report; returns the number of failures (a fatal error counts as one). */
  function writeReport(fatal, extra = {}) {
    const failed = results.filter((r) => r.status === 'failed').length + (fatal ? 1 : 0);
    const passed = results.filter((r) => r.status === 'passed').length;
    const report = {
      numTotalTests: passed + failed,
      numPassedTests: passed,
      numFailedTests: failed,
      success: failed === 0,
      startTime: startedAt,
      durationMs: Date.now() - startedAt,
      ...extra,
      testResults: fatal ? [...results, { name: 'run', status: 'failed', message: fatal.message }] : results,
    };
    const file = path.resolve(root, reportFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\n${passed} passed, ${failed} failed in ${(report.durationMs / 1000).toFixed(1)} s → ${path.relative(root, file)}`,
    );
    return failed;
  }
  /**
   * Runs main, then cleanup (also on SIGINT/SIGTERM, which count as a failure), writes the report and exits 0 when
   * every check passed, else 1 (130 when interrupted). extra() adds fields to the report.
   */
  async function runAndExit(main, { cleanup = async () => {}, label = 'run', extra = () => ({}) } = {}) {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        console.error(`${label}: ${signal}, cleaning up`);
        cleanup().finally(() => {
          writeReport(new Error(`interrupted by ${signal}`), extra());
          process.exit(130);
        });
      });
    }
    let fatal;
    try {
      await main();
    } catch (err) {
      fatal = err;
      console.error(`${label} aborted: ${err.stack ?? err.message}`);
    }
    await cleanup();
    process.exit(writeReport(fatal, extra()) === 0 ? 0 : 1);
  }
  return { check, writeReport, runAndExit, results };
}
