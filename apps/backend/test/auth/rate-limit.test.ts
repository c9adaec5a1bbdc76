import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { rateLimiter } from '../../src/auth/rate-limit';
import { createDatabase, type Database } from '../../src/db/client';
import { signUp, testConfig } from '../helpers/app';
import { DRIVERS, openTestDatabase, type TestDatabase } from '../helpers/db';
import { anyNumber } from '../helpers/json';

const ORIGIN = 'http://localhost:80';
const PASSWORD = 'correct horse battery';

/**
 * Two replicas of the app on one database, as the chart runs them: on real Postgres each with its own pool
 * (nothing shared but the database), on PGlite over the one embedded instance.
 */
async function twoReplicas(driver: (typeof DRIVERS)[number], env: Record<string, string>) {
  const db = await openTestDatabase(driver);
  const second: Database =
    driver === 'pglite' ? db.database : await createDatabase({ driver, url: db.url!, poolMax: 2 });
  const config = testConfig(env);
  const a = await buildApp({ config, database: db.database, logger: false });
  const b = await buildApp({ config, database: second, logger: false });
  return {
    db,
    replicas: [a, b] as const,
    async close() {
      await a.close();
      await b.close();
      if (second !== db.database) await second.close();
      await db.drop();
    },
  };
}

describe.each(DRIVERS)('rate limits shared by replicas (%s)', (driver) => {
  let setup: Awaited<ReturnType<typeof twoReplicas>>;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    setup = await twoReplicas(driver, { AUTH_ACCOUNT_RATE_LIMIT_MAX: '10' });
    [a, b] = setup.replicas;
  });
  afterAll(() => setup?.close());

  const signIn = (app: FastifyInstance, email: string, password: string, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: ORIGIN, 'x-forwarded-for': ip },
      payload: { email, password },
    });

  it('GIVEN 12 wrong passwords for one account from rotating addresses across two replicas WHEN the right one comes THEN 429, other accounts unaffected', async () => {
    const victim = await signUp(a, 'Victim');
    const bystander = await signUp(a, 'Bystander');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const replica = i % 2 === 0 ? a : b;
      // Mixed case: the account is the same whatever the spelling of its email.
      const email = i % 3 === 0 ? victim.email.toUpperCase() : victim.email;
      codes.push((await signIn(replica, email, `wrong guess ${i}`, `203.0.113.${i + 1}`)).statusCode);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual([429, 429]);
    const right = await signIn(b, victim.email, PASSWORD, '198.51.100.1');
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(right.json()).toMatchObject({
      error: { code: 'rate_limited', details: { retry_after_seconds: anyNumber() } },
    });
    expect((await signIn(a, bystander.email, PASSWORD, '203.0.113.1')).statusCode).toBe(200);
  });

  it('GIVEN right passwords WHEN signing in many times THEN they never lock the account (only failures count)', async () => {
    const user = await signUp(a, 'Often');
    for (let i = 0; i < 12; i++)
      expect((await signIn(i % 2 ? a : b, user.email, PASSWORD, '198.51.100.2')).statusCode).toBe(200);
  });

  it('GIVEN 12 wrong current passwords on change-password across two replicas WHEN the right one comes THEN 429 and the password is unchanged', async () => {
    const user = await signUp(a, 'Changer');
    const change = (app: FastifyInstance, currentPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { origin: ORIGIN, cookie: user.cookie },
        payload: { currentPassword, newPassword: 'a brand new passphrase' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await change(i % 2 ? a : b, `wrong ${i}`)).statusCode);
    expect(codes.slice(0, 10).every((c) => c >= 400 && c < 429)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect((await change(a, PASSWORD)).statusCode).toBe(429);
    // The same account budget covers sign-in: guesses cannot move from one door to the other.
    expect((await signIn(b, user.email, PASSWORD, '198.51.100.3')).statusCode).toBe(429);
  });

  it('GIVEN AUTH_RATE_LIMIT_MAX per address WHEN one address signs in on both replicas THEN their counts add up', async () => {
    const limited = await twoReplicas(driver, { AUTH_RATE_LIMIT_MAX: '4' });
    try {
      const [x, y] = limited.replicas;
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push(
          (await signIn(i % 2 ? x : y, `nobody${i}@example.test`, 'whatever123', '192.0.2.7')).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('rateLimiter', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.drop());

  it('GIVEN concurrent hits on one key WHEN counted THEN none is lost and exactly max are allowed', async () => {
    const limiter = rateLimiter(db.database);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => limiter.hit('test:concurrent', { max: 5, windowSeconds: 60 })),
    );
    expect(results.map((r) => r.hits).sort((p, q) => p - q)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('GIVEN a window that has ended WHEN the key is hit again THEN counting starts over', async () => {
    const limiter = rateLimiter(db.database);
    await limiter.hit('test:expiry', { max: 1, windowSeconds: 1 }, 5);
    expect((await limiter.hit('test:expiry', { max: 1, windowSeconds: 1 })).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await limiter.hit('test:expiry', { max: 1, windowSeconds: 1 });
    expect(fresh).toMatchObject({ allowed: true, hits: 1 });
  });

  it('GIVEN an ended window and a live one WHEN the limiter sweeps THEN only the ended one is deleted', async () => {
    const limiter = rateLimiter(db.database, { sweepEveryMs: 50 });
    await limiter.hit('test:sweep-ended', { max: 1, windowSeconds: 1 });
    await limiter.hit('test:sweep-live', { max: 1, windowSeconds: 60 });
    const keys = async () =>
      (
        await db.database.query<{ key: string }>(
          'keys',
          `select key from rate_limits where key like 'test:sweep-%' order by key`,
          [],
        )
      ).map((r) => r.key);
    expect(await keys()).toEqual(['test:sweep-ended', 'test:sweep-live']);
    await new Promise((r) => setTimeout(r, 1100));
    const stop = limiter.startSweeping();
    try {
      await expect.poll(keys, { timeout: 2000 }).toEqual(['test:sweep-live']);
    } finally {
      stop();
    }
  });
});

describe.each(DRIVERS)('rateLimiter durability (%s)', (driver) => {
  it('GIVEN a hit counted without waiting for its flush WHEN the same connection runs the next statement THEN that one is durable again', async () => {
    const db = await openTestDatabase(driver);
    // One connection, so the statement after the hit is sure to run where the hit ran.
    const one =
      driver === 'pglite' ? db.database : await createDatabase({ driver, url: db.url!, poolMax: 1 });
    try {
      const before = await one.query<{ synchronous_commit: string }>('show', 'show synchronous_commit', []);
      await rateLimiter(one).hit('test:durable', { max: 5, windowSeconds: 60 });
      const after = await one.query<{ synchronous_commit: string }>('show', 'show synchronous_commit', []);
      expect(before[0]!.synchronous_commit).toBe('on');
      expect(after).toEqual(before);
    } finally {
      if (one !== db.database) await one.close();
      await db.drop();
    }
  });
});
