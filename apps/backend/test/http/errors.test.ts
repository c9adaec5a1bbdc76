import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { anyString, errorOf, objectContaining } from '../helpers/json';

describe('error responses', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await signUp(t.app, 'Err');
  });
  afterAll(() => t?.close());

  const post = (body: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: `/api/${user.id}/tasks`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
      payload: body,
    });

  it.each([
    ['malformed JSON', '{"title": ', 'application/json', 400, 'invalid_json'],
    ['empty JSON body', '', 'application/json', 400, 'invalid_json'],
    ['JSON null', 'null', 'application/json', 400, 'validation_error'],
    ['plain text', 'title=x', 'text/plain', 415, 'unsupported_media_type'],
    ['form encoded', 'title=x', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    [
      'body over 64 KB',
      JSON.stringify({ title: 'x', description: 'y'.repeat(70_000) }),
      'application/json',
      413,
      'payload_too_large',
    ],
  ])(
    'GIVEN %s WHEN creating a task THEN %i %s with the JSON error shape',
    async (_n, body, type, status, code) => {
      const res = await post(body, type);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toEqual({ error: objectContaining({ code, message: anyString() }) });
    },
  );

  it('GIVEN an unknown route THEN 404 not_found JSON', async () => {
    const res = await t.app.inject('/api/nope/nothing/here');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });

  it('GIVEN an unsupported method on a known path THEN a 4xx JSON error', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/${user.id}/tasks`,
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });

  it('GIVEN a request id header THEN it is echoed; otherwise one is generated', async () => {
    expect(
      (await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers[
        'x-request-id'
      ],
    ).toBe('abc-123');
    expect((await t.app.inject('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } })).headers[
        'x-request-id'
      ],
    ).toMatch(/^[0-9a-f-]{36}$/);
  });
});
