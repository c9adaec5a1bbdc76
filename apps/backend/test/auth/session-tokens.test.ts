import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';

// The session cookie is HttpOnly so that page JavaScript cannot read the session token; the answers that list
// sessions must not hand it over either (issue #18, finding 6).

let t: TestApp;
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp('pglite');
  user = await signUp(t.app, 'Tess');
});
afterAll(() => t?.close());

/** Every property name anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

const asCookie = () => ({ cookie: user.cookie });
const asBearer = () => ({ authorization: `Bearer ${user.token}` });

describe('session answers without session tokens', () => {
  for (const [how, headers] of [
    ['the browser cookie', asCookie],
    ['a session bearer', asBearer],
  ] as const) {
    it(`GIVEN ${how} WHEN get-session is asked THEN the user and session come back without any token`, async () => {
      const res = await t.app.inject({ url: '/api/auth/get-session', headers: headers() });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ user: { email: string }; session: { id: string; userId: string } }>();
      expect(body.user.email).toBe(user.email);
      expect(body.session.userId).toBe(user.id);
      expect(keysOf(body)).not.toContain('token');
      expect(res.body).not.toContain(user.token);
      expect(res.headers['set-auth-token']).toBeUndefined();
    });

    it(`GIVEN ${how} WHEN list-sessions is asked THEN every session is listed without its token`, async () => {
      await signUp(t.app, 'Other'); // another user's session must not show up either
      const res = await t.app.inject({ url: '/api/auth/list-sessions', headers: headers() });
      expect(res.statusCode).toBe(200);
      const sessions = res.json<Array<{ id: string; userId: string }>>();
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((s) => s.userId === user.id && typeof s.id === 'string')).toBe(true);
      expect(keysOf(sessions)).not.toContain('token');
      expect(res.body).not.toContain(user.token);
    });
  }

  it('GIVEN no session WHEN get-session is asked THEN the answer is still null', async () => {
    const res = await t.app.inject({ url: '/api/auth/get-session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toBeNull();
  });

  it('GIVEN get-session has answered WHEN the same cookie is used on the API THEN it still works', async () => {
    await t.app.inject({ url: '/api/auth/get-session', headers: asCookie() });
    const tasks = await t.app.inject({ url: `/api/${user.id}/tasks`, headers: asCookie() });
    expect(tasks.statusCode).toBe(200);
  });
});
