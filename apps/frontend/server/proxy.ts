import http from 'node:http';
import https from 'node:https';
import type { ErrorBody } from '@todo/shared';

export interface ProxyOptions {
  /** Backend base URL, e.g. http://todo-backend:8080 (a path prefix is kept). */
  readonly backendUrl: string;
  /** How long the backend may take to start answering (status + headers); streaming bodies are not cut. */
  readonly timeoutMs: number;
  /** Proxies in front of this server whose X-Forwarded-For entries are trusted (TRUST_PROXY_HOPS).
   * @default 0 */
  readonly trustedHops?: number;
}

// Pooled keep-alive sockets to the backend: every API call takes this hop, so it must not pay a TCP handshake.
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

/** Header names a Connection header lists are hop-by-hop too. */
function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (!value) return undefined;
  const tokens = (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return tokens.length ? new Set(tokens) : undefined;
}

const isHopByHop = (name: string, named: Set<string> | undefined) =>
  HOP_BY_HOP.has(name) || !!named?.has(name);

/** Answers with the API's error shape (used when the backend cannot answer). */
export function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: ErrorBody = { error: { code, message } };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The browser's address: the TCP peer, or with `hops` trusted proxies in front, the entry they appended to
 * X-Forwarded-For. Whatever a client wrote further left is its own claim and is dropped, so the backend's
 * per-address limits (sign-in) cannot be dodged by sending a made-up header.
 */
export function clientAddress(req: http.IncomingMessage, hops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (hops === 0) return peer;
  const claimed = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = [...claimed, peer];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

function upstreamHeaders(req: http.IncomingMessage, trustedHops: number): http.OutgoingHttpHeaders {
  const named = connectionTokens(req.headers.connection);
  const out: http.OutgoingHttpHeaders = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    // `expect: 100-continue` would make the backend wait for a handshake this proxy does not relay.
    if (isHopByHop(name, named) || name === 'host' || name === 'expect' || name === 'x-forwarded-for')
      continue;
    const prev = out[name];
    out[name] = prev === undefined ? raw[i + 1]! : `${String(prev)}, ${raw[i + 1]!}`;
  }
  // Keep bytes small to pass through on the internal hop; the browser-facing server compresses on its own.
  out['accept-encoding'] = 'identity';
  // One address this server vouches for; the backend (TRUST_PROXY) takes it as the client's.
  out['x-forwarded-for'] = clientAddress(req, trustedHops);
  out['x-forwarded-host'] ??= req.headers.host ?? '';
  out['x-forwarded-proto'] ??= 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  return out;
}

function clientHeaders(upstream: http.IncomingMessage): http.OutgoingHttpHeaders {
  const named = connectionTokens(upstream.headers.connection);
  const out: http.OutgoingHttpHeaders = {};
  const raw = upstream.rawHeaders;
  // rawHeaders keeps repeated headers apart, so every Set-Cookie stays its own header.
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (isHopByHop(name, named)) continue;
    const value = raw[i + 1]!;
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [String(prev), value];
  }
  if (String(out['content-type'] ?? '').startsWith('text/event-stream')) {
    // Stop any compression or buffering layer between here and the browser from holding back SSE chunks.
    out['cache-control'] = 'no-cache, no-transform';
    out['x-accel-buffering'] = 'no';
  }
  return out;
}

function targetPath(base: URL, reqUrl: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${prefix}${reqUrl.startsWith('/') ? reqUrl : `/${reqUrl}`}`;
}

/**
 * Forwards one request to the backend and streams the answer back on Node's own request/response objects (no
 * framework in between): bodies flow both ways without buffering (server-sent chat events arrive token by token),
 * cookies and auth headers pass through, hop-by-hop headers are dropped, and a backend that is down or slow to
 * start answering becomes a 502 `backend_unavailable`. The client going away cancels the backend call, also
 * mid-stream (the chat's stop button).
 */
export function proxyRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: ProxyOptions,
): void {
  const base = new URL(options.backendUrl);
  const secure = base.protocol === 'https:';
  let answered = false;
  let timedOut = false;

  const upstream = (secure ? https : http).request({
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port,
    path: targetPath(base, req.url ?? '/'),
    method: req.method,
    headers: upstreamHeaders(req, options.trustedHops ?? 0),
    agent: secure ? AGENTS['https:'] : AGENTS['http:'],
  });

  const timer = setTimeout(() => {
    timedOut = true;
    upstream.destroy();
  }, options.timeoutMs);

  // `close` on the response fires when it finished or the client went away; only the latter cancels upstream.
  res.once('close', () => {
    clearTimeout(timer);
    if (!res.writableFinished) upstream.destroy();
  });

  upstream.once('response', (answer) => {
    clearTimeout(timer);
    answered = true;
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, clientHeaders(answer));
    answer.pipe(res);
    // A backend that dies mid-body: end the client's response abruptly rather than let it hang.
    answer.once('error', () => res.destroy());
    answer.once('aborted', () => res.destroy());
  });

  upstream.once('error', (err: NodeJS.ErrnoException) => {
    clearTimeout(timer);
    if (answered) {
      res.destroy();
      return;
    }
    if (res.destroyed) return; // the client left first; nobody is waiting for an answer
    if (timedOut) {
      sendError(
        res,
        502,
        'backend_unavailable',
        `The backend did not answer within ${options.timeoutMs} ms; try again shortly.`,
      );
      return;
    }
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'proxy: backend request failed',
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        err: err.code ?? String(err),
      }),
    );
    sendError(res, 502, 'backend_unavailable', 'The backend is not reachable; try again shortly.');
  });

  req.once('error', (err) => upstream.destroy(err));
  req.pipe(upstream);
}
