import type { Task } from '@todo/shared';
import { describe, expect, it } from 'vitest';
import {
  applyTaskChange,
  compareTasks,
  parseTags,
  taskQuery,
  type TaskFilters,
} from '../../../lib/client/tasks';

describe('taskQuery', () => {
  it('GIVEN filters WHEN turned into a query THEN only the chosen ones are sent with the natural order of the sort', () => {
    const q = new URLSearchParams(
      taskQuery({ status: 'pending', q: ' milk ', priority: 'high', tag: 'home', sort: 'due' }, 'abc'),
    );
    expect(Object.fromEntries(q)).toEqual({
      status: 'pending',
      sort: 'due',
      order: 'asc',
      limit: '50',
      q: 'milk',
      priority: 'high',
      tag: 'home',
      cursor: 'abc',
    });
    expect(
      new URLSearchParams(taskQuery({ status: 'all', q: '', priority: '', tag: '', sort: 'created' })).has(
        'q',
      ),
    ).toBe(false);
  });
});

describe('parseTags', () => {
  it('GIVEN a comma list with blanks and repeats WHEN parsed THEN unique trimmed tags remain', () => {
    expect(parseTags(' home, errands,,home ,  ')).toEqual(['home', 'errands']);
  });
});

const task = (id: number, over: Partial<Task> = {}): Task => ({
  id,
  user_id: 'u1',
  title: `task ${id}`,
  description: '',
  completed: false,
  priority: 'medium',
  tags: [],
  due_at: null,
  recurrence: null,
  reminders: [],
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
  ...over,
});
const all: TaskFilters = { status: 'all', q: '', priority: '', tag: '', sort: 'created' };
const ids = (list: Task[]) => list.map((t) => t.id);

describe('applyTaskChange', () => {
  it('GIVEN a new task WHEN the same change arrives twice (own answer, then live event) THEN it shows once, newest first', () => {
    const once = applyTaskChange([task(2), task(1)], task(3), false, all, false);
    const twice = applyTaskChange(once, task(3), false, all, false);
    expect(ids(once)).toEqual([3, 2, 1]);
    expect(ids(twice)).toEqual([3, 2, 1]);
  });

  it('GIVEN a shown task WHEN an update arrives THEN it is replaced in place; an older copy is ignored', () => {
    const newer = task(2, { title: 'renamed', updated_at: '2026-11-02T00:00:00.000Z' });
    const list = applyTaskChange([task(3), task(2), task(1)], newer, false, all, false);
    expect(list.map((t) => t.title)).toEqual(['task 3', 'renamed', 'task 1']);
    expect(applyTaskChange(list, task(2), false, all, false)[1]!.title).toBe('renamed');
  });

  it('GIVEN filters WHEN a task stops matching or is deleted THEN it leaves; a non-matching new task stays out', () => {
    const pending: TaskFilters = { ...all, status: 'pending' };
    expect(
      ids(applyTaskChange([task(2), task(1)], task(2, { completed: true }), false, pending, false)),
    ).toEqual([1]);
    expect(ids(applyTaskChange([task(2), task(1)], task(1), true, all, false))).toEqual([2]);
    const tagged: TaskFilters = { ...all, tag: 'home', q: 'MILK' };
    expect(ids(applyTaskChange([], task(5, { title: 'milk' }), false, tagged, false))).toEqual([]);
    expect(
      ids(applyTaskChange([], task(5, { title: 'Buy milk', tags: ['home'] }), false, tagged, false)),
    ).toEqual([5]);
  });

  it('GIVEN a sort by due date WHEN a task arrives THEN it goes where the backend would put it, undated last; past the loaded page it waits for the next', () => {
    const byDue: TaskFilters = { ...all, sort: 'due' };
    const list = [
      task(1, { due_at: '2026-12-01T09:00:00Z' }),
      task(2, { due_at: '2026-12-03T09:00:00Z' }),
      task(3),
    ];
    expect(
      ids(applyTaskChange(list, task(4, { due_at: '2026-12-02T09:00:00Z' }), false, byDue, false)),
    ).toEqual([1, 4, 2, 3]);
    expect(ids(applyTaskChange(list, task(5), false, byDue, false))).toEqual([1, 2, 3, 5]);
    expect(ids(applyTaskChange(list, task(5), false, byDue, true))).toEqual([1, 2, 3]);
  });

  it('GIVEN sorts by priority and title WHEN compared THEN high before low and A before b', () => {
    expect(
      compareTasks(task(1, { priority: 'high' }), task(2, { priority: 'low' }), 'priority'),
    ).toBeLessThan(0);
    expect(compareTasks(task(1, { title: 'b' }), task(2, { title: 'A' }), 'title')).toBeGreaterThan(0);
  });
});
