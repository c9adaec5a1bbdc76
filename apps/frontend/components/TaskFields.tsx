'use client';

import type { Priority } from '@todo/shared';
import { PRIORITY_ORDER } from '@/lib/client/tasks';

export interface TaskFieldsProps {
  readonly priority: Priority;
  readonly onPriority: (p: Priority) => void;
  /** yyyy-mm-dd from a date input, or '' for none. */
  readonly due: string;
  readonly onDue: (due: string) => void;
  /** Comma-separated, as typed. */
  readonly tags: string;
  readonly onTags: (tags: string) => void;
}

/** Priority, due date and tags inputs, shared by the add form and the inline editor. */
export function TaskFields({ priority, onPriority, due, onDue, tags, onTags }: TaskFieldsProps) {
  return (
    <>
      <label>
        Priority
        <select value={priority} onChange={(e) => onPriority(e.target.value as Priority)}>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Due
        <input type="date" value={due} onChange={(e) => onDue(e.target.value)} />
      </label>
      <label className="grow">
        Tags
        <input value={tags} onChange={(e) => onTags(e.target.value)} placeholder="home, errands" />
      </label>
    </>
  );
}
