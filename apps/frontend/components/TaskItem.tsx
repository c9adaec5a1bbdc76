'use client';

import type { Task } from '@todo/shared';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useT } from '@/i18n/client';
import { lazyAfterLoad } from '@/lib/client/after-load';
import { EditIcon, TrashIcon } from './icons';

// The editor (with its pickers) loads when a task is first edited: `/` has a first-load budget.
const TaskEditor = lazy(() => import('./TaskEditor'));
// Likewise the repeat summary, which needs the rrule library: only rows of repeating tasks load it.
const RepeatSummary = lazy(() => import('./RepeatSummary'));
const ReminderBell = lazy(() => import('./ReminderBell'));
// Due dates are worded by a module that loads after the page (rows come after it too).
const DueLabel = lazyAfterLoad(() => import('./DueLabel'));

export interface Props {
  task: Task;
  onToggle: (t: Task) => void;
  /** Resolves with an error message, or null when saved. */
  onSave: (t: Task, patch: Partial<Task>) => Promise<string | null>;
  onDelete: (t: Task) => void;
}

export function TaskItem({ task, onToggle, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const t = useT('task');
  const tp = useT('priority');
  const checkboxId = `task-${task.id}-done`;
  const editRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  // Saving or cancelling an edit removes the form that had the focus: give it back to the task's Edit button.
  useEffect(() => {
    if (!editing && refocus.current) editRef.current?.focus();
    refocus.current = false;
  }, [editing]);

  if (editing) {
    const close = () => {
      refocus.current = true;
      setEditing(false);
    };
    return (
      <Suspense
        fallback={
          <li className="task editing" data-task-id={task.id}>
            <span className="muted small">{t('openingEditor')}</span>
          </li>
        }
      >
        <TaskEditor task={task} onSave={onSave} onClose={close} />
      </Suspense>
    );
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}`} data-task-id={task.id}>
      <input
        id={checkboxId}
        type="checkbox"
        className="check"
        checked={task.completed}
        onChange={() => onToggle(task)}
        aria-label={t(task.completed ? 'markNotDone' : 'markDone', { title: task.title })}
      />
      <div className="task-body">
        {/* Not a <label>: a stray click on the title should not tick the task off. Double-click edits. */}
        <div className="task-line">
          {/* The number people say in chat ("complete task 3"). */}
          <span className="task-number">#{task.id}</span>
          <span className="task-title" dir="auto" onDoubleClick={() => setEditing(true)}>
            {task.title}
          </span>
        </div>
        {(task.description ||
          task.due_at ||
          task.recurrence ||
          task.reminders.length > 0 ||
          task.tags.length > 0 ||
          task.priority !== 'medium') && (
          <div className="task-meta">
            {task.priority !== 'medium' && (
              <span className={`badge prio-${task.priority}`}>{tp(task.priority)}</span>
            )}
            {task.due_at && (
              <Suspense fallback={null}>
                <DueLabel task={task} />
              </Suspense>
            )}
            {task.recurrence && (
              <span className="repeat" title={t('repeatsRule', { rule: task.recurrence })}>
                <span aria-hidden="true">↻ </span>
                <Suspense fallback={t('repeats')}>
                  <RepeatSummary rule={task.recurrence} due={task.due_at} />
                </Suspense>
              </span>
            )}
            {task.reminders.length > 0 && !task.completed && (
              <Suspense fallback={null}>
                <ReminderBell task={task} />
              </Suspense>
            )}
            {task.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
            {task.description && <span className="desc truncate">{task.description}</span>}
          </div>
        )}
      </div>
      <div className="task-actions">
        <button
          ref={editRef}
          type="button"
          className="icon-btn"
          aria-label={t('edit', { title: task.title })}
          onClick={() => setEditing(true)}
        >
          <EditIcon />
        </button>
        <button
          type="button"
          className="icon-btn danger"
          aria-label={t('delete', { title: task.title })}
          onClick={() => onDelete(task)}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
