import type { Reminder, ReminderEvent, Task } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReminderScheduler, type ReminderScheduler } from '../../src/reminders/scheduler';
import { as, signUp, TEST_SECRET, type TestUser } from '../helpers/app';
import { DRIVERS, openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/db';
import { openStream, startApp } from '../helpers/event-stream';
import { sleep, startServerProcess, signUpOver, waitReady, type ServerProcess } from '../resilience/support';

/*
 * Reminders going off: on time, once, on the event stream, again after a snooze, late after downtime; and on two
 * server processes sharing one Postgres, each reminder exactly once even when one process is killed mid-way.
 */

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe.each(DRIVERS)('reminder delivery on %s', (driver) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let port: number;
  let alice: TestUser;
  const schedulers: ReminderScheduler[] = [];
  /** Starts delivering reminders (each test says when: the app itself delivers none). */
  const deliver = async () => void schedulers.push(await startReminderScheduler(db.database));

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    ({ app, port } = await startApp(db.database, 100, { reminders: false }));
    alice = await signUp(app, 'Alice');
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const a = () => as(app, alice);
  const remindersOf = async (taskId: number) =>
    (await a()('GET', `/api/${alice.id}/reminders`))
      .json<{ items: Reminder[] }>()
      .items.filter((r) => r.task_id === taskId);

  it('GIVEN an open page WHEN a task reminds in a second THEN one reminder event arrives with the task, on time, and only one', async () => {
    await deliver();
    const stream = openStream(port, alice);
    await stream.until((f) => f.some((x) => x.comment === 'connected'));
    const at = inMs(1200);
    const task = (
      await a()('POST', `/api/${alice.id}/tasks`, {
        title: 'Call mom',
        due_at: at,
        reminders: [{ before: 'PT0S' }],
      })
    ).json<Task>();
    await stream.until((f) => f.some((x) => x.event === 'reminder'), 8000);
    const [event] = stream.reminders();
    expect(event).toMatchObject({
      type: 'reminder',
      task: { id: task.id, title: 'Call mom', completed: false },
      reminder: { task_id: task.id, kind: 'before', state: 'delivered', late: false, fire_at: at },
    });
    // Not before its time, and within the queue's poll of it.
    expect(Date.parse(event!.at)).toBeGreaterThanOrEqual(Date.parse(at));
    expect(Date.parse(event!.at) - Date.parse(at)).toBeLessThan(5000);
    await sleep(1500);
    expect(stream.reminders()).toHaveLength(1);
    stream.close();
    expect((await remindersOf(task.id)).map((r) => r.state)).toEqual(['delivered']);
  });

  it('GIVEN a reminder that went off WHEN snoozed for a moment THEN it goes off again as a snooze', async () => {
    await deliver();
    const task = (
      await a()('POST', `/api/${alice.id}/tasks`, {
        title: 'Take the cake out',
        due_at: inMs(800),
        reminders: [{ before: 'PT0S' }],
      })
    ).json<Task>();
    const stream = openStream(port, alice);
    await stream.until((f) => f.some((x) => x.comment === 'connected'));
    await stream.until(() => stream.reminders().some((e) => e.task.id === task.id), 8000);
    const first = stream.reminders().find((e) => e.task.id === task.id)!;
    const res = await a()('POST', `/api/${alice.id}/reminders/${first.reminder.id}/snooze`, {
      until: inMs(1000),
    });
    expect(res.statusCode).toBe(201);
    await stream.until(() => stream.reminders().filter((e) => e.task.id === task.id).length >= 2, 8000);
    const again = stream.reminders().filter((e) => e.task.id === task.id)[1]!;
    expect(again.reminder).toMatchObject({ kind: 'snooze', state: 'delivered' });
    expect(again.id).toBeGreaterThan(first.id);
    stream.close();
  });

  it('GIVEN a reminder that went off while the page was closed WHEN it reconnects with Last-Event-ID THEN the reminder is replayed', async () => {
    await deliver();
    const stream = openStream(port, alice);
    await stream.until((f) => f.some((x) => x.comment === 'connected'));
    const mark = (await a()('POST', `/api/${alice.id}/tasks`, { title: 'Marker' })).json<Task>();
    await stream.until(() => stream.events().some((e) => e.task.id === mark.id));
    const lastId = stream.events().find((e) => e.task.id === mark.id)!.id;
    stream.close();
    const task = (
      await a()('POST', `/api/${alice.id}/tasks`, {
        title: 'Missed while away',
        due_at: inMs(500),
        reminders: [{ before: 'PT0S' }],
      })
    ).json<Task>();
    for (let i = 0; i < 80 && (await remindersOf(task.id))[0]?.state !== 'delivered'; i++) await sleep(100);
    const back = openStream(port, alice, { 'last-event-id': String(lastId) });
    await back.until(() => back.reminders().some((e) => e.task.id === task.id), 5000);
    back.close();
  });

  it('GIVEN a reminder due 5 minutes ago while nothing delivered reminders WHEN a scheduler starts THEN it goes off at once, marked late', async () => {
    // Nothing delivers reminders yet: every replica is down.
    const task = (
      await a()('POST', `/api/${alice.id}/tasks`, {
        title: 'Was due',
        due_at: inMs(800),
        reminders: [{ before: 'PT0S' }],
      })
    ).json<Task>();
    const [pending] = await remindersOf(task.id);
    // The downtime lasted: its time was 5 minutes ago (its queue job, due at the original time, is due by now too).
    await db.database.query(
      'test_back',
      `update reminders set fire_at = now() - interval '5 minutes' where id = $1`,
      [pending!.id],
    );
    await sleep(1000);
    await deliver();
    let got: Reminder | undefined;
    for (let i = 0; i < 150 && got?.state !== 'delivered'; i++) {
      await sleep(100);
      [got] = await remindersOf(task.id);
    }
    expect(got).toMatchObject({ state: 'delivered', late: true });
  }, 30_000);
});

describe.skipIf(!TEST_DATABASE_URL)('reminders on two server processes sharing one Postgres', () => {
  let db: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await openTestDatabase('pg');
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await db?.drop();
  });

  async function server(): Promise<ServerProcess> {
    const s = await startServerProcess({ BETTER_AUTH_SECRET: TEST_SECRET, DATABASE_URL: db.url! });
    servers.push(s);
    await waitReady(s.url, 90_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${s.output()}`);
    });
    return s;
  }

  it('GIVEN 200 reminders due within seconds WHEN one process is killed mid-way THEN each goes off exactly once, none lost', async () => {
    const [one, two] = await Promise.all([server(), server()]);
    const user = await signUpOver(one.url, 'Many');
    const stream = openStream(two.port, user as unknown as TestUser);
    await stream.until((f) => f.some((x) => x.comment === 'connected'), 10_000);
    const headers = { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' };
    for (let i = 0; i < 200; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          fetch(`${one.url}/api/${user.id}/tasks`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              title: `Reminder ${i + k}`,
              due_at: inMs(3600_000),
              reminders: [{ before: 'PT0S' }],
            }),
          }).then((r) => expect(r.status).toBe(201)),
        ),
      );
    }
    // However long the creates took on a busy machine: all 200 now fall due within two seconds from now + 2 s.
    const base = Date.now() + 2000;
    await db.database.query(
      'test_due_soon',
      `update tasks set due_at = $2::timestamptz + (number % 40) * interval '50 milliseconds' where user_id = $1`,
      [user.id, new Date(base).toISOString()],
    );
    // Kill the first process while the reminders are going off.
    await sleep(Math.max(0, base + 800 - Date.now()));
    one.child.kill('SIGKILL');
    // A job the killed process had locked is delivered by the queue's once-a-minute sweep (within ~90 s).
    await stream
      .until(() => stream.reminders().length >= 200, 150_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}\n--- process two:\n${two.output().slice(-3000)}`);
      });
    await sleep(2000);
    const events: ReminderEvent[] = stream.reminders();
    const perReminder = new Map<number, number>();
    for (const e of events) perReminder.set(e.reminder.id, (perReminder.get(e.reminder.id) ?? 0) + 1);
    expect(perReminder.size).toBe(200);
    expect([...perReminder.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(events.map((e) => e.task.id)).size).toBe(200);
    stream.close();
    const rows = await db.database.query<{ state: string; n: number }>(
      'test_states',
      'select state, count(*)::int as n from reminders group by state',
      [],
    );
    expect(rows).toEqual([{ state: 'delivered', n: 200 }]);
  }, 300_000);
});
