#!/usr/bin/env node
// A/B of two backend builds: which one costs less CPU per request, on a machine whose load drifts.
//
//   node bench/ab.mjs <dirA> <dirB> [--scenario create|list|chat|start] [--rounds 6] [--slice 3]
//
// <dirA>/<dirB> are built backends: a copy of apps/backend/dist, or a build of another revision
// (`git worktree add /tmp/old <rev>`, then `pnpm exec tsup --out-dir <dir>` there). Each must sit where its
// external imports resolve, i.e. inside apps/backend (apps/backend/node_modules/.ab/<name> is ignored by git and
// the linters). Migrations are applied once beforehand (MIGRATE_ON_START=false for both sides). Both run at once
// on one fresh database; the load alternates between them in short slices (order swapped every round) and each side's CPU
// time comes from /proc, so both see the same moment-to-moment load. The whole comparison then runs again with
// A and B swapped (whichever side serves the sign-ups and runs first has a small edge) and the two B/A ratios
// are combined as their geometric mean. `start` alternates cold starts instead (median spawn → /readyz).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  adminUrl,
  backendEnv,
  cannon,
  chatCycles,
  createDatabase,
  freePort,
  median,
  migrate,
  percentiles,
  pg,
  seed,
  signUp,
  startProcess,
  waitReady,
} from './lib.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 'create' },
    rounds: { type: 'string', default: '6' },
    slice: { type: 'string', default: '3' },
  },
});
const SCENARIOS = ['create', 'list', 'chat', 'start'];
if (positionals.length !== 2 || !SCENARIOS.includes(opts.scenario)) {
  console.error(
    'usage: node bench/ab.mjs <dirA> <dirB> [--scenario create|list|chat|start] [--rounds N] [--slice s]',
  );
  process.exit(2);
}
const entries = positionals.map((dir) => path.resolve(dir, 'server.js'));
for (const entry of entries) {
  if (!existsSync(entry)) {
    console.error(`missing ${entry}`);
    process.exit(2);
  }
}
// Bounded whatever the arguments say.
const ROUNDS = Math.max(2, Math.min(20, Number(opts.rounds) || 6));
const SLICE_S = Math.max(1, Math.min(10, Number(opts.slice) || 3));
const secret = randomBytes(32).toString('hex');
const env = (port, databaseUrl) => backendEnv(port, databaseUrl, secret, { MIGRATE_ON_START: 'false' });

/** User + system CPU time of a process so far, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Load on one side for `seconds`; returns the successful requests and (chat) their latencies. */
async function drive(side, users, seconds) {
  if (opts.scenario !== 'chat') {
    const create = opts.scenario === 'create';
    const r = await cannon(side.base, users, {
      method: create ? 'POST' : 'GET',
      pathOf: (u) => `/api/${u.id}/tasks`,
      body: create ? (i) => JSON.stringify({ title: `A/B task ${i}` }) : undefined,
      connections: 10,
      seconds,
    });
    return { n: Math.round(r.rps * seconds), latencies: [] };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { turns, errors } = await chatCycles(side.base, users[0], { seconds, agent, tag: 'a/b' });
  agent.destroy();
  if (errors) throw new Error(`${errors} chat turns failed`);
  return { n: turns.length, latencies: turns.map((t) => t.ms) };
}

/**
 * One comparison with `first` and `second` in that position; returns [first, second] figures.
 * @param {string} databaseUrl
 * @param {string[]} entries
 */
async function compare(databaseUrl, [first, second]) {
  /** @type {{ base: string, proc: import('./lib.mjs').Proc, cpu: number, n: number, latencies: number[] }[]} */
  const sides = [];
  try {
    for (const entry of [first, second]) {
      const port = await freePort();
      const proc = startProcess(entry, env(port, databaseUrl));
      await waitReady(`http://127.0.0.1:${port}/readyz`, 60_000, proc);
      sides.push({ base: `http://127.0.0.1:${port}`, proc, cpu: 0, n: 0, latencies: [] });
    }
    const tag = randomBytes(3).toString('hex');
    let users;
    if (opts.scenario === 'chat') users = [await signUp(sides[0].base, 'A/B', `ab-${tag}@example.test`)];
    else {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      users = await seed(sides[0].base, pool, { count: 20, tasksPerUser: 50, tag });
      await pool.end();
    }
    // Both sides serve a sign-up: Better Auth's first request changes a process for good (promise hooks).
    await signUp(sides[1].base, 'A/B', `ab-${tag}-second@example.test`);
    for (const side of sides) await drive(side, users, 2); // warm-up: JIT, pools
    for (let r = 0; r < ROUNDS; r++) {
      for (const side of r % 2 ? [...sides].reverse() : sides) {
        const before = cpuUs(side.proc.child.pid);
        const { n, latencies } = await drive(side, users, SLICE_S);
        side.cpu += cpuUs(side.proc.child.pid) - before;
        side.n += n;
        side.latencies.push(...latencies);
      }
    }
    return sides.map((s) => ({
      cpuPerRequest: s.cpu / s.n,
      rps: s.n / (ROUNDS * SLICE_S),
      p50: s.latencies.length ? percentiles(s.latencies).p50 : NaN,
    }));
  } finally {
    for (const side of sides) await side.proc.stop();
  }
}

async function starts(databaseUrl) {
  /** @type {[number[], number[]]} */
  const times = [[], []];
  for (let i = 0; i < ROUNDS * 2; i++) {
    for (const k of i % 2 ? [1, 0] : [0, 1]) {
      const port = await freePort();
      const proc = startProcess(entries[k], env(port, databaseUrl));
      times[k].push(await waitReady(`http://127.0.0.1:${port}/readyz`, 60_000, proc));
      await proc.stop();
    }
  }
  return times;
}

async function main() {
  const db = await createDatabase(adminUrl);
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
  try {
    await migrate(db.url);
    if (opts.scenario === 'start') {
      const [a, b] = await starts(db.url);
      console.log(
        `A start → ready: median ${median(a).toFixed(0)} ms (${a.map((x) => x.toFixed(0)).join(' ')})`,
      );
      console.log(
        `B start → ready: median ${median(b).toFixed(0)} ms (${b.map((x) => x.toFixed(0)).join(' ')})`,
      );
      console.log(`B/A ${(median(b) / median(a)).toFixed(3)}; load average ${load()}`);
      return;
    }
    const [a1, b1] = await compare(db.url, entries);
    const [b2, a2] = await compare(db.url, [...entries].reverse());
    const line = (name, x, y) =>
      `${name}: ${x.cpuPerRequest.toFixed(1)} / ${y.cpuPerRequest.toFixed(1)} µs CPU per request, ` +
      `${x.rps.toFixed(0)} / ${y.rps.toFixed(0)} req/s` +
      (Number.isFinite(x.p50) ? `, p50 ${x.p50.toFixed(2)} / ${y.p50.toFixed(2)} ms` : '');
    console.log(`${opts.scenario}, ${ROUNDS} × ${SLICE_S} s slices per side, each order once:`);
    console.log(line('A (first / second position)', a1, a2));
    console.log(line('B (second / first position)', b1, b2));
    const ratio = Math.sqrt((b1.cpuPerRequest / a1.cpuPerRequest) * (b2.cpuPerRequest / a2.cpuPerRequest));
    console.log(`B/A CPU per request: ${ratio.toFixed(3)}; load average ${load()}`);
  } finally {
    await db.drop().catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
