// Soak: the built backend under steady mixed load (list, create, update, toggle, delete, chat) for N minutes,
// sampling its RSS; passes when memory grows ≤ 10 % from the end of the warm-up to the end. Not part of CI:
//   pnpm bench --soak [--minutes 10]
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import {
  backendEntry,
  createDatabase,
  fmt,
  freePort,
  migrate,
  msUntilReady,
  request,
  rssMb,
  signUp,
  sleep,
  startProcess,
} from './lib.mjs';

const CLIENTS = 4;
const TARGET_GROWTH = 0.1;

/** One API call as the user with `token`; the body parsed as JSON when there is one. */
async function call(agent, base, method, path, token, body) {
  const res = await request(agent, `${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, json: res.body ? JSON.parse(res.body) : null };
}

export async function soak({ adminUrl, minutes, backendEnv }) {
  const db = await createDatabase(adminUrl);
  let backend;
  try {
    await migrate(db.url);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    backend = startProcess(backendEntry, backendEnv(port, db.url));
    await msUntilReady(backend, `${base}/readyz`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

    const users = [];
    const tag = randomBytes(3).toString('hex');
    for (let i = 0; i < CLIENTS; i++)
      users.push(await signUp(base, `Soak ${i}`, `soak-${i}-${tag}@example.test`));

    const durationMs = minutes * 60_000;
    const warmupMs = Math.min(60_000, durationMs / 5);
    const end = Date.now() + durationMs;
    const counts = { ok: 0, failed: 0 };
    const samples = [];
    const sampler = setInterval(() => samples.push({ t: Date.now(), rss: rssMb(backend.child.pid) }), 5000);

    const client = async (u, w) => {
      let conversation;
      for (let n = 0; Date.now() < end; n++) {
        const api = `/api/${u.id}`;
        const results = [];
        const created = await call(agent, base, 'POST', `${api}/tasks`, u.token, {
          title: `Soak ${w}-${n}`,
          tags: ['soak'],
        });
        results.push(created);
        const id = created.json?.id;
        results.push(await call(agent, base, 'GET', `${api}/tasks?limit=50`, u.token));
        if (id) {
          results.push(await call(agent, base, 'PATCH', `${api}/tasks/${id}`, u.token, { priority: 'high' }));
          results.push(await call(agent, base, 'PATCH', `${api}/tasks/${id}/complete`, u.token));
          if (n % 5 === 0) {
            const chat = await call(agent, base, 'POST', `${api}/chat`, u.token, {
              message: `mark task ${id} as complete`,
              ...(conversation ? { conversation_id: conversation } : {}),
            });
            results.push(chat);
            // A fresh conversation now and then keeps the history window realistic.
            conversation = n % 50 === 0 ? undefined : chat.json?.conversation_id;
          }
          results.push(await call(agent, base, 'DELETE', `${api}/tasks/${id}`, u.token));
        }
        for (const r of results) {
          if (r.status >= 200 && r.status < 300) counts.ok++;
          else counts.failed++;
        }
      }
    };
    console.error(`[soak] ${minutes} min of mixed load with ${CLIENTS} clients…`);
    await Promise.all(users.map((u, w) => client(u, w)));
    clearInterval(sampler);
    agent.destroy();

    const after = samples.filter((s) => s.t >= samples[0].t + warmupMs);
    const baseline = after[0]?.rss ?? NaN;
    const final = Math.max(...after.slice(-3).map((s) => s.rss));
    const growth = (final - baseline) / baseline;
    const pass = growth <= TARGET_GROWTH && counts.failed === 0;
    console.log(`# Soak report

${minutes} min, ${CLIENTS} clients, mixed list/create/update/toggle/chat/delete on Postgres.

| figure | value | target | result |
|---|---:|---:|---|
| RSS after warm-up → end | ${fmt(baseline, 0)} → ${fmt(final, 0)} MB (${fmt(growth * 100, 1)} %) | ≤ ${TARGET_GROWTH * 100} % | ${growth <= TARGET_GROWTH ? 'PASS' : '**FAIL**'} |
| requests ok / failed | ${counts.ok} / ${counts.failed} | 0 failed | ${counts.failed === 0 ? 'PASS' : '**FAIL**'} |

RSS samples (MB, every 5 s): ${samples.map((s) => fmt(s.rss, 0)).join(' ')}
`);
    if (!pass) process.exitCode = 1;
  } finally {
    await backend?.stop();
    await sleep(100);
    await db.drop().catch(() => {});
  }
}
