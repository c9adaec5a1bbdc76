import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/auth/password-policy';
import { createTestApp, signUp, type TestApp } from '../helpers/app';
import { errorOf } from '../helpers/json';

const ORIGIN = 'http://localhost:80';

describe('passwordProblem', () => {
  it.each([
    ['12345678', 'one of the most used passwords'],
    ['password1234', 'very like a commonly used password'],
    ['qwertyuiop', 'one of the most used passwords'],
    ['iloveyou1', 'commonly used password'],
    ['Password123!', 'very like a commonly used password'],
  ])('GIVEN "%s" THEN refused: %s', async (password, why) => {
    expect(await passwordProblem(password)).toContain(why);
  });

  it.each(['correct horse battery', 'sturdy-lamp-1234', 'another password', 'Tr4vel to Lahore in May'])(
    'GIVEN "%s" THEN accepted',
    async (password) => {
      expect(await passwordProblem(password)).toBeNull();
    },
  );

  it("GIVEN a password made of the user's own email THEN refused as containing it", async () => {
    expect(await passwordProblem('zainab.qureshi', ['zainab.qureshi@example.test', 'Zainab'])).not.toBeNull();
  });
});

describe('password policy through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { origin: ORIGIN, ...headers },
      payload: payload as object,
    });

  it('GIVEN sign-up with "12345678" THEN 400 password_too_common and no account exists', async () => {
    const email = `weak-${Date.now()}@example.test`;
    const res = await post('/api/auth/sign-up/email', { name: 'Weak', email, password: '12345678' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: 'validation_error',
      details: { reason: 'password_too_common' },
    });
    expect(errorOf(res).message).toMatch(/too easy to guess/);
    const signIn = await post('/api/auth/sign-in/email', { email, password: '12345678' });
    expect(signIn.statusCode).toBe(401);
  });

  it('GIVEN a signed-in user WHEN changing to "password1234" THEN 400 and the old password still signs in', async () => {
    const user = await signUp(t.app, 'Changer');
    const res = await post(
      '/api/auth/change-password',
      { currentPassword: 'correct horse battery', newPassword: 'password1234' },
      { cookie: user.cookie },
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual({ reason: 'password_too_common' });
    const again = await post('/api/auth/sign-in/email', {
      email: user.email,
      password: 'correct horse battery',
    });
    expect(again.statusCode).toBe(200);
  });

  it('GIVEN a sign-up with a short password THEN Better Auth still answers password_too_short', async () => {
    const res = await post('/api/auth/sign-up/email', {
      name: 'S',
      email: 'short@example.test',
      password: 'abc',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual({ reason: 'password_too_short' });
  });
});
