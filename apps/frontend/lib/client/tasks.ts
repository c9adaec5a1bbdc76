import type { Priority } from '@todo/shared';

// Kept here as plain values (not imported from @todo/shared at runtime) so zod stays out of the browser bundle.
export const PRIORITY_ORDER: readonly Priority[] = ['high', 'medium', 'low'];

export type StatusFilter = 'all' | 'pending' | 'completed';
export type SortKey = 'created' | 'due' | 'priority' | 'title';

export interface TaskFilters {
  status: StatusFilter;
  q: string;
  priority: '' | Priority;
  tag: string;
  sort: SortKey;
}

// The natural direction of each sort: newest first, soonest due first, most important first, A→Z.
const ORDER: Record<SortKey, 'asc' | 'desc'> = {
  created: 'desc',
  due: 'asc',
  priority: 'desc',
  title: 'asc',
};

/** Query string of the task list endpoint for the chosen filters. */
export function taskQuery(f: TaskFilters, cursor?: string | null): string {
  const p = new URLSearchParams({ status: f.status, sort: f.sort, order: ORDER[f.sort], limit: '50' });
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.priority) p.set('priority', f.priority);
  if (f.tag) p.set('tag', f.tag);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/** "a, b ,, c" → ["a","b","c"] (unique, trimmed). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
