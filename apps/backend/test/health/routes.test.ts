import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/client';
import { DRIVERS } from '../helpers/db';
import { TEST_SECRET, createTestApp, signUp, type TestApp } from '../helpers/app';
import { errorOf } from '../helpers/json';

describe.each(DRIVERS)('health on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it('GIVEN a reachable database THEN /healthz and /readyz are 200', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: driver });
  });
});

describe('readiness when the database is down', () => {
  // A TCP server that accepts connections and never answers: the worst case, a hung database.
  let hung: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    hung = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => hung.close(r));
  });

  const appOn = async (url: string) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      BETTER_AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
    });
    const database = await createDatabase({ driver: 'pg', url });
    const app = await buildApp({ config, database, logger: false });
    return { app, database };
  };

  it.each([
    ['refuses connections', () => 'postgres://postgres@127.0.0.1:1/none'],
    ['hangs', () => `postgres://postgres@127.0.0.1:${(hung.address() as AddressInfo).port}/none`],
  ])(
    'GIVEN a database that %s WHEN probing /readyz THEN 503 within 2 s, /healthz stays 200',
    async (_name, url) => {
      const { app, database } = await appOn(url());
      try {
        const started = Date.now();
        const ready = await app.inject('/readyz');
        expect(Date.now() - started).toBeLessThan(2000);
        expect(ready.statusCode).toBe(503);
        expect(errorOf(ready).code).toBe('database_unavailable');
        expect((await app.inject('/healthz')).statusCode).toBe(200);
      } finally {
        await app.close();
        await database.close();
      }
    },
  );

  it('GIVEN a database that refuses connections WHEN a user calls the API THEN a clear 503, not a 500', async () => {
    const { app, database } = await appOn('postgres://postgres@127.0.0.1:1/none');
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: 'http://localhost:80' },
        payload: { email: 'a@b.co', password: 'password123' },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).not.toBe(500);
      expect(errorOf(res)).toBeDefined();
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('GIVEN a healthy app WHEN its database is closed underneath THEN task requests get 503 database_unavailable', async () => {
    const t = await createTestApp(DRIVERS.includes('pg') ? 'pg' : 'pglite');
    const user = await signUp(t.app, 'Down');
    await t.db.database.close();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect([503]).toContain(res.statusCode);
    expect(errorOf(res).code).toBe('database_unavailable');
    await t.app.close();
    await t.db.drop().catch(() => {});
  });
});
