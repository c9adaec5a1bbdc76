import { request } from 'node:http';
import { taskSchema } from '@todo/shared';
import { describe, expect, it } from 'vitest';
import { signUpOverHttp, TEST_SECRET } from './helpers/app';
import { json } from './helpers/json';
import { freePort, startServer, waitReady } from './helpers/server-process';

describe('server process', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Invalid environment variable PORT: expected an integer \(got "eighty"\)$/],
    [{ NODE_ENV: 'production' }, /^Missing environment variable BETTER_AUTH_SECRET/],
    [{ DATABASE_URL: 'not a url' }, /^Invalid environment variable DATABASE_URL: expected an absolute URL$/],
  ])(
    'GIVEN bad config %o WHEN starting THEN it exits 1 with one line naming the variable',
    async (env, line) => {
      const server = startServer(env);
      expect(await server.exited).toBe(1);
      const lines = server.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
    },
  );

  it('GIVEN a request in flight WHEN SIGTERM arrives THEN that request completes, new connections are refused, and the process exits 0', async () => {
    const port = await freePort();
    const server = startServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DATA_DIR: 'memory://',
      BETTER_AUTH_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
    });
    try {
      await waitReady(port);
      const { token, id } = await signUpOverHttp(`http://127.0.0.1:${port}`, {
        name: 'S',
        email: 's@example.test',
        password: 'sturdy-lamp-1234',
      });
      const user = { id };
      const body = JSON.stringify({ title: 'written during shutdown' });

      // Send the headers and half the body, signal, then finish the body: the request is truly in flight.
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `/api/${user.id}/tasks`,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${token}`,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => {
            // While draining, a new connection is refused (a failed expectation fails this request's promise).
            expect(fetch(`http://127.0.0.1:${port}/healthz`))
              .rejects.toThrow()
              .then(() => req.end(body.slice(10)), reject);
          }, 500);
        }, 200);
      });

      const res = await response;
      expect(res.status).toBe(201);
      expect(json(res, taskSchema).title).toBe('written during shutdown');
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/shutting down/);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);
});
