// Runs the root compose.yaml for real, the way a plain-Docker user does, and checks what they rely on:
//   pnpm --filter @todo/scripts test:compose   (vitest project `compose`; scripts/containers/ci.sh runs it)
// Needs a Docker API holding the todo-backend/todo-frontend images and a Postgres image (POSTGRES_IMAGE, default
// postgres:15-alpine; CI builds a stand-in with postgres-image.sh): DOCKER_HOST, and for podman all of
// `podman.sh env` (the healthcheck runs below use the podman CLI). Plus a compose implementation:
//   COMPOSE  command, split on spaces (default: `docker compose` if that plugin works, else `docker-compose`)
// scripts/containers/compose.ci.yaml is layered on top: every service on the host network, on free loopback ports
// (tests may only target loopback here). The project gets a unique name and `compose down -v` removes it at the end,
// also after a failure or SIGINT/SIGTERM. vitest's JSON report is test-results/container-compose.json, summed by CI.
//
// Two stand-ins for what a Docker host does by itself, both only where needed:
// - docker-compose 1.x (Debian's) gets compose.yaml without two parts it cannot take (see COMPOSE1_EDITS);
// - podman without systemd never runs healthchecks on its own schedule, so the test runs them every second
//   (`podman healthcheck run`) while something waits on them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll } from 'vitest';
import {
  appVersion,
  assert,
  check,
  command,
  docker,
  freePort,
  http,
  onInterrupt,
  root,
  sleep,
} from './lib.mjs';

const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const project = `todo-compose-${runId}`;
// The capabilities Docker and podman grant by default; `cap_drop: [ALL]` must remove each.
const DEFAULT_CAPS =
  'AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL MKNOD NET_BIND_SERVICE NET_RAW SETFCAP SETGID SETPCAP SETUID SYS_CHROOT'.split(
    ' ',
  );

/**
 * docker-compose 1.x cannot take compose.yaml exactly as published: it predates the top-level `name:` (the project
 * name comes from -p anyway), and its client refuses published ports on the host network, where Docker and podman
 * only discard them (the wiring check reads the port mapping instead). Each edit must match exactly once.
 */
const COMPOSE1_EDITS = {
  name: ['top-level name:', /^name: .*\n/gm],
  ports: ['frontend ports:', /^ {4}ports:\n(?: {6}- .*\n)+/gm],
};
function adaptedCopy(dir, fileName, edits) {
  let text = readFileSync(path.join(root, 'compose.yaml'), 'utf8');
  for (const [what, pattern] of edits) {
    assert((text.match(pattern) ?? []).length === 1, `compose.yaml: expected exactly one ${what}`);
    text = text.replace(pattern, '');
  }
  const file = path.join(dir, fileName);
  writeFileSync(file, text);
  return file;
}

async function pickCompose() {
  if (process.env.COMPOSE) return process.env.COMPOSE.split(/\s+/).filter(Boolean);
  const plugin = await command(['docker', 'compose'], ['version'], { allowFail: true, timeoutMs: 10_000 });
  return plugin.code === 0 ? ['docker', 'compose'] : ['docker-compose'];
}

/** Env of an image's config as an object (the images' default PORT). */
async function imageEnv(ref) {
  const info = JSON.parse((await docker(['image', 'inspect', ref])).stdout)[0];
  return Object.fromEntries(
    (info.Config?.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
  );
}

const lines = (text) => text.split('\n').filter(Boolean);
const cookieOf = (res) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

/** The compose project under test: its command line, environment and containers. */
async function setup() {
  const compose = await pickCompose();
  const version = (await command(compose, ['version', '--short'], { timeoutMs: 10_000 })).stdout;
  const podman = /podman/i.test((await docker(['version', '--format', '{{json .Server}}'])).stdout);
  const compose1 = /^v?1\./.test(version);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'todo-compose-'));
  const original = path.join(root, 'compose.yaml');
  const { name, ports } = COMPOSE1_EDITS;
  const runnable = compose1 ? adaptedCopy(tmp, 'compose.yaml', [name, ports]) : original;
  const registry = (process.env.IMAGE_REGISTRY ?? '').replace(/\/+$/, '');
  const [pgPort, backendPort, frontendPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|COMPOSE_)/.test(k))),
    POSTGRES_PASSWORD: randomBytes(16).toString('hex'),
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    POSTGRES_IMAGE: process.env.POSTGRES_IMAGE || 'postgres:15-alpine',
    IMAGE_PREFIX: registry ? `${registry}/` : '',
    TODO_VERSION: appVersion('backend'),
    COMPOSE_PG_PORT: String(pgPort),
    COMPOSE_BACKEND_PORT: String(backendPort),
    FRONTEND_PORT: String(frontendPort),
  };
  const ctx = {
    compose,
    env,
    podman,
    tmp,
    frontendUrl: `http://127.0.0.1:${frontendPort}`,
    /** compose.yaml as published (less what this compose cannot parse), without the CI override. */
    published: compose1 ? adaptedCopy(tmp, 'published.yaml', [name]) : original,
    args: ['-f', runnable, '-f', path.join(root, 'scripts/containers/compose.ci.yaml')],
  };
  ctx.args.push('--project-directory', root, '-p', project);
  ctx.run = (args, options = {}) => command(compose, [...ctx.args, ...args], { env, ...options });

  const composeText = `${compose.join(' ')} ${version}${compose1 ? ` (without ${name[0]} ${ports[0]})` : ''}`;
  console.log(`compose test ${project}: ${composeText}, engine ${podman ? 'podman' : 'docker'}`);
  console.log(
    `  postgres ${env.POSTGRES_IMAGE} :${pgPort}, backend :${backendPort}, frontend :${frontendPort}`,
  );
  return ctx;
}

const projectFilter = ['--filter', `label=com.docker.compose.project=${project}`];
const containers = async ({ all = true } = {}) =>
  lines((await docker(['ps', ...(all ? ['-a'] : []), '-q', ...projectFilter])).stdout);

/** `docker inspect` of the project's container for one service. */
async function service(name) {
  const filter = ['--filter', `label=com.docker.compose.service=${name}`];
  const [id] = lines((await docker(['ps', '-a', '-q', ...projectFilter, ...filter])).stdout);
  assert(id, `no ${name} container`);
  return JSON.parse((await docker(['inspect', id])).stdout)[0];
}

async function healthOf(name) {
  const { State } = await service(name);
  return { running: State.Running, health: State.Health?.Status ?? State.Healthcheck?.Status };
}

/** Runs fn while the project's healthchecks run every second (podman only; a Docker engine schedules them). */
async function whileHealthchecksRun(ctx, fn) {
  let running = ctx.podman;
  const pump = (async () => {
    while (running) {
      for (const id of await containers({ all: false }).catch(() => [])) {
        if (running)
          await command('podman', ['healthcheck', 'run', id], { allowFail: true, timeoutMs: 10_000 });
      }
      await sleep(1000);
    }
  })();
  try {
    return await fn();
  } finally {
    running = false;
    await pump;
  }
}

/** `compose up -d`; resolves the seconds it took, or rejects with the services' last log lines. */
async function up(ctx) {
  const t0 = Date.now();
  try {
    await whileHealthchecksRun(ctx, () => ctx.run(['up', '-d', '--no-build'], { timeoutMs: 240_000 }));
  } catch (err) {
    const logs = await ctx.run(['logs', '--no-color', '--tail', '20'], { allowFail: true });
    throw new Error(`${err.message}\nlogs:\n${logs.stdout.slice(-4000)}`, { cause: err });
  }
  return (Date.now() - t0) / 1000;
}

/** Waits (≤ 60 s) until postgres, backend and frontend report healthy; fails naming the states otherwise. */
async function healthy(ctx) {
  const t0 = Date.now();
  const names = ['postgres', 'backend', 'frontend'];
  const allHealthy = (states) => states.every((s) => s.running && s.health === 'healthy');
  let states = [];
  await whileHealthchecksRun(ctx, async () => {
    while (Date.now() - t0 < 60_000) {
      states = await Promise.all(names.map(healthOf));
      if (allHealthy(states)) return;
      await sleep(500);
    }
  });
  const summary = names
    .map((n, i) => `${n} ${states[i].running ? states[i].health : 'not running'}`)
    .join(', ');
  assert(allHealthy(states), summary);
  return summary;
}

/** The project under test (setup), and `compose up` having succeeded: the checks after it need the stack. */
let ctx;
let env;
let frontendUrl;
let upOk = false;
/**
 * `compose down -v`, then whatever is left removed so nothing leaks into the next run; runs once, later calls share it.
 * @type {() => Promise<{ down: { code: number, stderr: string }, leaks: string[], seconds: number }>}
 */
let tearDown = async () => {
  throw new Error('the compose project was never set up');
};

beforeAll(async () => {
  ctx = await setup();
  ({ env, frontendUrl } = ctx);
  const volumesBefore = new Set(lines((await docker(['volume', 'ls', '-q'])).stdout));
  let result;
  tearDown = () =>
    (result ??= (async () => {
      const t0 = Date.now();
      const down = await ctx.run(['down', '-v', '--remove-orphans', '--timeout', '10'], {
        allowFail: true,
        timeoutMs: 120_000,
      });
      const left = await containers();
      const volumes = lines((await docker(['volume', 'ls', '-q'])).stdout).filter(
        (v) => !volumesBefore.has(v),
      );
      const networks = lines((await docker(['network', 'ls', '--format', '{{.Name}}'])).stdout).filter((n) =>
        n.startsWith(project),
      );
      for (const id of left) await docker(['rm', '--force', '--volumes', id], { allowFail: true });
      for (const v of volumes) await docker(['volume', 'rm', '--force', v], { allowFail: true });
      for (const n of networks) await docker(['network', 'rm', n], { allowFail: true });
      rmSync(ctx.tmp, { recursive: true, force: true });
      return { down, leaks: [...left, ...volumes, ...networks], seconds: (Date.now() - t0) / 1000 };
    })());
});
// The last check tears down; this covers a run that stops before it (a failed hook, a timeout).
afterAll(() => tearDown().catch(() => {}));
onInterrupt(() => tearDown());

/** A check that needs the stack `compose up` started: skipped when that failed (its failure is reported once). */
const checkUp = (name, fn) =>
  check(name, async (t) => {
    if (!upOk) t.skip();
    return fn();
  });

check('compose.yaml refuses to start without the secrets, naming the missing one', async () => {
  /** @type {NodeJS.ProcessEnv} */
  const without = { ...env };
  delete without.POSTGRES_PASSWORD;
  const res = await command(ctx.compose, [...ctx.args, 'config', '-q'], { env: without, allowFail: true });
  assert(res.code !== 0, 'config accepted an unset POSTGRES_PASSWORD');
  assert(/POSTGRES_PASSWORD/.test(res.stderr), `error does not name it: ${res.stderr.slice(0, 300)}`);
});

// The CI override replaces the networking; this reads the file's own service-name wiring.
check('compose.yaml wires the services by name to the ports the images listen on', async () => {
  const config = ['-f', ctx.published, '--project-directory', root, '-p', project, 'config'];
  const { services } = /** @type {{ services: Record<string, any> }} */ (
    yaml.load((await command(ctx.compose, config, { env })).stdout)
  );
  const backendPort = (await imageEnv(services.backend.image)).PORT;
  const frontendPort = (await imageEnv(services.frontend.image)).PORT;
  const databaseUrl = `postgres://todo:${env.POSTGRES_PASSWORD}@postgres:5432/todo`;
  for (const s of ['migrate', 'backend']) {
    const actual = services[s].environment.DATABASE_URL;
    assert(actual === databaseUrl, `${s}: DATABASE_URL ${actual}`);
  }
  const pg = services.postgres.environment;
  assert(pg.POSTGRES_USER === 'todo' && pg.POSTGRES_DB === 'todo', `postgres env ${JSON.stringify(pg)}`);
  const backendUrl = services.frontend.environment.BACKEND_URL;
  assert(
    backendUrl === `http://backend:${backendPort}`,
    `BACKEND_URL ${backendUrl}, backend PORT ${backendPort}`,
  );
  const mappings = (services.frontend.ports ?? []).map((p) =>
    typeof p === 'string' ? p : `${p.published}:${p.target}`,
  );
  assert(
    mappings.some((p) => p.endsWith(`${env.FRONTEND_PORT}:${frontendPort}`)),
    `frontend ports ${JSON.stringify(mappings)}, image PORT ${frontendPort}`,
  );
  for (const s of ['postgres', 'backend', 'frontend'])
    assert(services[s].healthcheck?.test, `${s} has no healthcheck (depends_on service_healthy needs one)`);
  return `backend :${backendPort}, frontend ${mappings.join(', ')}`;
});

check('`compose up -d` brings up postgres → migrate → backend → frontend', async () => {
  const seconds = await up(ctx);
  upOk = true;
  return `${seconds.toFixed(1)} s`;
});

checkUp('migrate: the one-shot exited 0 before the backend started', async () => {
  const [migrate, backend] = [await service('migrate'), await service('backend')];
  assert(migrate.State.Status === 'exited', `migrate is ${migrate.State.Status}`);
  assert(migrate.State.ExitCode === 0, `migrate exit ${migrate.State.ExitCode}`);
  const finished = Date.parse(migrate.State.FinishedAt);
  const backendStarted = Date.parse(backend.State.StartedAt);
  assert(
    finished <= backendStarted,
    `backend started ${backend.State.StartedAt}, migrate ended ${migrate.State.FinishedAt}`,
  );
  return `backend started ${((backendStarted - finished) / 1000).toFixed(1)} s after migrate exited`;
});

checkUp('postgres, backend and frontend are running and become healthy', async () => {
  const t0 = Date.now();
  await healthy(ctx);
  return `after ${((Date.now() - t0) / 1000).toFixed(1)} s`;
});

const email = `compose-${runId}@example.com`;
const password = `pw-${randomBytes(8).toString('hex')}`;
let userId;
/** The milk task in the user's list, through the frontend's proxy. */
const milkListed = async (headers) => {
  const list = await http('GET', `${frontendUrl}/api/${userId}/tasks`, { headers });
  const titles = (list.json?.items ?? []).map((t) => t.title);
  assert(
    list.status === 200 && titles.some((t) => /milk/i.test(t)),
    `tasks ${list.status} ${JSON.stringify(titles)}`,
  );
};
checkUp('through the frontend: sign-up and in, a chat turn adds "buy milk", it is listed', async () => {
  const signUp = await http('POST', `${frontendUrl}/api/auth/sign-up/email`, {
    body: { name: 'Compose Test', email, password },
    headers: { origin: frontendUrl },
  });
  assert(signUp.status === 200, `sign-up ${signUp.status} ${signUp.text.slice(0, 300)}`);
  // Sign-up never signs in (it must not tell a new email from a registered one): sign in next.
  const signIn = await http('POST', `${frontendUrl}/api/auth/sign-in/email`, {
    body: { email, password },
    headers: { origin: frontendUrl },
  });
  assert(
    signIn.status === 200 && signIn.json?.user?.id,
    `sign-in ${signIn.status} ${signIn.text.slice(0, 300)}`,
  );
  userId = signIn.json.user.id;
  const headers = { origin: frontendUrl, cookie: cookieOf(signIn) };
  assert(headers.cookie, 'no session cookie');
  const chat = await http('POST', `${frontendUrl}/api/${userId}/chat`, {
    body: { message: 'add a task to buy milk' },
    headers,
    timeoutMs: 60_000,
  });
  assert(
    chat.status === 200 && typeof chat.json?.response === 'string',
    `chat ${chat.status} ${chat.text.slice(0, 300)}`,
  );
  await milkListed(headers);
  return `reply: ${JSON.stringify(chat.json.response.slice(0, 60))}`;
});

checkUp(
  'migrate, backend, frontend: uid 10001, read-only root with a writable /tmp, no capabilities, --init',
  async () => {
    for (const name of ['migrate', 'backend', 'frontend']) {
      const c = await service(name);
      const hc = c.HostConfig;
      assert(c.Config.User === '10001:10001', `${name}: User ${JSON.stringify(c.Config.User)}`);
      assert(hc.ReadonlyRootfs === true, `${name}: root filesystem writable`);
      const dropped = new Set((hc.CapDrop ?? []).map((cap) => cap.toUpperCase().replace(/^CAP_/, '')));
      // Docker reports ALL; podman lists every capability it would otherwise have granted.
      assert(
        dropped.has('ALL') || DEFAULT_CAPS.every((cap) => dropped.has(cap)),
        `${name}: CapDrop ${hc.CapDrop}`,
      );
      assert(hc.Init === true, `${name}: no init`);
      assert(
        (hc.SecurityOpt ?? []).some((o) => /no-new-privileges/.test(o)),
        `${name}: SecurityOpt ${hc.SecurityOpt}`,
      );
      if (name === 'migrate') continue; // exited: nothing to exec into
      const node = (script) => docker(['exec', c.Id, 'node', '-e', script], { allowFail: true });
      const uid = (await docker(['exec', c.Id, 'id', '-u'])).stdout;
      assert(uid !== '0', `${name}: id -u → ${uid}`);
      const capBnd = await node(
        "process.stdout.write(/CapBnd:\\s*(\\w+)/.exec(require('fs').readFileSync('/proc/1/status','utf8'))[1])",
      );
      assert(/^0+$/.test(capBnd.stdout), `${name}: capability bounding set ${capBnd.stdout}`);
      assert(
        (await node("require('fs').writeFileSync('/app/.probe','x')")).code !== 0,
        `${name}: /app is writable`,
      );
      const tmp = await node("require('fs').writeFileSync('/tmp/.probe','x')");
      assert(tmp.code === 0, `${name}: /tmp is not writable: ${tmp.stderr.slice(0, 200)}`);
    }
  },
);

checkUp('`compose down` then `up -d` again keeps the account and its tasks (pgdata volume)', async () => {
  await ctx.run(['down', '--timeout', '10'], { timeoutMs: 120_000 });
  assert((await containers()).length === 0, 'containers left after down');
  const seconds = await up(ctx);
  // `up -d` returns once the containers start; the frontend answers only when its healthcheck passes.
  await healthy(ctx);
  const signIn = await http('POST', `${frontendUrl}/api/auth/sign-in/email`, {
    body: { email, password },
    headers: { origin: frontendUrl },
  });
  assert(signIn.status === 200, `sign-in ${signIn.status} ${signIn.text.slice(0, 300)}`);
  await milkListed({ origin: frontendUrl, cookie: cookieOf(signIn) });
  return `second up ${seconds.toFixed(1)} s`;
});

check('`compose down -v` removes the containers, the volume and any network', async () => {
  const { down, leaks, seconds } = await tearDown();
  assert(down.code === 0, `down exit ${down.code}: ${down.stderr.slice(-500)}`);
  assert(leaks.length === 0, `left behind: ${leaks.join(', ')}`);
  return `${seconds.toFixed(1)} s`;
});
