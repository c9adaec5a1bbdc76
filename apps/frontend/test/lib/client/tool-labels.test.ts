import {
  bulkResultSchema,
  modelPreviewResultSchema,
  planSchema,
  previewResultSchema,
  recentActivityResultSchema,
  taskChangeSchema,
  taskListResultSchema,
  toolErrorResultSchema,
  undoResultSchema,
  type TaskChange,
} from '@todo/shared';
import { describe, expect, it, vi } from 'vitest';
import { describeToolCall } from '../../../lib/client/tool-labels';
import { catalogTranslator } from '../../helpers/i18n';

// The page's catalog is English here (the components pass their own translator; the chat's contract uses the page's).
vi.mock('../../../i18n/client', async (original) => ({
  ...(await original<object>()),
  pageTranslator: (namespace: string) => catalogTranslator('en', namespace),
}));

// Results and arguments go through the shared schemas the backend builds them with first, so every fixture is a
// shape the backend really sends.
const change = (status: TaskChange['status'], task_id = 3, title = 'buy milk') =>
  taskChangeSchema.parse({ task_id, status, title });
const words = (name: string, args: Record<string, unknown>, result: unknown) => {
  const a = describeToolCall('k', name, args, result, true);
  return { label: a.label, detail: a.detail, changed: a.changed, state: a.state };
};

describe('tool labels in plain words', () => {
  it.each([
    ['add_task', {}, change('created'), 'Added task 3'],
    ['complete_task', { task_id: 3 }, change('completed'), 'Completed task 3'],
    ['reopen_task', { task_id: 3 }, change('reopened'), 'Reopened task 3'],
    ['delete_task', { task_id: 3 }, change('deleted'), 'Deleted task 3'],
    ['update_task', { task_id: 3, priority: 'high' }, change('updated'), 'Updated task 3'],
    ['snooze_reminder', { task_id: 3 }, change('updated'), 'Snoozed the reminder for task 3'],
  ])(
    'GIVEN %s succeeded WHEN worded THEN it reads "%s" with the title, and the list reloads',
    (name, args, result, label) => {
      expect(words(name, args, result)).toEqual({ label, detail: 'buy milk', changed: true, state: 'done' });
    },
  );

  it('GIVEN a lookup WHEN worded THEN it counts tasks and changes nothing', () => {
    const list = (n: number) =>
      taskListResultSchema.parse({
        tasks: Array.from({ length: n }, (_, i) => ({
          id: i + 1,
          title: `t${i}`,
          description: '',
          completed: false,
          priority: 'medium',
          due_at: null,
          tags: [],
        })),
        count: n,
        truncated: false,
      });
    expect(words('list_tasks', {}, list(2))).toMatchObject({ label: 'Looked up 2 tasks', changed: false });
    expect(words('list_tasks', {}, list(1)).label).toBe('Looked up 1 task');
    expect(words('list_tasks', {}, list(0)).label).toBe('Found no matching tasks');
  });

  it('GIVEN a preview waiting for yes WHEN worded THEN it is a question, not a change, with the items to confirm', () => {
    const args = planSchema.parse({
      action: 'delete',
      awaiting: 'confirm',
      items: [
        { task_id: 2, title: 'old', args: { task_id: 2 } },
        { task_id: 5, title: 'older', args: { task_id: 5 } },
      ],
      summary: 'Delete 2 completed tasks',
    });
    // The local agent answers with the plan's tasks.
    const result = previewResultSchema.parse({
      awaiting: 'confirm',
      tasks: args.items.map((i) => ({ id: i.task_id, title: i.title })),
    });
    const a = describeToolCall('k', 'preview_changes', args, result, true);
    expect(a).toMatchObject({
      label: 'Waiting for your yes: delete 2 tasks',
      detail: 'Delete 2 completed tasks',
      changed: false,
      question: { awaiting: 'confirm' },
    });
    expect(a.question?.items.map((i) => i.task_id)).toEqual([2, 5]);
  });

  it('GIVEN a "which one?" preview WHEN worded THEN it asks for a choice', () => {
    const args = planSchema.parse({
      action: 'complete',
      awaiting: 'choice',
      items: [
        { task_id: 1, title: 'call mom', args: {} },
        { task_id: 4, title: 'call dad', args: {} },
      ],
      summary: '',
    });
    expect(describeToolCall('k', 'preview_changes', args, undefined, false)).toMatchObject({
      label: 'Waiting for your choice: which task to complete',
      changed: false,
      question: { awaiting: 'choice' },
    });
  });

  it('GIVEN a "when should I remind you?" question WHEN worded THEN it waits for a time about that task, changing nothing', () => {
    const args = planSchema.parse({
      action: 'update',
      awaiting: 'when',
      when: 'reminder',
      items: [{ task_id: 7, title: 'Call the bank', args: { task_id: 7 } }],
      summary: 'When should I remind you about “Call the bank”?',
    });
    const result = previewResultSchema.parse({
      awaiting: 'when',
      tasks: [{ id: 7, title: 'Call the bank' }],
    });
    expect(describeToolCall('k', 'preview_changes', args, result, true)).toMatchObject({
      label: 'Waiting for a time: when to remind you about task 7',
      changed: false,
      question: { awaiting: 'when', items: [{ task_id: 7, title: 'Call the bank' }] },
    });
  });

  it('GIVEN the OpenAI agent’s preview (task numbers in, tasks out) WHEN worded THEN it waits for yes on those tasks', () => {
    const result = modelPreviewResultSchema.parse({
      awaiting: 'confirm',
      change: { action: 'reschedule', task_ids: [4, 6, 7], due_at: '2026-11-28T09:00:00.000Z' },
      tasks: [
        { id: 4, title: 'a' },
        { id: 6, title: 'b' },
        { id: 7, title: 'c' },
      ],
      message:
        'Nothing changed yet. Show these 3 tasks to the user and ask them to confirm; on yes, call apply_changes.',
    });
    const a = describeToolCall(
      'k',
      'preview_changes',
      { action: 'reschedule', task_ids: [4, 6, 7] },
      result,
      true,
    );
    expect(a).toMatchObject({ label: 'Waiting for your yes: move 3 tasks', changed: false });
    expect(a.question?.items.map((i) => i.task_id)).toEqual([4, 6, 7]);
    expect(describeToolCall('k', 'preview_changes', { action: 'delete' }, undefined, false)).toMatchObject({
      label: 'Preparing a preview…',
      state: 'running',
      changed: false,
    });
  });

  it('GIVEN a preview the backend refused WHEN worded THEN it failed, with no question and no change', () => {
    const a = describeToolCall(
      'k',
      'preview_changes',
      { action: 'delete' },
      toolErrorResultSchema.parse({ error: 'No task 9' }),
      true,
    );
    expect(a).toMatchObject({ label: "Couldn't prepare the preview", detail: 'No task 9', changed: false });
    expect(a.question).toBeUndefined();
  });

  it('GIVEN the confirmed changes applied WHEN worded THEN it counts them and the list reloads', () => {
    const result = bulkResultSchema.parse({
      group_id: '00000000-0000-4000-8000-000000000001',
      results: [
        { task_id: 4, status: 'updated', title: 'a' },
        { task_id: 6, status: 'updated', title: 'b' },
      ],
    });
    expect(words('apply_changes', {}, result)).toMatchObject({ label: 'Updated 2 tasks', changed: true });
  });

  it('GIVEN a look at recent activity WHEN worded THEN it counts changes and changes nothing', () => {
    const result = recentActivityResultSchema.parse({
      items: [{ task_id: 1, action: 'created', title: 'a', at: '2026-11-27T01:00:00Z', surface: 'chat' }],
    });
    expect(words('recent_activity', {}, result)).toMatchObject({
      label: 'Looked up 1 recent change',
      changed: false,
    });
  });

  it.each([
    [1, 'Undid the last change', true],
    [3, 'Undid the last 3 changes', true],
    [0, 'Nothing to undo', false],
  ])('GIVEN undo reverted %i change groups WHEN worded THEN it reads "%s"', (n, label, changed) => {
    const result = undoResultSchema.parse({
      group_id: n ? '00000000-0000-4000-8000-000000000001' : null,
      undone_groups: n,
      reverted: n ? [{ task_id: 2, title: 'buy milk', outcome: 'restored' }] : [],
      conflicts: [],
    });
    expect(words('undo', {}, result)).toMatchObject({ label, changed });
  });

  it('GIVEN undo left a changed task alone WHEN worded THEN the detail says so', () => {
    const result = undoResultSchema.parse({
      group_id: '00000000-0000-4000-8000-000000000001',
      undone_groups: 1,
      reverted: [{ task_id: 2, title: 'a', outcome: 'restored' }],
      conflicts: [{ task_id: 4, title: 'b', outcome: 'conflict' }],
    });
    expect(words('undo', {}, result).detail).toBe('task 2 restored, 1 task changed since, left as they are');
  });

  it('GIVEN a bulk result WHEN worded THEN it counts what happened and the missing ones', () => {
    const result = bulkResultSchema.parse({
      group_id: '00000000-0000-4000-8000-000000000001',
      results: [
        { task_id: 1, status: 'deleted', title: 'a' },
        { task_id: 2, status: 'deleted', title: 'b' },
        { task_id: 9, status: 'not_found', title: null },
      ],
    });
    expect(words('apply_changes', {}, result)).toMatchObject({
      label: 'Deleted 2 tasks',
      detail: '1 task not found',
      changed: true,
    });
  });

  it('GIVEN a tool that failed WHEN worded THEN it says what could not be done, the error is the detail, nothing changed', () => {
    expect(
      words('complete_task', { task_id: 7 }, toolErrorResultSchema.parse({ error: 'Task 7 not found' })),
    ).toEqual({
      label: "Couldn't complete task 7",
      detail: 'Task 7 not found',
      changed: false,
      state: 'failed',
    });
  });

  it.each([
    // GIVEN a failure the backend names by code → THEN the detail, in English and in Urdu
    [
      'complete_task',
      { task_id: 7 },
      { error: 'Task 7 not found', code: 'not_found' },
      'Task 7 was not found: it may have been deleted.',
      'کام 7 نہیں ملا: ہو سکتا ہے حذف ہو چکا ہو۔',
    ],
    [
      'add_task',
      { title: 'x' },
      { error: 'Could not read "blursday" as a date or time', code: 'invalid_arguments' },
      'The assistant asked in a way the app could not read.',
      'اسسٹنٹ کی درخواست ایسی تھی جسے ایپ پڑھ نہیں سکی۔',
    ],
    [
      'drop_database',
      {},
      { error: 'There is no tool named drop_database', code: 'unknown_tool' },
      'The assistant asked for a step this app does not have.',
      'اسسٹنٹ نے ایسا قدم مانگا جو اس ایپ میں نہیں ہے۔',
    ],
    [
      'add_task',
      { title: 'x' },
      { error: 'limit of 5 tasks', code: 'quota_exceeded' },
      'This account has reached its limit of tasks.',
      'اس اکاؤنٹ کے کاموں کی حد پوری ہو چکی ہے۔',
    ],
  ])(
    'GIVEN %s %j failing with %j THEN the detail is worded in the UI language',
    (name, args, result, en, ur) => {
      const failed = toolErrorResultSchema.parse(result);
      expect(describeToolCall('k', name, args, failed, true, catalogTranslator('en', 'steps')).detail).toBe(
        en,
      );
      expect(describeToolCall('k', name, args, failed, true, catalogTranslator('ur', 'steps')).detail).toBe(
        ur,
      );
    },
  );

  it('GIVEN a running call WHEN worded THEN it reads as in progress', () => {
    expect(describeToolCall('k', 'delete_task', { task_id: 2 }, undefined, false)).toMatchObject({
      label: 'Deleting task 2…',
      state: 'running',
    });
  });

  it('GIVEN any call WHEN worded THEN no label or detail is JSON', () => {
    const odd = describeToolCall('k', 'summon_magic', { x: 1 }, { weird: { nested: true } }, true);
    expect(odd.label).toBe('Ran summon magic');
    expect(`${odd.label}${odd.detail ?? ''}`).not.toMatch(/[{}[\]"]/);
  });
});
