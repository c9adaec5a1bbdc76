import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';

/** Every header helmet 8 sets with its defaults, as a browser receives them. */
const EXPECTED = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('response headers', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await signUp(t.app, 'Headers');
  });
  afterAll(() => t?.close());

  it.each([
    ['a JSON route', () => t.app.inject('/healthz'), 200],
    ['an unknown route', () => t.app.inject('/nothing/here'), 404],
    ['a request without credentials', () => t.app.inject(`/api/${user.id}/tasks`), 401],
    [
      'a task created',
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/${user.id}/tasks`,
          headers: { authorization: `Bearer ${user.token}` },
          payload: { title: 'headers' },
        }),
      201,
    ],
    [
      'a rejected body',
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/${user.id}/tasks`,
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          payload: '{"title": ',
        }),
      400,
    ],
    [
      'an auth endpoint',
      () =>
        t.app.inject({ url: '/api/auth/get-session', headers: { authorization: `Bearer ${user.token}` } }),
      200,
    ],
  ])('GIVEN %s THEN every security header is set with its value', async (_name, send, status) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.headers).toMatchObject(EXPECTED);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GIVEN the API docs page THEN it keeps its own content security policy', async () => {
    const res = await t.app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/img-src 'self' data: validator\.swagger\.io/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
