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

/** A due date from an <input type="date"> value, pinned to local noon so it shows as the same day everywhere nearby. */
export function dueFromDateInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12).toISOString();
}

/** The <input type="date"> value (local day) of an ISO due date. */
export function dateInputFromDue(due: string | null): string {
  if (!due) return '';
  const d = new Date(due);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** How a due date reads in the list, and whether it is overdue. */
export function describeDue(
  task: Pick<Task, 'due_at' | 'completed'>,
  now = new Date(),
): { text: string; overdue: boolean } | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const diff = Math.round((day(due) - day(now)) / 86_400_000);
  const text =
    diff === 0
      ? 'Today'
      : diff === 1
        ? 'Tomorrow'
        : diff === -1
          ? 'Yesterday'
          : due.toLocaleDateString(undefined, {
              month: 'short',
              day: 'numeric',
              ...(due.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
            });
  return { text, overdue: !task.completed && diff < 0 };
}
