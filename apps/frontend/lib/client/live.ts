'use client';

import type { ReminderEvent, Task, TaskEvent } from '@todo/shared';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { afterLoad } from './after-load';

/*
 * Live updates, the part every page load needs: the hook panels listen with and the latest state of tasks named by
 * events. The stream itself (live-stream.ts) loads once the page has loaded: nothing arrives before there is a
 * page to show it, and `/` has a first-load budget.
 */

export type LiveEvent =
  { kind: 'task'; event: TaskEvent } | { kind: 'reminder'; event: ReminderEvent } | { kind: 'reset' };
export type LiveListener = (e: LiveEvent) => void;

/** Shared with the stream module: whether the stream is open now. */
export const live = { connected: false };

/** Whether the live stream is open now (when it is not, panels reload after their own changes instead). */
export const isLiveConnected = () => live.connected;

/** Calls the latest `listener` for each live event while mounted; the tab's one stream opens with the first. */
export function useLiveEvents(userId: string, listener: LiveListener): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let gone = false;
    const cancelWait = afterLoad(() => {
      void import('./live-stream').then((m) => {
        if (!gone) unsubscribe = m.subscribeLive(userId, (e) => ref.current(e));
      });
    });
    return () => {
      gone = true;
      cancelWait();
      unsubscribe?.();
    };
  }, [userId]);
}

/*
 * The latest known state of each task an event named, for places that show a task they do not own (the chat's
 * references to tasks it changed): they follow renames, completions and deletions without asking the server.
 */
export interface LiveTask {
  readonly task: Task;
  readonly deleted: boolean;
}

const latest = new Map<number, LiveTask>();
const taskListeners = new Set<() => void>();

export function remember(event: TaskEvent) {
  const seen = latest.get(event.task.id);
  // An event older than what is known (a replay overlapping a live one) changes nothing.
  if (seen && Date.parse(seen.task.updated_at) > Date.parse(event.task.updated_at)) return;
  latest.set(event.task.id, { task: event.task, deleted: event.type === 'task.deleted' });
  for (const l of taskListeners) l();
}

/** What the live stream last said about task `id`, or undefined when it has said nothing. */
export function useLiveTask(id: number | undefined): LiveTask | undefined {
  return useSyncExternalStore(
    (l) => {
      taskListeners.add(l);
      return () => void taskListeners.delete(l);
    },
    () => (id === undefined ? undefined : latest.get(id)),
    () => undefined,
  );
}
