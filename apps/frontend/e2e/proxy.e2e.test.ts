import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_BODY_LIMIT_BYTES } from '@todo/shared/limits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFrontend } from './helpers/stack';

// The /api proxy inside the real standalone frontend server (its routing, streaming and shutdown), in front of a
// stand-in backend whose timing the test controls.

let backend: http.Server;
let backendUrl: string;
let frontend: { url: string; stop(): Promise<void> };
let releaseStream: () => void = () => {};
let releaseHold: () => void = () => {};
let endlessClosed = false;
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; firstChunkAt?: number }> =
  [];

beforeAll(async () => {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const entry: (typeof seen)[number] = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
    };
    seen.push(entry);
    if (req.url === '/api/u1/chat') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('event: delta\ndata: {"text":"first"}\n\n');
      await new Promise<void>((r) => (releaseStream = r));
      res.end('event: done\ndata: {}\n\n');
      return;
    }
    if (req.url === '/api/endless') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const tick = setInterval(() => res.write('data: tick\n\n'), 100);
      res.on('close', () => {
        clearInterval(tick);
        endlessClosed = true;
      });
      return;
    }
    if (req.url === '/api/upload') {
      let body = '';
      for await (const c of req) {
        entry.firstChunkAt ??= Date.now();
        body += String(c);
      }
      res.end(body);
      return;
    }
    if (req.url === '/api/hold') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: started\n\n');
      await new Promise<void>((r) => (releaseHold = r));
      res.end('data: finished\n\n');
      return;
    }
    if (req.url === '/api/slow') {
      setTimeout(() => res.end('late'), 3000);
      return;
    }
    if (req.url === '/api/auth/sign-in/email') {
      res.setHeader('set-cookie', ['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  };
  backend = http.createServer((req, res) => void handle(req, res));
  backend.listen(0, '127.0.0.1');
  await once(backend, 'listening');
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  frontend = await startFrontend(backendUrl, { PROXY_TIMEOUT_MS: '1000' });
});

afterAll(async () => {
  releaseStream();
  await frontend?.stop();
  backend?.closeAllConnections();
  backend?.close();
});

describe('/api proxy in the standalone server', () => {
  it('GIVEN a browser-like request accepting gzip WHEN the backend streams events THEN the first event arrives while the stream is still open', async () => {
    const res = await fetch(`${frontend.url}/api/u1/chat`, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'accept-encoding': 'gzip, deflate, br',
        'content-type': 'application/json',
      },
      body: '{"message":"hi"}',
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = await Promise.race([
      reader.read().then((r) => new TextDecoder().decode(r.value)),
      new Promise<string>((r) => setTimeout(() => r('TIMED OUT: first event was held back'), 5000)),
    ]);
    expect(first).toContain('"text":"first"');
    releaseStream();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('event: done');
  });

  it('GIVEN a client reading an endless stream WHEN it hangs up THEN the proxy closes the backend request too', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${frontend.url}/api/endless`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ctrl.abort();
    await expect.poll(() => endlessClosed, { timeout: 5000 }).toBe(true);
  });

  it('GIVEN an upload WHEN proxied THEN the backend gets the body and the original host as x-forwarded-host', async () => {
    // The largest body the API takes; one byte more is a 413 (test/server/limits.test.ts).
    const res = await fetch(`${frontend.url}/api/upload`, {
      method: 'POST',
      body: 'x'.repeat(API_BODY_LIMIT_BYTES),
    });
    expect((await res.text()).length).toBe(API_BODY_LIMIT_BYTES);
    const req = seen.find((s) => s.url === '/api/upload')!;
    expect(req.headers['x-forwarded-host']).toBe(new URL(frontend.url).host);
    expect(req.headers['x-forwarded-proto']).toBe('http');
    expect(req.headers['x-forwarded-for']).toMatch(/127\.0\.0\.1/);
  });

  it('GIVEN sign-in sets two cookies WHEN proxied THEN both reach the client', async () => {
    const res = await fetch(`${frontend.url}/api/auth/sign-in/email`, { method: 'POST', body: '{}' });
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
  });

  it('GIVEN a query string and the MCP path WHEN proxied THEN they arrive unchanged', async () => {
    const { path } = (await (
      await fetch(`${frontend.url}/api/u1/tasks?status=pending&q=a%20b%2Bc`)
    ).json()) as {
      path: string;
    };
    expect(path).toBe('/api/u1/tasks?status=pending&q=a%20b%2Bc');
    expect(await (await fetch(`${frontend.url}/mcp`, { method: 'POST', body: '{}' })).json()).toEqual({
      path: '/mcp',
    });
  });

  it('GIVEN a backend slower than PROXY_TIMEOUT_MS WHEN proxied THEN the client gets 502 backend_unavailable after about that long', async () => {
    const started = Date.now();
    const res = await fetch(`${frontend.url}/api/slow`);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('backend_unavailable');
    expect(Date.now() - started).toBeLessThan(2800);
  });

  it('GIVEN a streaming request in flight WHEN the frontend gets SIGTERM THEN it stops accepting, lets the stream finish and exits 0', async () => {
    const own = await startFrontend(backendUrl, { SHUTDOWN_TIMEOUT_MS: '10000' });
    const exited = new Promise<number | null>((r) => own.process.once('exit', (code) => r(code)));
    const res = await fetch(`${own.url}/api/hold`);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('started');
    own.process.kill('SIGTERM');
    // A new connection (not one kept alive from before) is what a load balancer would open next.
    const connect = () =>
      new Promise<string>((resolve) => {
        http
          .get(`${own.url}/api/health`, { agent: false }, (r) => {
            r.resume();
            resolve('accepting');
          })
          .once('error', () => resolve('refused'));
      });
    await expect.poll(connect, { timeout: 3000 }).toBe('refused');
    releaseHold();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('finished');
    expect(await exited).toBe(0);
  });

  it('GIVEN an idle frontend WHEN it gets SIGTERM THEN it exits 0 within 2 s', async () => {
    const own = await startFrontend(backendUrl);
    await fetch(`${own.url}/api/u1/tasks`).then((r) => r.text()); // leaves a keep-alive connection open
    const exited = new Promise<number | null>((r) => own.process.once('exit', (code) => r(code)));
    const started = Date.now();
    own.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('GIVEN the backend goes away WHEN probed and proxied THEN /api/health still answers 200 and /api answers 502', async () => {
    backend.closeAllConnections();
    backend.close();
    await once(backend, 'close');
    expect((await fetch(`${frontend.url}/api/health`)).status).toBe(200);
    const res = await fetch(`${frontend.url}/api/u1/tasks`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'backend_unavailable' } });
  });
});
