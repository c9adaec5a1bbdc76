// Container smoke test: runs the built images the way a cluster would and checks what an operator relies on.
//   pnpm --filter @todo/scripts test:smoke   (vitest project `smoke`; scripts/containers/ci.sh runs it after the build)
// Needs a Docker API (DOCKER_HOST, e.g. podman's socket from podman.sh) holding the images, and Postgres.
// Environment (optional):
//   BACKEND_IMAGE / FRONTEND_IMAGE  default <IMAGE_REGISTRY/>todo-<app>:<version from apps/<app>/package.json>
//   NODE_IMAGE                      base image the sizes are compared with (default node:22-slim)
//   SMOKE_PG_URL                    admin connection (default postgres://postgres@127.0.0.1:5432/postgres);
//                                   a fresh database is created for the run and dropped afterwards
//   DOCKER                          client binary (default docker)
// Containers run with --network host --init --read-only --tmpfs /tmp on free loopback ports and are removed at the end.
// The checks run in order (a later one uses what an earlier one made); vitest's JSON report is
// test-results/container-smoke.json, which CI sums with every other suite's.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  appVersion as version,
  assert,
  check,
  docker as dockerCmd,
  freePort,
  http,
  onInterrupt,
  root,
  run,
} from './lib.mjs';

const registry = (process.env.IMAGE_REGISTRY ?? '').replace(/\/+$/, '');
const imageOf = (app) => `${registry ? `${registry}/` : ''}todo-${app}:${version(app)}`;
const images = {
  backend: process.env.BACKEND_IMAGE || imageOf('backend'),
  frontend: process.env.FRONTEND_IMAGE || imageOf('frontend'),
};
const baseImage = process.env.NODE_IMAGE || 'node:22-slim';
const targetsAboveBase = { backend: 40e6, frontend: 80e6 };
const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const authSecret = randomBytes(32).toString('hex'); // passed at run time only, never part of an image

const adminUrl = process.env.SMOKE_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `todo_smoke_${runId}`;
const urlOf = (name) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const databaseUrl = urlOf(database);
// Where the backup check restores into: a second, empty database.
const restoredDatabase = `${database}_restored`;
const restoredUrl = urlOf(restoredDatabase);

// ---------------------------------------------------------------------------------------------- helpers
async function inspectImage(ref) {
  const { stdout } = await dockerCmd(['image', 'inspect', ref]);
  return JSON.parse(stdout)[0];
}

const started = []; // container names this run created
async function startContainer(name, image, env, { init = true, args = [] } = {}) {
  const full = `todo-smoke-${runId}-${name}`;
  const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  started.push(full);
  await dockerCmd([
    'run',
    '-d',
    '--name',
    full,
    '--network',
    'host',
    ...(init ? ['--init'] : []),
    '--read-only',
    '--tmpfs',
    '/tmp',
    ...envArgs,
    ...args,
    image,
  ]);
  return full;
}

/**
 * Runs a one-off container to its end and returns its exit code. Not `docker run --rm`: through podman's Docker API
 * that always reports exit 0 (the container is gone before the client asks), which would hide a failing command.
 */
let oneOffs = 0;
async function runToExit(args, { timeoutMs = 120_000 } = {}) {
  const name = `todo-smoke-${runId}-once-${++oneOffs}`;
  started.push(name);
  return dockerCmd(['run', '--name', name, ...args], { timeoutMs, allowFail: true }).finally(() =>
    dockerCmd(['rm', '--force', name], { allowFail: true, timeoutMs: 30_000 }),
  );
}

/**
 * The backend image run once to completion (migrations, backups), as the chart's Jobs run it: host network, an init
 * process, a read-only root with a writable /tmp.
 * @param {Record<string, string>} env
 * @param {string[]} command
 * @param {{ volumes?: string[], timeoutMs?: number }} [options]
 */
function runBackendOnce(env, command, { volumes = [], timeoutMs = 120_000 } = {}) {
  return runToExit(
    [
      ...['--network', 'host', '--init', '--read-only', '--tmpfs', '/tmp'],
      ...volumes.flatMap((v) => ['-v', v]),
      ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      images.backend,
      'node',
      ...command,
    ],
    { timeoutMs },
  );
}

async function logsOf(container) {
  const { stdout, stderr } = await dockerCmd(['logs', '--tail', '30', container], { allowFail: true });
  return `${stdout}\n${stderr}`.trim();
}

async function waitFor(url, container, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    const { stdout } = await dockerCmd(['inspect', '--format', '{{.State.Running}}', container], {
      allowFail: true,
    });
    if (stdout === 'false')
      throw new Error(`container exited before ${url} answered; logs:\n${await logsOf(container)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last}); logs:\n${await logsOf(container)}`);
}

/**
 * SIGTERM via `docker stop` (which SIGKILLs after 10 s). Returns the seconds from sending the signal to the process's
 * exit as the engine recorded it (State.FinishedAt), so the engine's own teardown on a busy machine is not counted.
 */
async function stopTimed(container) {
  const t0 = Date.now();
  await dockerCmd(['stop', '--time', '10', container], { timeoutMs: 30_000 });
  const wall = (Date.now() - t0) / 1000;
  const { stdout } = await dockerCmd([
    'inspect',
    '--format',
    '{{.State.ExitCode}} {{.State.FinishedAt}}',
    container,
  ]);
  const [code, finishedAt] = stdout.split(' ');
  const finished = Date.parse(finishedAt);
  const seconds = Number.isFinite(finished) && finished > 0 ? Math.max(0, (finished - t0) / 1000) : wall;
  return { seconds, wall, exitCode: Number(code) };
}

// ---------------------------------------------------------------------------------------------- checks

// Names of variables that hold secrets or deployment-specific endpoints: none may be baked into an image.
const FORBIDDEN_ENV =
  /^(DATABASE_URL|BETTER_AUTH_SECRET|BETTER_AUTH_URL|OPENAI_API_KEY|OPENAI_BASE_URL|BACKEND_URL)$|SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE|CREDENTIAL/i;

function envOf(info) {
  return (info.Config?.Env ?? []).map((entry) => {
    const i = entry.indexOf('=');
    return [entry.slice(0, i), entry.slice(i + 1)];
  });
}

function healthcheckOf(info) {
  return info.Config?.Healthcheck?.Test ?? info.ContainerConfig?.Healthcheck?.Test ?? info.Healthcheck?.Test;
}

/** What the image checks read: both images' and the base image's inspect output, and this checkout's commit. */
const info = {};
let base;
let revision = '';
/** Each image's HEALTHCHECK command as its config records it (podman's Docker API may leave it out). */
const healthchecks = {};

beforeAll(async () => {
  console.log(`container smoke ${runId}: ${images.backend}, ${images.frontend} (base ${baseImage})`);
  info.backend = await inspectImage(images.backend);
  info.frontend = await inspectImage(images.frontend);
  base = await inspectImage(baseImage).catch(() => undefined);
  try {
    revision = (await run('git', ['rev-parse', 'HEAD'], { cwd: root })).stdout.trim();
  } catch {
    // not a git checkout: the revision label is not checked
  }
});

if (process.env.SMOKE_BUILD_SECONDS) {
  // ci.sh built the images just before; count the build as the first check of the report.
  check(
    'pnpm turbo docker builds both images through the Docker API',
    async () => `${process.env.SMOKE_BUILD_SECONDS} s`,
  );
}

describe('image configuration', () => {
  for (const app of ['backend', 'frontend']) {
    const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

    check(
      `${app}: app payload above the base image is within ${targetsAboveBase[app] / 1e6} MB`,
      async () => {
        const size = info[app].Size;
        const above = base ? size - base.Size : undefined;
        assert(above !== undefined, `base image ${baseImage} not found; cannot measure`);
        assert(above <= targetsAboveBase[app], `${mb(above)} above base`);
        return `${mb(above)} above base, ${mb(size)} total`;
      },
    );
    check(`${app}: image config has no secret or environment-specific env`, async () => {
      const image = info[app];
      const bad = envOf(image).filter(
        ([k, v]) => FORBIDDEN_ENV.test(k) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v),
      );
      assert(bad.length === 0, `baked-in env: ${bad.map(([k]) => k).join(', ')}`);
      return `${envOf(image).length} env entries checked`;
    });
    check(`${app}: runs as uid/gid 10001 with OCI labels and a HEALTHCHECK`, async () => {
      const image = info[app];
      assert(image.Config?.User === '10001:10001', `User is ${JSON.stringify(image.Config?.User)}`);
      const labels = image.Config?.Labels ?? {};
      assert(
        labels['org.opencontainers.image.version'] === version(app),
        `version label ${labels['org.opencontainers.image.version']}`,
      );
      if (revision) {
        // A commit of this repository (HEAD may have moved on since the build in a busy working tree).
        const label = labels['org.opencontainers.image.revision'] ?? '';
        assert(/^[0-9a-f]{40}$/.test(label), `revision label ${JSON.stringify(label)}`);
        await run('git', ['cat-file', '-e', `${label}^{commit}`], { cwd: root }).catch(() => {
          throw new Error(`revision label ${label} is not a commit of this repository`);
        });
      }
      assert('org.opencontainers.image.source' in labels, 'no source label');
      const hc = healthcheckOf(image);
      if (hc) healthchecks[app] = hc;
      else {
        // podman's Docker API leaves Healthcheck out of Config; fall back to the build history.
        const { stdout } = await dockerCmd([
          'history',
          '--no-trunc',
          '--format',
          '{{.CreatedBy}}',
          images[app],
        ]);
        assert(/HEALTHCHECK/.test(stdout), 'no HEALTHCHECK');
      }
    });
    check(`${app}: files under /app are not writable by the app user and include no .env file`, async () => {
      // Without --read-only, so only ownership and modes protect the files.
      const probe =
        "const fs=require('fs'),p=require('path');let n=0,w=[],env=[];(function walk(d){for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(/^\\.env(\\..*)?$/.test(e.name)&&e.name!=='.env.example')env.push(f);if(e.isSymbolicLink())continue;n++;try{fs.accessSync(f,fs.constants.W_OK);w.push(f)}catch{}if(e.isDirectory())walk(f)}})('/app');console.log(JSON.stringify({n,w:w.slice(0,5),count:w.length,env}))";
      const { stdout } = await dockerCmd([
        'run',
        '--rm',
        '--network',
        'none',
        images[app],
        'node',
        '-e',
        probe,
      ]);
      const out = JSON.parse(stdout.split('\n').pop() ?? '');
      assert(out.n > 0, 'no files found under /app');
      assert(out.count === 0, `${out.count} writable paths, e.g. ${out.w.join(', ')}`);
      assert(out.env.length === 0, `env files in the image: ${out.env.join(', ')}`);
      return `${out.n} paths checked`;
    });
  }
});

// Containers this run started go also when it is interrupted (afterAll does not run then).
onInterrupt(cleanup);

describe('running containers (Postgres-backed)', () => {
  let admin;
  let backendPort;
  let frontendPort;
  let backendUrl;
  let frontendUrl;
  let backendEnv;
  beforeAll(async () => {
    console.log('running containers (Postgres-backed)');
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    backendPort = await freePort();
    frontendPort = await freePort();
    backendUrl = `http://127.0.0.1:${backendPort}`;
    frontendUrl = `http://127.0.0.1:${frontendPort}`;
    backendEnv = {
      PORT: backendPort,
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: authSecret,
      MIGRATE_ON_START: 'false',
    };
  });
  afterAll(async () => {
    await cleanup();
    for (const db of [database, restoredDatabase])
      await admin
        ?.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
        .catch((err) => console.error(`drop database: ${err.message}`));
    await admin?.end();
  });

  check('backend: `node dist/migrate.js` applies the migrations and exits 0', async () => {
    const res = await runBackendOnce({ DATABASE_URL: databaseUrl }, ['dist/migrate.js']);
    assert(res.code === 0, `exit ${res.code}: ${res.stderr || res.stdout}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client
      .query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")
      .finally(() => client.end());
    assert(rows[0].n > 0, 'no tables after migrate');
    return `${rows[0].n} tables`;
  });

  describe('the backend and the frontend, started', () => {
    let backend;
    let frontend;
    let ready;
    beforeAll(async () => {
      backend = await startContainer('backend', images.backend, backendEnv);
      frontend = await startContainer('frontend', images.frontend, {
        PORT: frontendPort,
        BACKEND_URL: backendUrl,
      });
      ready = await Promise.allSettled([
        waitFor(`${backendUrl}/healthz`, backend),
        waitFor(`${frontendUrl}/api/health`, frontend),
      ]);
    });

    check('backend: GET /healthz → 200 {"status":"ok"}', async () => {
      if (ready[0].status === 'rejected') throw ready[0].reason;
      const res = await http('GET', `${backendUrl}/healthz`);
      assert(res.status === 200 && res.json?.status === 'ok', `${res.status} ${res.text.slice(0, 200)}`);
    });
    check('backend: GET /readyz → 200 with Postgres', async () => {
      const res = await http('GET', `${backendUrl}/readyz`);
      assert(res.status === 200, `${res.status} ${res.text.slice(0, 200)}`);
      return res.text.slice(0, 80);
    });
    check('frontend: GET /api/health → 200', async () => {
      if (ready[1].status === 'rejected') throw ready[1].reason;
      const res = await http('GET', `${frontendUrl}/api/health`);
      assert(res.status === 200, `${res.status} ${res.text.slice(0, 200)}`);
    });
    check('frontend: GET / serves the app (following redirects, e.g. to sign-in)', async () => {
      const res = await http('GET', `${frontendUrl}/`, { follow: true });
      assert(res.status === 200 && /<html/i.test(res.text), `${res.status} ${res.text.slice(0, 200)}`);
    });
    check('frontend: static assets (.next/static) are served', async () => {
      const page = await http('GET', `${frontendUrl}/`, { follow: true });
      const asset = /(\/_next\/static\/[^"'\s]+\.(?:js|css))/.exec(page.text)?.[1];
      assert(asset, 'no /_next/static asset referenced by the page');
      const res = await http('GET', `${frontendUrl}${asset}`);
      assert(res.status === 200 && res.text.length > 0, `${asset} → ${res.status}`);
      return asset;
    });

    let session;
    check('frontend proxy: sign-up (same answer for a taken email), then sign-in', async () => {
      const email = `smoke-${runId}@example.com`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      // Sign-up never signs in, and answers a registered email exactly as a new one (enumeration-safe).
      const signUp = () =>
        http('POST', `${frontendUrl}/api/auth/sign-up/email`, {
          body: { name: 'Smoke Test', email, password },
          headers: { origin: frontendUrl },
        });
      const first = await signUp();
      assert(
        first.status === 200 && first.json?.next === 'sign_in',
        `${first.status} ${first.text.slice(0, 300)}`,
      );
      const again = await signUp();
      assert(
        again.status === 200 && again.text === first.text,
        `taken email: ${again.status} ${again.text.slice(0, 300)}`,
      );
      const res = await http('POST', `${frontendUrl}/api/auth/sign-in/email`, {
        body: { email, password },
        headers: { origin: frontendUrl },
      });
      assert(res.status === 200, `sign-in ${res.status} ${res.text.slice(0, 300)}`);
      assert(
        res.json?.user?.email === email && res.json?.user?.id,
        `unexpected body ${res.text.slice(0, 300)}`,
      );
      const cookies = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
      assert(cookies.length > 0 || res.json.token, 'no session cookie or token');
      session = { userId: res.json.user.id, token: res.json.token, cookie: cookies.join('; ') };
    });

    check('frontend proxy: a chat turn answers and adds the task it was asked for', async () => {
      assert(session, 'no session (sign-up or sign-in failed)');
      const auth = {
        cookie: session.cookie,
        origin: frontendUrl,
        ...(session.cookie ? {} : { authorization: `Bearer ${session.token}` }),
      };
      const res = await http('POST', `${frontendUrl}/api/${session.userId}/chat`, {
        body: { message: 'Add a task to buy groceries' },
        headers: auth,
        timeoutMs: 60_000,
      });
      assert(res.status === 200, `${res.status} ${res.text.slice(0, 300)}`);
      assert(
        res.json?.conversation_id && typeof res.json.response === 'string',
        `unexpected body ${res.text.slice(0, 300)}`,
      );
      const list = await http('GET', `${frontendUrl}/api/${session.userId}/tasks`, { headers: auth });
      assert(list.status === 200, `task list ${list.status} ${list.text.slice(0, 200)}`);
      const titles = (list.json?.items ?? []).map((t) => t.title);
      assert(
        titles.some((t) => /groceries/i.test(t)),
        `tasks after the chat turn: ${JSON.stringify(titles)}`,
      );
      return `reply: ${JSON.stringify(res.json.response.slice(0, 60))}`;
    });

    check(
      'backend (queue worker in the image): a reminder due in 2 s goes off once, through the proxy',
      async () => {
        assert(session, 'no session (sign-up or sign-in failed)');
        const auth = { cookie: session.cookie, origin: frontendUrl };
        const due = new Date(Date.now() + 2000).toISOString();
        const made = await http('POST', `${frontendUrl}/api/${session.userId}/tasks`, {
          body: { title: 'Smoke reminder', due_at: due, reminders: [{ before: 'PT0S' }] },
          headers: auth,
        });
        assert(made.status === 201, `create ${made.status} ${made.text.slice(0, 200)}`);
        const deadline = Date.now() + 20_000;
        let mine = [];
        while (Date.now() < deadline) {
          const list = await http('GET', `${frontendUrl}/api/${session.userId}/reminders`, { headers: auth });
          assert(list.status === 200, `reminders ${list.status} ${list.text.slice(0, 200)}`);
          mine = (list.json?.items ?? []).filter((r) => r.task_id === made.json.id);
          if (mine.some((r) => r.state === 'delivered')) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        assert(
          mine.length === 1 && mine[0].state === 'delivered',
          `reminders of the task: ${JSON.stringify(mine)}`,
        );
        return `delivered ${Date.parse(mine[0].delivered_at) - Date.parse(due)} ms after its time`;
      },
    );

    check('frontend proxy: a chat turn streams as server-sent events', async () => {
      assert(session, 'no session (sign-up or sign-in failed)');
      const res = await http('POST', `${frontendUrl}/api/${session.userId}/chat`, {
        body: { message: 'show my tasks' },
        headers: { cookie: session.cookie, origin: frontendUrl, accept: 'text/event-stream' },
        timeoutMs: 60_000,
      });
      assert(res.status === 200, `${res.status} ${res.text.slice(0, 300)}`);
      assert(
        /text\/event-stream/.test(res.headers.get('content-type') ?? ''),
        `content-type ${res.headers.get('content-type')}`,
      );
      const events = [...res.text.matchAll(/^event: *(\S+)/gm)].map((m) => m[1]);
      assert(events.includes('done'), `events: ${events.join(',') || res.text.slice(0, 200)}`);
      return `events: ${[...new Set(events)].join(', ')}`;
    });

    check(
      'frontend proxy: an MCP client with a personal access token lists and calls the task tools',
      async () => {
        assert(session, 'no session (sign-up or sign-in failed)');
        const created = await http('POST', `${frontendUrl}/api/${session.userId}/tokens`, {
          body: { name: 'smoke' },
          headers: { cookie: session.cookie, origin: frontendUrl },
        });
        assert(
          created.status === 201 && created.json?.token,
          `token: ${created.status} ${created.text.slice(0, 200)}`,
        );
        const mcp = (id, method, params) =>
          http('POST', `${frontendUrl}/mcp`, {
            body: { jsonrpc: '2.0', id, method, params },
            headers: {
              authorization: `Bearer ${created.json.token}`,
              accept: 'application/json, text/event-stream',
            },
            timeoutMs: 30_000,
          });
        // Responses come as JSON or as one SSE `message` event, depending on the server's mode.
        const parse = (res) => res.json ?? JSON.parse(/^data: *(.+)$/m.exec(res.text)?.[1] ?? 'null');
        const init = await mcp(1, 'initialize', {
          protocolVersion: '2025-03-26',
          capabilities: {},
          clientInfo: { name: 'container-smoke', version: '1' },
        });
        assert(
          init.status === 200 && parse(init)?.result,
          `initialize: ${init.status} ${init.text.slice(0, 200)}`,
        );
        const list = await mcp(2, 'tools/list', {});
        const tools = (parse(list)?.result?.tools ?? []).map((t) => t.name);
        assert(
          tools.includes('list_tasks'),
          `tools: ${JSON.stringify(tools)} (${list.status} ${list.text.slice(0, 200)})`,
        );
        const call = await mcp(3, 'tools/call', { name: 'list_tasks', arguments: {} });
        const text = JSON.stringify(parse(call)?.result ?? null);
        assert(
          call.status === 200 && /groceries/i.test(text),
          `list_tasks: ${call.status} ${text.slice(0, 300)}`,
        );
        return `${tools.length} tools`;
      },
    );

    check(
      "backup: the chart CronJob's command dumps to a volume, and a fresh database restores every row",
      async () => {
        assert(session, 'no session (sign-up or sign-in failed): nothing worth backing up');
        // The CronJob's command (packages/chart-gen config backup.command + --dir/--keep), as the image runs it: read-only
        // root, the dump directory a mounted volume writable by the app user.
        const dir = mkdtempSync(path.join(tmpdir(), 'todo-smoke-backups-'));
        chmodSync(dir, 0o777);
        const inImage = (url, args) =>
          runBackendOnce({ DATABASE_URL: url }, ['dist/backup.js', ...args], {
            volumes: [`${dir}:/backups`],
          });
        try {
          // The backend keeps running (and may sweep rate limits): dump until nothing changed around the dump.
          /** @type {Record<string, unknown[]> | undefined} */
          let before;
          /** @type {string[]} */
          let files = [];
          for (let attempt = 0; attempt < 3; attempt++) {
            const start = await tableRows(databaseUrl);
            const dumped = await inImage(databaseUrl, ['backup', '--dir', '/backups', '--keep', '1']);
            assert(dumped.code === 0, `backup exit ${dumped.code}: ${dumped.stderr || dumped.stdout}`);
            files = readdirSync(dir).filter((f) => /^todo-\d{8}T\d{6}Z\.jsonl$/.test(f));
            assert(files.length === 1, `files on the volume (--keep 1): ${readdirSync(dir).join(', ')}`);
            before = await tableRows(databaseUrl);
            if (JSON.stringify(start) === JSON.stringify(before)) break;
            before = undefined;
          }
          assert(before, 'the source database changed during each of 3 backups');
          await admin.query(`CREATE DATABASE ${restoredDatabase}`);
          const restored = await inImage(restoredUrl, ['restore', `/backups/${files[0]}`]);
          assert(restored.code === 0, `restore exit ${restored.code}: ${restored.stderr || restored.stdout}`);
          const again = await inImage(restoredUrl, ['restore', `/backups/${files[0]}`]);
          assert(again.code === 3, `a second restore into the now-used database exited ${again.code}, not 3`);
          const after = await tableRows(restoredUrl);
          const rows = Object.values(before).reduce((n, r) => n + r.length, 0);
          assert(rows > 0, 'the source database has no rows');
          assert(
            JSON.stringify(after) === JSON.stringify(before),
            `tables differ after restore: ${Object.keys(before)
              .filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]))
              .join(', ')}`,
          );
          return `${files[0]}: ${rows} rows in ${Object.keys(before).length} tables restored identically`;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    for (const app of ['backend', 'frontend']) {
      const container = () => (app === 'backend' ? backend : frontend);
      check(`${app}: the server process does not run as root (id -u ≠ 0)`, async () => {
        const { stdout } = await dockerCmd(['exec', container(), 'id', '-u']);
        assert(/^\d+$/.test(stdout) && stdout !== '0', `id -u → ${stdout}`);
        // The server itself, not just the exec'd shell: the uid of every node process in the container.
        const probe =
          "const fs=require('fs');const u=[];for(const p of fs.readdirSync('/proc').filter(d=>/^\\d+$/.test(d))){try{const s=fs.readFileSync('/proc/'+p+'/status','utf8');if(/^Name:\\s+node/m.test(s))u.push(+/^Uid:\\s+(\\d+)/m.exec(s)[1])}catch{}}console.log(JSON.stringify(u))";
        const uids = JSON.parse((await dockerCmd(['exec', container(), 'node', '-e', probe])).stdout);
        assert(uids.length > 0 && uids.every((u) => u !== 0), `node process uids ${JSON.stringify(uids)}`);
        return `uid ${stdout}`;
      });
      check(`${app}: listens on all interfaces (0.0.0.0:$PORT)`, async () => {
        const port = app === 'backend' ? backendPort : frontendPort;
        const probe = `const fs=require('fs');const hex=(${port}).toString(16).toUpperCase().padStart(4,'0');const out=[];for(const f of ['/proc/net/tcp','/proc/net/tcp6']){try{for(const l of fs.readFileSync(f,'utf8').split('\\n').slice(1)){const c=l.trim().split(/\\s+/);if(c[3]==='0A'&&c[1]&&c[1].endsWith(':'+hex))out.push(c[1].split(':')[0])}}catch{}}console.log(JSON.stringify(out))`;
        const addrs = JSON.parse((await dockerCmd(['exec', container(), 'node', '-e', probe])).stdout);
        assert(addrs.length > 0, `no listening socket on port ${port}`);
        assert(
          addrs.some((a) => /^0+$/.test(a)),
          `bound to ${addrs.join(', ')} only`,
        );
        return `port ${port}`;
      });
      check(`${app}: the root filesystem is read-only at run time`, async () => {
        const res = await dockerCmd(
          ['exec', container(), 'node', '-e', "require('fs').writeFileSync('/app/.probe','x')"],
          { allowFail: true },
        );
        assert(res.code !== 0, 'writing /app/.probe succeeded');
      });
      check(`${app}: the image HEALTHCHECK command passes`, async () => {
        const hc = healthchecks[app];
        const cmd =
          hc && hc[0] === 'CMD'
            ? hc.slice(1)
            : [
                'node',
                '-e',
                `fetch('http://127.0.0.1:'+process.env.PORT+'${app === 'backend' ? '/healthz' : '/api/health'}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
              ];
        const res = await dockerCmd(['exec', container(), ...cmd], { allowFail: true });
        assert(res.code === 0, `exit ${res.code} ${res.stderr}`);
      });
    }

    check(
      'backend: without DATABASE_URL it serves from embedded PGlite under /tmp (read-only root)',
      async () => {
        const port = await freePort();
        const c = await startContainer('backend-pglite', images.backend, {
          PORT: port,
          BETTER_AUTH_SECRET: authSecret,
        });
        await waitFor(`http://127.0.0.1:${port}/readyz`, c, { timeoutMs: 90_000 });
        const res = await http('GET', `http://127.0.0.1:${port}/readyz`);
        assert(res.status === 200 && /pglite/.test(res.text), `${res.status} ${res.text.slice(0, 200)}`);
        await dockerCmd(['rm', '--force', c], { allowFail: true });
        return res.text.slice(0, 80);
      },
    );

    // "Exits within 2 s when idle": SIGTERM after the server has been idle for a second. A shared 2-core machine can
    // stall a process now and then, so a slow first stop is retried once on a fresh container; both are reported.
    /** @param {string} app @param {{ init: boolean, container?: () => string }} how */
    const sigtermCheck = (app, { init, container }) =>
      check(
        `${app}: SIGTERM ${init ? '(with --init)' : 'to node as PID 1 (no --init)'} exits within 2 s`,
        async () => {
          const attempts = [];
          for (let attempt = 0; attempt < 2; attempt += 1) {
            let c = attempt === 0 ? container?.() : undefined;
            if (!c) {
              const port = await freePort();
              const env =
                app === 'backend' ? { ...backendEnv, PORT: port } : { PORT: port, BACKEND_URL: backendUrl };
              c = await startContainer(`${app}-${init ? 'init' : 'pid1'}-${attempt}`, images[app], env, {
                init,
              });
              await waitFor(`http://127.0.0.1:${port}${app === 'backend' ? '/healthz' : '/api/health'}`, c);
            }
            await new Promise((r) => setTimeout(r, 1000));
            const { seconds, wall, exitCode } = await stopTimed(c);
            assert(exitCode !== 137, `was SIGKILLed after ${seconds.toFixed(2)} s`);
            attempts.push(`${seconds.toFixed(2)} s (docker stop ${wall.toFixed(2)} s, exit ${exitCode})`);
            if (seconds <= 2) return `exited ${attempts.join('; retry: ')} after SIGTERM`;
            if (attempt === 1) throw new Error(`took ${attempts.join(', then ')}; logs:\n${await logsOf(c)}`);
          }
        },
      );
    // The running pair (started with --init, as CI and compose run them); then node as PID 1, as Kubernetes runs it.
    sigtermCheck('backend', { init: true, container: () => backend });
    sigtermCheck('frontend', { init: true, container: () => frontend });
    sigtermCheck('backend', { init: false });
    sigtermCheck('frontend', { init: false });
  });
});

/**
 * Every row of every public table as Postgres renders it (UTC), in a stable order: what a restore must reproduce.
 * @returns {Promise<Record<string, unknown[]>>} each table's rows as JSON text, by table name
 */
async function tableRows(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    const { rows: tables } = await client.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    /** @type {Record<string, unknown[]>} */
    const out = {};
    for (const { tablename } of tables) {
      const { rows } = await client.query(
        `SELECT row_to_json(r)::text AS j FROM "${tablename}" r ORDER BY 1`,
      );
      out[tablename] = rows.map((r) => r.j);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function cleanup() {
  for (const name of started.splice(0))
    await dockerCmd(['rm', '--force', name], { allowFail: true, timeoutMs: 30_000 });
}
