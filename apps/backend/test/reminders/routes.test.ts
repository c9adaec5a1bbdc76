import type { Reminder, Task } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoUsers, type As, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { errorOf } from '../helpers/json';

/*
 * Reminders through the REST API: rules on a task become a schedule that follows the task (due time, completion,
 * repeat, delete, undo), and a reminder can be listed, snoozed and dismissed. Delivery on time is delivery.test.ts.
 */

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** A due time `hours` from now, on a whole minute (a repeating task's occurrences fall on whole minutes). */
const dueIn = (hours: number) => iso(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000);
const minus = (at: string, ms: number) => iso(Date.parse(at) - ms);

describe.each(DRIVERS)('reminders REST on %s', (driver) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let a: As;
  let b: As;

  beforeAll(async () => {
    ({ t, alice, bob, a, b } = await twoUsers(driver));
  });
  afterAll(() => t?.close());

  const tasks = (user = alice) => `/api/${user.id}/tasks`;
  const create = async (body: Record<string, unknown>) => {
    const res = await a('POST', tasks(), body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Task>();
  };
  /** Alice's pending reminders of one task, soonest first. */
  const pending = async (taskId: number) =>
    (await a('GET', `/api/${alice.id}/reminders?state=pending`))
      .json<{ items: Reminder[] }>()
      .items.filter((r) => r.task_id === taskId)
      .sort((x, y) => x.fire_at.localeCompare(y.fire_at));

  it('GIVEN a task due in 2 hours with reminders 1 hour and 10 minutes before THEN both are scheduled and the task shows its rules', async () => {
    const due = dueIn(2);
    const task = await create({
      title: 'Call the bank',
      due_at: due,
      reminders: [{ before: 'PT1H' }, { before: 'PT10M' }],
    });
    expect(task.reminders).toEqual([{ before: 'PT1H' }, { before: 'PT10M' }]);
    const got = await pending(task.id);
    expect(got.map((r) => [r.kind, r.fire_at, r.state, r.late])).toEqual([
      ['before', minus(due, HOUR), 'pending', false],
      ['before', minus(due, 10 * 60_000), 'pending', false],
    ]);
    expect((await a('GET', `${tasks()}/${task.id}`)).json<Task>().reminders).toHaveLength(2);
  });

  it('GIVEN a reminder before the due time WHEN the due time moves THEN the reminder moves with it, and is not doubled', async () => {
    const task = await create({ title: 'Dentist', due_at: dueIn(3), reminders: [{ before: 'PT30M' }] });
    const later = dueIn(27);
    await a('PATCH', `${tasks()}/${task.id}`, { due_at: later });
    const got = await pending(task.id);
    expect(got.map((r) => r.fire_at)).toEqual([minus(later, 30 * 60_000)]);
  });

  it('GIVEN a task with reminders WHEN it is completed THEN none is pending; WHEN reopened THEN they are back', async () => {
    const task = await create({ title: 'Water plants', due_at: dueIn(5), reminders: [{ before: 'PT0S' }] });
    await a('PATCH', `${tasks()}/${task.id}/complete`, { completed: true });
    expect(await pending(task.id)).toEqual([]);
    await a('PATCH', `${tasks()}/${task.id}/complete`, { completed: false });
    expect(await pending(task.id)).toHaveLength(1);
  });

  it('GIVEN a daily task reminding 15 minutes before WHEN completed THEN it stays pending and reminds before its next occurrence', async () => {
    const due = dueIn(1);
    const task = await create({
      title: 'Stand-up',
      due_at: due,
      recurrence: 'FREQ=DAILY',
      reminders: [{ before: 'PT15M' }],
    });
    const done = (await a('PATCH', `${tasks()}/${task.id}/complete`, { completed: true })).json<Task>();
    expect(done.completed).toBe(false);
    expect(done.due_at).toBe(iso(Date.parse(due) + 24 * HOUR));
    expect((await pending(task.id)).map((r) => r.fire_at)).toEqual([minus(done.due_at!, 15 * 60_000)]);
  });

  it('GIVEN rules whose times have passed THEN nothing is scheduled; a fixed time still ahead is', async () => {
    const soon = dueIn(4);
    const task = await create({
      title: 'Past and future',
      due_at: dueIn(0.1),
      reminders: [{ before: 'PT1H' }, { at: minus(new Date().toISOString(), HOUR) }, { at: soon }],
    });
    expect((await pending(task.id)).map((r) => [r.kind, r.fire_at])).toEqual([['at', soon]]);
  });

  it('GIVEN a task with a reminder WHEN it is deleted THEN its reminders go; WHEN the delete is undone THEN the reminder is back', async () => {
    const task = await create({ title: 'Renew passport', due_at: dueIn(6), reminders: [{ before: 'P1D' }] });
    // Due in 6 h, one day before is past: only the second rule below is ahead.
    await a('PATCH', `${tasks()}/${task.id}`, { reminders: [{ before: 'PT2H' }] });
    expect(await pending(task.id)).toHaveLength(1);
    expect((await a('DELETE', `${tasks()}/${task.id}`)).statusCode).toBe(204);
    expect(await pending(task.id)).toEqual([]);
    expect((await a('POST', `/api/${alice.id}/activity/undo`)).statusCode).toBe(200);
    expect((await pending(task.id)).map((r) => r.kind)).toEqual(['before']);
  });

  it('GIVEN reminders [] on update THEN the rules and the schedule are cleared', async () => {
    const task = await create({ title: 'Gym', due_at: dueIn(8), reminders: [{ before: 'PT1H' }] });
    const res = await a('PATCH', `${tasks()}/${task.id}`, { reminders: [] });
    expect(res.json<Task>().reminders).toEqual([]);
    expect(await pending(task.id)).toEqual([]);
  });

  it.each([
    [{ before: '15 minutes' }, 'ISO 8601 duration'],
    [{ before: 'P31D' }, 'at most 30 days'],
    [{ at: 'tomorrow' }, 'ISO 8601 date-time'],
    [{ at: dueIn(1), before: 'PT1H' }, 'each reminder is'],
    [{ every: 'PT1H' }, 'each reminder is'],
  ])('GIVEN reminder %j THEN 400 naming the problem, and no task is made', async (rule, words) => {
    const before = (await a('GET', tasks())).json<{ items: Task[] }>().items.length;
    const res = await a('POST', tasks(), { title: 'Bad reminder', due_at: dueIn(1), reminders: [rule] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_error');
    expect(res.body).toContain('reminders');
    expect(res.body).toContain(words);
    expect((await a('GET', tasks())).json<{ items: Task[] }>().items.length).toBe(before);
  });

  it('GIVEN six reminders THEN 400: at most five', async () => {
    const rules = ['PT1M', 'PT2M', 'PT3M', 'PT4M', 'PT5M', 'PT6M'].map((before) => ({ before }));
    const res = await a('POST', tasks(), { title: 'Too many', due_at: dueIn(1), reminders: rules });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('at most 5 reminders');
  });

  it('GIVEN a reminder WHEN snoozed 30 minutes THEN a new one is pending 30 minutes from now and the first counts as seen', async () => {
    const task = await create({ title: 'Pay rent', due_at: dueIn(9), reminders: [{ before: 'PT0S' }] });
    const [first] = await pending(task.id);
    const before = Date.now();
    const res = await a('POST', `/api/${alice.id}/reminders/${first!.id}/snooze`, { minutes: 30 });
    expect(res.statusCode, res.body).toBe(201);
    const snoozed = res.json<Reminder>();
    expect(snoozed).toMatchObject({ task_id: task.id, kind: 'snooze', state: 'pending', delivered_at: null });
    const at = Date.parse(snoozed.fire_at);
    expect(at).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1000);
    const all = (await a('GET', `/api/${alice.id}/reminders`)).json<{ items: Reminder[] }>().items;
    expect(all.find((r) => r.id === first!.id)?.state).toBe('dismissed');
  });

  it('GIVEN a snooze until a time THEN it is pending then; a time in the past is a 400', async () => {
    const task = await create({ title: 'Call mom', due_at: dueIn(10), reminders: [{ before: 'PT0S' }] });
    const [first] = await pending(task.id);
    const until = dueIn(2);
    const ok = await a('POST', `/api/${alice.id}/reminders/${first!.id}/snooze`, { until });
    expect(ok.json<Reminder>().fire_at).toBe(until);
    const past = await a('POST', `/api/${alice.id}/reminders/${first!.id}/snooze`, {
      until: minus(until, 3 * HOUR),
    });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).message).toContain('future');
  });

  it('GIVEN a pending reminder WHEN dismissed THEN it is dismissed and no longer pending', async () => {
    const task = await create({ title: 'Book flights', due_at: dueIn(11), reminders: [{ before: 'PT1H' }] });
    const [first] = await pending(task.id);
    const res = await a('POST', `/api/${alice.id}/reminders/${first!.id}/dismiss`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Reminder>().state).toBe('dismissed');
    expect(await pending(task.id)).toEqual([]);
  });

  it('GIVEN a completed task THEN snoozing its reminder is a 409 and nothing is scheduled', async () => {
    const task = await create({ title: 'Done already', due_at: dueIn(12), reminders: [{ before: 'PT1H' }] });
    const [first] = await pending(task.id);
    await a('PATCH', `${tasks()}/${task.id}/complete`, { completed: true });
    const all = (await a('GET', `/api/${alice.id}/reminders`)).json<{ items: Reminder[] }>().items;
    // Completing deleted the pending reminder; a delivered one of a completed task cannot be snoozed either.
    expect(all.some((r) => r.id === first!.id)).toBe(false);
    const res = await a('POST', `/api/${alice.id}/reminders/${first!.id}/snooze`, {});
    expect(res.statusCode).toBe(404);
  });

  it("GIVEN Alice's reminder THEN Bob can neither see, snooze nor dismiss it (404)", async () => {
    const task = await create({ title: 'Private', due_at: dueIn(13), reminders: [{ before: 'PT1H' }] });
    const [mine] = await pending(task.id);
    expect((await b('GET', `/api/${bob.id}/reminders`)).json<{ items: Reminder[] }>().items).toEqual([]);
    for (const action of ['snooze', 'dismiss']) {
      const res = await b('POST', `/api/${bob.id}/reminders/${mine!.id}/${action}`, {});
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
    expect(await pending(task.id)).toHaveLength(1);
  });

  it.each([
    ['/reminders/abc/snooze', {}],
    ['/reminders/1/snooze', { minutes: 0 }],
    ['/reminders/1/snooze', { minutes: 1.5 }],
    ['/reminders/1/snooze', { minutes: 5, until: '2030-01-01T00:00:00Z' }],
    ['/reminders/1/snooze', { seconds: 5 }],
  ])('GIVEN POST %s %j THEN a 400 JSON error', async (path, body) => {
    const res = await a('POST', `/api/${alice.id}${path}`, body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_error');
  });

  it('GIVEN a user in New York WHEN a task due the morning DST starts reminds a day before THEN it is 9 am the day before, local', async () => {
    await a('PATCH', `/api/${alice.id}/settings`, { time_zone: 'America/New_York' });
    // 2027-03-14 09:00 EDT (clocks went forward at 2 am); a day before is 2027-03-13 09:00 EST = 14:00Z, not 13:00Z.
    const task = await create({
      title: 'Taxes',
      due_at: '2027-03-14T13:00:00.000Z',
      reminders: [{ before: 'P1D' }],
    });
    expect((await pending(task.id)).map((r) => r.fire_at)).toEqual(['2027-03-13T14:00:00.000Z']);
    await a('PATCH', `/api/${alice.id}/settings`, { time_zone: 'UTC' });
  });
});
