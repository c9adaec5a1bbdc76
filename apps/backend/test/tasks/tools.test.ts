import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindTools, newBinding, TASK_TOOLS, toolJsonSchema, TOOL_NAMES } from '../../src/tasks/tools';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import { createTestApp, signUp, type TestApp } from '../helpers/app';

describe('task tools', () => {
  let t: TestApp;
  let repo: TaskRepository;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    repo = taskRepository(t.db.database);
    alice = (await signUp(t.app, 'Alice')).id;
    bob = (await signUp(t.app, 'Bob')).id;
  });
  afterAll(() => t?.close());

  it('GIVEN the tool module THEN it defines exactly the five tools of the contract', () => {
    expect(TOOL_NAMES).toEqual(['add_task', 'list_tasks', 'complete_task', 'delete_task', 'update_task']);
    for (const tool of TASK_TOOLS) expect(tool.description.length, tool.name).toBeGreaterThan(20);
  });

  it.each([
    ['add_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ['list_tasks', { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ['complete_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
    ['delete_task', { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ['update_task', { readOnlyHint: false, destructiveHint: false, idempotentHint: true }],
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
      result: { task_id: expect.any(Number), status: 'created', title: 'Buy milk' },
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
    ['add_task', {}, /title/],
    ['add_task', { title: 'x', priority: 'urgent' }, /priority/],
    ['add_task', { title: 'x', due_at: 'tomorrow' }, /due_at/],
    ['add_task', { title: 'x', user_id: 'someone-else' }, /user_id/],
    ['complete_task', { task_id: 'abc' }, /task_id/],
    ['delete_task', { task_id: -1 }, /task_id/],
    ['update_task', { task_id: 1 }, /at least one field/],
    ['list_tasks', { status: 'archived' }, /status/],
    ['drop_database', {}, /no tool named drop_database/],
  ])('GIVEN %s with %j WHEN called THEN a clear error result, no throw', async (name, args, message) => {
    const outcome = await bindTools({ tasks: repo }, newBinding(alice, 'chat')).call(name, args);
    expect(outcome.ok).toBe(false);
    expect(outcome.result).toEqual({ error: expect.stringMatching(message) });
  });

  it("GIVEN tools bound to Bob WHEN he names Alice's task ids THEN they are 'not found' and Alice's task is unchanged", async () => {
    const task = await repo.create(alice, { title: 'Alice private' });
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
});
