import { describe, expect, it } from 'vitest';
import {
  dateInputFromDue,
  describeDue,
  dueFromDateInput,
  parseTags,
  taskQuery,
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

describe('tags and due dates', () => {
  it('GIVEN a comma list with blanks and repeats WHEN parsed THEN unique trimmed tags remain', () => {
    expect(parseTags(' home, errands,,home ,  ')).toEqual(['home', 'errands']);
  });

  it('GIVEN a picked date WHEN stored and shown again THEN the same calendar day comes back', () => {
    const iso = dueFromDateInput('2026-11-22');
    expect(iso).not.toBeNull();
    expect(dateInputFromDue(iso)).toBe('2026-11-22');
    expect(dueFromDateInput('')).toBeNull();
  });

  it('GIVEN due dates around today WHEN described THEN they read as Today/Tomorrow and past pending ones are overdue', () => {
    const now = new Date(2026, 10, 21, 15);
    expect(describeDue({ due_at: new Date(2026, 10, 21, 9).toISOString(), completed: false }, now)).toEqual({
      text: 'Today',
      overdue: false,
    });
    expect(
      describeDue({ due_at: new Date(2026, 10, 22, 9).toISOString(), completed: false }, now)?.text,
    ).toBe('Tomorrow');
    expect(describeDue({ due_at: new Date(2026, 10, 1).toISOString(), completed: false }, now)?.overdue).toBe(
      true,
    );
    expect(describeDue({ due_at: new Date(2026, 10, 1).toISOString(), completed: true }, now)?.overdue).toBe(
      false,
    );
    expect(describeDue({ due_at: null, completed: false }, now)).toBeNull();
  });
});
