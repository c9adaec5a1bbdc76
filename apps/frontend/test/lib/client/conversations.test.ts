import type { Conversation, ConversationList } from '@todo/shared';
import { describe, expect, it } from 'vitest';
import {
  appendPage,
  conversationPath,
  conversationsPath,
  mergeFirstPage,
} from '../../../lib/client/conversations';

/** Conversation `id` last active at minute `at` (a larger minute is more recent). */
const c = (id: string, at: number): Conversation => ({
  id,
  title: `title ${id}`,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: new Date(Date.UTC(2026, 0, 1, 0, at)).toISOString(),
});
const page = (items: Conversation[], next_cursor: string | null = null): ConversationList => ({
  items,
  next_cursor,
});
const ids = (list: ConversationList) => list.items.map((x) => x.id);

describe('conversation paths', () => {
  it('GIVEN a cursor WHEN building the list path THEN it asks for a page of 50 after that cursor', () => {
    expect(conversationsPath('/api/u1')).toBe('/api/u1/conversations?limit=50');
    expect(conversationsPath('/api/u1', 'ab+/=')).toBe('/api/u1/conversations?limit=50&cursor=ab%2B%2F%3D');
  });

  it('GIVEN a before cursor WHEN building a conversation path THEN it is a query parameter, and absent without one', () => {
    expect(conversationPath('/api/u1', 'c/1')).toBe('/api/u1/conversations/c%2F1');
    expect(conversationPath('/api/u1', 'c1', 'xy=')).toBe('/api/u1/conversations/c1?before=xy%3D');
  });
});

describe('appendPage', () => {
  it('GIVEN an older page WHEN appended THEN it follows the list, takes its cursor, and skips conversations already shown', () => {
    const list = appendPage(page([c('a', 9), c('b', 8)], 'k1'), page([c('b', 8), c('c', 7)], 'k2'));
    expect(ids(list)).toEqual(['a', 'b', 'c']);
    expect(list.next_cursor).toBe('k2');
  });
});

describe('mergeFirstPage', () => {
  const first = page([c('a', 9), c('b', 8), c('c', 7)], 'k1');
  const loaded = appendPage(first, page([c('d', 6), c('e', 5)], 'k2'));

  it('GIVEN nothing loaded yet WHEN the first page arrives THEN it is the list', () => {
    expect(mergeFirstPage(null, first)).toBe(first);
  });

  it('GIVEN older pages shown WHEN a new conversation starts THEN it comes first and the older pages stay, with their cursor', () => {
    const fresh = page([c('n', 10), c('a', 9), c('b', 8)], 'x');
    const merged = mergeFirstPage(loaded, fresh);
    expect(ids(merged)).toEqual(['n', 'a', 'b', 'c', 'd', 'e']);
    expect(merged.next_cursor).toBe('k2');
  });

  it('GIVEN older pages shown WHEN an old conversation gets a message THEN it moves to the top and is shown once', () => {
    const fresh = page([c('d', 11), c('a', 9), c('b', 8)], 'x');
    const merged = mergeFirstPage(loaded, fresh);
    expect(ids(merged)).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(merged.next_cursor).toBe('k2');
  });

  it('GIVEN only the first page shown WHEN a shown conversation moves up THEN the list is the fresh page, its cursor still after the same position', () => {
    for (const fresh of [
      page([c('b', 12), c('a', 9), c('c', 7)], 'k-c'),
      page([c('c', 12), c('a', 9), c('b', 8)], 'k-b'),
    ]) {
      const merged = mergeFirstPage(first, fresh);
      expect(ids(merged)).toEqual(ids(fresh));
      // k1 points after (minute 7, c): with c moved up, the next older conversation is still d.
      expect(merged.next_cursor).toBe('k1');
    }
  });

  it('GIVEN a fresh page that does not meet the shown list WHEN merged THEN the fresh page replaces it (no gap)', () => {
    const fresh = page([c('x', 20), c('y', 19), c('z', 18)], 'k-x');
    expect(mergeFirstPage(loaded, fresh)).toBe(fresh);
  });

  it('GIVEN the fresh page is the whole list WHEN merged THEN it replaces the list (a conversation deleted elsewhere goes)', () => {
    const fresh = page([c('a', 9), c('c', 7)]);
    expect(mergeFirstPage(loaded, fresh)).toBe(fresh);
  });
});
