'use client';

import type { ReminderEvent, TaskEvent } from '@todo/shared';
import { onRecovered } from './connection';
import { live, remember, type LiveEvent, type LiveListener } from './live';

/*
 * The tab's one server-sent-event stream (GET /api/{user}/events through the proxy), shared by every listener.
 * EventSource reconnects by itself and sends Last-Event-ID, so the backend replays what was missed. It gives up only
 * when an answer is not a stream (the proxy's 502 while the backend is down, a 401): then this module opens a new
 * one after a pause, or as soon as the backend is back, asking for `?since=` the last id it saw.
 */

const EVENT_TYPES = ['task.created', 'task.updated', 'task.deleted', 'reminder'] as const;
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

const listeners = new Set<LiveListener>();
let path = '';
let source: EventSource | null = null;
let lastId = '';
let attempt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function emit(e: LiveEvent) {
  if (e.kind === 'task') remember(e.event);
  for (const l of listeners) l(e);
}

function onMessage(ev: MessageEvent<string>) {
  if (ev.lastEventId) lastId = ev.lastEventId;
  let data: TaskEvent | ReminderEvent;
  try {
    data = JSON.parse(ev.data) as TaskEvent | ReminderEvent;
  } catch {
    return;
  }
  if (!data || typeof data.task !== 'object' || !data.task) return;
  if (data.type === 'reminder') emit({ kind: 'reminder', event: data });
  else emit({ kind: 'task', event: data });
}

function open() {
  clearTimeout(retryTimer);
  const es = new EventSource(lastId ? `${path}?since=${encodeURIComponent(lastId)}` : path);
  source = es;
  for (const type of EVENT_TYPES) es.addEventListener(type, onMessage);
  es.addEventListener('reset', () => emit({ kind: 'reset' }));
  es.onopen = () => {
    attempt = 0;
    live.connected = true;
    // With no id to resume from (the first open comes after the page loaded its lists), what changed in between
    // is unknown: the panels reload once.
    if (!lastId) emit({ kind: 'reset' });
  };
  es.onerror = () => {
    live.connected = false;
    if (es.readyState !== EventSource.CLOSED || source !== es) return;
    source = null;
    const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]!;
    retryTimer = setTimeout(() => {
      if (listeners.size) open();
    }, delay);
  };
}

function close() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  live.connected = false;
}

// The backend answered again after an outage: reconnect now rather than at the end of the pause.
if (typeof window !== 'undefined')
  onRecovered(() => {
    if (listeners.size && !source) open();
  });

/** Listens to the user's live events; the first listener opens the tab's stream, the last one closes it. */
export function subscribeLive(userId: string, listener: LiveListener): () => void {
  const want = `/api/${encodeURIComponent(userId)}/events`;
  if (want !== path) {
    close();
    path = want;
    lastId = '';
  }
  listeners.add(listener);
  clearTimeout(closeTimer);
  if (!source) open();
  return () => {
    listeners.delete(listener);
    // Not at once: a component remounting (React's strict mode, a panel switch) keeps the same stream.
    if (!listeners.size) closeTimer = setTimeout(() => !listeners.size && close(), 1000);
  };
}
