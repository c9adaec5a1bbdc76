import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { forward } from '../../lib/proxy';
import { record, sleep, startBackend } from '../helpers/backend';

const FRONTEND = 'http://app.example.test:3000';
let backends: Array<{ close: () => Promise<void> }> = [];

async function backend(handle: Parameters<typeof startBackend>[0]) {
  const b = await startBackend(handle);
  backends.push(b);
  return b;
}

afterEach(async () => {
  await Promise.all(backends.map((b) => b.close()));
  backends = [];
});

const decoder = new TextDecoder();

describe('forward', () => {
  it('GIVEN a JSON POST WHEN proxied THEN the backend gets the same method, path, query and body and the client its answer', async () => {
    const b = await backend(async (req, res, received) => {
      const r = await record(req, received);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echoed: JSON.parse(r.body) }));
    });
    const res = await forward(
      new Request(`${FRONTEND}/api/u1/tasks?status=pending&q=milk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'buy milk' }),
      }),
      { backendUrl: b.url, timeoutMs: 5000 },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ echoed: { title: 'buy milk' } });
    expect(b.received[0]).toMatchObject({ method: 'POST', url: '/api/u1/tasks?status=pending&q=milk' });
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
    const res = await forward(
      new Request(`${FRONTEND}/api/u1/chat`, { headers: { accept: 'text/event-stream' } }),
      {
        backendUrl: b.url,
        timeoutMs: 5000,
      },
    );
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
    const encoder = new TextEncoder();
    const upload = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('part-1;'));
        // Only continue once the backend proved it got part 1, i.e. the proxy did not wait for the whole body.
        await firstSeen;
        controller.enqueue(encoder.encode('part-2'));
        controller.close();
      },
    });
    const res = await forward(
      new Request(`${FRONTEND}/api/upload`, { method: 'POST', body: upload, duplex: 'half' } as RequestInit),
      { backendUrl: b.url, timeoutMs: 5000 },
    );
    expect(await firstSeen).toBe('part-1;');
    expect(await res.text()).toBe('part-1;part-2');
  });

  it('GIVEN cookies, a bearer token and hop-by-hop headers WHEN proxied THEN credentials pass, hop-by-hop headers do not, and x-forwarded-* describe the browser-facing origin', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    await forward(
      new Request(`${FRONTEND}/api/auth/get-session`, {
        headers: {
          cookie: 'better-auth.session_token=abc; theme=dark',
          authorization: 'Bearer tok123',
          connection: 'keep-alive, x-internal-hop',
          'x-internal-hop': 'secret',
          'keep-alive': 'timeout=5',
          'proxy-authorization': 'Basic Zm9v',
          te: 'trailers',
          upgrade: 'websocket',
          'x-forwarded-for': '203.0.113.7',
          'x-request-id': 'req-1',
        },
      }),
      { backendUrl: b.url, timeoutMs: 5000 },
    );
    const h = b.received[0]!.headers;
    expect(h.cookie).toBe('better-auth.session_token=abc; theme=dark');
    expect(h.authorization).toBe('Bearer tok123');
    expect(h['x-request-id']).toBe('req-1');
    for (const hop of ['x-internal-hop', 'keep-alive', 'proxy-authorization', 'te', 'upgrade']) {
      expect(h[hop], hop).toBeUndefined();
    }
    expect(h['x-forwarded-for']).toBe('203.0.113.7');
    expect(h['x-forwarded-host']).toBe('app.example.test:3000');
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h.host).toBe(new URL(b.url).host);
  });

  it('GIVEN an upstream proxy already set x-forwarded-host/proto WHEN proxied THEN those values are kept', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    await forward(
      new Request(`${FRONTEND}/api/x`, {
        headers: { 'x-forwarded-host': 'todo.example.com', 'x-forwarded-proto': 'https' },
      }),
      { backendUrl: b.url, timeoutMs: 5000 },
    );
    expect(b.received[0]!.headers['x-forwarded-host']).toBe('todo.example.com');
    expect(b.received[0]!.headers['x-forwarded-proto']).toBe('https');
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
    const res = await forward(
      new Request(`${FRONTEND}/api/auth/sign-in/email`, { method: 'POST', body: '{}' }),
      {
        backendUrl: b.url,
        timeoutMs: 5000,
      },
    );
    expect(res.headers.getSetCookie()).toEqual([
      'session=1; HttpOnly; Path=/',
      'csrf=2; Path=/',
      'theme=dark; Max-Age=60',
    ]);
    expect(res.headers.get('set-auth-token')).toBe('tok');
    expect(res.headers.get('keep-alive')).toBeNull();
    expect(res.headers.get('x-drop')).toBeNull();
  });

  it('GIVEN a backend answering 204 or a redirect WHEN proxied THEN the status passes through and redirects are not followed', async () => {
    const b = await backend((req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(204).end();
      } else {
        res.writeHead(302, { location: '/elsewhere' }).end();
      }
    });
    const del = await forward(new Request(`${FRONTEND}/api/u1/tasks/1`, { method: 'DELETE' }), {
      backendUrl: b.url,
      timeoutMs: 5000,
    });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const redirect = await forward(new Request(`${FRONTEND}/api/auth/callback`), {
      backendUrl: b.url,
      timeoutMs: 5000,
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/elsewhere');
  });

  it('GIVEN a backend that compresses anyway WHEN proxied THEN the compressed bytes pass through with their encoding and the client can read them', async () => {
    const b = await backend((_req, res) => {
      const gz = gzipSync('{"items":[]}');
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': gz.length,
      });
      res.end(gz);
    });
    const res = await forward(new Request(`${FRONTEND}/api/u1/tasks`), {
      backendUrl: b.url,
      timeoutMs: 5000,
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString())).toEqual({ items: [] });
  });

  it('GIVEN BACKEND_URL with a path prefix WHEN proxied THEN the request path is appended to it', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    await forward(new Request(`${FRONTEND}/api/u1/tasks?limit=5`), {
      backendUrl: `${b.url}/prefix/`,
      timeoutMs: 5000,
    });
    expect(b.received[0]!.url).toBe('/prefix/api/u1/tasks?limit=5');
  });

  it('GIVEN the backend is down WHEN a request is proxied THEN the client gets 502 backend_unavailable as JSON', async () => {
    const b = await backend((_req, res) => res.end());
    const deadUrl = b.url;
    await b.close();
    backends = [];
    const res = await forward(new Request(`${FRONTEND}/api/u1/tasks`), {
      backendUrl: deadUrl,
      timeoutMs: 5000,
    });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('backend_unavailable');
    expect(body.error.message).toMatch(/not reachable/);
  });

  it('GIVEN a backend that never starts answering WHEN the time-to-first-byte budget passes THEN the client gets 502 backend_unavailable in bounded time', async () => {
    const b = await backend(() => {
      // never answers
    });
    const started = Date.now();
    const res = await forward(new Request(`${FRONTEND}/api/u1/tasks`), { backendUrl: b.url, timeoutMs: 300 });
    const took = Date.now() - started;
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('backend_unavailable');
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(3000);
  });

  it('GIVEN a stream that started in time WHEN it runs longer than the timeout THEN it is not cut off', async () => {
    const b = await backend(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      await sleep(500);
      res.end('data: 2\n\n');
    });
    const res = await forward(new Request(`${FRONTEND}/api/u1/chat`), { backendUrl: b.url, timeoutMs: 200 });
    expect(await res.text()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('GIVEN a client that disconnects mid-stream WHEN proxied THEN the backend request is aborted too', async () => {
    let closed!: () => void;
    const backendSawClose = new Promise<void>((r) => (closed = r));
    const b = await backend((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      res.on('close', () => closed());
    });
    const client = new AbortController();
    const res = await forward(new Request(`${FRONTEND}/api/u1/chat`, { signal: client.signal }), {
      backendUrl: b.url,
      timeoutMs: 5000,
    });
    const reader = res.body!.getReader();
    await reader.read();
    client.abort();
    await expect(
      Promise.race([backendSawClose.then(() => 'closed'), sleep(3000).then(() => 'still open')]),
    ).resolves.toBe('closed');
  });
});
