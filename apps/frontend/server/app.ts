import http from 'node:http';
import { EnvError } from '@todo/shared/env';
import { readEnv, type FrontendEnv } from '../lib/env';
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, clientErrorHandler } from './client-errors';
import { browserOrigin, type BrowserOrigin } from './forwarded';
import { clientAddress, proxyRequest, sendError } from './proxy';
import { applyPageSecurity } from './security-headers';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export interface FrontendServerOptions {
  /** `next dev` behind this server: the page CSP allows what its tooling needs. @default false */
  readonly dev?: boolean;
  /** Longest time a client may take to send a whole request (tests shorten it). @default 30000 */
  readonly requestTimeoutMs?: number;
}

/**
 * Paths that belong to the backend: the whole API except the frontend's own health route, and the MCP endpoint
 * (so MCP clients can use the app's public origin).
 */
export function isBackendPath(pathname: string): boolean {
  if (pathname === '/mcp') return true;
  return pathname.startsWith('/api/') && pathname !== '/api/health';
}

/**
 * The path and query of a request target, normalised the WHATWG way (dot segments, also percent-encoded ones,
 * are resolved, so /api/../metrics is not an API path). Only a path or an absolute URL is a target here:
 * `*` (server-wide OPTIONS) and anything unparsable give undefined.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target || !(target.startsWith('/') || /^https?:\/\//i.test(target))) return undefined;
  try {
    const url = new URL(target, 'http://frontend.invalid');
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** The browser-facing origin, or a 400 when the request's own Host is not a host. */
function originOrError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  trustedHops: number,
): BrowserOrigin | undefined {
  const origin = browserOrigin(req, trustedHops);
  if (origin === undefined)
    sendError(res, 400, 'validation_error', 'The Host header is missing or malformed.');
  return origin;
}

function proxyToBackend(req: http.IncomingMessage, res: http.ServerResponse): void {
  let env: FrontendEnv;
  try {
    env = readEnv(); // per request, memoised: BACKEND_URL can differ per deployment of the same image
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    sendError(res, 500, 'internal_error', err.message);
    return;
  }
  const origin = originOrError(req, res, env.TRUST_PROXY_HOPS);
  if (!origin) return;
  proxyRequest(req, res, {
    backendUrl: env.BACKEND_URL,
    timeoutMs: env.PROXY_TIMEOUT_MS,
    trustedHops: env.TRUST_PROXY_HOPS,
    origin,
  });
}

/** Pages learn the browser-facing origin from these headers (Next, and server rendering's calls to the backend). */
function vouchForPage(req: http.IncomingMessage, origin: BrowserOrigin, trustedHops: number): void {
  const port = /:(\d+)$/.exec(origin.host)?.[1] ?? (origin.proto === 'https' ? '443' : '80');
  req.headers['x-forwarded-host'] = origin.host;
  req.headers['x-forwarded-proto'] = origin.proto;
  req.headers['x-forwarded-port'] = port;
  req.headers['x-forwarded-for'] = clientAddress(req, trustedHops);
  delete req.headers.forwarded;
}

function servePage(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: RequestHandler,
  dev: boolean,
): void {
  let hops = 0;
  try {
    hops = readEnv().TRUST_PROXY_HOPS;
  } catch (err) {
    // A broken BACKEND_URL must not take the pages down; without a readable setting, trust no proxy.
    if (!(err instanceof EnvError)) throw err;
  }
  const origin = originOrError(req, res, hops);
  if (!origin) return;
  vouchForPage(req, origin, hops);
  applyPageSecurity(req, res, { https: origin.proto === 'https', dev });
  Promise.resolve()
    .then(() => next(req, res))
    .catch((err: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'page handler failed', err: String(err) }));
      sendError(res, 500, 'internal_error', 'The page could not be served.');
    });
}

/**
 * The frontend's HTTP server: backend paths are proxied right here, on Node's own request objects, and everything
 * else (pages, assets, /api/health) goes to Next.js. Proxying before Next's router keeps the hop every API call
 * takes cheap — Next's request pipeline alone costs more than the backend's answer to a typical call.
 */
export function createFrontendServer(next: RequestHandler, options: FrontendServerOptions = {}): http.Server {
  const dev = options.dev ?? false;
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // A client that trickles its headers or body would hold a socket here and a pooled connection to the backend:
  // like the backend, answer 408 and close once the request has not fully arrived in time (checked every second).
  // Responses (event streams, streamed chat turns) are not bounded by it.
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, HEADERS_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    (req, res) => {
      const path = requestPath(req.url);
      if (path === undefined) {
        sendError(res, 400, 'validation_error', 'The request target must be a path such as /.');
        return;
      }
      req.url = path;
      if (isBackendPath(path.split('?')[0]!)) proxyToBackend(req, res);
      else servePage(req, res, next, dev);
    },
  );
  server.on('clientError', clientErrorHandler);
  return server;
}
