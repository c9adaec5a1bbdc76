'use client';

import type { Priority, Task } from '@todo/shared';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { dateInputFromDue, describeDue, dueFromDateInput } from '@/lib/client/dates';
import { parseTags } from '@/lib/client/tasks';
import { useTimeZone } from '@/lib/client/user-settings';
import { EditIcon, TrashIcon } from './icons';
import { TaskFields } from './TaskFields';

interface Props {
  task: Task;
  onToggle: (t: Task) => void;
  /** Resolves with an error message, or null when saved. */
  onSave: (t: Task, patch: Partial<Task>) => Promise<string | null>;
  onDelete: (t: Task) => void;
}

export function TaskItem({ task, onToggle, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const zone = useTimeZone();
  const due = describeDue(task, zone);
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
    return <TaskEditor task={task} onSave={onSave} onClose={close} />;
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}`} data-task-id={task.id}>
      <input
        id={checkboxId}
        type="checkbox"
        className="check"
        checked={task.completed}
        onChange={() => onToggle(task)}
        aria-label={`Mark “${task.title}” as ${task.completed ? 'not done' : 'done'}`}
      />
      <div className="task-body">
        {/* Not a <label>: a stray click on the title should not tick the task off. Double-click edits. */}
        <div className="task-line">
          {/* The number people say in chat ("complete task 3"). */}
          <span className="task-number">#{task.id}</span>
          <span className="task-title" onDoubleClick={() => setEditing(true)}>
            {task.title}
          </span>
        </div>
        {(task.description || due || task.tags.length > 0 || task.priority !== 'medium') && (
          <div className="task-meta">
            {task.priority !== 'medium' && (
              <span className={`badge prio-${task.priority}`}>{task.priority}</span>
            )}
            {due && (
              <span className={`due${due.overdue ? ' overdue' : ''}`}>
                {due.overdue ? 'Overdue · ' : 'Due '}
                {due.text}
              </span>
            )}
            {task.tags.map((t) => (
              <span key={t} className="tag">
                #{t}
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
          aria-label={`Edit “${task.title}”`}
          onClick={() => setEditing(true)}
        >
          <EditIcon />
        </button>
        <button
          type="button"
          className="icon-btn danger"
          aria-label={`Delete “${task.title}”`}
          onClick={() => onDelete(task)}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}

function TaskEditor({ task, onSave, onClose }: { task: Task; onSave: Props['onSave']; onClose: () => void }) {
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [priority, setPriority] = useState<Priority>(task.priority);
  const zone = useTimeZone();
  const [due, setDue] = useState(dateInputFromDue(task.due_at, zone));
  const [tags, setTags] = useState(task.tags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const prefix = `edit-${task.id}`;

  useEffect(() => {
    titleRef.current?.focus();
    titleRef.current?.select();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError('The title cannot be empty.');
      return;
    }
    const patch: Partial<Task> = {};
    if (title.trim() !== task.title) patch.title = title.trim();
    if (description !== task.description) patch.description = description;
    if (priority !== task.priority) patch.priority = priority;
    // Only a changed day is sent, so a time set in chat ("at 5pm") survives editing other fields.
    if (due !== dateInputFromDue(task.due_at, zone)) patch.due_at = dueFromDateInput(due, zone);
    const newTags = parseTags(tags);
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
        aria-label={`Edit “${task.title}”`}
      >
        <label htmlFor={`${prefix}-title`}>Title</label>
        <input
          id={`${prefix}-title`}
          ref={titleRef}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={!!error}
        />
        <label htmlFor={`${prefix}-desc`}>Notes</label>
        <textarea
          id={`${prefix}-desc`}
          rows={2}
          value={description}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="editor-row">
          <TaskFields
            priority={priority}
            onPriority={setPriority}
            due={due}
            onDue={setDue}
            tags={tags}
            onTags={setTags}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="editor-actions">
          <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </li>
  );
}
