'use client';

import { lazy, useSyncExternalStore, type ComponentType } from 'react';

/*
 * Code the page needs soon but not to show itself: fetched once the window's `load` event has fired, so it stays
 * out of the first load of `/` (which has a budget) without waiting for a click.
 */

/** Runs `run` after the page has loaded (at once if it has); returns a cancel. */
export function afterLoad(run: () => void): () => void {
  if (document.readyState === 'complete') {
    run();
    return () => {};
  }
  window.addEventListener('load', run, { once: true });
  return () => window.removeEventListener('load', run);
}

/** React.lazy for a module that starts loading after the page's load event, or earlier if it is rendered first. */
export function lazyAfterLoad<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const once = () => (loading ??= load());
  if (typeof window !== 'undefined') afterLoad(() => void once());
  return lazy(once);
}

/** False until the page has loaded (and while rendering on the server), then true. */
export function useAfterLoad(): boolean {
  return useSyncExternalStore(
    (changed) => afterLoad(changed),
    () => document.readyState === 'complete',
    () => false,
  );
}
