#!/usr/bin/env node
// Reminders and live updates at scale, on two backend processes sharing one local Postgres:
//   1. 10,000 reminders due in the same minute: each goes off exactly once (one NOTIFY per reminder, counted on a
//      LISTEN of our own), lateness = delivered_at − fire_at, target p99 ≤ 5 s.
//   2. 200 open event streams (50 users × 4 tabs, half on each process): change → event on every tab of that
//      user, timed by the client from just before the request; target p99 ≤ 1 s.
//
//   pnpm --filter @todo/backend build && node bench/reminders.mjs [--reminders 10000] [--streams 200] [--check]
//
// Database: a fresh one on BENCH_DATABASE_URL / TEST_DATABASE_URL / postgres://postgres@127.0.0.1:5432/test (dropped
// afterwards). Writes bench/reminders-report.md. Bounded in time: every wait has a deadline.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  adminUrl,
  backendEntry,
  createDatabase,
  ensureBuilt,
  fmt,
  migrate,
  percentiles,
  pg,
  root,
  signUp,
  sleep,
  startBackend,
} from './lib.mjs';
import { openEventStream } from '@todo/testkit/sse';

const { values: opts } = parseArgs({
  options: {
    reminders: { type: 'string', default: '10000' },
    streams: { type: 'string', default: '200' },
    check: { type: 'boolean', default: false },
  },
});
const REMINDERS = Math.max(100, Math.min(50_000, Number(opts.reminders) || 10_000));
const STREAMS = Math.max(4, Math.min(1000, Number(opts.streams) || 200));
const TABS = 4;
const CHANGES = 300;
const TARGETS = { lateP99S: 5, eventP99Ms: 1000 };

const secret = randomBytes(32).toString('hex');
const backends = [];

async function startBackends(databaseUrl) {
  // Pool and queue concurrency as a deployment has them by default.
  backends.push(...(await Promise.all([0, 1].map(() => startBackend(databaseUrl, secret)))));
}

/** Part 1: REMINDERS reminders falling due within one minute, delivered by both processes' queue workers. */
async function manyReminders(pool, databaseUrl) {
  const users = [];
  for (let i = 0; i < 10; i++)
    users.push(
      await signUp(
        backends[0].base,
        `Remind ${i}`,
        `remind-${i}-${randomBytes(3).toString('hex')}@example.test`,
      ),
    );
  // Our own LISTEN: every delivery NOTIFYs "user:r<event id>" once; a reminder delivered twice would show twice.
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  let notified = 0;
  listener.on('notification', (m) => {
    if (m.payload?.includes(':r')) notified++;
  });
  await listener.query('LISTEN task_activity');

  // Made due in an hour (the trigger queues one job each), then moved in one statement into the whole minute that
  // starts 60–120 s later, so the minute is still ahead when the move commits (it re-queues every job).
  const perUser = REMINDERS / users.length;
  const madeAt = Date.now();
  for (const u of users) {
    await pool.query(
      `insert into tasks (user_id, number, title, due_at, reminders)
       select $1, n, 'Reminder ' || n, now() + interval '1 hour', '[{"before":"PT0S"}]'::jsonb
       from generate_series(1, $2::int) n`,
      [u.id, perUser],
    );
  }
  const inserted = Date.now() - madeAt;
  const moveStarted = Date.now();
  const { rows } = await pool.query(
    `with moved as (
       update tasks set due_at = date_trunc('minute', now() + interval '120 seconds') + (number % 600) * interval '100 milliseconds'
       where user_id = any($1::text[]) returning due_at)
     select min(due_at) as first, max(due_at) as last, count(*)::int as n from moved`,
    [users.map((u) => u.id)],
  );
  const moved = Date.now() - moveStarted;
  const { first, last } = rows[0];
  console.error(
    `[bench] ${REMINDERS} reminders: inserted in ${inserted} ms, moved in ${moved} ms; due ${first.toISOString()} … ${last.toISOString()}`,
  );

  const deadline = new Date(last).getTime() + 120_000;
  let delivered = 0;
  while (Date.now() < deadline) {
    ({
      rows: [{ n: delivered }],
    } = await pool.query(`select count(*)::int as n from reminders where state = 'delivered'`));
    if (delivered >= REMINDERS) break;
    await sleep(500);
  }
  await sleep(1500); // a late duplicate NOTIFY would arrive here
  const late = await pool.query(
    `select extract(epoch from delivered_at - fire_at)::float8 as s from reminders where state = 'delivered'`,
  );
  const pending = await pool.query(`select count(*)::int as n from reminders where state = 'pending'`);
  await listener.end();
  const lateness = percentiles(late.rows.map((r) => Math.max(0, r.s)));
  return {
    delivered,
    pending: pending.rows[0].n,
    notified,
    inserted,
    moved,
    lateness: { ...lateness, max: Math.max(...late.rows.map((r) => r.s)) },
  };
}

/** An event stream held open; `onEvent(event)` for each task event. Resolves with the request once connected. */
function openStream(port, user, onEvent) {
  return new Promise((resolve, reject) => {
    const { request, response } = openEventStream(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${user.id}/events`,
        agent: new http.Agent({ keepAlive: false }),
        headers: { cookie: user.cookie },
      },
      (frame) => {
        if (frame.comment === 'connected') resolve(request);
        if (frame.data && frame.event?.startsWith('task.')) onEvent(JSON.parse(frame.data));
      },
    );
    response.then((res) => {
      if (res.statusCode !== 200) reject(new Error(`stream: HTTP ${res.statusCode}`));
    }, reject);
  });
}

/** Part 2: STREAMS open streams; CHANGES task creates spread over both processes, timed to every tab. */
async function manyStreams() {
  const users = [];
  for (let i = 0; i < STREAMS / TABS; i++)
    users.push(
      await signUp(
        backends[i % 2].base,
        `Tab ${i}`,
        `tabs-${i}-${randomBytes(3).toString('hex')}@example.test`,
      ),
    );
  const waiting = new Map(); // `${user}:${title}` → { t0, left }
  const latencies = [];
  const streams = [];
  for (const [i, u] of users.entries()) {
    for (let t = 0; t < TABS; t++) {
      streams.push(
        await openStream(backends[(i + t) % 2].port, u, (event) => {
          const key = `${u.id}:${event.task.title}`;
          const w = waiting.get(key);
          if (!w) return;
          latencies.push(performance.now() - w.t0);
          if (--w.left === 0) waiting.delete(key);
        }),
      );
    }
  }
  const started = Date.now();
  for (let c = 0; c < CHANGES; c++) {
    const u = users[c % users.length];
    const title = `Change ${c}`;
    waiting.set(`${u.id}:${title}`, { t0: performance.now(), left: TABS });
    const res = await fetch(`${backends[c % 2].base}/api/${u.id}/tasks`, {
      method: 'POST',
      headers: { cookie: u.cookie, 'content-type': 'application/json', origin: backends[c % 2].base },
      body: JSON.stringify({ title }),
    });
    if (res.status !== 201) throw new Error(`create: HTTP ${res.status} ${await res.text()}`);
    await sleep(20);
  }
  const until = Date.now() + 10_000;
  while (waiting.size > 0 && Date.now() < until) await sleep(100);
  for (const s of streams) s.destroy();
  return {
    streams: streams.length,
    changes: CHANGES,
    seconds: (Date.now() - started) / 1000,
    received: latencies.length,
    expected: CHANGES * TABS,
    ...percentiles(latencies),
  };
}

async function main() {
  ensureBuilt(backendEntry, '@todo/backend');
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || adminUrl;
  const db = await createDatabase(serverUrl);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  try {
    await migrate(db.url);
    await startBackends(db.url);
    const many = await manyReminders(pool, db.url);
    const tabs = await manyStreams();
    const onceEach = many.delivered === REMINDERS && many.notified === REMINDERS && many.pending === 0;
    const lateOk = onceEach && many.lateness.p99 <= TARGETS.lateP99S;
    const eventsOk = tabs.received === tabs.expected && tabs.p99 <= TARGETS.eventP99Ms;
    const report = `# Reminders and live updates benchmark

Generated by \`node bench/reminders.mjs\` on ${new Date().toISOString()} — ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' / ',
      )} at the end. Two built backends (NODE_ENV=production, default pool and queue settings) and the load
generator share the machine with one local Postgres (fresh database).

**Reminders.** ${REMINDERS} tasks (10 users) inserted with a reminder at their due time (${many.inserted} ms, one queue job
each, queued by the trigger), then moved in one statement (${many.moved} ms) to fall due within one minute, 100 ms
apart in 600 slots. Lateness is \`delivered_at − fire_at\` from the database; "notified" counts the deliveries' NOTIFYs
on a LISTEN of the benchmark's own (a reminder delivered twice would be counted twice).

| | figure |
|---|---:|
| delivered | ${many.delivered} of ${REMINDERS} |
| still pending after the deadline | ${many.pending} |
| NOTIFYs (one per delivery) | ${many.notified} |
| lateness p50 / p99 / max (s) | ${fmt(many.lateness.p50, 2)} / ${fmt(many.lateness.p99, 2)} / ${fmt(many.lateness.max, 2)} |

**Live updates.** ${tabs.streams} open streams (${tabs.streams / TABS} users × ${TABS} tabs, alternating between the two
processes); ${tabs.changes} task creates, alternating processes, ${fmt(tabs.changes / tabs.seconds, 0)}/s. Latency from just
before the request to the event on each tab of that user: ${tabs.received} of ${tabs.expected} received, p50
${fmt(tabs.p50, 1)} ms, p99 ${fmt(tabs.p99, 1)} ms.

| check | result | target | |
|---|---:|---:|---|
| reminders delivered exactly once | ${onceEach ? 'yes' : 'no'} | all, once | ${onceEach ? 'met' : '**missed**'} |
| reminder lateness p99 | ${fmt(many.lateness.p99, 2)} s | ≤ ${TARGETS.lateP99S} s | ${lateOk ? 'met' : '**missed**'} |
| change → event p99, ${tabs.streams} streams | ${fmt(tabs.p99, 1)} ms | ≤ ${TARGETS.eventP99Ms} ms | ${eventsOk ? 'met' : '**missed**'} |
`;
    writeFileSync(path.join(root, 'bench/reminders-report.md'), report);
    console.log(report);
    if (opts.check && !(onceEach && lateOk && eventsOk)) process.exitCode = 1;
  } finally {
    for (const b of backends) await b.proc.stop();
    await pool.end().catch(() => {});
    await db.drop().catch((err) => console.error(`[bench] could not drop the database: ${err.message}`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
