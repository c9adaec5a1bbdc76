import { DEFAULT_TOKEN_SCOPES } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTokenScopes, toolScope } from '../../src/auth/scopes';
import { createAccessToken, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { errorOf } from '../helpers/json';

describe('routeTokenScopes (the table of what a token may reach)', () => {
  it.each([
    ['GET', '/api/:user_id/tasks', ['api', 'tasks:read']],
    ['GET', '/api/:user_id/tasks/:id', ['api', 'tasks:read']],
    ['POST', '/api/:user_id/tasks', ['api', 'tasks:write']],
    ['PATCH', '/api/:user_id/tasks/:id/complete', ['api', 'tasks:write']],
    ['DELETE', '/api/:user_id/tasks/:id', ['api', 'tasks:write']],
    ['GET', '/api/:user_id/tokens', null],
    ['POST', '/api/:user_id/tokens', null],
    ['GET', '/api/:user_id/settings', null],
    ['POST', '/api/:user_id/chat', null],
    ['GET', '/api/:user_id/tasksx', null],
    ['GET', undefined, null],
  ])('GIVEN %s %s THEN a token needs %j', (method, url, scopes) => {
    expect(routeTokenScopes(method, url)).toEqual(scopes);
  });

  it('GIVEN tool annotations THEN read-only tools need tasks:read and all others tasks:write', () => {
    expect(toolScope({ readOnlyHint: true })).toBe('tasks:read');
    expect(toolScope({ readOnlyHint: false })).toBe('tasks:write');
  });
});

describe('personal access tokens are scoped and never manage tokens or the account', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    user = await signUp(t.app, 'Scope');
  });
  afterAll(() => t?.close());

  const withToken = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  it('GIVEN a token with every scope WHEN it lists, creates or revokes tokens THEN 403 and no token is minted', async () => {
    const all = await createAccessToken(t.app, user, 'all', ['mcp', 'api', 'tasks:read', 'tasks:write']);
    for (const [method, url, payload] of [
      ['POST', `/api/${user.id}/tokens`, { name: 'successor' }],
      ['GET', `/api/${user.id}/tokens`, undefined],
      ['DELETE', `/api/${user.id}/tokens/${all.id}`, undefined],
    ] as const) {
      const res = await withToken(all.token, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tokens`,
      headers: { cookie: user.cookie },
    });
    expect(listed.json<{ items: { name: string }[] }>().items.map((x) => x.name)).toEqual(['all']);
  });

  it('GIVEN a Better Auth session token as a bearer WHEN it creates a token THEN 403: only the cookie session may', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/${user.id}/tokens`,
      headers: { authorization: `Bearer ${user.token}` },
      payload: { name: 'from a bearer' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('GIVEN an access token WHEN it calls the account API (change-password, sessions) THEN 403 before Better Auth', async () => {
    const all = await createAccessToken(t.app, user, 'acct', ['mcp', 'api', 'tasks:read', 'tasks:write']);
    for (const url of ['/api/auth/change-password', '/api/auth/revoke-sessions', '/api/auth/update-user']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `bearer ${all.token}`, origin: 'http://localhost:80' },
        payload: { currentPassword: 'correct horse battery', newPassword: 'another long secret' },
      });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('GIVEN a token made without scopes WHEN shown and used THEN it has what MCP needs and no REST access', async () => {
    const made = await createAccessToken(t.app, user, 'default');
    expect(made.scopes).toEqual([...DEFAULT_TOKEN_SCOPES]);
    const res = await withToken(made.token, 'GET', `/api/${user.id}/tasks`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'forbidden', details: { missing_scopes: ['api'] } } });
  });

  it('GIVEN a read-only api token WHEN it reads and writes tasks, settings and chat THEN only the task reads pass', async () => {
    const ro = await createAccessToken(t.app, user, 'ro', ['api', 'tasks:read']);
    expect((await withToken(ro.token, 'GET', `/api/${user.id}/tasks`)).statusCode).toBe(200);
    const write = await withToken(ro.token, 'POST', `/api/${user.id}/tasks`, { title: 'nope' });
    expect(write.statusCode).toBe(403);
    expect(errorOf(write).details).toEqual({ missing_scopes: ['tasks:write'] });
    expect((await withToken(ro.token, 'GET', `/api/${user.id}/settings`)).statusCode).toBe(403);
    expect((await withToken(ro.token, 'POST', `/api/${user.id}/chat`, { message: 'hi' })).statusCode).toBe(
      403,
    );
  });

  it('GIVEN unknown or repeated scopes WHEN creating a token THEN 400 validation_error', async () => {
    for (const scopes of [['admin'], [], ['mcp', 'mcp']]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/${user.id}/tokens`,
        headers: { cookie: user.cookie },
        payload: { name: 'bad', scopes },
      });
      expect(res.statusCode, JSON.stringify(scopes)).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
    }
  });
});
