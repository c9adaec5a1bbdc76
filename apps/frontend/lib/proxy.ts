import type { ErrorBody } from '@todo/shared';

export interface ProxyOptions {
  /** Backend base URL, e.g. http://todo-backend:8080 (a path prefix is kept). */
  backendUrl: string;
  /** How long the backend may take to start answering (status + headers); streaming bodies are not cut. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

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

function stripHopByHop(source: Headers): Headers {
  const named = new Set(
    (source.get('connection') ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
  const out = new Headers();
  for (const [name, value] of source) {
    if (HOP_BY_HOP.has(name) || named.has(name) || name === 'set-cookie') continue;
    out.append(name, value);
  }
  return out;
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

function upstreamHeaders(req: Request, reqUrl: URL): Headers {
  const headers = stripHopByHop(req.headers);
  headers.delete('host');
  // Keep bytes as the backend sent them cheap to pass through; fetch would otherwise decode them.
  headers.set('accept-encoding', 'identity');
  headers.set(
    'x-forwarded-host',
    req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? reqUrl.host,
  );
  headers.set('x-forwarded-proto', req.headers.get('x-forwarded-proto') ?? reqUrl.protocol.replace(/:$/, ''));
  return headers;
}

function clientHeaders(upstream: Response): Headers {
  const headers = stripHopByHop(upstream.headers);
  for (const cookie of upstream.headers.getSetCookie()) headers.append('set-cookie', cookie);
  // fetch transparently decoded a compressed body; its encoding and length no longer describe what we send.
  if (headers.has('content-encoding')) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  if ((headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    // Stop any compression or buffering layer between here and the browser from holding back SSE chunks.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return headers;
}

/**
 * Forwards one request to the backend and streams the answer back: bodies flow both ways without buffering
 * (server-sent chat events arrive token by token), cookies and auth headers pass through, hop-by-hop headers are
 * dropped, and a backend that is down or slow to answer becomes a 502 `backend_unavailable`.
 */
export async function forward(req: Request, options: ProxyOptions): Promise<Response> {
  const reqUrl = new URL(req.url);
  const target = targetUrl(reqUrl, options.backendUrl);
  const ttfb = new AbortController();
  const timer = setTimeout(
    () => ttfb.abort(new DOMException('backend did not answer in time', 'TimeoutError')),
    options.timeoutMs,
  );
  const hasBody = req.body !== null && req.method !== 'GET' && req.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await (options.fetch ?? fetch)(target, {
      method: req.method,
      headers: upstreamHeaders(req, reqUrl),
      body: hasBody ? req.body : null,
      // Required by undici to stream a request body.
      ...(hasBody ? { duplex: 'half' } : {}),
      redirect: 'manual',
      // The client going away cancels the backend call too (e.g. the chat stop button).
      signal: AbortSignal.any([req.signal, ttfb.signal]),
    } as RequestInit);
  } catch (err) {
    if (ttfb.signal.aborted) {
      return errorResponse(
        502,
        'backend_unavailable',
        `The backend did not answer within ${options.timeoutMs} ms; try again shortly.`,
      );
    }
    if (!req.signal.aborted) {
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'proxy: backend request failed',
          method: req.method,
          path: reqUrl.pathname,
          err: String((err as Error & { cause?: unknown }).cause ?? err),
        }),
      );
    }
    return errorResponse(502, 'backend_unavailable', 'The backend is not reachable; try again shortly.');
  } finally {
    clearTimeout(timer);
  }
  const body = NULL_BODY_STATUS.has(upstream.status) || req.method === 'HEAD' ? null : upstream.body;
  return new Response(body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: clientHeaders(upstream),
  });
}
