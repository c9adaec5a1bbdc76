import { sessionReplySchema, tokenListSchema } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../helpers/app';
import { anyString, errorOf, json } from '../helpers/json';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { AUTH_RATE_LIMIT_MAX: '5' });
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { origin: 'http://localhost:80', 'x-forwarded-for': '10.0.0.1', ...headers },
    });

  it('GIVEN a new email WHEN signing up THEN a cookie session and a bearer token both work', async () => {
    const user = await signUp(t.app, 'Dana');
    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/auth/get-session',
      headers: { cookie: user.cookie },
    });
    expect(json(viaCookie, sessionReplySchema)?.user.email).toBe(user.email);
    const viaBearer = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(viaBearer.statusCode).toBe(200);
    const viaCookieTasks = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { cookie: user.cookie },
    });
    expect(viaCookieTasks.statusCode).toBe(200);
  });

  it('GIVEN an existing account WHEN signing in with the right and wrong password THEN 200 vs 401 with the error shape', async () => {
    const user = await signUp(t.app, 'Eve');
    const ok = await post(
      '/api/auth/sign-in/email',
      { email: user.email, password: 'correct horse battery' },
      { 'x-forwarded-for': '10.0.0.2' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['set-auth-token']).toBeTruthy();
    const bad = await post(
      '/api/auth/sign-in/email',
      { email: user.email, password: 'wrong password!' },
      { 'x-forwarded-for': '10.0.0.2' },
    );
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: anyString(),
        details: { reason: 'invalid_email_or_password' },
      },
    });
  });

  it.each([
    ['short password', { name: 'x', email: 'short@example.test', password: 'short' }],
    ['bad email', { name: 'x', email: 'not-an-email', password: 'long enough pass' }],
    ['missing fields', {}],
  ])('GIVEN %s WHEN signing up THEN 400 with the error shape', async (_n, body) => {
    const res = await post('/api/auth/sign-up/email', body, { 'x-forwarded-for': '10.0.0.4' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_error');
  });

  it('GIVEN a signed-in user WHEN signing out THEN the session no longer authenticates', async () => {
    const user = await signUp(t.app, 'Gus');
    const out = await post('/api/auth/sign-out', {}, { cookie: user.cookie });
    expect(out.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { cookie: user.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  const tasksOf = (user: { id: string }, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/${user.id}/tasks`, headers });
  const sessionRow = async (token: string) =>
    (
      await t.db.database.query<{ expires_at: Date | string }>(
        'test_session_row',
        'select expires_at from sessions where token = $1',
        [token],
      )
    )[0];

  it('GIVEN a session just used (so resolved and cached) WHEN the user signs out THEN the very next request with it is 401', async () => {
    const user = await signUp(t.app, 'Gil');
    const bearer = { authorization: `Bearer ${user.token}` };
    for (let i = 0; i < 3; i++) expect((await tasksOf(user, bearer)).statusCode).toBe(200);
    expect((await tasksOf(user, { cookie: user.cookie })).statusCode).toBe(200);
    expect((await post('/api/auth/sign-out', {}, { cookie: user.cookie })).statusCode).toBe(200);
    expect((await tasksOf(user, bearer)).statusCode).toBe(401);
    expect((await tasksOf(user, { cookie: user.cookie })).statusCode).toBe(401);
  });

  it('GIVEN the signed token of set-auth-token WHEN used as a bearer THEN it works; with a forged signature only a valid cookie still authenticates', async () => {
    const user = await signUp(t.app, 'Hep');
    const signIn = await post(
      '/api/auth/sign-in/email',
      { email: user.email, password: 'correct horse battery' },
      { 'x-forwarded-for': '10.0.0.7' },
    );
    const signed = String(signIn.headers['set-auth-token']);
    expect(signed).toContain('.');
    expect((await tasksOf(user, { authorization: `Bearer ${signed}` })).statusCode).toBe(200);
    const [token] = decodeURIComponent(signed).split('.');
    const forged = `${token}.${'A'.repeat(43)}=`;
    expect((await tasksOf(user, { authorization: `Bearer ${forged}` })).statusCode).toBe(401);
    expect((await tasksOf(user, { authorization: `Bearer ${forged}`, cookie: user.cookie })).statusCode).toBe(
      200,
    );
    const tampered = user.cookie.replace(/=(.)/, (_m, c: string) => `=${c === 'x' ? 'y' : 'x'}`);
    expect((await tasksOf(user, { cookie: tampered })).statusCode).toBe(401);
  });

  it('GIVEN a session older than a day WHEN used THEN its expiry slides forward (Better Auth refresh); an expired one is refused and removed', async () => {
    const user = await signUp(t.app, 'Ike');
    await t.db.database.query(
      'test_session_age',
      "update sessions set expires_at = now() + interval '1 hour' where token = $1",
      [user.token],
    );
    expect((await tasksOf(user, { authorization: `Bearer ${user.token}` })).statusCode).toBe(200);
    const refreshed = new Date((await sessionRow(user.token))!.expires_at).getTime();
    expect(refreshed).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const other = await signUp(t.app, 'Jay');
    await t.db.database.query(
      'test_session_expire',
      "update sessions set expires_at = now() - interval '1 second' where token = $1",
      [other.token],
    );
    expect((await tasksOf(other, { authorization: `Bearer ${other.token}` })).statusCode).toBe(401);
    expect(await sessionRow(other.token)).toBeUndefined();
  });

  it('GIVEN a foreign Origin WHEN posting a sign-in with cookies THEN it is refused (CSRF)', async () => {
    const user = await signUp(t.app, 'Hal');
    const res = await post(
      '/api/auth/sign-in/email',
      { email: user.email, password: 'correct horse battery' },
      { origin: 'https://evil.example', cookie: user.cookie, 'x-forwarded-for': '10.0.0.5' },
    );
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  });

  it('GIVEN the frontend proxy forwarding host and proto WHEN the browser origin matches THEN sign-in is accepted', async () => {
    const user = await signUp(t.app, 'Ivy');
    const res = await post(
      '/api/auth/sign-in/email',
      { email: user.email, password: 'correct horse battery' },
      {
        origin: 'https://todo.example.com',
        'x-forwarded-host': 'todo.example.com',
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '10.0.0.6',
      },
    );
    expect(res.statusCode).toBe(200);
  });

  it('GIVEN repeated sign-in attempts from one IP WHEN over the limit THEN 429 rate_limited, other IPs unaffected', async () => {
    const attempt = (ip: string) =>
      post(
        '/api/auth/sign-in/email',
        { email: 'nobody@example.test', password: 'whatever123' },
        { 'x-forwarded-for': ip },
      );
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await attempt('10.9.9.9')).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    const limited = await attempt('10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect((await attempt('10.9.9.10')).statusCode).toBe(401);
  });

  describe('personal access tokens', () => {
    it('GIVEN a user WHEN creating an api token THEN it authenticates REST task calls until revoked; the secret is shown once', async () => {
      const user = await signUp(t.app, 'Jo');
      // Token management takes the browser's cookie session (tests/auth/scopes.test.ts: never a bearer).
      const auth = { cookie: user.cookie };
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/${user.id}/tokens`,
        headers: auth,
        payload: { name: 'laptop cli', scopes: ['api', 'tasks:read'] },
      });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json<{ id: string; token: string }>();
      expect(token).toMatch(/^tcb_/);
      const listed = await t.app.inject({ method: 'GET', url: `/api/${user.id}/tokens`, headers: auth });
      expect(json(listed, tokenListSchema).items).toEqual([
        {
          id,
          name: 'laptop cli',
          scopes: ['api', 'tasks:read'],
          created_at: anyString(),
          last_used_at: null,
        },
      ]);
      expect(listed.body).not.toContain(token);

      const use = await t.app.inject({
        method: 'GET',
        url: `/api/${user.id}/tasks`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(use.statusCode).toBe(200);
      const relisted = await t.app.inject({ method: 'GET', url: `/api/${user.id}/tokens`, headers: auth });
      expect(json(relisted, tokenListSchema).items[0]!.last_used_at).not.toBeNull();

      const other = await signUp(t.app, 'Kit');
      const cross = await t.app.inject({
        method: 'DELETE',
        url: `/api/${other.id}/tokens/${id}`,
        headers: { cookie: other.cookie },
      });
      expect(cross.statusCode).toBe(404);

      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/${user.id}/tokens/${id}`, headers: auth }))
          .statusCode,
      ).toBe(204);
      const revoked = await t.app.inject({
        method: 'GET',
        url: `/api/${user.id}/tasks`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(revoked.statusCode).toBe(401);
    });

    it('GIVEN a token name that is empty or too long THEN 400', async () => {
      const user = await signUp(t.app, 'Lu');
      for (const name of ['', ' ', 'x'.repeat(101)]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/${user.id}/tokens`,
          headers: { cookie: user.cookie },
          payload: { name },
        });
        expect(res.statusCode).toBe(400);
      }
    });
  });
});
