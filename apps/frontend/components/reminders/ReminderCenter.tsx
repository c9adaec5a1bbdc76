'use client';

import type { Reminder, ReminderEvent, Task } from '@todo/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useLanguage, useT, type Translate } from '@/i18n/client';
import { api, authGuard, panelError } from '@/lib/client/api';
import { describeDue } from '@/lib/client/due-text';
import { useLiveEvents } from '@/lib/client/live';
import { useTimeZone } from '@/lib/client/user-settings';
import { BellIcon } from '../icons';
import styles from './ReminderCenter.module.css';

/*
 * Reminders as they fire: a toast per `reminder` event with Done and Snooze 10 min (and a dismiss), and, once the
 * user has allowed it from the header's button (never asked on page load), a system notification with the same
 * Done and Snooze buttons (shown by the service worker, public/sw.js, which acts on them without opening the app;
 * where no service worker can run, a plain notification that brings the tab forward). Notifications carry the
 * reminder's id as their tag, so several open tabs show one, and acting in either place closes the other.
 */

interface Toast {
  readonly reminder: Reminder;
  readonly task: Task;
  readonly error?: string;
}

const MAX_TOASTS = 4;
/** Reminders that fired while no tab was open and were not acted on are shown on arrival, if this recent. */
const MISSED_WINDOW_MS = 24 * 3600_000;

type Permission = NotificationPermission | 'unsupported';
const permissionListeners = new Set<() => void>();
const readPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

function usePermission(): Permission {
  return useSyncExternalStore(
    (l) => {
      permissionListeners.add(l);
      return () => void permissionListeners.delete(l);
    },
    readPermission,
    () => 'unsupported',
  );
}

async function askPermission() {
  try {
    await Notification.requestPermission();
  } finally {
    for (const l of permissionListeners) l();
  }
}

/** The service worker that shows notifications with buttons; undefined where none can run (plain http, old browsers). */
let worker: Promise<ServiceWorkerRegistration | undefined> | undefined;
function serviceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  worker ??=
    'serviceWorker' in navigator
      ? navigator.serviceWorker
          .register('/sw.js')
          .then(() => navigator.serviceWorker.ready)
          .catch(() => undefined)
      : Promise.resolve(undefined);
  return worker;
}

/** Closes the system notification of a reminder acted on in the page. */
function closeNotification(reminderId: number) {
  void serviceWorker().then(async (reg) => {
    for (const note of (await reg?.getNotifications({ tag: `reminder-${reminderId}` })) ?? []) note.close();
  });
}

async function notify(event: ReminderEvent, when: string, base: string, tr: Translate) {
  if (readPermission() !== 'granted') return;
  const title = tr('title', { title: event.task.title });
  const body = event.reminder.late ? `${when} · ${tr('late')}` : when;
  const tag = `reminder-${event.reminder.id}`;
  const reg = await serviceWorker();
  if (reg) {
    const data = {
      base,
      taskId: event.task.id,
      reminderId: event.reminder.id,
      url: window.location.pathname,
      failedTitle: title,
      failed: { done: tr('completeFailed'), snooze: tr('snoozeFailed') },
    };
    const actions = [
      { action: 'done', title: tr('done') },
      { action: 'snooze', title: tr('snooze') },
    ];
    // `actions` is in the Notifications API but not yet in TypeScript's DOM types.
    return reg.showNotification(title, { body, tag, data, actions } as NotificationOptions).catch(() => {});
  }
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the toast still shows.
  }
}

export default function ReminderCenter({ userId }: { userId: string }) {
  const base = `/api/${encodeURIComponent(userId)}`;
  const zone = useTimeZone();
  const permission = usePermission();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [said, setSaid] = useState('');
  const tr = useT('reminders');
  const tt = useT('task');
  const lang = useLanguage();
  const clock = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : lang, {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
  });
  // "Due Today 5 pm", or for a task without a due date the reminder's own time.
  const whenText = ({ task, reminder }: Pick<Toast, 'task' | 'reminder'>) => {
    const due = describeDue(task, zone, undefined, lang);
    if (due) return `${tt(due.overdue ? 'overdue' : 'due')}${due.text}`;
    return tr('for', { time: clock.format(new Date(reminder.fire_at)) });
  };

  // What fired while no tab was open (delivered, not yet done, snoozed or dismissed): shown once, as toasts.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { items } = await api<{ items: Reminder[] }>(`${base}/reminders?state=delivered`);
        const recent = items
          .filter((r) => r.delivered_at && Date.now() - Date.parse(r.delivered_at) < MISSED_WINDOW_MS)
          .slice(0, MAX_TOASTS);
        const found = await Promise.all(
          recent.map(async (reminder) => {
            const task = await api<Task>(`${base}/tasks/${reminder.task_id}`).catch(() => null);
            return task && !task.completed ? [{ reminder, task }] : [];
          }),
        );
        if (live)
          setToasts((list) =>
            [
              ...list,
              ...found.flat().filter((t) => !list.some((x) => x.reminder.id === t.reminder.id)),
            ].slice(0, MAX_TOASTS),
          );
      } catch (err) {
        authGuard(err); // the toasts are a courtesy: any other failure shows nothing
      }
    })();
    return () => {
      live = false;
    };
  }, [base]);

  // Ready before the first reminder fires, once notifications are allowed.
  useEffect(() => {
    if (permission === 'granted') void serviceWorker();
  }, [permission]);

  // A button pressed on the system notification (the service worker did the work): the toast goes too.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const heard = (e: MessageEvent<unknown>) => {
      const m = e.data as { type?: string; reminderId?: number; action?: string; ok?: boolean } | null;
      if (m?.type !== 'reminder-acted' || !m.ok || typeof m.reminderId !== 'number') return;
      setToasts((list) => list.filter((t) => t.reminder.id !== m.reminderId));
    };
    navigator.serviceWorker.addEventListener('message', heard);
    return () => navigator.serviceWorker.removeEventListener('message', heard);
  }, []);

  useLiveEvents(userId, (e) => {
    if (e.kind === 'reminder') {
      const { reminder, task } = e.event;
      setToasts((list) =>
        [{ reminder, task }, ...list.filter((t) => t.reminder.id !== reminder.id)].slice(0, MAX_TOASTS),
      );
      setSaid(`${tr('title', { title: task.title })}${reminder.late ? ` (${tr('late')})` : ''}`);
      void notify(e.event, whenText(e.event), base, tr);
    } else if (e.kind === 'task') {
      // A task done or deleted elsewhere needs no reminding; a renamed one shows its new title.
      const { task, type } = e.event;
      setToasts((list) =>
        list.flatMap((t) =>
          t.task.id !== task.id ? [t] : type === 'task.deleted' || task.completed ? [] : [{ ...t, task }],
        ),
      );
    }
  });

  const drop = (id: number) => {
    setToasts((list) => list.filter((t) => t.reminder.id !== id));
    closeNotification(id);
  };
  const fail = (id: number, err: unknown, fallback: string) => {
    authGuard(err);
    const error = panelError(err, fallback) ?? fallback;
    setToasts((list) => list.map((t) => (t.reminder.id === id ? { ...t, error } : t)));
  };

  async function done({ reminder, task }: Toast) {
    try {
      await api(`${base}/tasks/${task.id}`, { method: 'PATCH', json: { completed: true } });
      drop(reminder.id);
      setSaid(tr('completed', { title: task.title }));
      // Seen, so it is not offered again; completing already cancelled what was still to come.
      void api(`${base}/reminders/${reminder.id}/dismiss`, { method: 'POST' }).catch(() => {});
    } catch (err) {
      fail(reminder.id, err, tr('completeFailed'));
    }
  }

  async function snooze({ reminder, task }: Toast) {
    try {
      const next = await api<Reminder>(`${base}/reminders/${reminder.id}/snooze`, {
        method: 'POST',
        json: { minutes: 10 },
      });
      drop(reminder.id);
      setSaid(tr('snoozed', { title: task.title, time: clock.format(new Date(next.fire_at)) }));
    } catch (err) {
      fail(reminder.id, err, tr('snoozeFailed'));
    }
  }

  async function dismiss({ reminder }: Toast) {
    drop(reminder.id);
    await api(`${base}/reminders/${reminder.id}/dismiss`, { method: 'POST' }).catch(() => {});
  }

  const slot = document.getElementById('header-slot');
  return (
    <>
      {slot &&
        permission !== 'unsupported' &&
        permission !== 'granted' &&
        createPortal(
          permission === 'default' ? (
            <button
              type="button"
              className={`btn btn-ghost ${styles.notify}`}
              aria-label={tr('turnOn')}
              onClick={() => void askPermission()}
            >
              <BellIcon size={16} /> <span className={styles.label}>{tr('turnOn')}</span>
            </button>
          ) : (
            <span className={`muted small ${styles.label}`} title={tr('blockedHelp')}>
              {tr('blocked')}
            </span>
          ),
          slot,
        )}
      <p className="sr-only" role="status" aria-live="polite">
        {said}
      </p>
      {toasts.length > 0 && (
        <section className={styles.stack} aria-label={tr('region')}>
          {toasts.map((t) => (
            <div
              key={t.reminder.id}
              className={styles.toast}
              role="group"
              aria-labelledby={`reminder-${t.reminder.id}`}
              data-reminder-id={t.reminder.id}
            >
              <BellIcon size={18} />
              <div className={styles.text}>
                <strong id={`reminder-${t.reminder.id}`}>
                  {t.task.title}
                  {t.reminder.late && <span className={styles.late}> · {tr('late')}</span>}
                </strong>
                <span className={styles.when}>{whenText(t)}</span>
                {t.error && (
                  <span className={styles.error} role="alert">
                    {t.error}
                  </span>
                )}
              </div>
              <div className={styles.actions}>
                <button type="button" className="btn btn-primary btn-sm" onClick={() => void done(t)}>
                  {tr('done')}
                </button>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => void snooze(t)}>
                  {tr('snooze')}
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={tr('dismiss', { title: t.task.title })}
                  onClick={() => void dismiss(t)}
                >
                  ×
                </button>
              </div>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
