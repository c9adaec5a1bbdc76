import { describe, expect, it } from 'vitest';
import { parseTags, taskQuery } from '../../../lib/client/tasks';

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
