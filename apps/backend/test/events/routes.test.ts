import type { FastifyInstance } from 'fastify';
import type { ActivityPage } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client';
import { as, signUp, type TestUser } from '../helpers/app';
import { openStream, startApp, type Frame } from '../helpers/event-stream';
import { DRIVERS, openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/db';

const taskEvents = (n: number) => (frames: Frame[]) =>
  frames.filter((f) => f.event?.startsWith('task.')).length >= n;

describe.each(DRIVERS)('event stream on %s', (driver) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let port: number;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    ({ app, port } = await startApp(db.database, 100));
    alice = await signUp(app, 'Alice');
    bob = await signUp(app, 'Bob');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GIVEN an open stream WHEN a task is created, completed and deleted THEN three events arrive in order, ids = activity ids', async () => {
    const stream = openStream(port, alice);
    await stream.until((f) => f.some((x) => x.comment === 'connected'));
    const a = as(app, alice);
    const made = (await a('POST', `/api/${alice.id}/tasks`, { title: 'Live' })).json<{ id: number }>();
    await a('PATCH', `/api/${alice.id}/tasks/${made.id}/complete`, { completed: true });
    await a('DELETE', `/api/${alice.id}/tasks/${made.id}`);
    await stream.until(taskEvents(3));
    stream.close();
    const events = stream.events();
    expect(events.map((e) => [e.type, e.action, e.task.title, e.task.completed])).toEqual([
      ['task.created', 'created', 'Live', false],
      ['task.updated', 'completed', 'Live', true],
      ['task.deleted', 'deleted', 'Live', true],
    ]);
    const log = (await a('GET', `/api/${alice.id}/activity?limit=3`)).json<ActivityPage>();
    expect(events.map((e) => e.id)).toEqual(log.items.map((i) => i.id).reverse());
    expect(stream.frames.filter((f) => f.id).map((f) => Number(f.id))).toEqual(events.map((e) => e.id));
    expect(events[0]!.task.user_id).toBe(alice.id);
  });

  it("GIVEN streams of two users WHEN one user's task changes THEN only that user's stream hears of it", async () => {
    const mine = openStream(port, bob);
    await mine.until((f) => f.some((x) => x.comment === 'connected'));
    await as(app, alice)('POST', `/api/${alice.id}/tasks`, { title: 'Not for Bob' });
    await as(app, bob)('POST', `/api/${bob.id}/tasks`, { title: 'For Bob' });
    await mine.until(taskEvents(1));
    await new Promise((r) => setTimeout(r, 200));
    mine.close();
    expect(mine.events().map((e) => e.task.title)).toEqual(['For Bob']);
  });

  it('GIVEN a dropped stream WHEN it reconnects with Last-Event-ID (or ?since=) THEN every change made meanwhile is replayed once, in order', async () => {
    const a = as(app, alice);
    const first = openStream(port, alice);
    await first.until((f) => f.some((x) => x.comment === 'connected'));
    await a('POST', `/api/${alice.id}/tasks`, { title: 'Before the drop' });
    await first.until(taskEvents(1));
    first.close();
    const lastId = first.events()[0]!.id;
    for (const title of ['Gap 1', 'Gap 2', 'Gap 3']) await a('POST', `/api/${alice.id}/tasks`, { title });

    const again = openStream(port, alice, { 'last-event-id': String(lastId) });
    await again.until(taskEvents(3));
    // A change after the reconnect comes live, after the replay.
    await a('POST', `/api/${alice.id}/tasks`, { title: 'After' });
    await again.until(taskEvents(4));
    again.close();
    expect(again.events().map((e) => e.task.title)).toEqual(['Gap 1', 'Gap 2', 'Gap 3', 'After']);

    const viaQuery = openStream(port, alice, {}, `?since=${lastId}`);
    await viaQuery.until(taskEvents(4));
    viaQuery.close();
    expect(viaQuery.events().map((e) => e.task.title)).toEqual(['Gap 1', 'Gap 2', 'Gap 3', 'After']);
  });

  it('GIVEN an idle stream THEN it sends keepalive comments', async () => {
    const stream = openStream(port, alice);
    await stream.until((f) => f.filter((x) => x.comment === 'keepalive').length >= 2);
    stream.close();
    expect(stream.status()).toBe(200);
  });

  it.each([
    ['no credentials', undefined, 401],
    ["another user's stream", 'other', 403],
  ])('GIVEN %s WHEN the stream is requested THEN %i JSON error', async (_, who, status) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/${who ? bob.id : alice.id}/events`,
      headers: who ? { authorization: `Bearer ${alice.token}` } : {},
    });
    expect(res.statusCode).toBe(status);
    expect(res.json<{ error: { code: string } }>().error.code).toBeTruthy();
  });

  it.each([
    [{ 'last-event-id': 'abc' }, ''],
    [{}, '?since=-1'],
  ])('GIVEN a malformed resume point %j%s THEN 400 validation_error', async (headers, query) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/${alice.id}/events${query}`,
      headers: { authorization: `Bearer ${alice.token}`, ...headers },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_error');
  });
});

describe.skipIf(!TEST_DATABASE_URL)('event stream across replicas (two apps, one Postgres)', () => {
  let db: TestDatabase;
  let second: Database;
  let a: { app: FastifyInstance; port: number };
  let b: { app: FastifyInstance; port: number };

  beforeAll(async () => {
    db = await openTestDatabase('pg');
    second = await createDatabase({ driver: 'pg', url: db.url!, poolMax: 3 });
    a = await startApp(db.database);
    b = await startApp(second);
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await second?.close();
    await db?.drop();
  });

  it('GIVEN a stream held on app B WHEN changes are written through app A and 20 more THEN B streams every one, the first within 1 s', async () => {
    const user = await signUp(a.app, 'Replica');
    const stream = openStream(b.port, user);
    await stream.until((f) => f.some((x) => x.comment === 'connected'));
    const started = Date.now();
    await as(a.app, user)('POST', `/api/${user.id}/tasks`, { title: 'From A' });
    await stream.until(taskEvents(1), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    for (let i = 0; i < 20; i++)
      await as(a.app, user)('POST', `/api/${user.id}/tasks`, { title: `Bulk ${i}` });
    await stream.until(taskEvents(21), 3000);
    stream.close();
    const titles = stream.events().map((e) => e.task.title);
    expect(titles).toEqual(['From A', ...Array.from({ length: 20 }, (_, i) => `Bulk ${i}`)]);
    expect(new Set(stream.events().map((e) => e.id)).size).toBe(21);
  });
});
