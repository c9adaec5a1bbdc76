import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_BODY_LIMIT_BYTES } from '@todo/shared/limits';
import { readBody, record, sleep } from '../helpers/backend';
import { backend, frontend, rawExchange } from '../helpers/frontend';

// What a client can do to the frontend server by sending too much, too slowly, or something that is not a request
// for a path: each gets a clear 4xx in the API's error shape, and none ties up a connection to the backend.

const errorOf = (raw: string) =>
  JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };

/** POSTs `size` bytes to `url`, declared (Content-Length) or chunked; returns the status and the body. */
function upload(url: string, size: number, chunked: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': size }) },
      agent: false,
    });
    req.once('response', (res) => void readBody(res).then(resolve, reject));
    // The server may answer and close before the whole upload went out.
    req.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    const piece = Buffer.alloc(16 * 1024, 'a');
    for (let sent = 0; sent < size; sent += piece.length)
      req.write(piece.subarray(0, Math.min(piece.length, size - sent)));
    req.end();
  });
}

describe('request bodies over the API limit', () => {
  it('GIVEN a declared body larger than the limit and a backend that hangs up on it WHEN proxied THEN the client gets 413 payload_too_large as JSON, not 502', async () => {
    // Like the real backend: it answers 413 at once and stops reading (the proxy used to see EPIPE and say 502).
    const b = await backend((req, res) => {
      res.writeHead(413, { connection: 'close' }).end();
      req.socket.destroy();
    });
    const fe = await frontend(b.url);
    const { status, body } = await upload(`${fe}/api/auth/sign-in/email`, 2_000_000, false);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('GIVEN a chunked body that grows past the limit WHEN proxied THEN the proxy itself stops it with 413 payload_too_large', async () => {
    // A backend that would read anything: only the proxy's own count can refuse the upload.
    const b = await backend(async (req, res, received) => {
      const r = await record(req, received);
      res.end(String(r.body.length));
    });
    const fe = await frontend(b.url);
    const { status, body } = await upload(`${fe}/api/u1/tasks`, 2_000_000, true);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('GIVEN fetch still sending a 12 MB body, sized or chunked WHEN the proxy refuses it THEN fetch reads the 413 instead of failing on a reset', async () => {
    const b = await backend((_req, res) => void res.end('{}'));
    const fe = await frontend(b.url);
    // More than the socket buffers hold, so the client is still writing when the 413 is ready.
    const big = 'x'.repeat(12_000_000);
    // fetch rejects the whole exchange when its upload hits a closed socket, so every try must get the answer.
    for (let i = 0; i < 3; i++) {
      for (const chunked of [false, true]) {
        const body = chunked
          ? new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(big));
                controller.close();
              },
            })
          : big;
        const res = await fetch(`${fe}/api/u1/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          duplex: 'half',
        } as RequestInit);
        expect(res.status).toBe(413);
        expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      }
    }
  });

  it('GIVEN a declared body over the limit WHEN it arrives THEN the backend is not even asked', async () => {
    const b = await backend(async (req, res, received) => {
      await record(req, received);
      res.end('ok');
    });
    const fe = await frontend(b.url);
    expect((await upload(`${fe}/api/u1/tasks`, API_BODY_LIMIT_BYTES + 1, false)).status).toBe(413);
    expect(b.received).toHaveLength(0);
  });

  it('GIVEN bodies of exactly the limit WHEN declared or chunked THEN they pass through whole', async () => {
    const b = await backend(async (req, res, received) => {
      const r = await record(req, received);
      res.end(String(r.body.length));
    });
    const fe = await frontend(b.url);
    for (const chunked of [false, true]) {
      const { status, body } = await upload(`${fe}/api/u1/tasks`, API_BODY_LIMIT_BYTES, chunked);
      expect(status).toBe(200);
      expect(body).toBe(String(API_BODY_LIMIT_BYTES));
    }
  });
});

describe('slow clients', () => {
  it('GIVEN a client that sends headers and part of its body, then stalls WHEN the request timeout passes THEN it gets 408 as JSON and the backend call is cancelled', async () => {
    let backendClosed = false;
    const b = await backend((req) => {
      req.resume();
      req.socket.once('close', () => (backendClosed = true));
    });
    const fe = await frontend(b.url, { requestTimeoutMs: 1000 });
    const started = Date.now();
    const raw = await Promise.race([
      rawExchange(
        fe,
        'POST /api/u1/tasks HTTP/1.1\r\nHost: fe.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ti',
        { keepOpen: true },
      ),
      sleep(5000).then(() => 'no answer'),
    ]);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(errorOf(raw).error.code).toBe('validation_error');
    expect(Date.now() - started).toBeLessThan(4000);
    await sleep(100);
    expect(backendClosed).toBe(true);
  });

  it('GIVEN a client that never finishes its headers WHEN the header timeout passes THEN it gets 408 as JSON', async () => {
    const fe = await frontend('http://127.0.0.1:1', { requestTimeoutMs: 1000 });
    const raw = await Promise.race([
      rawExchange(fe, 'GET / HTTP/1.1\r\nHost: fe.test\r\nX-Slow: ', { keepOpen: true }),
      sleep(5000).then(() => 'no answer'),
    ]);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(errorOf(raw).error.code).toBe('validation_error');
  });
});

describe('odd request targets', () => {
  it('GIVEN OPTIONS * or GET * WHEN they arrive THEN they get 400 validation_error as JSON, not a 500', async () => {
    const fe = await frontend('http://127.0.0.1:1', {
      next: () => {
        throw new Error('Next must not be asked');
      },
    });
    for (const method of ['OPTIONS', 'GET']) {
      const raw = await rawExchange(fe, `${method} * HTTP/1.1\r\nHost: fe.test\r\nConnection: close\r\n\r\n`);
      expect(raw, method).toMatch(/^HTTP\/1\.1 400 /);
      expect(errorOf(raw).error.code).toBe('validation_error');
      expect(raw).not.toMatch(/at \S+ \(/); // no stack trace
    }
  });

  it('GIVEN an absolute-form target naming another host WHEN a page is requested THEN Next is handed only the path', async () => {
    let handed = '';
    const fe = await frontend('http://127.0.0.1:1', {
      next: (req, res) => {
        handed = req.url ?? '';
        res.end('next');
      },
    });
    const raw = await rawExchange(
      fe,
      'GET http://evil.example/sign-in?x=1 HTTP/1.1\r\nHost: fe.test\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(handed).toBe('/sign-in?x=1');
  });

  it('GIVEN a page handler that fails WHEN a page is requested THEN the client gets a 500 in the API shape without details', async () => {
    const fe = await frontend('http://127.0.0.1:1', {
      next: () => Promise.reject(new Error('secret internals at /srv/app.js:1:1')),
    });
    const raw = await rawExchange(fe, 'GET / HTTP/1.1\r\nHost: fe.test\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 500 /);
    expect(errorOf(raw).error.code).toBe('internal_error');
    expect(raw).not.toContain('secret internals');
  });
});
