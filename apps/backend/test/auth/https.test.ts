import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpThenIn, type TestApp } from '../helpers/app';

// A deployment behind HTTPS (BETTER_AUTH_URL=https://…): the browser's session cookie must be Secure and
// __Secure- prefixed, and the backend must accept exactly that cookie on every route.

const ORIGIN = 'https://todo.example.com';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp('pglite', { BETTER_AUTH_URL: ORIGIN });
});
afterAll(async () => {
  await t.close();
});

/** What the frontend's proxy forwards for a browser on the HTTPS origin. */
const viaHttps = { origin: ORIGIN, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'todo.example.com' };

async function signUpOverHttps(email: string) {
  const { signIn: res } = await signUpThenIn(
    t.app,
    { name: 'Secure User', email, password: 'correct horse battery' },
    { headers: { ...viaHttps, 'x-forwarded-for': '198.51.100.20' } },
  );
  expect(res.statusCode).toBe(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = setCookie.find((c) => c.includes('session_token='))!;
  return { res, session, userId: res.json<{ user: { id: string } }>().user.id };
}

describe('auth behind HTTPS', () => {
  it('GIVEN an https BETTER_AUTH_URL WHEN a user signs up and in THEN the session cookie is __Secure- prefixed, Secure, HttpOnly and SameSite=Lax', async () => {
    const { session } = await signUpOverHttps('secure-1@example.test');
    expect(session).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  it('GIVEN that cookie WHEN the browser sends it back THEN the session and the API work, and the unprefixed name does not', async () => {
    const { session, userId } = await signUpOverHttps('secure-2@example.test');
    const cookie = session.split(';')[0]!;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/get-session',
      headers: { ...viaHttps, cookie },
    });
    expect(me.json<{ user: { id: string } }>().user.id).toBe(userId);
    const tasks = await t.app.inject({ method: 'GET', url: `/api/${userId}/tasks`, headers: { cookie } });
    expect(tasks.statusCode).toBe(200);
    const unprefixed = cookie.replace(/^__Secure-/, '');
    const rejected = await t.app.inject({
      method: 'GET',
      url: `/api/${userId}/tasks`,
      headers: { cookie: unprefixed },
    });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('GIVEN a signed-in browser WHEN it signs out THEN the Secure cookie is cleared and no longer accepted', async () => {
    const { session, userId } = await signUpOverHttps('secure-3@example.test');
    const cookie = session.split(';')[0]!;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { ...viaHttps, cookie },
    });
    expect(out.statusCode).toBe(200);
    const cleared = ([] as string[])
      .concat(out.headers['set-cookie'] ?? [])
      .find((c) => c.includes('session_token='));
    expect(cleared).toMatch(/^__Secure-better-auth\.session_token=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    const after = await t.app.inject({ method: 'GET', url: `/api/${userId}/tasks`, headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });
});
