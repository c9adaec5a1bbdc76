import type { ActivityPage, Task, TaskList, UndoResult } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance } from '../../src/tasks/recurrence';
import { bindTools, newBinding } from '../../src/tasks/tools';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import { as, createTestApp, signUp, type As, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { createTask, toolOk } from '../helpers/tasks';
import { stringContaining } from '../helpers/json';

/*
 * Repeating tasks: the engine's own table tests (DST, month ends, leap days) live in test/language/occurrences;
 * these cover what completing a repeating task does, through every surface, on every driver.
 */

const d = (iso: string) => new Date(iso);

describe('advance (where completing a repeating task moves it)', () => {
  const NOW = d('2026-03-02T12:00:00Z');

  it.each([
    // rule, due, zone, expected next due, expected rule
    [
      'FREQ=WEEKLY;BYDAY=MO',
      '2026-03-09T09:00:00-07:00',
      'America/Los_Angeles',
      '2026-03-16T16:00:00.000Z',
      null,
    ],
    // Across the US spring-forward (Mar 8 2026): 9 am PST → 9 am PDT.
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-02T17:00:00Z', 'America/Los_Angeles', '2026-03-09T16:00:00.000Z', null],
    // Across the EU change (Mar 29 2026): 8 am CET → 8 am CEST.
    ['FREQ=DAILY', '2026-03-28T07:00:00Z', 'Europe/Berlin', '2026-03-29T06:00:00.000Z', null],
    // Month end: the 31st skips the months without one.
    ['FREQ=MONTHLY;BYMONTHDAY=31', '2026-03-31T09:00:00Z', 'UTC', '2026-05-31T09:00:00.000Z', null],
    // Leap day: yearly on Feb 29 waits for the next leap year.
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2028-02-29T09:00:00Z', 'UTC', '2032-02-29T09:00:00.000Z', null],
    // COUNT is counted down by one per completion.
    ['FREQ=DAILY;COUNT=3', '2026-03-05T09:00:00Z', 'UTC', '2026-03-06T09:00:00.000Z', 'FREQ=DAILY;COUNT=2'],
    ['COUNT=3;FREQ=DAILY', '2026-03-05T09:00:00Z', 'UTC', '2026-03-06T09:00:00.000Z', 'COUNT=2;FREQ=DAILY'],
  ])('GIVEN %s due %s in %s WHEN completed THEN next due %s', (rule, due, zone, next, nextRule) => {
    expect(advance(rule, d(due), NOW, zone)).toEqual({ due: d(next), rule: nextRule ?? rule });
  });

  it('GIVEN a daily task overdue by a week WHEN completed THEN it moves to the first occurrence after now, not the next overdue one', () => {
    expect(advance('FREQ=DAILY', d('2026-02-23T09:00:00Z'), NOW, 'UTC')?.due).toEqual(
      d('2026-03-03T09:00:00Z'),
    );
  });

  it.each([
    ['FREQ=DAILY;COUNT=1', '2026-03-05T09:00:00Z'],
    ['FREQ=DAILY;UNTIL=20260305T235959Z', '2026-03-05T09:00:00Z'],
  ])(
    'GIVEN %s on its last occurrence WHEN completed THEN nothing is left (it completes for good)',
    (rule, due) => {
      expect(advance(rule, d(due), NOW, 'UTC')).toBeNull();
    },
  );

  it('GIVEN an undated repeating task WHEN completed THEN it repeats from the moment of completion', () => {
    expect(advance('FREQ=DAILY', null, NOW, 'UTC')?.due).toEqual(d('2026-03-03T12:00:00Z'));
  });
});

describe.each(DRIVERS)('repeating tasks on %s', (driver) => {
  let t: TestApp;
  let alice: TestUser;
  let a: As;
  let repo: TaskRepository;

  beforeAll(async () => {
    t = await createTestApp(driver);
    alice = await signUp(t.app, 'Alice');
    a = as(t.app, alice);
    repo = taskRepository(t.db.database);
  });
  afterAll(() => t?.close());

  const base = () => `/api/${alice.id}/tasks`;
  const create = (body: Record<string, unknown>) => createTask(a, alice.id, body);
  const get = async (id: number) => (await a('GET', `${base()}/${id}`)).json<Task>();
  const ok = toolOk;

  describe('REST', () => {
    it('GIVEN a rule with "RRULE:" WHEN created, read and cleared THEN it is stored without the prefix and null clears it', async () => {
      const task = await create({
        title: 'Gym',
        due_at: '2027-01-04T09:00:00Z',
        recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=MO',
      });
      expect(task.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO');
      expect((await get(task.id)).recurrence).toBe('FREQ=WEEKLY;BYDAY=MO');
      const cleared = await a('PATCH', `${base()}/${task.id}`, { recurrence: null });
      expect(cleared.json<Task>().recurrence).toBeNull();
    });

    it.each([
      ['POST', 'FREQ=SOMETIMES'],
      ['POST', 'every monday'],
      ['POST', 'FREQ=WEEKLY;BYDAY=XX'],
      // rrule 2.8 never returns on these two: they must be refused before it sees them.
      ['PATCH', 'FREQ=DAILY;INTERVAL=abc'],
      ['PATCH', 'FREQ=DAILY;INTERVAL=-1'],
      ['PATCH', 42],
    ])(
      'GIVEN %s with recurrence %j WHEN sent THEN 400 validation_error names the field',
      async (method, recurrence) => {
        const one = await create({ title: 'Target' });
        const res =
          method === 'POST'
            ? await a('POST', base(), { title: 'Bad', recurrence })
            : await a('PATCH', `${base()}/${one.id}`, { recurrence });
        expect(res.statusCode).toBe(400);
        const body = res.json<{ error: { code: string; message: string } }>();
        expect(body.error.code).toBe('validation_error');
        expect(body.error.message).toContain('recurrence');
      },
    );

    it('GIVEN repeating and one-off tasks WHEN listed with recurring=true|false THEN each filter keeps its own; a bad value is a 400', async () => {
      const user = await signUp(t.app, 'Lister');
      const u = as(t.app, user);
      await u('POST', `/api/${user.id}/tasks`, { title: 'Once' });
      await u('POST', `/api/${user.id}/tasks`, { title: 'Often', recurrence: 'FREQ=DAILY' });
      const titles = async (q: string) =>
        (await u('GET', `/api/${user.id}/tasks?${q}`)).json<TaskList>().items.map((x) => x.title);
      expect(await titles('recurring=true')).toEqual(['Often']);
      expect(await titles('recurring=false')).toEqual(['Once']);
      expect((await u('GET', `/api/${user.id}/tasks?recurring=yes`)).statusCode).toBe(400);
    });

    it('GIVEN a weekly task WHEN PATCH …/complete THEN it stays pending a week later, the log says completed, and undo restores the due date', async () => {
      const task = await create({
        title: 'Put bins out',
        due_at: '2027-01-04T09:00:00Z',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      });
      const done = await a('PATCH', `${base()}/${task.id}/complete`, { completed: true });
      expect(done.json<Task>()).toMatchObject({
        completed: false,
        due_at: '2027-01-11T09:00:00.000Z',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      });
      const log = (await a('GET', `/api/${alice.id}/activity?limit=1`)).json<ActivityPage>().items[0]!;
      expect(log).toMatchObject({
        task_id: task.id,
        action: 'completed',
        before: { completed: false, due_at: '2027-01-04T09:00:00.000Z' },
        after: { completed: false, due_at: '2027-01-11T09:00:00.000Z' },
      });
      const undone = await a('POST', `/api/${alice.id}/activity/undo`);
      expect(undone.json<UndoResult>().reverted).toHaveLength(1);
      expect(await get(task.id)).toMatchObject({ completed: false, due_at: '2027-01-04T09:00:00.000Z' });
    });

    it('GIVEN a repeating task WHEN the checkbox toggles it (no body) THEN it advances; a one-off task next to it just completes', async () => {
      const weekly = await create({
        title: 'Weekly',
        due_at: '2027-02-01T08:00:00Z',
        recurrence: 'FREQ=WEEKLY',
      });
      const once = await create({ title: 'Once', due_at: '2027-02-01T08:00:00Z' });
      const w = (await a('PATCH', `${base()}/${weekly.id}/complete`)).json<Task>();
      const o = (await a('PATCH', `${base()}/${once.id}/complete`)).json<Task>();
      expect(w).toMatchObject({ completed: false, due_at: '2027-02-08T08:00:00.000Z' });
      expect(o).toMatchObject({ completed: true, due_at: '2027-02-01T08:00:00.000Z' });
    });

    it('GIVEN COUNT=2 WHEN completed twice THEN the first completion counts it down and the second completes it for good', async () => {
      const task = await create({
        title: 'Twice',
        due_at: '2027-03-01T10:00:00Z',
        recurrence: 'FREQ=DAILY;COUNT=2',
      });
      const first = (await a('PATCH', `${base()}/${task.id}/complete`, { completed: true })).json<Task>();
      expect(first).toMatchObject({
        completed: false,
        due_at: '2027-03-02T10:00:00.000Z',
        recurrence: 'FREQ=DAILY;COUNT=1',
      });
      const second = (await a('PATCH', `${base()}/${task.id}/complete`, { completed: true })).json<Task>();
      expect(second).toMatchObject({ completed: true, due_at: '2027-03-02T10:00:00.000Z' });
    });

    it('GIVEN a saved zone with DST WHEN a 9 am weekly task is completed across the change THEN it stays 9 am local', async () => {
      const user = await signUp(t.app, 'Zoned');
      const u = as(t.app, user);
      expect((await u('PATCH', `/api/${user.id}/settings`, { time_zone: 'Europe/Berlin' })).statusCode).toBe(
        200,
      );
      // Mon 2027-03-22 09:00 CET; the clocks go forward on Sun 2027-03-28.
      const task = (
        await u('POST', `/api/${user.id}/tasks`, {
          title: 'Standup',
          due_at: '2027-03-22T08:00:00Z',
          recurrence: 'FREQ=WEEKLY;BYDAY=MO',
        })
      ).json<Task>();
      const next = (
        await u('PATCH', `/api/${user.id}/tasks/${task.id}/complete`, { completed: true })
      ).json<Task>();
      expect(next.due_at).toBe('2027-03-29T07:00:00.000Z');
    });
  });

  describe('tools (chat agents and MCP)', () => {
    it('GIVEN repeat words in Los Angeles WHEN add_task, complete_task, then update_task recurrence null THEN it repeats on the rule, then completes for good', async () => {
      const user = (await signUp(t.app, 'Talker')).id;
      // Thursday 2026-12-03 10:00 in Los Angeles.
      const tools = bindTools(
        { tasks: repo },
        newBinding(user, 'chat', { timeZone: 'America/Los_Angeles', now: d('2026-12-03T18:00:00Z') }),
      );
      const added = await ok<{ task_id: number }>(
        tools.call('add_task', { title: 'Gym', repeat: 'every monday at 7am' }),
      );
      const task = (await repo.get(user, added.task_id))!;
      expect(task).toMatchObject({
        recurrence: stringContaining('BYDAY=MO'),
        due_at: '2026-12-07T15:00:00.000Z',
      });
      await ok(tools.call('complete_task', { task_id: added.task_id }));
      expect(await repo.get(user, added.task_id)).toMatchObject({
        completed: false,
        due_at: '2026-12-14T15:00:00.000Z',
      });
      await ok(tools.call('update_task', { task_id: added.task_id, recurrence: null }));
      await ok(tools.call('complete_task', { task_id: added.task_id }));
      expect(await repo.get(user, added.task_id)).toMatchObject({ completed: true, recurrence: null });
      const listed = await ok<{ tasks: { recurrence?: string | null }[] }>(
        tools.call('list_tasks', { recurring: false }),
      );
      expect(listed.tasks).toHaveLength(1);
    });

    it('GIVEN a dated task WHEN update_task sets repeat words without a time THEN the rule is set and its due time is kept', async () => {
      const user = (await signUp(t.app, 'Keeper')).id;
      const tools = bindTools({ tasks: repo }, newBinding(user, 'mcp', { now: d('2026-12-03T18:00:00Z') }));
      await ok(tools.call('add_task', { title: 'Review', due_at: '2026-12-09T16:30:00Z' }));
      await ok(tools.call('update_task', { task_id: 1, repeat: 'every wednesday' }));
      expect(await repo.get(user, 1)).toMatchObject({
        recurrence: stringContaining('BYDAY=WE'),
        due_at: '2026-12-09T16:30:00.000Z',
      });
    });

    it.each([
      [{ title: 'X', repeat: 'whenever I feel like it' }, 'repeat rule'],
      [{ title: 'X', repeat: 'every day', recurrence: 'FREQ=DAILY' }, 'not both'],
      [{ title: 'X', recurrence: 'FREQ=NEVER' }, 'recurrence'],
    ])('GIVEN add_task %j THEN invalid_arguments mentioning %s, nothing added', async (args, words) => {
      const user = (await signUp(t.app, 'Bad')).id;
      const tools = bindTools({ tasks: repo }, newBinding(user, 'chat'));
      const out = await tools.call('add_task', args);
      expect(out.ok).toBe(false);
      expect(JSON.stringify(out.result)).toContain(words);
      expect((await repo.list(user, { status: 'all', sort: 'created', limit: 10 })).items).toEqual([]);
    });

    it('GIVEN a bulk complete of a repeating and a one-off task THEN one group: one advances, one completes, and one undo restores both', async () => {
      const user = (await signUp(t.app, 'Bulk')).id;
      const tools = bindTools({ tasks: repo }, newBinding(user, 'chat', { now: d('2026-12-01T00:00:00Z') }));
      await ok(
        tools.call('add_task', { title: 'Daily', due_at: '2026-12-02T09:00:00Z', recurrence: 'FREQ=DAILY' }),
      );
      await ok(tools.call('add_task', { title: 'Once', due_at: '2026-12-02T09:00:00Z' }));
      const turn = bindTools({ tasks: repo }, newBinding(user, 'chat', { now: d('2026-12-01T00:00:00Z') }));
      await ok(turn.bulk({ action: 'complete', task_ids: [1, 2] }));
      expect(await repo.get(user, 1)).toMatchObject({ completed: false, due_at: '2026-12-03T09:00:00.000Z' });
      expect(await repo.get(user, 2)).toMatchObject({ completed: true });
      const undo = bindTools({ tasks: repo }, newBinding(user, 'chat'));
      await ok(undo.call('undo', {}));
      expect(await repo.get(user, 1)).toMatchObject({ completed: false, due_at: '2026-12-02T09:00:00.000Z' });
      expect(await repo.get(user, 2)).toMatchObject({ completed: false });
    });
  });
});
