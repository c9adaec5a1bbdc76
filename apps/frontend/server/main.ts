import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvError } from '@todo/shared/env';
import { readEnv, type FrontendEnv } from '../lib/env';
import { createFrontendServer, type RequestHandler } from './app';

// Process entry of the frontend. `pnpm dev` runs it from source with --dev; `pnpm build` bundles it over the
// standalone output's generated server.js, so `node .next/standalone/apps/frontend/server.js` (and the image)
// start this server instead of Next's, with Next's request handler behind it.
const dev = process.argv.includes('--dev');
const here = path.dirname(fileURLToPath(import.meta.url));

function loadEnv(): FrontendEnv {
  try {
    return readEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

// Next's types declare NODE_ENV read-only; this process is the one place that decides it.
const setEnv = (name: string, value: string) => Object.assign(process.env, { [name]: value });

/** What Next's generated standalone server.js does before it loads Next: production mode, its config, its dir. */
function standaloneSetup(dir: string): void {
  setEnv('NODE_ENV', 'production');
  process.chdir(dir);
  const files = JSON.parse(readFileSync(path.join(dir, '.next/required-server-files.json'), 'utf8')) as {
    config: unknown;
  };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(files.config);
}

function log(level: 'info' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  console[level === 'error' ? 'error' : 'log'](JSON.stringify({ level, msg, ...extra }));
}

/** Stops accepting, lets in-flight requests (streaming chat turns) finish within the timeout, then exits. */
function handleShutdown(server: http.Server, closeNext: () => Promise<void>, timeoutMs: number): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down: finishing in-flight requests', { signal });
    setTimeout(() => {
      log('error', 'in-flight requests did not finish in time; exiting', { timeoutMs });
      process.exit(1);
    }, timeoutMs).unref();
    server.close(() => {
      void closeNext().finally(() => process.exit(0));
    });
    // Keep-alive sockets with no request in flight would hold close() open until they time out, and a client
    // that still sends on a kept-alive socket gets its answer with `Connection: close` so it reconnects elsewhere.
    server.closeIdleConnections();
    server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.shouldKeepAlive = false;
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function main(): Promise<void> {
  const env = loadEnv();
  const dir = dev ? path.resolve(here, '..') : here;
  if (dev) setEnv('NODE_ENV', process.env.NODE_ENV ?? 'development');
  else standaloneSetup(dir);

  let handle: RequestHandler = () => {};
  const server = createFrontendServer((req, res) => handle(req, res), { dev });
  // Loaded after the standalone setup above: Next reads its config from the environment when it initialises.
  const { default: next } = await import('next');
  const app = next({ dev, dir, hostname: env.HOSTNAME, port: env.PORT, httpServer: server });
  await app.prepare();
  handle = app.getRequestHandler();

  handleShutdown(server, () => app.close(), env.SHUTDOWN_TIMEOUT_MS);
  server.listen(env.PORT, env.HOSTNAME, () => {
    log('info', 'ready', {
      url: `http://${env.HOSTNAME}:${env.PORT}`,
      mode: dev ? 'development' : 'production',
    });
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `Startup failed: ${err.stack ?? err.message}` : err);
  process.exit(1);
});
