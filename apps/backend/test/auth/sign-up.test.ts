import { SIGN_UP_REPLY, sessionUserSchema } from '@todo/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { json } from '../helpers/json';

/** What Better Auth answers a sign-in with: the bearer token and the user (the fields the app reads of it). */
const signInReplySchema = z.object({ token: z.string(), user: sessionUserSchema });

/*
 * Sign-up tells no one whether an email is registered (auth/sign-up.ts): a registered email gets the very answer
 * a new one gets, at the same time, and the account behind it is left exactly as it was.
 */

const PASSWORD = 'correct horse battery';
const MIN_MS = 400; // the production default of AUTH_SIGN_UP_MIN_MS

describe.each(DRIVERS.filter((d) => d !== 'neon'))('sign-up on %s', (driver) => {
  let t: TestApp;
  let owner: TestUser;
  let address = 0;
  beforeAll(async () => {
    t = await createTestApp(driver, { AUTH_SIGN_UP_MIN_MS: String(MIN_MS) });
    owner = await signUp(t.app, 'Owner');
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: object, app = t.app) =>
    app.inject({
      method: 'POST',
      url,
      headers: { origin: 'http://localhost:80', 'x-forwarded-for': `10.7.0.${++address % 250}` },
      payload,
    });
  const signUpAs = (email: string, password = PASSWORD, name = 'Someone', app = t.app) =>
    post('/api/auth/sign-up/email', { name, email, password }, app);
  /** What a prober could compare: status, body, and which headers came back. */
  const visible = (res: LightMyRequestResponse) => ({
    status: res.statusCode,
    body: res.json<unknown>(),
    cookie: res.headers['set-cookie'] ?? null,
    token: res.headers['set-auth-token'] ?? null,
    type: res.headers['content-type'],
  });
  const fresh = () => `new-${driver}-${Date.now()}-${++address}@example.test`;

  it.each([
    ['the same password as the account', PASSWORD],
    ['another password', 'a different long passphrase'],
  ])(
    'GIVEN a registered email and %s WHEN signing up THEN the answer is the one a new email gets, with no session',
    async (_what, password) => {
      const answers = [
        visible(await signUpAs(fresh(), password)),
        visible(await signUpAs(owner.email, password)),
      ];
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[0]).toEqual({
        status: 200,
        body: SIGN_UP_REPLY,
        cookie: null,
        token: null,
        type: 'application/json; charset=utf-8',
      });
    },
  );

  it('GIVEN a registered email WHEN someone signs up with it (another name and password) THEN the account is unchanged', async () => {
    await signUpAs(owner.email.toUpperCase(), 'an intruder’s passphrase', 'Intruder');
    const intruder = await post('/api/auth/sign-in/email', {
      email: owner.email,
      password: 'an intruder’s passphrase',
    });
    expect(intruder.statusCode).toBe(401);
    const real = await post('/api/auth/sign-in/email', { email: owner.email, password: PASSWORD });
    expect(real.statusCode).toBe(200);
    expect(json(real, signInReplySchema).user).toMatchObject({ id: owner.id, name: 'Owner' });
    const [row] = await t.db.database.query<{ n: number }>(
      '',
      'select count(*)::int as n from users where lower(email) = lower($1)',
      [owner.email],
    );
    expect(row?.n).toBe(1);
  });

  it('GIVEN a new email WHEN signing up and then signing in with the same email and password THEN the new account works', async () => {
    const email = fresh();
    expect((await signUpAs(email)).statusCode).toBe(200);
    const signIn = await post('/api/auth/sign-in/email', { email, password: PASSWORD });
    expect(signIn.statusCode).toBe(200);
    const { user, token } = json(signIn, signInReplySchema);
    const tasks = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tasks.statusCode).toBe(200);
  });

  it('GIVEN new and registered emails in turn WHEN timing sign-ups THEN both take the floor and their medians differ by under 15 ms', async () => {
    // A floor well above the work, so a loaded CI machine (hashing slowed several times) stays under it; the
    // production floor is MIN_MS on an idle server.
    const floor = 1000;
    const timed = await createTestApp(driver, { AUTH_SIGN_UP_MIN_MS: String(floor) });
    try {
      const taken = (await signUp(timed.app, 'Owner')).email;
      const ms: Record<'fresh' | 'taken', number[]> = { fresh: [], taken: [] };
      for (let i = 0; i < 3; i++) {
        for (const kind of i % 2 ? (['taken', 'fresh'] as const) : (['fresh', 'taken'] as const)) {
          const started = performance.now();
          const res = await signUpAs(kind === 'fresh' ? fresh() : taken, PASSWORD, 'Someone', timed.app);
          ms[kind].push(performance.now() - started);
          expect(res.statusCode).toBe(200);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      expect(Math.min(...ms.fresh, ...ms.taken)).toBeGreaterThanOrEqual(floor - 1);
      expect(Math.abs(median(ms.fresh) - median(ms.taken))).toBeLessThan(15);
    } finally {
      await timed.close();
    }
  });
});
