// The app's service worker: it only carries the reminder notifications' buttons. Done and Snooze act on the task
// without opening the app (a notification from a page can carry no buttons: only a service worker's can); a click
// elsewhere on the notification brings the app's tab forward, or opens one. It caches nothing and sees no request:
// the app works the same without it (the page then shows plain notifications).
//
// Plain JavaScript served as is from public/ (a worker script is not part of Next's build). The page words every
// text it may show (notification.data), so this file holds no language of its own.

/** @typedef {{ base: string, taskId: number, reminderId: number, url: string, failedTitle: string, failed: Record<'done' | 'snooze', string> }} ReminderData */

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(act(event.action, event.notification.data));
});

// The same actions, asked for by a page of the app for a notification it names by tag. Browsers let no script click
// a system notification, so this is also how the end-to-end tests press its buttons.
self.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || m.type !== 'notification-action' || typeof m.tag !== 'string') return;
  event.waitUntil(
    self.registration.getNotifications({ tag: m.tag }).then(([note]) => {
      if (!note) return undefined;
      note.close();
      return act(String(m.action ?? ''), note.data);
    }),
  );
});

/**
 * @param {string} action
 * @param {ReminderData | undefined} data
 */
async function act(action, data) {
  if (!data || (action !== 'done' && action !== 'snooze')) return openApp(data?.url ?? '/');
  const ok = await send(action, data);
  await tellPages({ type: 'reminder-acted', reminderId: data.reminderId, taskId: data.taskId, action, ok });
  // Nothing changed: say so where the user acted, and leave the rest to the app.
  if (!ok)
    await self.registration.showNotification(data.failedTitle, {
      body: data.failed[action],
      tag: `reminder-${data.reminderId}-failed`,
      data: { url: data.url },
    });
}

/**
 * The API calls the page's own buttons make, with the session cookie of the app's origin.
 * @param {'done' | 'snooze'} action
 * @param {ReminderData} data
 */
async function send(action, data) {
  /** @param {string} method @param {unknown} [json] */
  const init = (method, json) => ({
    method,
    credentials: /** @type {const} */ ('same-origin'),
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  try {
    if (action === 'snooze') {
      const res = await fetch(
        `${data.base}/reminders/${data.reminderId}/snooze`,
        init('POST', { minutes: 10 }),
      );
      return res.ok;
    }
    const res = await fetch(`${data.base}/tasks/${data.taskId}`, init('PATCH', { completed: true }));
    if (!res.ok) return false;
    // Seen, so it is not offered again (completing already cancelled what was still to come).
    await fetch(`${data.base}/reminders/${data.reminderId}/dismiss`, init('POST')).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

/** @param {unknown} message */
async function tellPages(message) {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}

/** @param {string} url */
async function openApp(url) {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = pages[0];
  if (open) return open.focus();
  return self.clients.openWindow(url);
}
