import { executionAsyncId } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunScopedStorage } from '../../src/auth/context-storage';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app';

/** Async ids are given to promises only while promise hooks are on (some AsyncLocalStorage is enabled). */
const promiseHooksOn = async () => {
  // eslint-disable-next-line @typescript-eslint/await-thenable -- one bare microtask turn, no promise made for it
  await null;
  return executionAsyncId() !== 0;
};

describe('RunScopedStorage', () => {
  it('GIVEN overlapping runs WHEN one settles THEN the other still sees its own store after awaits', async () => {
    const storage = new RunScopedStorage<string>();
    const seen: (string | undefined)[] = [];
    const short = storage.run('short', async () => {
      await sleep(5);
      seen.push(storage.getStore());
    });
    const long = storage.run('long', async () => {
      await sleep(30);
      // eslint-disable-next-line @typescript-eslint/await-thenable -- one bare microtask turn, no promise made for it
      await null;
      seen.push(storage.getStore());
      return storage.run('nested', async () => {
        await sleep(1);
        return storage.getStore();
      });
    });
    await short;
    expect(await long).toBe('nested');
    expect(seen).toEqual(['short', 'long']);
  });

  it('GIVEN a run that throws or rejects THEN the error reaches the caller and the storage is released', async () => {
    const storage = new RunScopedStorage<number>();
    expect(() =>
      storage.run(1, () => {
        throw new Error('sync');
      }),
    ).toThrow('sync');
    await expect(storage.run(2, async () => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(storage.getStore()).toBeUndefined();
    expect(await promiseHooksOn()).toBe(false);
  });

  it('GIVEN every run has settled THEN promise hooks are off again', async () => {
    const storage = new RunScopedStorage<number>();
    let inside = false;
    await storage.run(1, async () => {
      inside = await promiseHooksOn();
    });
    expect(inside).toBe(true);
    expect(await promiseHooksOn()).toBe(false);
  });
});

describe('Better Auth with run-scoped storages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('GIVEN concurrent sign-ups, sign-ins, session reads and sign-outs THEN each answers for its own user', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(t.app, `Concurrent${i}`)));
    const results = await Promise.all(
      users.flatMap((user) => [
        t.app
          .inject({
            url: '/api/auth/get-session',
            headers: { authorization: `Bearer ${user.token}` },
          })
          .then((res) => res.json<{ user: { id: string } }>().user.id === user.id),
        t.app
          .inject({
            method: 'POST',
            url: '/api/auth/sign-in/email',
            headers: { origin: 'http://localhost:80' },
            payload: { email: user.email, password: 'correct horse battery' },
          })
          .then((res) => res.statusCode === 200),
        as(t.app, user)('POST', `/api/${user.id}/tasks`, { title: 'mine' }).then(
          (res) => res.statusCode === 201 && res.json<{ user_id: string }>().user_id === user.id,
        ),
      ]),
    );
    expect(results.every(Boolean)).toBe(true);
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { authorization: `Bearer ${users[0]!.token}`, origin: 'http://localhost:80' },
    });
    expect(signedOut.statusCode).toBe(200);
    expect((await as(t.app, users[0]!)('GET', `/api/${users[0]!.id}/tasks`)).statusCode).toBe(401);
  });

  it('GIVEN auth requests have finished THEN later requests run without promise hooks', async () => {
    await signUp(t.app, 'Hooks');
    expect(await promiseHooksOn()).toBe(false);
  });
});
