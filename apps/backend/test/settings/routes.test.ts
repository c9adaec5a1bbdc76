import type { Settings, Task } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsRepository } from '../../src/settings/repository';
import { as, signUp, twoUsers, type As, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { validationIssues } from '../helpers/json';

describe.each(DRIVERS)('settings API on %s', (driver) => {
  let t: TestApp, alice: TestUser, bob: TestUser, a: As, b: As;

  beforeAll(async () => {
    ({ t, alice, bob, a, b } = await twoUsers(driver));
  });
  afterAll(() => t?.close());

  const fresh = async () => {
    const user = await signUp(t.app, 'Settler');
    const call = as(t.app, user);
    const path = `/api/${user.id}/settings`;
    const patch = async (body: object) => {
      const res = await call('PATCH', path, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Settings>();
    };
    return { user, call, path, patch };
  };

  it('GIVEN a new user WHEN settings are read THEN both are null', async () => {
    const { call, path } = await fresh();
    const res = await call('GET', path);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ time_zone: null, language: null });
  });

  it.each([
    [{ time_zone: 'america/los_angeles' }, { time_zone: 'America/Los_Angeles', language: null }],
    [{ time_zone: ' Asia/Karachi ' }, { time_zone: 'Asia/Karachi', language: null }],
    [
      { time_zone: 'UTC', language: 'ur' },
      { time_zone: 'UTC', language: 'ur' },
    ],
    [{ language: 'en' }, { time_zone: null, language: 'en' }],
  ])(
    'GIVEN PATCH %j WHEN saved THEN settings are %j (zone in canonical spelling)',
    async (body, expected) => {
      const { call, path, patch } = await fresh();
      expect(await patch(body)).toEqual(expected);
      expect((await call('GET', path)).json()).toEqual(expected);
    },
  );

  it('GIVEN saved settings WHEN one field is patched or cleared THEN the other stays', async () => {
    const { patch } = await fresh();
    await patch({ time_zone: 'Europe/Berlin', language: 'ur' });
    expect(await patch({ language: 'en' })).toEqual({ time_zone: 'Europe/Berlin', language: 'en' });
    expect(await patch({ time_zone: null })).toEqual({ time_zone: null, language: 'en' });
  });

  it('GIVEN saved settings WHEN tasks are created THEN numbering is unaffected, and tasks leave settings alone', async () => {
    const { user, call, patch } = await fresh();
    await patch({ time_zone: 'Asia/Karachi' });
    const first = (await call('POST', `/api/${user.id}/tasks`, { title: 'one' })).json<Task>();
    expect(first.id).toBe(1);
    expect(await settingsRepository(t.db.database).getSettings(user.id)).toEqual({
      time_zone: 'Asia/Karachi',
      language: null,
    });
  });

  it.each([
    [{ time_zone: 'Mars/Olympus_Mons' }, 'body.time_zone'],
    [{ time_zone: '' }, 'body.time_zone'],
    [{ time_zone: 'x'.repeat(200) }, 'body.time_zone'],
    [{ time_zone: 42 }, 'body.time_zone'],
    [{ language: 'fr' }, 'body.language'],
    [{ theme: 'dark' }, 'body'],
    [{}, 'body'],
  ])('GIVEN PATCH %j THEN 400 validation_error naming %s', async (body, field) => {
    const res = await a('PATCH', `/api/${alice.id}/settings`, body);
    expect(res.statusCode).toBe(400);
    expect(validationIssues(res).map((d) => d.path)).toContain(field);
  });

  it("GIVEN Bob WHEN he reads or changes Alice's settings THEN 403, and hers are unchanged", async () => {
    await a('PATCH', `/api/${alice.id}/settings`, { language: 'ur' });
    expect((await b('GET', `/api/${alice.id}/settings`)).statusCode).toBe(403);
    expect((await b('PATCH', `/api/${alice.id}/settings`, { language: 'en' })).statusCode).toBe(403);
    expect((await a('GET', `/api/${alice.id}/settings`)).json<Settings>().language).toBe('ur');
    expect((await b('GET', `/api/${bob.id}/settings`)).json<Settings>().language).toBeNull();
  });
});
