import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TEST_SECRET } from './helpers/app';
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
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: { origin: 'http://localhost:80' },
        payload: { name: 'Log', email: 'log@example.test', password },
      });
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
