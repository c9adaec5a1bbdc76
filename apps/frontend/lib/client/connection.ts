'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';

/*
 * Whether the backend can be reached, for the whole page. Every API call reports here: a failure that means
 * "the backend is down" (no answer at all, or the proxy's 502/503/504 backend_unavailable) turns the state to
 * down once, however many panels noticed; one probe loop then retries with backoff, and the first answer from
 * the backend — a probe or any other call — turns it back up and tells the panels to reload. The panels show
 * no error of their own for an outage: the one banner says it.
 */

/** Delays between probes while down: 1 s, 2 s, 4 s … at most 15 s. */
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15_000];
/** Answered by the backend itself (Better Auth's health route), through the same proxy as every call. */
const PROBE_PATH = '/api/auth/ok';

export interface ConnectionState {
  readonly down: boolean;
  /** When the next automatic retry runs (epoch ms), while down. */
  readonly retryAt: number | null;
}

const UP: ConnectionState = { down: false, retryAt: null };
let state: ConnectionState = UP;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let probing = false;
const listeners = new Set<() => void>();
const recoveryListeners = new Set<() => void>();

function set(next: ConnectionState) {
  state = next;
  for (const l of listeners) l();
}

/** A failure that says nothing about the request itself, only that nobody answered for the backend. */
export function isConnectionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { status, code } = err as { status?: unknown; code?: unknown };
  if (status === 0 || code === 'backend_unavailable') return true;
  // A gateway in front of the app (no API error body): the chat's own llm_* errors use these statuses too.
  return (status === 502 || status === 503 || status === 504) && /^http_5\d\d$/.test(String(code));
}

function schedule() {
  clearTimeout(timer);
  const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
  attempt++;
  set({ down: true, retryAt: Date.now() + delay });
  timer = setTimeout(() => void probe(), delay);
}

async function probe() {
  if (probing || !state.down) return;
  probing = true;
  clearTimeout(timer);
  try {
    const res = await fetch(PROBE_PATH, { cache: 'no-store', credentials: 'same-origin' });
    // Anything but a gateway failure is the backend answering.
    if (res.status < 502 || res.status > 504) reportUp();
    else schedule();
  } catch {
    schedule();
  } finally {
    probing = false;
  }
}

/** Called by the API client with every failure; only connection failures change anything. */
export function reportFailure(err: unknown): void {
  if (!isConnectionError(err) || state.down) return;
  attempt = 0;
  schedule();
}

/** The backend answered: the outage (if any) is over; panels reload. */
export function reportUp(): void {
  if (!state.down) return;
  clearTimeout(timer);
  attempt = 0;
  set(UP);
  for (const l of recoveryListeners) l();
}

/** "Retry now": probe at once instead of waiting out the backoff. */
export function retryNow(): void {
  void probe();
}

/** Calls `listener` each time the backend answers again after an outage; returns the unsubscribe. */
export function onRecovered(listener: () => void): () => void {
  recoveryListeners.add(listener);
  return () => void recoveryListeners.delete(listener);
}

export function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const connectionState = (): ConnectionState => state;

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, connectionState, () => UP);
}

/** Runs `callback` (its latest version) each time the backend answers again after an outage. */
export function useOnRecovered(callback: () => void): void {
  const ref = useRef(callback);
  useEffect(() => {
    ref.current = callback;
  });
  useEffect(() => onRecovered(() => ref.current()), []);
}
