import type { Activity, ActivityPage, Task, UndoResult } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, twoUsers, type As, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { errorOf } from '../helpers/json';

describe.each(DRIVERS)('activity API on %s', (driver) => {
  let t: TestApp, alice: TestUser, bob: TestUser, a: As, b: As;

  beforeAll(async () => {
    ({ t, alice, bob, a, b } = await twoUsers(driver));
  });
  afterAll(() => t?.close());

  /** A new user with request helpers, so each test reads only its own log. */
  const fresh = async () => {
    const user = await signUp(t.app, 'Logger');
    const call = as(t.app, user);
    const tasks = `/api/${user.id}/tasks`;
    const activity = async (qs = '') => {
      const res = await call('GET', `/api/${user.id}/activity${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ActivityPage>();
    };
    const undo = async (body?: object) => {
      const res = await call('POST', `/api/${user.id}/activity/undo`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<UndoResult>();
    };
    return { user, call, tasks, activity, undo };
  };

  it('GIVEN REST create, update, complete, reopen and delete WHEN the log is read THEN one row each, newest first, with before and after', async () => {
    const { call, tasks, activity } = await fresh();
    const task = (await call('POST', tasks, { title: 'Log me', tags: ['x'] })).json<Task>();
    await call('PATCH', `${tasks}/${task.id}`, { title: 'Logged' });
    await call('PATCH', `${tasks}/${task.id}/complete`);
    await call('PATCH', `${tasks}/${task.id}/complete`, { completed: false });
    await call('DELETE', `${tasks}/${task.id}`);

    const { items } = await activity();
    expect(items.map((r) => r.action)).toEqual(['deleted', 'reopened', 'completed', 'updated', 'created']);
    expect(new Set(items.map((r) => r.group_id)).size).toBe(5);
    for (const row of items)
      expect(row).toMatchObject({ surface: 'api', task_id: task.id, conversation_id: null, undone_by: null });
    const [deleted, , , updated, created] = items as [Activity, Activity, Activity, Activity, Activity];
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ id: task.id, title: 'Log me', tags: ['x'], completed: false });
    expect(updated.before?.title).toBe('Log me');
    expect(updated.after?.title).toBe('Logged');
    expect(deleted.after).toBeNull();
    expect(deleted.before).toMatchObject({ title: 'Logged', completed: false });
  });

  it('GIVEN a PATCH that changes nothing WHEN the log is read THEN no row was written for it', async () => {
    const { call, tasks, activity } = await fresh();
    const task = (await call('POST', tasks, { title: 'Same' })).json<Task>();
    await call('PATCH', `${tasks}/${task.id}`, { title: 'Same' });
    expect((await activity()).items.map((r) => r.action)).toEqual(['created']);
  });

  it('GIVEN PATCH …/complete WHEN called without a body THEN it toggles; with {completed} THEN it sets', async () => {
    const { call, tasks } = await fresh();
    const task = (await call('POST', tasks, { title: 'Complete me' })).json<Task>();
    const complete = (body?: object) => call('PATCH', `${tasks}/${task.id}/complete`, body);
    expect((await complete()).json<Task>().completed).toBe(true);
    expect((await complete({ completed: true })).json<Task>().completed).toBe(true);
    expect((await complete()).json<Task>().completed).toBe(false);
    expect((await complete({ completed: false })).json<Task>().completed).toBe(false);
    const bad = await complete({ completed: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('validation_error');
  });

  it('GIVEN a deleted task WHEN undo is posted THEN it is back with all its fields and its number', async () => {
    const { call, tasks, undo } = await fresh();
    await call('POST', tasks, { title: 'First' });
    const task = (
      await call('POST', tasks, {
        title: 'Precious',
        description: 'keep me',
        priority: 'high',
        tags: ['a', 'b'],
        due_at: '2026-12-24T18:00:00.000Z',
        completed: true,
      })
    ).json<Task>();
    expect((await call('DELETE', `${tasks}/${task.id}`)).statusCode).toBe(204);

    const result = await undo();
    expect(result).toMatchObject({
      undone_groups: 1,
      reverted: [{ task_id: task.id, title: 'Precious', outcome: 'restored' }],
      conflicts: [],
    });
    const back = (await call('GET', `${tasks}/${task.id}`)).json<Task>();
    expect({ ...back, updated_at: undefined }).toEqual({ ...task, updated_at: undefined });
    // The next new task still gets a fresh number.
    expect((await call('POST', tasks, { title: 'Third' })).json<Task>().id).toBe(3);
  });

  it('GIVEN a create, a rename and a completion WHEN undo is posted with groups=2 and then again THEN it walks back two steps, then one more', async () => {
    const { call, tasks, undo, activity } = await fresh();
    const task = (await call('POST', tasks, { title: 'Walk back' })).json<Task>();
    await call('PATCH', `${tasks}/${task.id}`, { title: 'Renamed' });
    await call('PATCH', `${tasks}/${task.id}/complete`);

    expect(await undo({ groups: 2 })).toMatchObject({
      undone_groups: 2,
      reverted: [{ task_id: task.id, title: 'Walk back', outcome: 'reverted' }],
    });
    expect((await call('GET', `${tasks}/${task.id}`)).json<Task>()).toMatchObject({
      title: 'Walk back',
      completed: false,
    });
    // The undo's own rows are not undone by the next undo: it goes one step further back.
    expect(await undo()).toMatchObject({ reverted: [{ task_id: task.id, outcome: 'deleted' }] });
    expect((await call('GET', `${tasks}/${task.id}`)).statusCode).toBe(404);
    expect(await undo()).toEqual({ group_id: null, undone_groups: 0, reverted: [], conflicts: [] });

    const rows = (await activity()).items;
    expect(rows.filter((r) => r.is_undo).map((r) => r.action)).toEqual(['deleted', 'reopened']);
    expect(rows.filter((r) => !r.is_undo).every((r) => r.undone_by !== null)).toBe(true);
  });

  it('GIVEN a task changed after the change being undone WHEN undo is posted THEN it is reported as a conflict and left as it is', async () => {
    const { user, call, tasks, undo } = await fresh();
    const task = (await call('POST', tasks, { title: 'Original' })).json<Task>();
    await call('PATCH', `${tasks}/${task.id}`, { title: 'Via REST' });
    // A later change from another surface (the undo scope is REST's, so this one is not undone).
    await t.db.database.query(
      '',
      "update tasks set title = 'Changed elsewhere' where user_id = $1 and number = $2",
      [user.id, task.id],
    );
    expect(await undo()).toMatchObject({
      undone_groups: 1,
      reverted: [],
      conflicts: [{ task_id: task.id, title: 'Changed elsewhere', outcome: 'conflict' }],
    });
    expect((await call('GET', `${tasks}/${task.id}`)).json<Task>().title).toBe('Changed elsewhere');
  });

  it('GIVEN 5 changes WHEN the log is paged with limit=2 and since THEN the cursor walks them all once, and since cuts older ones', async () => {
    const { call, tasks, activity } = await fresh();
    for (const title of ['a', 'b', 'c']) await call('POST', tasks, { title });
    const middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    for (const title of ['d', 'e']) await call('POST', tasks, { title });
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ActivityPage = await activity(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items.map((r) => r.after!.title));
      cursor = page.next_cursor;
    } while (cursor && walked.length < 10);
    expect(walked).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect((await activity(`?since=${middle}`)).items.map((r) => r.after!.title)).toEqual(['e', 'd']);
  });

  it.each([
    ['?since=yesterday', 'GET'],
    ['?limit=0', 'GET'],
    ['?cursor=garbage!!', 'GET'],
    ['?unknown=1', 'GET'],
  ])('GIVEN GET activity%s THEN 400 validation_error', async (qs) => {
    const res = await a('GET', `/api/${alice.id}/activity${qs}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_error');
  });

  it.each([[{ groups: 0 }], [{ groups: 21 }], [{ groups: 'all' }], [{ extra: true }]])(
    'GIVEN undo with %j THEN 400 validation_error',
    async (body) => {
      const res = await a('POST', `/api/${alice.id}/activity/undo`, body);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
    },
  );

  it("GIVEN Alice's changes WHEN Bob reads or undoes THEN he sees and reverts nothing of hers; her path is 403 to him", async () => {
    const task = (await a('POST', `/api/${alice.id}/tasks`, { title: 'Alice log' })).json<Task>();
    expect((await b('GET', `/api/${alice.id}/activity`)).statusCode).toBe(403);
    expect((await b('POST', `/api/${alice.id}/activity/undo`, {})).statusCode).toBe(403);
    expect(JSON.stringify((await b('GET', `/api/${bob.id}/activity`)).json())).not.toContain('Alice log');
    await b('POST', `/api/${bob.id}/activity/undo`, {});
    expect((await a('GET', `/api/${alice.id}/tasks/${task.id}`)).statusCode).toBe(200);
  });
});
