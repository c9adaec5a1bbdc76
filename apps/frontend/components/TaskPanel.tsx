'use client';

import type { Task, TaskList } from '@todo/shared';
import {
  Fragment,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { useT } from '@/i18n/client';
import { announce } from '@/lib/client/announce';
import { api, ApiError, authGuard, panelError } from '@/lib/client/api';
import { useOnRecovered } from '@/lib/client/connection';
import { dueFromDateInput } from '@/lib/client/dates';
import { useLiveEvents } from '@/lib/client/live';
import { applyTaskChange, parseTags, PRIORITY_ORDER, taskQuery, type TaskFilters } from '@/lib/client/tasks';
import { useUndoWindow } from '@/lib/client/use-undo-window';
import { useTimeZone } from '@/lib/client/user-settings';
import { PlusIcon } from './icons';
import { UndoToast } from './UndoToast';
import { MoreButton } from './MoreButton';
import type { TaskFieldValues } from './TaskFields';
import { TaskItem } from './TaskItem';

/** The filters chosen from a select. */
type FilterKey = 'priority' | 'tag' | 'sort';

// The detail fields (and their pickers) load when "Details" is first opened: `/` has a first-load budget.
const TaskFields = lazy(() => import('./TaskFields').then((m) => ({ default: m.TaskFields })));
const NO_DETAILS: TaskFieldValues = {
  priority: 'medium',
  due: '',
  tags: '',
  recurrence: null,
  recurrenceProblem: null,
  reminders: [],
  remindersProblem: null,
};

export function TaskPanel({ userId, version }: { userId: string; version: number }) {
  const base = `/api/${encodeURIComponent(userId)}/tasks`;
  const [filters, setFilters] = useState<TaskFilters>({
    status: 'all',
    q: '',
    priority: '',
    tag: '',
    sort: 'created',
  });
  const [search, setSearch] = useState('');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [showDone, setShowDone] = useState(true);
  const loadSeq = useRef(0);
  const t = useT('tasks');
  const tp = useT('priority');
  const tc = useT('common');

  const rememberTags = (list: Task[]) =>
    setKnownTags((prev) => {
      const all = new Set(prev);
      for (const task of list) for (const tag of task.tags) all.add(tag);
      return all.size === prev.length ? prev : [...all].sort();
    });

  // State is set when the answer comes, never while the effect that asks for it runs.
  const load = useCallback(() => {
    const seqNo = ++loadSeq.current;
    return api<TaskList>(`${base}?${taskQuery(filters)}`).then(
      (res) => {
        if (seqNo !== loadSeq.current) return;
        setTasks(res.items);
        setCursor(res.next_cursor);
        rememberTags(res.items);
        setError(null);
      },
      (err: unknown) => {
        authGuard(err);
        if (seqNo !== loadSeq.current) return;
        setError(panelError(err, t('loadFailed')));
      },
    );
  }, [base, filters, t]);

  useEffect(() => {
    void load();
  }, [load, version]);

  // After an outage the list reloads and the errors it caused go away, without a click.
  useOnRecovered(() => {
    setError(null);
    void load();
  });

  // Debounce typing in the search box.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search ? f : { ...f, q: search })), 250);
    return () => clearTimeout(timer);
  }, [search]);

  async function loadMore() {
    // One page at a time: a second click with the same cursor would append the same tasks twice.
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const res = await api<TaskList>(`${base}?${taskQuery(filters, cursor)}`);
      setTasks((list) => [...(list ?? []), ...res.items]);
      setCursor(res.next_cursor);
      rememberTags(res.items);
    } catch (err) {
      authGuard(err);
      setError(panelError(err, t('loadMoreFailed')));
    } finally {
      setLoadingMore(false);
    }
  }

  // Every change the server reports (this page's answers and live events alike) goes through one idempotent
  // update, so a change that arrives twice shows once. Filters and paging through refs: events outlive renders.
  const view = useRef({ filters, hasMore: false });
  useLayoutEffect(() => {
    view.current = { filters, hasMore: cursor !== null };
  });
  const merge = (task: Task, deleted = false) => {
    rememberTags([task]);
    setTasks((list) =>
      list ? applyTaskChange(list, task, deleted, view.current.filters, view.current.hasMore) : list,
    );
  };

  useLiveEvents(userId, (e) => {
    if (e.kind === 'reset') void load();
    else {
      merge(e.event.task, e.event.type === 'task.deleted');
      // Changes made elsewhere (another tab, an MCP client) are told; the chat's own reply tells its changes.
      if (e.kind === 'task' && e.event.surface !== 'chat')
        announce({ kind: 'task', action: e.event.action, task: e.event.task });
    }
  });

  async function toggle(task: Task) {
    merge({ ...task, completed: !task.completed });
    // The row moves between the open list and the Done group: its checkbox keeps the focus.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-task-id="${task.id}"] input.check`)?.focus(),
    );
    try {
      const updated = await api<Task>(`${base}/${task.id}/complete`, { method: 'PATCH' });
      merge(updated);
      announce({ kind: 'task', action: task.completed ? 'reopened' : 'completed', task: updated });
    } catch (err) {
      authGuard(err);
      merge(task);
      setError(panelError(err, t('updateFailed')));
    }
  }

  async function save(task: Task, patch: Partial<Task>): Promise<string | null> {
    try {
      const updated = await api<Task>(`${base}/${task.id}`, { method: 'PATCH', json: patch });
      merge(updated);
      announce({ kind: 'task', action: 'updated', task: updated });
      return null;
    } catch (err) {
      authGuard(err);
      return err instanceof ApiError ? err.message : t('saveFailed');
    }
  }

  // Deleting waits out the undo window; the request is sent when it closes (or right away if the page goes away).
  const commitDelete = useCallback(
    async (task: Task, keepalive: boolean) => {
      // The undo toast said it already.
      announce({ kind: 'told', action: 'deleted', task });
      try {
        await api(`${base}/${task.id}`, { method: 'DELETE', keepalive });
      } catch (err) {
        authGuard(err);
        if (!(err instanceof ApiError && err.status === 404)) {
          setError(panelError(err, t('deleteFailed')));
          void load();
        }
      }
    },
    [base, load, t],
  );

  const deleting = useUndoWindow<Task>((task, keepalive) => void commitDelete(task, keepalive));
  const pendingDelete = deleting.pending;

  function remove(task: Task) {
    // The row leaves with the focus in it: move on to the next task (or the one before, or the add box).
    const shown = visible ?? [];
    const at = shown.findIndex((t) => t.id === task.id);
    const neighbour = shown[at + 1] ?? shown[at - 1];
    requestAnimationFrame(() =>
      (neighbour
        ? document.querySelector<HTMLElement>(`[data-task-id="${neighbour.id}"] input.check`)
        : document.getElementById('new-task-title')
      )?.focus(),
    );
    setTasks((list) => list?.filter((t) => t.id !== task.id) ?? null);
    deleting.start(task);
  }

  function undo() {
    const task = deleting.undo();
    if (!task) return;
    announce({ kind: 'text', text: t('kept', { id: task.id, title: task.title }) });
    // A reload during the undo window may already hold the task (it was only hidden).
    setTasks((list) => (list?.some((t) => t.id === task.id) ? list : [...(list ?? []), task]));
    void load();
  }

  const visible = tasks?.filter((t) => t.id !== pendingDelete?.id) ?? null;
  const done = visible?.filter((t) => t.completed) ?? [];
  const pendingCount = visible?.filter((t) => !t.completed).length ?? 0;
  const filtered = filters.status !== 'all' || filters.q || filters.priority || filters.tag;

  return (
    <section className="panel tasks" aria-labelledby="tasks-title">
      <div className="panel-head">
        <h2 id="tasks-title">{t('title')}</h2>
        {visible && <span className="muted small">{t('pending', { count: pendingCount })}</span>}
      </div>
      <AddTask
        base={base}
        onAdded={(task) => {
          merge(task);
          announce({ kind: 'task', action: 'created', task });
        }}
      />
      <div className="filters" role="group" aria-label={t('filters')}>
        <div className="segmented" role="radiogroup" aria-label={t('status')}>
          {(['all', 'pending', 'completed'] as const).map((s) => (
            <label key={s} className={filters.status === s ? 'on' : undefined}>
              <input
                type="radio"
                name="status"
                value={s}
                checked={filters.status === s}
                onChange={() => setFilters((f) => ({ ...f, status: s }))}
              />
              {t(s === 'all' ? 'all' : s === 'pending' ? 'pendingFilter' : 'done')}
            </label>
          ))}
        </div>
        <label className="sr-only" htmlFor="task-search">
          {t('search')}
        </label>
        <input
          id="task-search"
          type="search"
          placeholder={t('search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {(
          [
            [
              'priority',
              t('priority'),
              [['', t('anyPriority')], ...PRIORITY_ORDER.map((p): [string, string] => [p, tp(p)])],
            ],
            [
              'tag',
              t('tag'),
              [['', t('anyTag')], ...knownTags.map((tag): [string, string] => [tag, `#${tag}`])],
            ],
            [
              'sort',
              t('sortBy'),
              [
                ['created', t('sortCreated')],
                ['due', t('sortDue')],
                ['priority', t('sortPriority')],
                ['title', t('sortTitle')],
              ],
            ],
          ] satisfies [FilterKey, string, [string, string][]][]
        ).map(([key, label, options]) => (
          // One labelled select per filter; `options` are [value, words], each value one the filter takes.
          <Fragment key={key}>
            <label className="sr-only" htmlFor={`task-${key}-filter`}>
              {label}
            </label>
            <select
              id={`task-${key}-filter`}
              value={filters[key]}
              onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.value }))}
            >
              {options.map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
          </Fragment>
        ))}
      </div>
      {error && (
        <div className="inline-error" role="alert">
          <span>{error}</span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void load()}>
            {tc('retry')}
          </button>
        </div>
      )}
      <div className="task-scroll">
        {visible === null && !error && <p className="muted small center">{t('loading')}</p>}
        {visible?.length === 0 && (
          <p className="muted center empty-tasks">{filtered ? t('noMatch') : t('empty')}</p>
        )}
        <ul className="task-list" aria-label={t('list')}>
          {(filters.status === 'all' ? visible?.filter((task) => !task.completed) : visible)?.map((task) => (
            <TaskItem key={task.id} task={task} onToggle={toggle} onSave={save} onDelete={remove} />
          ))}
          {/* Under "All", finished tasks sit apart, after the open ones, in a group that folds away. */}
          {filters.status === 'all' && done.length > 0 && (
            <li className="done-group">
              <details open={showDone} onToggle={(e) => setShowDone(e.currentTarget.open)}>
                <summary>{t('doneGroup', { count: done.length })}</summary>
                <ul className="task-list" aria-label={t('doneList')}>
                  {done.map((task) => (
                    <TaskItem key={task.id} task={task} onToggle={toggle} onSave={save} onDelete={remove} />
                  ))}
                </ul>
              </details>
            </li>
          )}
        </ul>
        {cursor && (
          <MoreButton
            className="btn-block"
            label={t('loadMore')}
            loadingLabel={t('loadingMore')}
            loading={loadingMore}
            onLoad={() => void loadMore()}
          />
        )}
      </div>
      <UndoToast
        text={pendingDelete && t('deleted', { title: pendingDelete.title })}
        onUndo={undo}
        onHold={deleting.hold}
      />
    </section>
  );
}

function AddTask({ base, onAdded }: { base: string; onAdded: (t: Task) => void }) {
  const [title, setTitle] = useState('');
  const [more, setMore] = useState(false);
  const [fields, setFields] = useState<TaskFieldValues>(NO_DETAILS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zone = useTimeZone();
  const t = useT('tasks');
  const tc = useT('common');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('titleRequired'));
      return;
    }
    const problem = fields.recurrenceProblem ?? fields.remindersProblem;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const task = await api<Task>(base, {
        method: 'POST',
        json: {
          title: title.trim(),
          priority: fields.priority,
          tags: parseTags(fields.tags),
          due_at: dueFromDateInput(fields.due, zone),
          ...(fields.recurrence ? { recurrence: fields.recurrence } : {}),
          ...(fields.reminders.length ? { reminders: fields.reminders } : {}),
        },
      });
      setTitle('');
      setFields(NO_DETAILS);
      // The detail fields keep their own picker state: closing them starts the next task afresh.
      setMore(false);
      onAdded(task);
    } catch (err) {
      authGuard(err);
      setError(panelError(err, t('addFailed')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-task" onSubmit={submit} aria-label={t('addForm')}>
      <div className="add-row">
        <label htmlFor="new-task-title" className="sr-only">
          {t('newTask')}
        </label>
        <input
          id="new-task-title"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            // "Give the task a title." must not outlive the typing that answers it.
            setError(null);
          }}
          placeholder={t('addPlaceholder')}
          maxLength={200}
          aria-invalid={!!error}
          aria-describedby={error ? 'new-task-error' : undefined}
        />
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={more}
          aria-controls="new-task-details"
          onClick={() => setMore((m) => !m)}
        >
          {t('details')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <PlusIcon /> <span>{t('add')}</span>
        </button>
      </div>
      {more && (
        <div className="add-details" id="new-task-details">
          <Suspense fallback={<span className="muted small">{tc('loading')}</span>}>
            <TaskFields
              idPrefix="new-task"
              values={fields}
              onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
            />
          </Suspense>
        </div>
      )}
      {error && (
        <p id="new-task-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
