import http from 'node:http';
import { EnvError } from '@todo/shared/env';
import { readEnv } from '../lib/env';
import { proxyRequest, sendError } from './proxy';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/**
 * Paths that belong to the backend: the whole API except the frontend's own health route, and the MCP endpoint
 * (so MCP clients can use the app's public origin).
 */
export function isBackendPath(pathname: string): boolean {
  if (pathname === '/mcp') return true;
  return pathname.startsWith('/api/') && pathname !== '/api/health';
}

/**
 * The frontend's HTTP server: backend paths are proxied right here, on Node's own request objects, and everything
 * else (pages, assets, /api/health) goes to Next.js. Proxying before Next's router keeps the hop every API call
 * takes cheap — Next's request pipeline alone costs more than the backend's answer to a typical call.
 */
export function createFrontendServer(next: RequestHandler): http.Server {
  return http.createServer((req, res) => {
    // WHATWG URL parsing resolves dot segments (also percent-encoded ones), so /api/../metrics is not an API path.
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://frontend.invalid');
    } catch {
      sendError(res, 400, 'validation_error', 'The request URL is malformed.');
      return;
    }
    if (!isBackendPath(url.pathname)) {
      void next(req, res);
      return;
    }
    let env;
    try {
      env = readEnv(); // per request, memoised: BACKEND_URL can differ per deployment of the same image
    } catch (err) {
      if (!(err instanceof EnvError)) throw err;
      sendError(res, 500, 'internal_error', err.message);
      return;
    }
    req.url = `${url.pathname}${url.search}`;
    proxyRequest(req, res, {
      backendUrl: env.BACKEND_URL,
      timeoutMs: env.PROXY_TIMEOUT_MS,
      trustedHops: env.TRUST_PROXY_HOPS,
    });
  });
}
