import { randomUUID } from 'node:crypto';
import {
  recentActivityResultSchema,
  type ActivityPage,
  type BulkResult,
  type TaskListResult,
  type UndoResult,
} from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChange } from '../../src/activity/context';
import { activityRepository } from '../../src/activity/repository';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import {
  bindTools,
  newBinding,
  TASK_TOOLS,
  toolJsonSchema,
  TOOL_NAMES,
  type BoundTools,
  type ToolOutcome,
} from '../../src/tasks/tools';
import { createTestApp, signUp, type TestApp } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { anyNumber, stringMatching } from '../helpers/json';

/** The result of a call that must succeed. */
async function ok<T>(outcome: Promise<ToolOutcome>): Promise<T> {
  const done = await outcome;
  expect(done, JSON.stringify(done.result)).toMatchObject({ ok: true });
  return done.result as T;
}

describe.each(DRIVERS)('task tools on %s', (driver) => {
  let t: TestApp;
  let repo: TaskRepository;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await createTestApp(driver);
    repo = taskRepository(t.db.database);
    alice = (await signUp(t.app, 'Alice')).id;
    bob = (await signUp(t.app, 'Bob')).id;
  });
  afterAll(() => t?.close());

  it('GIVEN the tool module THEN it defines exactly the tools of the contract', () => {
    expect(TOOL_NAMES).toEqual([
      'add_task',
      'list_tasks',
      'complete_task',
      'reopen_task',
      'delete_task',
      'update_task',
      'snooze_reminder',
      'undo',
      'recent_activity',
    ]);
    for (const tool of TASK_TOOLS) expect(tool.description.length, tool.name).toBeGreaterThan(20);
  });

  it.each([
    ['add_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ['list_tasks', { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ['complete_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ['delete_task', { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ['update_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ['reopen_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ['undo', { readOnlyHint: false, destructiveHint: true, idempotentHint: false }],
    ['recent_activity', { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
  ])('GIVEN the tool %s THEN it carries its own MCP annotations %j', (name, annotations) => {
    expect(TASK_TOOLS.find((t) => t.name === name)?.annotations).toEqual(annotations);
  });

  it('GIVEN each tool WHEN called THEN it answers {task_id, status, title} (list: the tasks) and changes the data', async () => {
    const tools = bindTools({ tasks: repo }, newBinding(alice, 'chat'));
    const added = await tools.call('add_task', {
      title: '  Buy milk ',
      priority: 'high',
      tags: ['shop', 'shop'],
      due_at: '2026-12-01T10:00:00Z',
    });
    expect(added).toEqual({
      ok: true,
      result: { task_id: anyNumber(), status: 'created', title: 'Buy milk' },
    });
    const id = (added as { result: { task_id: number } }).result.task_id;
    expect(await repo.get(alice, id)).toMatchObject({
      priority: 'high',
      tags: ['shop'],
      due_at: '2026-12-01T10:00:00.000Z',
    });

    const updated = await tools.call('update_task', { task_id: id, title: 'Buy oat milk', due_at: null });
    expect(updated).toEqual({ ok: true, result: { task_id: id, status: 'updated', title: 'Buy oat milk' } });
    expect((await repo.get(alice, id))?.due_at).toBeNull();

    const completed = await tools.call('complete_task', { task_id: id });
    expect(completed).toEqual({
      ok: true,
      result: { task_id: id, status: 'completed', title: 'Buy oat milk' },
    });
    // Completing twice keeps it completed (not a toggle).
    await tools.call('complete_task', { task_id: id });
    expect((await repo.get(alice, id))?.completed).toBe(true);

    const pending = await tools.call('list_tasks', { status: 'pending' });
    const done = await tools.call('list_tasks', { status: 'completed', q: 'oat' });
    expect(pending).toMatchObject({ ok: true, result: { count: 0, tasks: [], truncated: false } });
    expect(done).toMatchObject({
      ok: true,
      result: { count: 1, tasks: [{ id, title: 'Buy oat milk', completed: true, priority: 'high' }] },
    });

    const deleted = await tools.call('delete_task', { task_id: id });
    expect(deleted).toEqual({ ok: true, result: { task_id: id, status: 'deleted', title: 'Buy oat milk' } });
    expect(await repo.get(alice, id)).toBeNull();
  });

  it.each([
    ['add_task', {}, /title/, 'invalid_arguments'],
    ['add_task', { title: 'x', priority: 'urgent' }, /priority/, 'invalid_arguments'],
    ['add_task', { title: 'x', due_at: 'tomorrow' }, /due_at/, 'invalid_arguments'],
    ['add_task', { title: 'x', user_id: 'someone-else' }, /user_id/, 'invalid_arguments'],
    ['complete_task', { task_id: 'abc' }, /task_id/, 'invalid_arguments'],
    ['delete_task', { task_id: -1 }, /task_id/, 'invalid_arguments'],
    ['update_task', { task_id: 1 }, /at least one field/, 'invalid_arguments'],
    ['list_tasks', { status: 'archived' }, /status/, 'invalid_arguments'],
    ['drop_database', {}, /no tool named drop_database/, 'unknown_tool'],
  ])(
    'GIVEN %s with %j WHEN called THEN a clear error result with its code, no throw',
    async (name, args, message, code) => {
      const outcome = await bindTools({ tasks: repo }, newBinding(alice, 'chat')).call(name, args);
      expect(outcome.ok).toBe(false);
      expect(outcome.result).toEqual({ error: stringMatching(message), code });
    },
  );

  it("GIVEN tools bound to Bob WHEN he names Alice's task ids THEN they are 'not found' and Alice's task is unchanged", async () => {
    const task = await repo.create(apiChange(alice), { title: 'Alice private' });
    const tools = bindTools({ tasks: repo }, newBinding(bob, 'chat'));
    for (const [name, args] of [
      ['complete_task', { task_id: task.id }],
      ['delete_task', { task_id: task.id }],
      ['update_task', { task_id: task.id, title: 'pwned' }],
    ] as const) {
      expect(await tools.call(name, args)).toMatchObject({
        ok: false,
        result: { error: `Task ${task.id} not found` },
      });
    }
    const bobsList = await tools.call('list_tasks', { q: 'Alice' });
    expect(bobsList).toMatchObject({ ok: true, result: { count: 0 } });
    expect(await repo.get(alice, task.id)).toEqual(task);
  });

  it('GIVEN the JSON schemas for models THEN they are closed objects without user ids or regex noise', () => {
    for (const tool of TASK_TOOLS) {
      const schema = toolJsonSchema(tool);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(schema.properties as object)).not.toContain('user_id');
      expect(JSON.stringify(schema)).not.toContain('"pattern"');
    }
    expect(toolJsonSchema(TASK_TOOLS[0]).required).toEqual(['title']);
  });

  it.each([
    ['tomorrow at 5pm', 'America/Los_Angeles', '2026-11-29T01:00:00.000Z'],
    ['next monday 9am', 'Asia/Karachi', '2026-11-30T04:00:00.000Z'],
    ['2026-12-24T18:00:00+01:00', 'UTC', '2026-12-24T17:00:00.000Z'],
  ])(
    'GIVEN due "%s" as words in %s WHEN add_task runs THEN due_at is that instant',
    async (due, zone, expected) => {
      const user = (await signUp(t.app, 'Due')).id;
      const now = new Date('2026-11-28T02:05:00Z'); // Friday evening in Los Angeles
      await ok(
        bindTools({ tasks: repo }, newBinding(user, 'mcp', { timeZone: zone, now })).call('add_task', {
          title: 'X',
          due,
        }),
      );
      expect((await repo.get(user, 1))!.due_at).toBe(expected);
    },
  );

  it('GIVEN words that are no date, or both due and due_at WHEN add_task runs THEN invalid_arguments and nothing is added', async () => {
    const user = (await signUp(t.app, 'Due')).id;
    const tools = bindTools({ tasks: repo }, newBinding(user, 'mcp'));
    for (const args of [
      { title: 'X', due: 'when pigs fly' },
      { title: 'X', due: 'tomorrow', due_at: '2026-12-01T09:00:00Z' },
    ]) {
      const outcome = await tools.call('add_task', args);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    }
    expect((await repo.list(user, { status: 'all', sort: 'created', limit: 10 })).items).toEqual([]);
  });

  it('GIVEN a tag "work" WHEN remove_tags names "Work" (or add_tags "WORK") THEN case does not make a second tag', async () => {
    const user = (await signUp(t.app, 'Tags')).id;
    const tools = bindTools({ tasks: repo }, newBinding(user, 'chat'));
    await ok(tools.call('add_task', { title: 'Email client', tags: ['work', 'home'] }));
    await ok(tools.call('update_task', { task_id: 1, add_tags: ['WORK'] }));
    expect((await repo.get(user, 1))!.tags).toEqual(['work', 'home']);
    await ok(tools.call('update_task', { task_id: 1, remove_tags: ['Work'] }));
    expect((await repo.get(user, 1))!.tags).toEqual(['home']);
  });

  it('GIVEN changes today from chat and the API WHEN recent_activity runs THEN it lists them newest first with titles', async () => {
    const user = (await signUp(t.app, 'Diary')).id;
    const tools = bindTools({ tasks: repo }, newBinding(user, 'chat', { timeZone: 'UTC' }));
    await ok(tools.call('add_task', { title: 'Water plants' }));
    await ok(tools.call('complete_task', { task_id: 1 }));
    // Parsed with the shared contract the UI reads it with: a field renamed here fails this test.
    const diary = recentActivityResultSchema.parse(await ok(tools.call('recent_activity', {})));
    expect(diary.items.map((i) => [i.action, i.task_id, i.title, i.surface])).toEqual([
      ['completed', 1, 'Water plants', 'chat'],
      ['created', 1, 'Water plants', 'chat'],
    ]);
    const tomorrow = await ok<{ items: unknown[] }>(tools.call('recent_activity', { since: 'tomorrow' }));
    expect(tomorrow.items).toEqual([]);
  });

  describe('activity, undo and bulk', () => {
    /** A fresh user and their tools bound as one chat turn of one conversation. */
    const chatTurn = (userId: string, conversationId: string) =>
      bindTools({ tasks: repo }, newBinding(userId, 'chat', { conversationId }));
    const log = async (userId: string) =>
      (await activityRepository(t.db.database).list(userId, { limit: 100 })).items;

    it('GIVEN tools bound as a chat turn WHEN they change tasks THEN each row names chat, the conversation and one group', async () => {
      const user = (await signUp(t.app, 'Chatty')).id;
      const conversation = randomUUID();
      const tools = chatTurn(user, conversation);
      const { task_id } = await ok<{ task_id: number }>(tools.call('add_task', { title: 'From chat' }));
      await ok(tools.call('complete_task', { task_id }));
      const rows = await log(user);
      expect(rows.map((r) => r.action)).toEqual(['completed', 'created']);
      for (const row of rows) expect(row).toMatchObject({ surface: 'chat', conversation_id: conversation });
      expect(new Set(rows.map((r) => r.group_id)).size).toBe(1);
    });

    it('GIVEN the new tools WHEN reopening, filtering and editing tags and notes THEN the task changes exactly so', async () => {
      const user = (await signUp(t.app, 'Editor')).id;
      const now = new Date('2026-06-15T12:00:00Z');
      const tools = bindTools(
        { tasks: repo },
        newBinding(user, 'chat', { conversationId: randomUUID(), now }),
      );
      const add = async (args: object) =>
        (await ok<{ task_id: number }>(tools.call('add_task', args))).task_id;
      const late = await add({ title: 'Late', due_at: '2026-06-14T09:00:00Z', tags: ['work'] });
      const soon = await add({ title: 'Soon', due_at: '2026-06-16T09:00:00Z', priority: 'high' });
      const doneLate = await add({ title: 'Done late', due_at: '2026-06-01T09:00:00Z' });
      await ok(tools.call('complete_task', { task_id: doneLate }));

      const ids = async (args: object) =>
        (await ok<TaskListResult>(tools.call('list_tasks', args))).tasks.map((x) => x.id);
      expect(await ids({ overdue: true })).toEqual([late]);
      expect(await ids({ priority: 'high' })).toEqual([soon]);
      expect(await ids({ tag: 'work' })).toEqual([late]);
      expect(await ids({ due_after: '2026-06-15T00:00:00Z' })).toEqual([soon]);
      expect(await ids({ due_before: '2026-06-10T00:00:00Z' })).toEqual([doneLate]);

      expect(await ok(tools.call('reopen_task', { task_id: doneLate }))).toEqual({
        task_id: doneLate,
        status: 'reopened',
        title: 'Done late',
      });
      expect((await repo.get(user, doneLate))?.completed).toBe(false);

      await ok(tools.call('update_task', { task_id: late, add_tags: ['home', 'work'], remove_tags: ['x'] }));
      await ok(tools.call('update_task', { task_id: late, append_description: 'first note' }));
      await ok(tools.call('update_task', { task_id: late, append_description: 'second note' }));
      await ok(tools.call('update_task', { task_id: late, remove_tags: ['work'] }));
      expect(await repo.get(user, late)).toMatchObject({
        tags: ['home'],
        description: 'first note\nsecond note',
      });
    });

    it('GIVEN a chat turn that deleted a task WHEN undo runs in that conversation THEN the task is back with all fields and its number', async () => {
      const user = (await signUp(t.app, 'Undoer')).id;
      const conversation = randomUUID();
      const task = await repo.create(apiChange(user), {
        title: 'Keep me',
        description: 'notes',
        priority: 'low',
        tags: ['t1'],
        due_at: '2026-07-01T08:30:00.000Z',
      });
      await ok(chatTurn(user, conversation).call('delete_task', { task_id: task.id }));
      // A turn of another conversation has nothing to undo there.
      expect(await ok<UndoResult>(chatTurn(user, randomUUID()).call('undo', {}))).toMatchObject({
        undone_groups: 0,
      });
      const undone = await ok<UndoResult>(chatTurn(user, conversation).call('undo', {}));
      expect(undone).toMatchObject({
        undone_groups: 1,
        reverted: [{ task_id: task.id, outcome: 'restored', title: 'Keep me' }],
      });
      expect({ ...(await repo.get(user, task.id)), updated_at: 0 }).toEqual({ ...task, updated_at: 0 });
      const [undoRow] = await log(user);
      expect(undoRow).toMatchObject({ surface: 'chat', conversation_id: conversation, is_undo: true });
    });

    it('GIVEN a confirmed bulk change WHEN applied THEN per-task results, one group, and one undo reverts all of it', async () => {
      const user = (await signUp(t.app, 'Bulk')).id;
      const conversation = randomUUID();
      const ids: number[] = [];
      for (const title of ['b1', 'b2', 'b3'])
        ids.push((await repo.create(apiChange(user), { title, tags: ['work'] })).id);
      const turn: BoundTools = chatTurn(user, conversation);

      const completed = await ok<BulkResult>(turn.bulk({ action: 'complete', task_ids: [...ids, 999] }));
      expect(completed.results).toEqual([
        { task_id: ids[0], status: 'completed', title: 'b1' },
        { task_id: ids[1], status: 'completed', title: 'b2' },
        { task_id: ids[2], status: 'completed', title: 'b3' },
        { task_id: 999, status: 'not_found', title: null },
      ]);
      const rows = (await log(user)).filter((r) => r.group_id === completed.group_id);
      expect(rows).toHaveLength(3);

      const undone = await ok<UndoResult>(chatTurn(user, conversation).call('undo', {}));
      expect(undone.reverted.map((r) => r.task_id)).toEqual(ids);
      for (const id of ids) expect((await repo.get(user, id))?.completed).toBe(false);
    });

    it.each([
      [{ action: 'delete', task_ids: [1] }, 'deleted'],
      [{ action: 'reopen', task_ids: [1] }, 'reopened'],
      [{ action: 'reschedule', task_ids: [1], due_at: '2026-09-01T14:00:00Z' }, 'updated'],
      [{ action: 'update', task_ids: [1], fields: { priority: 'high', add_tags: ['x'] } }, 'updated'],
    ])('GIVEN bulk %j WHEN applied THEN the task is %s', async (change, status) => {
      const user = (await signUp(t.app, 'Bulk one')).id;
      await repo.create(apiChange(user), { title: 'only', completed: true });
      const result = await ok<BulkResult>(bindTools({ tasks: repo }, newBinding(user, 'mcp')).bulk(change));
      expect(result.results).toEqual([{ task_id: 1, status, title: 'only' }]);
    });

    it.each([
      [{ action: 'explode', task_ids: [1] }],
      [{ action: 'delete', task_ids: [] }],
      [{ action: 'update', task_ids: [1], fields: {} }],
      [{ action: 'reschedule', task_ids: [1] }],
    ])('GIVEN a bad bulk change %j THEN an error outcome, nothing changed', async (change) => {
      const outcome = await bindTools({ tasks: repo }, newBinding(alice, 'chat')).bulk(change);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    });

    it('GIVEN an undo tool call WHEN its changes were later edited elsewhere THEN conflicts are reported and kept', async () => {
      const user = (await signUp(t.app, 'Conflicted')).id;
      const conversation = randomUUID();
      const { task_id } = await ok<{ task_id: number }>(
        chatTurn(user, conversation).call('add_task', { title: 'Mine' }),
      );
      await repo.update(apiChange(user), task_id, { title: 'Edited in the UI' });
      const undone = await ok<UndoResult>(chatTurn(user, conversation).call('undo', {}));
      expect(undone).toMatchObject({
        reverted: [],
        conflicts: [{ task_id, title: 'Edited in the UI', outcome: 'conflict' }],
      });
      expect((await repo.get(user, task_id))?.title).toBe('Edited in the UI');
      const page: ActivityPage = await activityRepository(t.db.database).list(user, { limit: 1 });
      expect(page.items[0]?.after?.title).toBe('Edited in the UI');
    });
  });

  describe('reminders', () => {
    const tools = (user: string, zone = 'UTC') =>
      bindTools({ tasks: repo }, newBinding(user, 'chat', { timeZone: zone }));
    type Change = { task_id: number; reminders_at?: string[] };

    it('GIVEN "call mom" due in two hours with a reminder at the due time THEN the answer says when it will remind', async () => {
      const user = (await signUp(t.app, 'Rem')).id;
      const made = await ok<Change>(
        tools(user).call('add_task', {
          title: 'Call mom',
          due: 'in 2 hours',
          reminders: [{ before: 'PT0S' }],
        }),
      );
      const task = (await repo.get(user, made.task_id))!;
      expect(task.reminders).toEqual([{ before: 'PT0S' }]);
      expect(made.reminders_at).toEqual([task.due_at]);
    });

    it('GIVEN a reminder "at" in words THEN it is read in the user\'s zone', async () => {
      const user = (await signUp(t.app, 'Rem')).id;
      const made = await ok<Change>(
        tools(user, 'Asia/Karachi').call('add_task', { title: 'Gym', reminders: [{ at: 'tomorrow 7am' }] }),
      );
      const at = (await repo.get(user, made.task_id))!.reminders[0] as { at: string };
      // 7 am in Karachi (UTC+5) is 02:00 UTC.
      expect(at.at).toMatch(/T02:00:00\.000Z$/);
      expect(made.reminders_at).toEqual([at.at]);
    });

    it.each([
      [{ title: 'No due', reminders: [{ before: 'PT10M' }] }, 'needs a task with a due time'],
      [{ title: 'Past', reminders: [{ at: '2020-01-01T00:00:00Z' }] }, 'already passed'],
      [{ title: 'Past lead', due: 'in 5 minutes', reminders: [{ before: 'PT1H' }] }, 'already passed'],
      [{ title: 'Words', reminders: [{ at: 'when pigs fly' }] }, 'Could not read'],
      [{ title: 'Bad lead', due: 'tomorrow', reminders: [{ before: 'ten minutes' }] }, 'ISO 8601 duration'],
    ])(
      'GIVEN a reminder that could never go off (%j) THEN invalid_arguments and no task',
      async (args, words) => {
        const user = (await signUp(t.app, 'Rem')).id;
        const outcome = await tools(user).call('add_task', args);
        expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
        expect(JSON.stringify(outcome.result)).toContain(words);
        expect((await repo.list(user, { status: 'all', sort: 'created', limit: 10 })).items).toEqual([]);
      },
    );

    it('GIVEN a task with a reminder WHEN add_reminders adds one twice THEN both distinct rules stay, once each; a sixth is refused', async () => {
      const user = (await signUp(t.app, 'Rem')).id;
      const tl = tools(user);
      await ok(tl.call('add_task', { title: 'Dentist', due: 'in 3 days', reminders: [{ before: 'P1D' }] }));
      const added = await ok<Change>(
        tl.call('update_task', { task_id: 1, add_reminders: [{ before: 'PT1H' }] }),
      );
      await ok(tl.call('update_task', { task_id: 1, add_reminders: [{ before: 'PT1H' }] }));
      expect((await repo.get(user, 1))!.reminders).toEqual([{ before: 'P1D' }, { before: 'PT1H' }]);
      expect(added.reminders_at).toHaveLength(2);
      const more = ['PT1M', 'PT2M', 'PT3M', 'PT4M'].map((before) => ({ before }));
      const outcome = await tl.call('update_task', { task_id: 1, add_reminders: more });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
      expect((await repo.get(user, 1))!.reminders).toHaveLength(2);
    });

    it('GIVEN reminders [] on update_task THEN the task reminds no more', async () => {
      const user = (await signUp(t.app, 'Rem')).id;
      const tl = tools(user);
      await ok(
        tl.call('add_task', { title: 'Standup', due: 'tomorrow 9am', reminders: [{ before: 'PT5M' }] }),
      );
      await ok(tl.call('update_task', { task_id: 1, reminders: [] }));
      expect((await repo.get(user, 1))!.reminders).toEqual([]);
      expect(await repo.reminders.pendingFor(user, 1)).toEqual([]);
    });

    it('GIVEN no reminder went off yet THEN snooze_reminder says so; GIVEN one did THEN it reminds again in the minutes asked', async () => {
      const user = (await signUp(t.app, 'Rem')).id;
      const tl = tools(user);
      await ok(tl.call('add_task', { title: 'Oven', due: 'in 1 hour', reminders: [{ before: 'PT0S' }] }));
      const none = await tl.call('snooze_reminder', { task_id: 1 });
      expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(JSON.stringify(none.result)).toContain('no reminder that went off');
      const [pending] = await repo.reminders.list(user, 'pending');
      expect(await repo.reminders.deliver([pending!.id])).toBe(1);
      const before = Date.now();
      const snoozed = await ok<Change>(tl.call('snooze_reminder', { task_id: 1, minutes: 30 }));
      const at = Date.parse(snoozed.reminders_at![0]!);
      expect(at - before).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
      expect(at - before).toBeLessThan(30 * 60_000 + 5000);
      expect(await repo.reminders.pendingFor(user, 1)).toEqual(snoozed.reminders_at);
    });

    it('GIVEN a bulk update naming reminders THEN it is refused (reminders are set one task at a time)', async () => {
      const outcome = await bindTools({ tasks: repo }, newBinding(alice, 'chat')).bulk({
        action: 'update',
        task_ids: [1],
        fields: { reminders: [{ before: 'PT1H' }] },
      });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    });
  });
});
