#!/usr/bin/env node
// CPU profile of the built backend under one scenario, summarised by package and by function. On a shared,
// loaded machine wall-clock figures drift; where the CPU goes (and how much CPU a request costs) does not.
//
//   node bench/profile.mjs [--scenario create|list|chat|start] [--duration 10] [--connections 10]
//                          [--match 'regex'] [--interval µs] [--keep]
//
// create/list: autocannon with `connections` clients (as pnpm bench does); chat: one client cycling the local
// agent's add → list → complete → delete turns (as bench/chat.mjs does); start: spawn → /readyz only. The backend
// runs with `node --cpu-prof` against a fresh database (BENCH_DATABASE_URL / TEST_DATABASE_URL /
// postgres://postgres@127.0.0.1:5432/test, dropped afterwards). Prints the backend's user and system CPU time per
// request (from /proc, the steadiest figure on a loaded machine; the profiler itself adds some), then, for the
// samples of the measured phase (the whole run for start), self time by package and by function and, with --match,
// inclusive time of the functions whose `name package:line` matches. --keep leaves the .cpuprofile in
// bench/profiles/ (open it in Chrome DevTools).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  adminUrl,
  backendEntry,
  cannon,
  chatCycles,
  createDatabase,
  ensureBuilt,
  migrate,
  pg,
  root,
  seed,
  signUp,
  startBackend,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'create' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    match: { type: 'string' },
    keep: { type: 'boolean', default: false },
    interval: { type: 'string', default: '1000' },
  },
});
const SCENARIOS = ['create', 'list', 'chat', 'start'];
if (!SCENARIOS.includes(opts.scenario)) {
  console.error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const SECONDS = Math.max(2, Math.min(60, Number(opts.duration) || 10));
const CONNECTIONS = Math.max(1, Math.min(100, Number(opts.connections) || 10));

/** Drives the scenario for SECONDS; returns the number of successful requests. */
async function drive(base, users) {
  const [user] = users;
  if (opts.scenario === 'create' || opts.scenario === 'list') {
    const create = opts.scenario === 'create';
    const result = await cannon(base, users, {
      method: create ? 'POST' : 'GET',
      pathOf: (u) => `/api/${u.id}/tasks`,
      body: create ? (i) => JSON.stringify({ title: `Profiled task ${i}` }) : undefined,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    return Math.round(result.rps * SECONDS);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { turns, errors } = await chatCycles(base, user, { seconds: SECONDS, agent, tag: 'profiled' });
  agent.destroy();
  if (errors) throw new Error(`${errors} chat turns failed`);
  return turns.length;
}

/** User and system CPU time of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

function summarise(file, fromUs) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const packageOf = (url) => {
    const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
    return m ? m[1] : null;
  };
  // dist bundles most dependencies: its source maps tell which package a frame's code came from.
  const maps = new Map();
  const sourceOf = (frame) => {
    if (!frame.url.includes('/apps/backend/dist/')) return null;
    const file = frame.url.replace(/^file:\/\//, '');
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, null);
      }
    }
    const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
    return entry?.originalSource ? { source: entry.originalSource, line: entry.originalLine + 1 } : null;
  };
  const located = new Map();
  const where = (frame) => {
    const id = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    if (!located.has(id)) {
      const original = sourceOf(frame);
      const url = original?.source ?? frame.url;
      const pkg = !url
        ? '(native)'
        : (packageOf(url) ??
          (url.startsWith('node:')
            ? `node:${url.slice(5).split('/')[0]}`
            : url.includes('/apps/backend/') || url.includes('/packages/')
              ? 'app'
              : url));
      located.set(id, { pkg, line: original?.line ?? frame.lineNumber + 1 });
    }
    return located.get(id);
  };
  const pkgOf = (frame) => where(frame).pkg;
  const key = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${pkgOf(n.callFrame)}:${where(n.callFrame).line}`;
  const group = (n) =>
    n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : pkgOf(n.callFrame);
  const self = new Map();
  const inclusive = new Map();
  const match = opts.match ? new RegExp(opts.match) : null;
  let t = profile.startTime;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs) continue;
    const node = byId.get(profile.samples[i]);
    // Idle is epoll; writev on loopback wakes the receiver (Postgres, the load generator), which often takes
    // the CPU before the call returns, so its samples are mostly time spent descheduled: the kernel's real share
    // is the system CPU time printed above.
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === 'writev') continue;
    busy += dt;
    self.set(node.id, (self.get(node.id) ?? 0) + dt);
    if (match) {
      const seen = new Set();
      for (let id = node.id; id !== undefined; id = parent.get(id)) {
        const k = key(byId.get(id));
        if (match.test(k) && !seen.has(k)) {
          seen.add(k);
          inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
        }
      }
    }
  }
  const totals = (f) => {
    const m = new Map();
    for (const [id, us] of self) m.set(f(byId.get(id)), (m.get(f(byId.get(id))) ?? 0) + us);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [
    `${(busy / 1000).toFixed(0)} ms of samples on the CPU (without idle and writev), shares of that:`,
    '',
    'self time by package:',
    ...totals(group)
      .slice(0, 20)
      .map(([k, us]) => `${pct(us)}  ${k}`),
    '',
    'self time by function:',
    ...totals(key)
      .slice(0, 40)
      .map(([k, us]) => `${pct(us)}  ${k}`),
  ];
  if (match) {
    lines.push('', `inclusive time of functions matching /${opts.match}/:`);
    for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40))
      lines.push(`${pct(us)}  ${k}`);
  }
  return lines.join('\n');
}

async function main() {
  ensureBuilt(backendEntry, '@todo/backend');
  const db = await createDatabase(adminUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'todo-profile-'));
  let backend;
  try {
    await migrate(db.url);
    const secret = randomBytes(32).toString('hex');
    const started = await startBackend(db.url, secret, {
      nodeArgs: [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        `--cpu-prof-interval=${Number(opts.interval) || 1000}`,
      ],
      timeoutMs: 60_000,
    });
    backend = started.proc;
    const { base, readyMs } = started;
    let fromUs = 0;
    let requests = 0;
    let cpu;
    if (opts.scenario !== 'start') {
      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      const users =
        opts.scenario === 'chat'
          ? [await signUp(base, 'Profile', `profile-${secret.slice(0, 6)}@example.test`)]
          : await seed(base, pool, { count: 20, tasksPerUser: 50, tag: secret.slice(0, 6) });
      await pool.end();
      // Warm-up (JIT, pools), then the measured phase; its start in the profile's clock (µs since spawn ≈ start).
      await drive(base, users);
      fromUs = Number(process.hrtime.bigint() - backend.startedAt) / 1000;
      const before = cpuMs(backend.child.pid);
      requests = await drive(base, users);
      const after = cpuMs(backend.child.pid);
      cpu = {
        user: (after.user - before.user) / requests,
        system: (after.system - before.system) / requests,
      };
    }
    await backend.stop();
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the backend wrote no profile');
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const load = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
    console.log(
      `# ${opts.scenario}: ${opts.scenario === 'start' ? `ready in ${readyMs.toFixed(0)} ms` : `${SECONDS} s measured after a ${SECONDS} s warm-up`}, load average ${load}\n`,
    );
    if (cpu) {
      console.log(
        `${requests} requests; backend CPU per request: ${(cpu.user * 1000).toFixed(0)} µs user + ${(cpu.system * 1000).toFixed(0)} µs system\n`,
      );
    }
    // The profile clock starts when the process does; fromUs is relative to spawn, close enough for a cut-off.
    console.log(summarise(path.join(dir, file), profile.startTime + fromUs));
    if (opts.keep) {
      const out = path.join(root, 'bench/profiles');
      mkdirSync(out, { recursive: true });
      const dest = path.join(out, `${opts.scenario}-${Date.now()}.cpuprofile`);
      renameSync(path.join(dir, file), dest);
      console.log(`\nprofile: ${path.relative(root, dest)}`);
    }
  } finally {
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
    await db.drop().catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
