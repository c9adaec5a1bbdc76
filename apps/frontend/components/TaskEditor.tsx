'use client';

import type { Task } from '@todo/shared';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useT } from '@/i18n/client';
import { dateInputFromDue, dueFromDateInput } from '@/lib/client/dates';
import { parseTags } from '@/lib/client/tasks';
import { useTimeZone } from '@/lib/client/user-settings';
import { fieldsProblem, TaskFields, type TaskFieldValues } from './TaskFields';
import type { Props } from './TaskItem';

/** The inline form that edits one task (loaded on demand by TaskItem). */
export default function TaskEditor({
  task,
  onSave,
  onClose,
}: {
  task: Task;
  onSave: Props['onSave'];
  onClose: () => void;
}) {
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const zone = useTimeZone();
  const [fields, setFields] = useState<TaskFieldValues>(() => ({
    priority: task.priority,
    due: dateInputFromDue(task.due_at, zone),
    tags: task.tags.join(', '),
    recurrence: task.recurrence,
    recurrenceProblem: null,
    reminders: task.reminders,
    remindersProblem: null,
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT('editor');
  const tc = useT('common');
  const titleRef = useRef<HTMLInputElement>(null);
  const prefix = `edit-${task.id}`;

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('titleEmpty'));
      return;
    }
    const patch: Partial<Task> = {};
    if (title.trim() !== task.title) patch.title = title.trim();
    if (description !== task.description) patch.description = description;
    const problem = fieldsProblem(fields);
    if (problem) {
      setError(problem);
      return;
    }
    if (fields.priority !== task.priority) patch.priority = fields.priority;
    // Only a changed day is sent, so a time set in chat ("at 5pm") survives editing other fields.
    if (fields.due !== dateInputFromDue(task.due_at, zone)) patch.due_at = dueFromDateInput(fields.due, zone);
    if (fields.recurrence !== task.recurrence) patch.recurrence = fields.recurrence;
    if (JSON.stringify(fields.reminders) !== JSON.stringify(task.reminders))
      patch.reminders = [...fields.reminders];
    const newTags = parseTags(fields.tags);
    if (newTags.join('\u0000') !== task.tags.join('\u0000')) patch.tags = newTags;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    const err = await onSave(task, patch);
    setBusy(false);
    if (err) setError(err);
    else onClose();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  }

  return (
    <li className="task editing" data-task-id={task.id}>
      <form
        className="task-editor"
        onSubmit={submit}
        onKeyDown={onKeyDown}
        aria-label={t('form', { title: task.title })}
      >
        <label htmlFor={`${prefix}-title`}>{t('title')}</label>
        <input
          id={`${prefix}-title`}
          ref={titleRef}
          value={title}
          maxLength={200}
          onChange={(e) => {
            setTitle(e.target.value);
            // A stale "The title cannot be empty." would contradict what is now typed.
            setError(null);
          }}
          aria-invalid={!!error}
        />
        <label htmlFor={`${prefix}-desc`}>{t('notes')}</label>
        <textarea
          id={`${prefix}-desc`}
          rows={2}
          value={description}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="editor-row">
          <TaskFields
            idPrefix={prefix}
            values={fields}
            onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="editor-actions">
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
            {busy ? tc('saving') : tc('save')}
          </button>
        </div>
      </form>
    </li>
  );
}
