#!/usr/bin/env node
// `pnpm bench`: every performance target of the project, measured in one run on this machine.
//
//   pnpm bench [--duration 8] [--connections 10] [--skip chat,proxy,reminders,big] [--check]
//   pnpm bench --soak [--minutes 10]        (mixed load, memory growth; not part of CI)
//
// Starts the built backend (and the standalone frontend) on loopback against a fresh database on real Postgres
// (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; dropped afterwards),
// seeds users and tasks, and drives it with autocannon. Ratios compare the API with the same SQL sent straight
// through a `pg` pool at the same concurrency (the database limit), in the same run. The chat and proxy figures
// come from bench/chat.mjs, bench/proxy.mjs and bench/reminders.mjs, run as they are. Writes bench/report.md and bench/report.json and
// prints the table; --check exits 1 when a target fails. Everything is bounded in time and stops by itself.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  adminUrl,
  backendEntry,
  backendEnv as benchBackendEnv,
  cannon as cannonAt,
  createDatabase,
  ensureBuilt,
  fmt,
  freePort,
  frontendEntry,
  median,
  migrate,
  msUntilReady,
  percentiles,
  pg,
  root,
  rssMb,
  seed,
  startProcess,
} from './lib.mjs';
import { bigUserScenario } from './big-user.mjs';
import { soak } from './soak.mjs';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    users: { type: 'string', default: '20' },
    skip: { type: 'string', default: '' },
    check: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
  },
});
// Bounded whatever the arguments say.
const DURATION_S = Math.max(2, Math.min(60, Number(opts.duration) || 8));
const CONNECTIONS = Math.max(1, Math.min(100, Number(opts.connections) || 10));
const USERS = Math.max(1, Math.min(200, Number(opts.users) || 20));
const TASKS_PER_USER = 50;
const STARTS = 3;
/** API and database runs alternate in slices of ≥ 2 s (see interleaved()). */
const SLICES = Math.max(1, Math.min(4, Math.floor(DURATION_S / 2)));
const skip = new Set(opts.skip.split(',').filter(Boolean));

const TARGETS = {
  listRatio: 0.5,
  createRatio: 0.5,
  chatP50Ms: 5,
  proxyRatio: 0.6,
  proxyAddedP50Ms: 2,
  reminderLateP99S: 5,
  eventP99Ms: 1000,
  backendStartMs: 1000,
  frontendStartMs: 1500,
  bigSmallRatio: 1.2,
  bigSearchP50Ms: 10,
};

const SECRET = randomBytes(32).toString('hex');
const backendEnv = (port, databaseUrl, extra) => benchBackendEnv(port, databaseUrl, SECRET, extra);

/**
 * autocannon with the run's connections and duration unless told otherwise.
 * @param {string} base
 * @param {Parameters<typeof cannonAt>[1]} users
 * @param {Omit<Parameters<typeof cannonAt>[2], 'connections' | 'seconds'> & { connections?: number, seconds?: number }} options
 */
const cannon = (base, users, { connections = CONNECTIONS, seconds = DURATION_S, ...rest }) =>
  cannonAt(base, users, { connections, seconds, ...rest });

/** Median spawn → ready over STARTS cold starts (migrations already applied, as in a rollout). */
async function backendStartMs(databaseUrl) {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const proc = startProcess(backendEntry, backendEnv(port, databaseUrl));
    times.push(await msUntilReady(proc, `http://127.0.0.1:${port}/readyz`));
    await proc.stop();
  }
  return { median: median(times), all: times };
}

async function frontendStartMs(backendUrl) {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const proc = startProcess(frontendEntry, {
      NODE_ENV: 'production',
      HOSTNAME: '127.0.0.1',
      PORT: String(port),
      BACKEND_URL: backendUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    });
    times.push(await msUntilReady(proc, `http://127.0.0.1:${port}/api/health`));
    await proc.stop();
  }
  return { median: median(times), all: times };
}

/** The same statement straight through a pg pool: `connections` loops for `seconds`. */
async function direct(pool, users, { text, params, connections = CONNECTIONS, seconds = DURATION_S }) {
  let done = 0;
  let errors = 0;
  let i = 0;
  const latencies = [];
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const u = users[i++ % users.length];
        const t0 = process.hrtime.bigint();
        try {
          await pool.query(text, params(u, i));
          done++;
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  const { p50, p99 } = percentiles(latencies);
  return { rps: done / ((Date.now() - started) / 1000), p50, p99, requests: done + errors, errors };
}

/**
 * Runs `api` and `db` in SLICES alternating slices of DURATION_S / SLICES seconds each (order swapped every
 * round), so both see the same moment-to-moment machine load: on a shared machine the load drifts within
 * seconds, and back-to-back runs of 8 s measured ratios 0.5-0.8 for the same build. Returns each side's
 * totals (req/s over all its slices; p50 and p99 are the medians of its slices').
 */
async function interleaved(api, db) {
  const seconds = DURATION_S / SLICES;
  const runs = { api: [], db: [] };
  for (let i = 0; i < SLICES; i++) {
    for (const side of i % 2 ? ['db', 'api'] : ['api', 'db']) {
      runs[side].push(await (side === 'api' ? api : db)(seconds));
    }
  }
  const total = (xs) => ({
    rps: xs.reduce((a, r) => a + r.rps * seconds, 0) / (seconds * xs.length),
    p50: median(xs.map((r) => r.p50)),
    p99: median(xs.map((r) => r.p99)),
    requests: xs.reduce((a, r) => a + r.requests, 0),
    errors: xs.reduce((a, r) => a + r.errors, 0),
  });
  return [total(runs.api), total(runs.db)];
}

// The SQL the API's list and create run (drizzle builds these from src/tasks/repository.ts).
// A task's id is its per-user number, taken from the user's counter row in the same statement.
const TASK_COLUMNS =
  '"number" as "id", "user_id", "title", "description", "completed", "priority", "tags", "due_at", "created_at", "updated_at"';
const LIST_SQL = `select ${TASK_COLUMNS} from "tasks" where "tasks"."user_id" = $1 order by "tasks"."number" desc limit $2`;
// As the API: the counter bump, the insert and its activity-log row in one statement.
const INSERT_SQL = `with "counter" as (insert into "user_settings" ("user_id", "last_task_number") values ($1, 1) on conflict ("user_id") do update set "last_task_number" = "user_settings"."last_task_number" + 1 returning "last_task_number"), "made" as (insert into "tasks" as "t" ("user_id", "number", "title", "description", "completed", "priority", "tags", "due_at") select $1, "last_task_number", $2, $3, $4, $5, $6, $7 from "counter" returning ${TASK_COLUMNS}, to_jsonb("t") as "after"), "log" as (insert into "task_activity" ("user_id", "group_id", "surface", "task_number", "action", "after") select $1, gen_random_uuid(), 'api', "id", 'created', "after" from "made") select * from "made"`;

/** Runs another bench script as it is and returns its report text. */
function runScript(script, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bench', script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 8 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 || code === 1) resolve(out);
      else reject(new Error(`${script} exited ${code}`));
    });
  });
}

/** A figure from a check row of another report: `| label | 12.3 ms | ≤ 5 ms | met |`. */
function figure(report, label) {
  const row = report.split('\n').find((l) => l.startsWith(`| ${label}`));
  const m = row && /\|\s*([\d.]+)/.exec(row.slice(label.length + 2));
  return m ? Number(m[1]) : NaN;
}

async function main() {
  ensureBuilt(backendEntry, '@todo/backend');
  if (opts.soak) {
    await soak({ adminUrl, minutes: Math.max(1, Math.min(60, Number(opts.minutes) || 10)), backendEnv });
    return;
  }
  const startedAt = new Date();
  const db = await createDatabase(adminUrl);
  const results = [];
  const add = (name, figureText, value, target, pass, extra = {}) =>
    results.push({ name, figure: figureText, value, target, pass, ...extra });
  let backend;
  const pool = new pg.Pool({ connectionString: db.url, max: CONNECTIONS });
  try {
    await migrate(db.url);
    const starts = await backendStartMs(db.url);
    add(
      'backend start → ready (median of 3)',
      `${fmt(starts.median, 0)} ms`,
      starts.median,
      `≤ ${TARGETS.backendStartMs} ms`,
      starts.median <= TARGETS.backendStartMs,
      { all: starts.all },
    );

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    backend = startProcess(backendEntry, backendEnv(port, db.url));
    await msUntilReady(backend, `${base}/readyz`);
    const users = await seed(base, pool, {
      count: USERS,
      tasksPerUser: TASKS_PER_USER,
      tag: SECRET.slice(0, 6),
    });
    const rss = { start: rssMb(backend.child.pid) };

    // Warm-up: JIT, connection pools on both sides.
    await cannon(base, users, { method: 'GET', pathOf: (u) => `/api/${u.id}/tasks`, seconds: 2 });
    await direct(pool, users, { text: LIST_SQL, params: (u) => [u.id, 51], seconds: 1 });

    const [listApi, listDb] = await interleaved(
      (seconds) => cannon(base, users, { method: 'GET', pathOf: (u) => `/api/${u.id}/tasks`, seconds }),
      (seconds) => direct(pool, users, { text: LIST_SQL, params: (u) => [u.id, 51], seconds }),
    );
    rss.afterList = rssMb(backend.child.pid);
    const [createApi, createDb] = await interleaved(
      (seconds) =>
        cannon(base, users, {
          method: 'POST',
          pathOf: (u) => `/api/${u.id}/tasks`,
          body: (i) => JSON.stringify({ title: `Bench task ${i}` }),
          seconds,
        }),
      (seconds) =>
        direct(pool, users, {
          text: INSERT_SQL,
          params: (u, i) => [u.id, `Direct task ${i}`, '', false, 'medium', [], null],
          seconds,
        }),
    );
    rss.end = rssMb(backend.child.pid);

    const listRatio = listApi.rps / listDb.rps;
    const createRatio = createApi.rps / createDb.rps;
    add(
      'list tasks: API ÷ same SQL via pg',
      `${fmt(listRatio, 2)}×`,
      listRatio,
      `≥ ${TARGETS.listRatio}×`,
      listRatio >= TARGETS.listRatio,
      { api: listApi, db: listDb },
    );
    add(
      'create task: API ÷ INSERT … RETURNING via pg',
      `${fmt(createRatio, 2)}×`,
      createRatio,
      `≥ ${TARGETS.createRatio}×`,
      createRatio >= TARGETS.createRatio,
      { api: createApi, db: createDb },
    );

    let big;
    if (!skip.has('big')) {
      big = await bigUserScenario(base, db.url, SECRET.slice(0, 6));
      const worst = big.rows.pages.reduce((a, r) => (r.ratio > a.ratio ? r : a));
      add(
        'big user (100k tasks) ÷ small user p50, worst list or page',
        `${fmt(worst.ratio, 2)}× (${worst.name})`,
        worst.ratio,
        `≤ ${TARGETS.bigSmallRatio}×`,
        worst.ratio <= TARGETS.bigSmallRatio && big.rows.pages.every((r) => r.errors === 0),
        { rows: big.rows.pages },
      );
      const slowest = big.rows.searches
        .filter((r) => r.name.startsWith('search'))
        .reduce((a, r) => (r.big > a.big ? r : a));
      add(
        'search p50 at 100k tasks, slowest of a common and a rare word',
        `${fmt(slowest.big, 2)} ms (${slowest.name.split(' (')[0]})`,
        slowest.big,
        `≤ ${TARGETS.bigSearchP50Ms} ms`,
        slowest.big <= TARGETS.bigSearchP50Ms && big.rows.searches.every((r) => r.errors === 0),
        { rows: big.rows.searches },
      );
    }

    let frontend;
    if (!skip.has('frontend') && !skip.has('proxy')) {
      ensureBuilt(frontendEntry, '@todo/frontend');
      frontend = await frontendStartMs(base);
      add(
        'frontend start → ready (median of 3)',
        `${fmt(frontend.median, 0)} ms`,
        frontend.median,
        `≤ ${TARGETS.frontendStartMs} ms`,
        frontend.median <= TARGETS.frontendStartMs,
        { all: frontend.all },
      );
    }
    await backend.stop();
    backend = undefined;
    await pool.end();

    // The other scenarios start their own processes; run them one at a time so they do not share the CPUs.
    const env = { BENCH_DATABASE_URL: adminUrl };
    const seconds = String(Math.max(3, Math.round(DURATION_S / 2)));
    if (!skip.has('chat')) {
      const chat = await runScript('chat.mjs', ['--duration', seconds], env);
      const p50 = figure(chat, 'p50 per turn, one client');
      add(
        'chat turn, local agent: p50 (one client)',
        `${fmt(p50, 2)} ms`,
        p50,
        `≤ ${TARGETS.chatP50Ms} ms`,
        p50 <= TARGETS.chatP50Ms,
        { source: 'bench/chat-report.md' },
      );
    }
    if (!skip.has('proxy')) {
      const proxy = await runScript('proxy.mjs', ['--duration', seconds, '--rounds', '1'], env);
      const ratio = figure(proxy, 'proxy / direct throughput');
      const added = figure(proxy, 'added p50 latency (1 connection)');
      add(
        'frontend proxy ÷ direct backend',
        `${fmt(ratio, 2)}×`,
        ratio,
        `≥ ${TARGETS.proxyRatio}×`,
        ratio >= TARGETS.proxyRatio,
        { source: 'bench/proxy-report.md' },
      );
      add(
        'frontend proxy: added p50',
        `${fmt(added, 2)} ms`,
        added,
        `≤ ${TARGETS.proxyAddedP50Ms} ms`,
        added <= TARGETS.proxyAddedP50Ms,
        { source: 'bench/proxy-report.md' },
      );
    }

    if (!skip.has('reminders')) {
      const reminders = await runScript('reminders.mjs', [], env);
      const late = figure(reminders, 'reminder lateness p99');
      const once = /\| reminders delivered exactly once \| yes/.test(reminders);
      add(
        '10,000 reminders in one minute, 2 processes: lateness p99 (each once)',
        `${fmt(late, 2)} s${once ? '' : ' (NOT exactly once)'}`,
        late,
        `≤ ${TARGETS.reminderLateP99S} s`,
        once && late <= TARGETS.reminderLateP99S,
        { source: 'bench/reminders-report.md' },
      );
      const event = figure(reminders, 'change → event p99, 200 streams');
      add(
        'change → event p99, 200 open streams on 2 processes',
        `${fmt(event, 1)} ms`,
        event,
        `≤ ${TARGETS.eventP99Ms} ms`,
        event <= TARGETS.eventP99Ms,
        { source: 'bench/reminders-report.md' },
      );
    }

    const scenarioRows = /** @type {const} */ ([
      ['list tasks via API (GET /api/{user}/tasks, 50 per user)', listApi],
      ['list tasks: same SQL via pg pool', listDb],
      ['create task via API (POST /api/{user}/tasks)', createApi],
      ['create task: INSERT … RETURNING via pg pool', createDb],
    ])
      .map(
        ([n, r]) =>
          `| ${n} | ${fmt(r.rps, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.requests} | ${r.errors} |`,
      )
      .join('\n');
    const bigSection = big
      ? `
Big user (${big.users.big.id}: 100,000 tasks, 10,000 conversations; seeded in ${fmt(big.seedSeconds, 0)} s) next to a small one
(50 tasks, 60 conversations), one keep-alive connection alternating between them, p50 of 150 requests each; rows read = the most
any statement of that list reads in \`EXPLAIN (ANALYZE)\` (apps/backend/src/db/scale.ts), big / small.

| endpoint | big p50 ms | small p50 ms | big ÷ small |
|---|---:|---:|---:|
${[...big.rows.pages, ...big.rows.searches].map((r) => `| ${r.name} | ${fmt(r.big, 2)} | ${fmt(r.small, 2)} | ${fmt(r.ratio, 2)}× |`).join('\n')}

| list statement (plan test cases) | rows read, big | rows read, small |
|---|---:|---:|
${Object.entries(big.plans)
  .map(([name, byUser]) => `| ${name} | ${byUser[big.users.big.id]} | ${byUser[big.users.small.id]} |`)
  .join('\n')}
`
      : '';
    const targetRows = results
      .map((r) => `| ${r.name} | ${r.figure} | ${r.target} | ${r.pass ? 'PASS' : '**FAIL**'} |`)
      .join('\n');
    const load = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
    const report = `# Benchmark report

\`pnpm bench\` on ${startedAt.toISOString()} — ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version},
load average at the end ${load}. Backend built (\`dist/server.js\`, NODE_ENV=production) on real Postgres (fresh database),
${USERS} users × ${TASKS_PER_USER} tasks, ${CONNECTIONS} connections, ${DURATION_S} s per scenario after a warm-up (API and
direct SQL alternating in ${SLICES} slices each);
load generator, backend and Postgres share the machine.

| target | figure | target | result |
|---|---:|---:|---|
${targetRows}

| scenario | req/s | p50 ms | p99 ms | requests | errors |
|---|---:|---:|---:|---:|---:|
${scenarioRows}

${bigSection}
Backend RSS: ${fmt(rss.start, 0)} MB after seeding, ${fmt(rss.afterList, 0)} MB after the list run, ${fmt(rss.end, 0)} MB at the end.
Start times (ms): backend ${starts.all.map((x) => fmt(x, 0)).join(', ')}${frontend ? `; frontend ${frontend.all.map((x) => fmt(x, 0)).join(', ')}` : ''}.
Chat, proxy and reminder figures: bench/chat-report.md, bench/proxy-report.md and bench/reminders-report.md (same run).
`;
    const json = {
      date: startedAt.toISOString(),
      cpus: os.cpus().length,
      node: process.version,
      loadavg: os.loadavg(),
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      users: USERS,
      tasksPerUser: TASKS_PER_USER,
      rssMb: rss,
      targets: results,
    };
    writeFileSync(path.join(root, 'bench/report.md'), report);
    writeFileSync(path.join(root, 'bench/report.json'), `${JSON.stringify(json, null, 2)}\n`);
    console.log(report);
    console.log(
      JSON.stringify({
        targets: results.map(({ name, value, target, pass }) => ({ name, value, target, pass })),
      }),
    );
    if (opts.check && results.some((r) => !r.pass)) process.exitCode = 1;
  } finally {
    await backend?.stop();
    await pool.end().catch(() => {});
    await db
      .drop()
      .catch((err) => console.error(`[bench] could not drop the bench database: ${err.message}`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
