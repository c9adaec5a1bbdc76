import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createTestApp, signUpThenIn, type TestApp } from '../helpers/app';

// The frontend pod (a trusted proxy) is 10.244.1.5; anything else connects straight to the backend.
const PROXY = '10.244.1.5';
const ATTACKER = '10.244.7.9';

describe('forwarded headers are believed only from TRUSTED_PROXIES', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUSTED_PROXIES: '10.244.1.0/24', AUTH_RATE_LIMIT_MAX: '3' });
  });
  afterAll(() => t?.close());

  let n = 0;
  // A fresh account per attempt keeps the per-account limit out of these per-address checks.
  const signIn = (remoteAddress: string, headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress,
      headers: { origin: 'http://localhost:80', ...headers },
      payload: { email: `nobody-${++n}@example.test`, password: 'whatever123' },
    });

  it('GIVEN a client outside the proxy range WHEN it rotates X-Forwarded-For THEN its own address is limited after AUTH_RATE_LIMIT_MAX', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await signIn(ATTACKER, { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it("GIVEN that spoofing client WHEN it names a victim's address THEN the victim's budget is untouched", async () => {
    for (let i = 0; i < 4; i++) await signIn('10.244.8.8', { 'x-forwarded-for': '192.0.2.44' });
    // The victim's sign-in arrives through the frontend proxy, which vouches for 192.0.2.44.
    expect((await signIn(PROXY, { 'x-forwarded-for': '192.0.2.44' })).statusCode).toBe(401);
  });

  it('GIVEN the trusted proxy WHEN it forwards different client addresses THEN each has its own budget', async () => {
    for (let i = 0; i < 3; i++)
      expect((await signIn(PROXY, { 'x-forwarded-for': '192.0.2.10' })).statusCode).toBe(401);
    expect((await signIn(PROXY, { 'x-forwarded-for': '192.0.2.10' })).statusCode).toBe(429);
    expect((await signIn(PROXY, { 'x-forwarded-for': '192.0.2.11' })).statusCode).toBe(401);
  });
});

describe('Secure session cookie behind TLS termination (BETTER_AUTH_URL unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUSTED_PROXIES: PROXY });
  });
  afterAll(() => t?.close());

  /** Sign-up then sign-in; the sign-in's answer (or the sign-up's when it was refused). */
  const signUp = async (remoteAddress: string, email: string) =>
    (
      await signUpThenIn(
        t.app,
        { name: 'Tls', email, password: 'correct horse battery' },
        {
          remoteAddress,
          headers: {
            origin: 'https://todo.example.com',
            'x-forwarded-proto': 'https',
            'x-forwarded-host': 'todo.example.com',
          },
        },
      )
    ).signIn;
  const sessionCookie = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
      .find((c) => c.includes('session_token='));

  it('GIVEN the trusted proxy saying https WHEN a user signs up and in THEN the session cookie is Secure and still works', async () => {
    const res = await signUp(PROXY, 'tls-1@example.test');
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    const userId = res.json<{ user: { id: string } }>().user.id;
    const tasks = await t.app.inject({
      method: 'GET',
      url: `/api/${userId}/tasks`,
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(tasks.statusCode).toBe(200);
  });

  it('GIVEN a direct client claiming https WHEN it signs up THEN its claim is ignored: no Secure, and its origin is not trusted', async () => {
    const res = await signUp('10.9.9.9', 'tls-2@example.test');
    // The host it claims is not believed either, so its https Origin does not match and the CSRF check refuses.
    expect(res.statusCode).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });
});

describe('TRUSTED_PROXIES in the env contract', () => {
  const base = { NODE_ENV: 'test', BETTER_AUTH_SECRET: 'x'.repeat(32) };
  it.each(['10.0.0.0/33', 'frontend', '10.0.0.1,nope'])(
    'GIVEN TRUSTED_PROXIES=%s WHEN the config loads THEN it fails naming the variable',
    (value) => {
      expect(() => loadConfig({ ...base, TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES/);
    },
  );
  it('GIVEN nothing set WHEN the config loads THEN only loopback is trusted (a frontend on the same machine)', () => {
    expect(loadConfig(base).TRUSTED_PROXIES).toEqual(['loopback']);
  });
});
