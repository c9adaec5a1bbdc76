import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { signUp, signUpThenIn, TEST_SECRET } from './helpers/app';
import { openTestDatabase } from './helpers/db';

describe('buildApp logging', () => {
  it('GIVEN JSON logs WHEN users sign up and call the API THEN lines carry a request id and never a password, token or cookie', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const db = await openTestDatabase('pglite');
    const config = loadConfig({ NODE_ENV: 'test', BETTER_AUTH_SECRET: TEST_SECRET, LOG_LEVEL: 'info' });
    const app = await buildApp({ config, database: db.database, logStream: stream });
    try {
      const password = 'super secret password 42';
      const { signIn: res } = await signUpThenIn(
        app,
        { name: 'Log', email: 'log@example.test', password },
        { headers: { origin: 'http://localhost:80' } },
      );
      const { token, user } = res.json<{ token: string; user: { id: string } }>();
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      await app.inject({
        url: `/api/${user.id}/tasks`,
        headers: { authorization: `Bearer ${token}`, cookie },
      });
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(2);
      expect(all).toMatch(/"reqId":"[0-9a-f-]{36}"/);
      for (const secret of [password, token, cookie.split('=')[1]!, TEST_SECRET])
        expect(all).not.toContain(secret);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('buildApp slow clients', () => {
  /** Raw socket to the app: what a slow or hostile client does, byte by byte. */
  function rawClient(port: number) {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    return { socket, closed, received: () => received };
  }

  it('GIVEN a client that sends its headers then trickles the body WHEN the request timeout passes THEN 408 and the socket closes, while an event stream stays open', async () => {
    const db = await openTestDatabase('pglite');
    const config = loadConfig({ NODE_ENV: 'test', BETTER_AUTH_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
    const app = await buildApp({
      config,
      database: db.database,
      logger: false,
      requestTimeoutMs: 800,
      reminders: false,
    });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const user = await signUp(app, 'Slow');
      const stream = rawClient(port);
      stream.socket.write(
        `GET /api/${user.id}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${user.token}\r\n\r\n`,
      );
      const slow = rawClient(port);
      const started = Date.now();
      slow.socket.write(
        'POST /api/auth/sign-in/email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n',
      );
      slow.socket.write('Content-Length: 1000\r\n\r\n{"email":');
      const drip = setInterval(() => slow.socket.write(' '), 200);
      await slow.closed;
      clearInterval(drip);
      expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(5000);
      // The stream is a response, not a request: it outlives the timeout.
      await new Promise((r) => setTimeout(r, 500));
      expect(stream.socket.destroyed).toBe(false);
      expect(stream.received()).toContain(': connected');
      stream.socket.destroy();
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
