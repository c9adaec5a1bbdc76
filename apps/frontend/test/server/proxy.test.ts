import { once } from 'node:events';
import http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody, record, send, sleep, startBackend } from '../helpers/backend';
import { backend, frontend, rawExchange, setEnv } from '../helpers/frontend';

// The proxy inside the frontend's real HTTP server (createFrontendServer), in front of a stand-in backend whose
// answers and timing each test controls. Next.js is replaced by a handler that names itself.

const decoder = new TextDecoder();

describe('createFrontendServer', () => {
  it('GIVEN a request target that is not a valid URL WHEN it arrives THEN it gets a 400 in the API error shape and nothing is proxied', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('backend');
    });
    const fe = await frontend(b.url);
    const raw = await rawExchange(fe, 'GET //[/api/x HTTP/1.1\r\nHost: fe.test\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-type: application\/json/i);
    expect(raw).toContain('"code":"validation_error"');
    expect(b.received).toHaveLength(0);
  });

  it('GIVEN a JSON POST to /api WHEN proxied THEN the backend gets the same method, path, query and body and the client its answer', async () => {
    const b = await backend(async (req, res, received) => {
      const r = await record(req, received);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echoed: JSON.parse(r.body) as unknown }));
    });
    const fe = await frontend(b.url);
    const res = await fetch(`${fe}/api/u1/tasks?status=pending&q=milk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'buy milk' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ echoed: { title: 'buy milk' } });
    expect(b.received[0]).toMatchObject({ method: 'POST', url: '/api/u1/tasks?status=pending&q=milk' });
  });

  it('GIVEN pages, the frontend health route, /mcp and dot-segment tricks WHEN requested THEN only /api/* (not /api/health) and /mcp reach the backend', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('backend');
    });
    const fe = await frontend(b.url);
    const where = async (path: string) => (await send(`${fe}${path}`).then(readBody)).body;
    expect(await where('/')).toBe('next');
    expect(await where('/sign-in')).toBe('next');
    expect(await where('/api/health')).toBe('next');
    expect(await where('/apiary')).toBe('next');
    expect(await where('/api/u1/tasks')).toBe('backend');
    expect(await where('/mcp')).toBe('backend');
    // The backend's operational routes are not public: /api/../metrics resolves to /metrics, a page path.
    expect(await where('/api/../metrics')).toBe('next');
    expect(await where('/api/%2e%2e/metrics')).toBe('next');
    expect(b.received.map((r) => r.url)).toEqual(['/api/u1/tasks', '/mcp']);
  });

  it('GIVEN a backend that streams server-sent events slowly WHEN proxied THEN each event reaches the client before the stream ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const b = await backend(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: delta\ndata: {"text":"Hel"}\n\n');
      await released;
      res.end('event: done\ndata: {}\n\n');
    });
    const fe = await frontend(b.url);
    const res = await fetch(`${fe}/api/u1/chat`, { headers: { accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    const first = await reader.read();
    // The backend is still holding the rest back, so this chunk can only have come through unbuffered.
    expect(decoder.decode(first.value)).toBe('event: delta\ndata: {"text":"Hel"}\n\n');
    expect(res.headers.get('cache-control')).toContain('no-transform');
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toBe('event: done\ndata: {}\n\n');
  });

  it('GIVEN a client that uploads a body in pieces WHEN proxied THEN the backend reads the first piece before the upload finishes', async () => {
    let sawFirst!: (s: string) => void;
    const firstSeen = new Promise<string>((r) => (sawFirst = r));
    const b = await backend(async (req, res) => {
      let all = '';
      for await (const c of req) {
        if (!all) sawFirst(String(c));
        all += String(c);
      }
      res.end(all);
    });
    const fe = await frontend(b.url);
    const req = http.request(`${fe}/api/upload`, { method: 'POST' });
    const answered = once(req, 'response') as Promise<[http.IncomingMessage]>;
    req.write('part-1;');
    // Only continue once the backend proved it got part 1, i.e. the proxy did not wait for the whole body.
    expect(await firstSeen).toBe('part-1;');
    req.end('part-2');
    const [res] = await answered;
    expect((await readBody(res)).body).toBe('part-1;part-2');
  });

  it('GIVEN cookies, a bearer token and hop-by-hop headers WHEN proxied THEN credentials pass, hop-by-hop headers do not, and x-forwarded-* describe the browser-facing origin', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    const fe = await frontend(b.url);
    await send(`${fe}/api/auth/get-session`, {
      headers: {
        host: 'app.example.test:3000',
        cookie: 'better-auth.session_token=abc; theme=dark',
        authorization: 'Bearer tok123',
        connection: 'keep-alive, x-internal-hop',
        'x-internal-hop': 'secret',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic Zm9v',
        te: 'trailers',
        upgrade: 'websocket',
        'x-request-id': 'req-1',
      },
    }).then(readBody);
    const h = b.received[0]!.headers;
    expect(h.cookie).toBe('better-auth.session_token=abc; theme=dark');
    expect(h.authorization).toBe('Bearer tok123');
    expect(h['x-request-id']).toBe('req-1');
    for (const hop of ['x-internal-hop', 'keep-alive', 'proxy-authorization', 'te', 'upgrade']) {
      expect(h[hop], hop).toBeUndefined();
    }
    expect(h['x-forwarded-host']).toBe('app.example.test:3000');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h.host).toBe(new URL(b.url).host);
  });

  it('GIVEN a browser that claims an x-forwarded-for WHEN proxied with no trusted proxy in front THEN the backend sees only the real peer', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    const fe = await frontend(b.url);
    await send(`${fe}/api/x`).then(readBody);
    await send(`${fe}/api/x`, { headers: { 'x-forwarded-for': '203.0.113.7' } }).then(readBody);
    expect(b.received.map((r) => r.headers['x-forwarded-for'])).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('GIVEN one trusted proxy in front (an Ingress) WHEN a browser adds its own claim THEN the backend sees the address that proxy appended', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    setEnv('TRUST_PROXY_HOPS', '1');
    const fe = await frontend(b.url);
    // The Ingress appended the browser's real address (198.51.100.4) after whatever the browser claimed.
    await send(`${fe}/api/x`, { headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.4' } }).then(readBody);
    await send(`${fe}/api/x`, { headers: { 'x-forwarded-for': '198.51.100.4' } }).then(readBody);
    // No header at all (e.g. a probe that bypassed the Ingress): the peer is all there is.
    await send(`${fe}/api/x`).then(readBody);
    expect(b.received.map((r) => r.headers['x-forwarded-for'])).toEqual([
      '198.51.100.4',
      '198.51.100.4',
      '127.0.0.1',
    ]);
  });

  it('GIVEN a backend that sets several cookies and hop-by-hop headers WHEN proxied THEN the client gets every cookie separately and no hop-by-hop header', async () => {
    const b = await backend((_req, res) => {
      res.setHeader('set-cookie', [
        'session=1; HttpOnly; Path=/',
        'csrf=2; Path=/',
        'theme=dark; Max-Age=60',
      ]);
      res.setHeader('set-auth-token', 'tok');
      res.setHeader('keep-alive', 'timeout=99');
      res.setHeader('x-drop', 'x');
      res.setHeader('connection', 'x-drop');
      res.end('{}');
    });
    const fe = await frontend(b.url);
    const res = await fetch(`${fe}/api/auth/sign-in/email`, { method: 'POST', body: '{}' });
    expect(res.headers.getSetCookie()).toEqual([
      'session=1; HttpOnly; Path=/',
      'csrf=2; Path=/',
      'theme=dark; Max-Age=60',
    ]);
    expect(res.headers.get('set-auth-token')).toBe('tok');
    expect(res.headers.get('x-drop')).toBeNull();
    // This server's own keep-alive header describes its own connection, not the backend's timeout=99.
    expect(res.headers.get('keep-alive') ?? '').not.toContain('99');
  });

  it('GIVEN a backend answering 204 or a redirect WHEN proxied THEN the status passes through and redirects are not followed', async () => {
    const b = await backend((req, res) => {
      if (req.method === 'DELETE') res.writeHead(204).end();
      else res.writeHead(302, { location: '/elsewhere' }).end();
    });
    const fe = await frontend(b.url);
    const del = await fetch(`${fe}/api/u1/tasks/1`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const redirect = await fetch(`${fe}/api/auth/callback`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/elsewhere');
  });

  it('GIVEN a backend that compresses anyway WHEN proxied THEN the compressed bytes pass through with their encoding', async () => {
    const b = await backend((_req, res) => {
      const gz = gzipSync('{"items":[]}');
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': gz.length,
      });
      res.end(gz);
    });
    const fe = await frontend(b.url);
    const res = await send(`${fe}/api/u1/tasks`);
    expect(res.headers['content-encoding']).toBe('gzip');
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString())).toEqual({ items: [] });
  });

  it('GIVEN BACKEND_URL with a path prefix WHEN proxied THEN the request path is appended to it', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    const fe = await frontend(`${b.url}/prefix/`);
    await send(`${fe}/api/u1/tasks?limit=5`).then(readBody);
    expect(b.received[0]!.url).toBe('/prefix/api/u1/tasks?limit=5');
  });

  it('GIVEN BACKEND_URL is changed at runtime WHEN the next request arrives THEN it goes to the new backend', async () => {
    const a = await backend((_req, res) => res.end('from a'));
    const b = await backend((_req, res) => res.end('from b'));
    const fe = await frontend(a.url);
    expect(await (await fetch(`${fe}/api/x`)).text()).toBe('from a');
    process.env.BACKEND_URL = b.url;
    expect(await (await fetch(`${fe}/api/x`)).text()).toBe('from b');
  });

  it('GIVEN a malformed BACKEND_URL WHEN an API request arrives THEN it fails with an error naming the variable and pages still render', async () => {
    const fe = await frontend('http://127.0.0.1:1');
    process.env.BACKEND_URL = 'nope';
    const res = await fetch(`${fe}/api/x`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('BACKEND_URL');
    expect(await (await fetch(`${fe}/`)).text()).toBe('next');
  });

  it('GIVEN the backend is down WHEN a request is proxied THEN the client gets 502 backend_unavailable as JSON', async () => {
    const b = await startBackend((_req, res) => res.end());
    await b.close();
    const fe = await frontend(b.url);
    const res = await fetch(`${fe}/api/u1/tasks`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('backend_unavailable');
    expect(body.error.message).toMatch(/not reachable/);
  });

  it('GIVEN a backend that never starts answering WHEN the time-to-first-byte budget passes THEN the client gets 502 backend_unavailable in bounded time', async () => {
    const b = await backend(() => {
      // never answers
    });
    const fe = await frontend(b.url, { timeoutMs: 1000 });
    const started = Date.now();
    const res = await fetch(`${fe}/api/u1/tasks`);
    const took = Date.now() - started;
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('backend_unavailable');
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(4000);
  });

  it('GIVEN a stream that started in time WHEN it runs longer than the timeout THEN it is not cut off', async () => {
    const b = await backend(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      await sleep(1300);
      res.end('data: 2\n\n');
    });
    const fe = await frontend(b.url, { timeoutMs: 1000 });
    expect(await (await fetch(`${fe}/api/u1/chat`)).text()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('GIVEN a backend that dies mid-stream WHEN proxied THEN the client sees the response end abruptly instead of hanging', async () => {
    const b = await backend((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const fe = await frontend(b.url);
    const res = await fetch(`${fe}/api/u1/chat`);
    await expect(
      Promise.race([
        res.text().then(
          () => 'ended cleanly',
          () => 'aborted',
        ),
        sleep(3000).then(() => 'hung'),
      ]),
    ).resolves.toBe('aborted');
  });

  it('GIVEN a client that disconnects mid-stream WHEN proxied THEN the backend request is aborted too', async () => {
    let closed!: () => void;
    const backendSawClose = new Promise<void>((r) => (closed = r));
    const b = await backend((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      res.on('close', () => closed());
    });
    const fe = await frontend(b.url);
    const client = new AbortController();
    const res = await fetch(`${fe}/api/u1/chat`, { signal: client.signal });
    await res.body!.getReader().read();
    client.abort();
    await expect(
      Promise.race([backendSawClose.then(() => 'closed'), sleep(3000).then(() => 'still open')]),
    ).resolves.toBe('closed');
  });
});
