'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a deleted item can be brought back before it is deleted for real. */
export const UNDO_MS = 6000;

/**
 * A delete that waits out an undo window: `start` hides nothing itself (the caller does) and calls `commit` when
 * the window closes; `undo` ends it without committing. One item at a time: starting another commits the first.
 * Leaving the page commits at once with `keepalive` (the request outlives the page), so a reload inside the window
 * finds the item deleted, as the toast said. `hold` stops the clock while the person is at the toast (WCAG 2.2.1).
 */
export function useUndoWindow<T>(commit: (item: T, keepalive: boolean) => void) {
  const [pending, setPending] = useState<T | null>(null);
  const pendingRef = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Through a ref: a re-created commit (new filters, new props) must not end the window early.
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);

  const stopClock = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  /** Ends the window; the item, if there was one. */
  const take = useCallback((): T | null => {
    stopClock();
    const item = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    return item;
  }, []);
  const finish = useCallback(
    (keepalive = false) => {
      const item = take();
      if (item !== null) commitRef.current(item, keepalive);
    },
    [take],
  );
  const startClock = useCallback(() => {
    timer.current = setTimeout(() => finish(), UNDO_MS);
  }, [finish]);

  function start(item: T) {
    finish();
    pendingRef.current = item;
    setPending(item);
    startClock();
  }

  function hold(held: boolean) {
    stopClock();
    if (pendingRef.current !== null && !held) startClock();
  }

  useEffect(() => {
    const flush = () => finish(true);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [finish]);

  return { pending, start, undo: take, hold };
}
