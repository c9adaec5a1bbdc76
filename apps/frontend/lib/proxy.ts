import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ErrorBody } from '@todo/shared';

export interface ProxyOptions {
  /** Backend base URL, e.g. http://todo-backend:8080 (a path prefix is kept). */
  backendUrl: string;
  /** How long the backend may take to start answering (status + headers); streaming bodies are not cut. */
  timeoutMs: number;
}

// node:http with pooled keep-alive sockets rather than fetch(): it passes bytes through untouched (no transparent
// decompression) and costs less per request, which matters on a hop every API call takes.
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

// RFC 9110 §7.6.1 connection-specific headers, plus the legacy ones proxies still see.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// Statuses whose responses must not carry a body (the Response constructor throws otherwise).
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Header names a Connection header lists are hop-by-hop too. */
function connectionTokens(value: string | null | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function errorResponse(status: number, code: string, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

function targetUrl(reqUrl: URL, backendUrl: string): URL {
  const base = new URL(backendUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}${reqUrl.pathname}`;
  base.search = reqUrl.search;
  return base;
}

function upstreamHeaders(req: Request, reqUrl: URL): Record<string, string> {
  const named = connectionTokens(req.headers.get('connection'));
  const out: Record<string, string> = {};
  for (const [name, value] of req.headers) {
    // `expect: 100-continue` would make the backend wait for a handshake this proxy does not relay.
    if (HOP_BY_HOP.has(name) || named.has(name) || name === 'host' || name === 'expect') continue;
    out[name] = value;
  }
  // Keep bytes small to pass through on the internal hop; the browser-facing server compresses on its own.
  out['accept-encoding'] = 'identity';
  out['x-forwarded-host'] = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? reqUrl.host;
  out['x-forwarded-proto'] = req.headers.get('x-forwarded-proto') ?? reqUrl.protocol.replace(/:$/, '');
  return out;
}

function clientHeaders(res: http.IncomingMessage): Headers {
  const named = connectionTokens(res.headers.connection);
  const headers = new Headers();
  const raw = res.rawHeaders;
  // rawHeaders keeps repeated headers apart, so every Set-Cookie stays its own header.
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    headers.append(name, raw[i + 1]!);
  }
  if ((headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    // Stop any compression or buffering layer between here and the browser from holding back SSE chunks.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return headers;
}

function logFailure(req: Request, path: string, err: unknown) {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'proxy: backend request failed',
      method: req.method,
      path,
      err: String((err as Error & { code?: string }).code ?? err),
    }),
  );
}

/**
 * Forwards one request to the backend and streams the answer back: bodies flow both ways without buffering
 * (server-sent chat events arrive token by token), cookies and auth headers pass through, hop-by-hop headers are
 * dropped, and a backend that is down or slow to start answering becomes a 502 `backend_unavailable`.
 */
export function forward(req: Request, options: ProxyOptions): Promise<Response> {
  const reqUrl = new URL(req.url);
  const target = targetUrl(reqUrl, options.backendUrl);
  const hasBody = req.body !== null && req.method !== 'GET' && req.method !== 'HEAD';
  const agent = target.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'];
  const client = target.protocol === 'https:' ? https : http;

  return new Promise<Response>((resolve) => {
    let answered = false;
    let timedOut = false;
    const upstream = client.request(target, {
      method: req.method,
      headers: upstreamHeaders(req, reqUrl),
      agent,
    });
    // The client going away cancels the backend call too (e.g. the chat stop button), also mid-stream.
    const onAbort = () => upstream.destroy();
    if (req.signal.aborted) onAbort();
    else req.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.destroy();
    }, options.timeoutMs);
    const fail = (response: Response) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      resolve(response);
    };

    upstream.on('response', (res) => {
      clearTimeout(timer);
      answered = true;
      res.once('close', () => req.signal.removeEventListener('abort', onAbort));
      const status = res.statusCode ?? 502;
      const noBody = NULL_BODY_STATUS.has(status) || req.method === 'HEAD';
      if (noBody) res.resume();
      resolve(
        new Response(noBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>), {
          status,
          statusText: res.statusMessage,
          headers: clientHeaders(res),
        }),
      );
    });

    upstream.on('error', (err) => {
      if (timedOut) {
        fail(
          errorResponse(
            502,
            'backend_unavailable',
            `The backend did not answer within ${options.timeoutMs} ms; try again shortly.`,
          ),
        );
        return;
      }
      if (!req.signal.aborted && !answered) logFailure(req, reqUrl.pathname, err);
      fail(errorResponse(502, 'backend_unavailable', 'The backend is not reachable; try again shortly.'));
    });

    if (hasBody) {
      const body = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
      body.on('error', (err) => upstream.destroy(err));
      body.pipe(upstream);
    } else {
      upstream.end();
    }
  });
}
