import type http from 'node:http';
import type { ErrorBody } from '@todo/shared';
import { API_BODY_LIMIT_BYTES } from '@todo/shared/limits';
import { Agent, type Dispatcher } from 'undici';
import { BodyTooLarge, declaredTooLarge, limitedBody } from './body-limit';
import type { BrowserOrigin } from './forwarded';

export interface ProxyOptions {
  /** Backend base URL, e.g. http://todo-backend:8080 (a path prefix is kept). */
  readonly backendUrl: string;
  /** How long the backend may take to start answering (status + headers); streaming bodies are not cut. */
  readonly timeoutMs: number;
  /** Proxies in front of this server whose X-Forwarded-For entries are trusted (TRUST_PROXY_HOPS).
   * @default 0 */
  readonly trustedHops?: number;
  /** The browser-facing origin this server vouches for (see forwarded.ts); sent as X-Forwarded-Host/-Proto. */
  readonly origin: BrowserOrigin;
  /** Largest request body passed on; bigger ones answer 413 here. @default API_BODY_LIMIT_BYTES */
  readonly bodyLimit?: number;
}

// undici's dispatcher rather than node:http's client: every API call takes this hop, and it costs about a fifth
// less CPU per request. Pooled keep-alive connections per backend origin; v6 for Node 20 support.
const dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: 256 });

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
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** How much of an over-limit upload is read and dropped, at most, before the 413 goes out anyway. */
const LINGER_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 5000;

/**
 * 413 in the backend's words, then the connection closes. The answer waits until the client has sent the rest of
 * its upload (read and dropped, within LINGER_BYTES/LINGER_MS): closing a socket with unread bytes makes the kernel
 * reset it, and a client still writing its body then sees EPIPE or ECONNRESET instead of the 413.
 */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
  let seen = 0;
  const answer = () => {
    clearTimeout(timer);
    req.off('data', count);
    if (res.headersSent || res.destroyed) return;
    res.shouldKeepAlive = false;
    sendError(res, 413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);
  };
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) answer();
  };
  const timer = setTimeout(answer, LINGER_MS);
  if (req.readableEnded) return answer();
  req.on('data', count);
  req.once('end', answer);
  req.once('error', answer);
  req.resume();
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

// Forwarding headers a client may send but only this server may set: the backend believes them from it.
const VOUCHED = new Set([
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
]);

function upstreamHeaders(
  req: http.IncomingMessage,
  trustedHops: number,
  origin: BrowserOrigin,
): Record<string, string> {
  const named = connectionTokens(req.headers.connection);
  const out: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    // `expect: 100-continue` would make the backend wait for a handshake this proxy does not relay.
    if (isHopByHop(name, named) || name === 'host' || name === 'expect' || VOUCHED.has(name)) continue;
    const prev = out[name];
    out[name] = prev === undefined ? raw[i + 1]! : `${prev}${name === 'cookie' ? '; ' : ', '}${raw[i + 1]!}`;
  }
  // Keep bytes small to pass through on the internal hop; the browser-facing server compresses on its own.
  out['accept-encoding'] = 'identity';
  // One address this server vouches for; the backend (TRUST_PROXY) takes it as the client's.
  out['x-forwarded-for'] = clientAddress(req, trustedHops);
  out['x-forwarded-host'] = origin.host;
  out['x-forwarded-proto'] = origin.proto;
  return out;
}

/**
 * The backend's response headers for the client, as a flat [name, value, …] list (repeats kept apart), and the
 * body length when the backend declared one. Header bytes are decoded once; hop-by-hop names are only known after
 * the Connection header has been seen, so filtering is a second pass over the decoded strings.
 */
function clientHeaders(raw: Buffer[]): { headers: string[]; contentLength: number } {
  const decoded = raw.map((b) => b.toString('latin1'));
  let named: Set<string> | undefined;
  let sse = false;
  let contentLength = -1;
  for (let i = 0; i + 1 < decoded.length; i += 2) {
    const name = (decoded[i] = decoded[i]!.toLowerCase());
    if (name === 'connection') named = connectionTokens(decoded[i + 1]);
    else if (name === 'content-type') sse = decoded[i + 1]!.startsWith('text/event-stream');
    else if (name === 'content-length') contentLength = Number(decoded[i + 1]);
  }
  const headers: string[] = [];
  for (let i = 0; i + 1 < decoded.length; i += 2) {
    const name = decoded[i]!;
    if (isHopByHop(name, named)) continue;
    // Stop any compression or buffering layer between here and the browser from holding back SSE chunks.
    if (sse && (name === 'cache-control' || name === 'x-accel-buffering')) continue;
    headers.push(name, decoded[i + 1]!);
  }
  if (sse) headers.push('cache-control', 'no-cache, no-transform', 'x-accel-buffering', 'no');
  return { headers, contentLength };
}

// A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3); don't invent a chunked one.
const hasBody = (req: http.IncomingMessage) =>
  req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;

interface Backend {
  readonly origin: string;
  /** BACKEND_URL's path without trailing slashes, prepended to every proxied path. */
  readonly prefix: string;
}

// BACKEND_URL is read per request but rarely changes: parse each value once.
const backends = new Map<string, Backend>();
function backendOf(backendUrl: string): Backend {
  let backend = backends.get(backendUrl);
  if (!backend) {
    const url = new URL(backendUrl);
    backend = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
    if (backends.size > 16) backends.clear();
    backends.set(backendUrl, backend);
  }
  return backend;
}

function logFailure(req: http.IncomingMessage, err: Error & { code?: string }): void {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'proxy: backend request failed',
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      err: err.code ?? String(err),
    }),
  );
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
  const backend = backendOf(options.backendUrl);
  const limit = options.bodyLimit ?? API_BODY_LIMIT_BYTES;
  const sendsBody = req.method !== 'GET' && req.method !== 'HEAD' && hasBody(req);
  if (sendsBody && declaredTooLarge(req, limit)) {
    tooLarge(req, res, limit);
    return;
  }
  let abort: ((err?: Error) => void) | undefined;
  let resume: (() => void) | undefined;
  let clientGone = false;
  let remaining = -1; // bytes of a Content-Length body still to come

  // `close` on the response fires when it finished or the client went away; only the latter cancels upstream.
  res.once('close', () => {
    if (res.writableFinished) return;
    clientGone = true;
    abort?.();
  });

  const handler: Dispatcher.DispatchHandlers = {
    onConnect(abortUpstream) {
      abort = abortUpstream;
      if (clientGone) abortUpstream();
    },
    onHeaders(status, rawHeaders, resumeUpstream, statusText) {
      if (status < 200) return true; // interim responses are not relayed
      resume = resumeUpstream;
      const { headers, contentLength } = clientHeaders(rawHeaders);
      remaining = contentLength;
      res.writeHead(status, statusText, headers);
      return true;
    },
    onData(chunk) {
      // The last chunk of a sized body goes out with end(): headers, body and finish in one socket write, which
      // is most of what a small JSON answer costs here.
      if (remaining > 0 && (remaining -= chunk.length) === 0) {
        res.end(chunk);
        return true;
      }
      const ok = res.write(chunk);
      // Backpressure: a slow client pauses the backend stream instead of buffering it here.
      if (!ok) res.once('drain', () => resume?.());
      return ok;
    },
    onComplete() {
      if (!res.writableEnded) res.end();
    },
    onError(err: Error & { code?: string }) {
      if (clientGone) return; // nobody is waiting for an answer
      if (res.headersSent) {
        // The backend died mid-body: end the client's response abruptly rather than let it hang.
        res.destroy(err);
        return;
      }
      if (err instanceof BodyTooLarge) {
        tooLarge(req, res, err.limit);
        return;
      }
      if (err.code === 'UND_ERR_HEADERS_TIMEOUT') {
        sendError(
          res,
          502,
          'backend_unavailable',
          `The backend did not answer within ${options.timeoutMs} ms; try again shortly.`,
        );
        return;
      }
      logFailure(req, err);
      sendError(res, 502, 'backend_unavailable', 'The backend is not reachable; try again shortly.');
    },
  };

  dispatcher.dispatch(
    {
      origin: backend.origin,
      // app.ts has normalised req.url to an absolute path (and query).
      path: `${backend.prefix}${req.url ?? '/'}`,
      method: req.method as Dispatcher.HttpMethod,
      headers: upstreamHeaders(req, options.trustedHops ?? 0, options.origin),
      body: sendsBody ? limitedBody(req, limit) : null,
      headersTimeout: options.timeoutMs,
      bodyTimeout: 0, // a chat stream may pause between tokens for as long as the model thinks
    },
    handler,
  );
}
