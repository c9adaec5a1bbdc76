import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createFrontendServer, type FrontendServerOptions, type RequestHandler } from '../../server/app';
import { startBackend } from './backend';

// The frontend's real HTTP server (createFrontendServer) in front of stand-in backends, with Next.js replaced by a
// handler each test chooses. Environment changes and servers are undone after every test.

const cleanups: Array<() => Promise<void>> = [];
const ENV = ['BACKEND_URL', 'PROXY_TIMEOUT_MS', 'TRUST_PROXY_HOPS'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A stand-in backend, closed after the test. */
export async function backend(handle: Parameters<typeof startBackend>[0]) {
  const b = await startBackend(handle);
  cleanups.push(() => b.close());
  return b;
}

/** Sets an environment variable the frontend reads per request, for this test only. */
export const setEnv = (name: (typeof ENV)[number], value: string) => void (process.env[name] = value);

export interface FrontendOptions extends FrontendServerOptions {
  /** Time-to-first-byte budget of proxied calls (at least 1000). @default 5000 */
  readonly timeoutMs?: number;
  /** Stands in for Next.js. @default a handler answering "next" */
  readonly next?: RequestHandler;
}

/** Starts the frontend server proxying to `backendUrl`; returns its base URL. */
export async function frontend(backendUrl: string, options: FrontendOptions = {}): Promise<string> {
  setEnv('BACKEND_URL', backendUrl);
  setEnv('PROXY_TIMEOUT_MS', String(Math.max(1000, options.timeoutMs ?? 5000)));
  const server = createFrontendServer(options.next ?? ((_req, res) => res.end('next')), options);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Sends raw bytes to `baseUrl`'s port and reads the raw answer until the server closes the connection.
 * `keepOpen` leaves the sending side open, as a slow client does, instead of ending it after the bytes.
 */
export async function rawExchange(baseUrl: string, request: string, options: { keepOpen?: boolean } = {}) {
  const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1');
  if (options.keepOpen) socket.write(request);
  else socket.end(request);
  let raw = '';
  for await (const c of socket) raw += String(c);
  return raw;
}
