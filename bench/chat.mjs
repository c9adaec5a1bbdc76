#!/usr/bin/env node
// Chat turn benchmark: POST /api/{user}/chat with the embedded local agent, i.e. the server-side cost of a turn
// (auth, rate limit, conversation load, history window, user message insert, agent + task tools, assistant
// message insert) with no LLM in the way.
//
//   pnpm --filter @todo/backend build && node bench/chat.mjs [--duration 8] [--connections 8] [--check]
//
// Database: a fresh Postgres database on BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g.
// postgres://postgres@127.0.0.1:5432/test; dropped afterwards), else in-memory PGlite. Starts the built backend on a
// free loopback port, drives it with keep-alive HTTP clients for a bounded time, writes bench/chat-report.md and
// stops everything. Each client keeps one conversation and cycles through four turns that leave the task list as
// they found it: add (with a due date and priority) → "What's pending?" → "Mark task N as complete" → "delete task N".
// Target: p50 ≤ 5 ms per turn with one client. --check exits 1 when the target is missed.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  backendEnv,
  createDatabase,
  fmt,
  freePort,
  percentiles,
  request,
  root,
  signUp,
  startProcess,
  waitReady,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    check: { type: 'boolean', default: false },
  },
});
// Bounded whatever the arguments say: load tests must stop by themselves.
const DURATION_MS = Math.max(1, Math.min(60, Number(opts.duration))) * 1000;
const CONNECTIONS = Math.max(1, Math.min(64, Number(opts.connections)));
const TARGET_P50_MS = 5;

// BENCH_BACKEND_ENTRY lets a run use a private build instead of the shared dist/.
const backendEntry = process.env.BENCH_BACKEND_ENTRY || path.join(root, 'apps/backend/dist/server.js');
if (!existsSync(backendEntry)) {
  console.error(`missing ${path.relative(root, backendEntry)}: run pnpm --filter @todo/backend build first`);
  process.exit(2);
}

let backend;
/** Drops the fresh database, once one was made. */
let cleanupDb = async () => {};
process.on('SIGINT', () => process.exit(130));

/** `connections` clients, each in its own conversation, for `durationMs`; returns turns/s and latency percentiles. */
async function load(url, headers, durationMs, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const byKind = { add: [], list: [], complete: [], delete: [] };
  let errors = 0;
  const end = Date.now() + durationMs;
  const worker = async (w) => {
    let conversationId;
    let n = 0;
    const turn = async (kind, message) => {
      const res = await request(agent, url, {
        method: 'POST',
        headers,
        body: conversationId ? { conversation_id: conversationId, message } : { message },
      });
      if (res.status !== 200) {
        errors++;
        return null;
      }
      latencies.push(res.ms);
      byKind[kind].push(res.ms);
      const body = JSON.parse(res.body);
      conversationId = body.conversation_id;
      return body;
    };
    while (Date.now() < end) {
      const added = await turn('add', `add bench task ${w}-${n++} tomorrow high priority`);
      const id = added?.tool_calls?.[0]?.result?.task_id;
      if (!id) continue;
      await turn('list', "What's pending?");
      await turn('complete', `Mark task ${id} as complete`);
      await turn('delete', `delete task ${id}`);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  return {
    tps: latencies.length / seconds,
    ...percentiles(latencies),
    kinds: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
    errors,
  };
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const database = serverUrl ? await createDatabase(serverUrl) : undefined;
  if (database) cleanupDb = () => database.drop();
  const databaseUrl = database?.url;
  const dbLabel = databaseUrl ? 'Postgres (node-postgres pool)' : 'in-memory PGlite';
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  backend = startProcess(
    backendEntry,
    // Without a server URL DATABASE_URL stays unset (spawn drops undefined values): in-memory PGlite.
    backendEnv(
      port,
      databaseUrl,
      randomBytes(32).toString('hex'),
      databaseUrl ? {} : { PGLITE_DATA_DIR: 'memory://' },
    ),
  );
  await waitReady(`${base}/readyz`, 90_000, backend);

  const { token, id } = await signUp(base, 'Bench', `bench-${randomBytes(4).toString('hex')}@example.com`);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const url = `${base}/api/${id}/chat`;

  // Warm-up (JIT, pool), then latency with one client (the per-turn overhead), then throughput under load.
  await load(url, headers, 2000, CONNECTIONS);
  const single = await load(url, headers, DURATION_MS, 1);
  const loaded = await load(url, headers, DURATION_MS, CONNECTIONS);
  const met = single.p50 <= TARGET_P50_MS;

  const kindRows = Object.entries(single.kinds)
    .map(
      ([k, s]) =>
        `| ${k} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${loaded.kinds[k] ? fmt(loaded.kinds[k].p50, 2) : 'n/a'} | ${s.n + (loaded.kinds[k]?.n ?? 0)} |`,
    )
    .join('\n');
  const report = `# Chat turn benchmark

Generated by \`node bench/chat.mjs\` on ${new Date().toISOString()} — ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} at the end.
\`POST /api/{user_id}/chat\` (JSON mode) with the embedded local agent on ${dbLabel}; bearer auth; each client keeps one conversation
(history window ${'≤'} 40 messages) and cycles add → list pending → complete → delete. ${fmt(DURATION_MS / 1000, 0)} s with one client, then ${fmt(DURATION_MS / 1000, 0)} s
with ${CONNECTIONS} keep-alive clients, after a 2 s warm-up. Latency is measured by the client over loopback (it includes HTTP
parsing and the JSON reply, i.e. everything the server adds to a turn). Load generator and backend share the machine.

| phase | turns/s | p50 ms | p99 ms | turns | errors |
|---|---:|---:|---:|---:|---:|
| 1 client | ${fmt(single.tps, 0)} | ${fmt(single.p50, 2)} | ${fmt(single.p99, 2)} | ${single.n} | ${single.errors} |
| ${CONNECTIONS} clients | ${fmt(loaded.tps, 0)} | ${fmt(loaded.p50, 2)} | ${fmt(loaded.p99, 2)} | ${loaded.n} | ${loaded.errors} |

Per turn kind (p50/p99 with one client, p50 under load):

| turn | p50 ms | p99 ms | p50 ms (${CONNECTIONS} clients) | turns |
|---|---:|---:|---:|---:|
${kindRows}

| check | result | target | |
|---|---:|---:|---|
| p50 per turn, one client | ${fmt(single.p50, 2)} ms | ≤ ${TARGET_P50_MS} ms | ${met ? 'met' : '**missed**'} |
`;
  writeFileSync(path.join(root, 'bench/chat-report.md'), report);
  console.log(report);
  await backend.stop();
  await cleanupDb();
  if (opts.check && !met) process.exit(1);
}

main().catch(async (err) => {
  console.error(err);
  await backend?.stop();
  await cleanupDb().catch(() => {});
  process.exit(1);
});
