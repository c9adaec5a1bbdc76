import type { Priority, Task } from '@todo/shared';

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

/** Whether `task` belongs in the list the filters ask for (the same tests the backend's list query makes). */
export function matchesFilters(task: Task, f: TaskFilters): boolean {
  if (f.status !== 'all' && task.completed !== (f.status === 'completed')) return false;
  if (f.priority && task.priority !== f.priority) return false;
  if (f.tag && !task.tags.includes(f.tag)) return false;
  const q = f.q.trim().toLowerCase();
  return !q || task.title.toLowerCase().includes(q) || task.description.toLowerCase().includes(q);
}

const RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2 };

/** The backend's list order for `sort` (its key, then the task number, both in the sort's direction). */
export function compareTasks(a: Task, b: Task, sort: SortKey): number {
  let key = 0;
  if (sort === 'due') {
    // Undated tasks come last, like the backend's `coalesce(due_at, 'infinity')`.
    const at = (t: Task) => (t.due_at ? Date.parse(t.due_at) : Infinity);
    key = at(a) === at(b) ? 0 : at(a) < at(b) ? -1 : 1;
  } else if (sort === 'priority') key = RANK[a.priority] - RANK[b.priority];
  else if (sort === 'title') key = a.title.toLowerCase().localeCompare(b.title.toLowerCase());
  const cmp = key || a.id - b.id;
  return ORDER[sort] === 'asc' ? cmp : -cmp;
}

/**
 * The list after a change the server reported (a live event, or the answer to this page's own request): the task
 * is replaced, inserted where the sort puts it, or removed when it no longer matches or was deleted. Applying the
 * same change twice gives the same list, so the page's own change arriving again as an event adds no row. A copy
 * older than the one shown is ignored; with more pages to load, a task sorting after the last one loaded is left to
 * the next page.
 */
export function applyTaskChange(
  list: readonly Task[],
  task: Task,
  deleted: boolean,
  f: TaskFilters,
  hasMore: boolean,
): Task[] {
  const at = list.findIndex((t) => t.id === task.id);
  const shown = at === -1 ? undefined : list[at]!;
  if (shown && Date.parse(shown.updated_at) > Date.parse(task.updated_at)) return list as Task[];
  const rest = at === -1 ? [...list] : list.filter((_, i) => i !== at);
  if (deleted || !matchesFilters(task, f)) return rest;
  const before = rest.findIndex((t) => compareTasks(task, t, f.sort) < 0);
  if (before === -1) return hasMore ? rest : [...rest, task];
  rest.splice(before, 0, task);
  return rest;
}
