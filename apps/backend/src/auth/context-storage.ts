import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * An AsyncLocalStorage that is enabled only while one of its run() calls is in progress.
 *
 * Why: on Node 20 the first run() of any AsyncLocalStorage turns on promise hooks for the whole process, for
 * good, so every promise of every later request pays for context propagation (≈ 20 % of the CPU of a task
 * create once anyone had signed in). Disabling the storage when its last run has settled turns the hooks off
 * again (Node turns them off once no storage is enabled); the next run() enables it again.
 *
 * Trade-off: a callback created inside a run that fires after every run has settled (fire-and-forget work)
 * no longer sees the store. Better Auth awaits all of its work inside its runs.
 */
export class RunScopedStorage<T> extends AsyncLocalStorage<T> {
  private active = 0;

  override run<R>(store: T, callback: () => R): R;
  override run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R;
  override run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R {
    this.active++;
    let result: R;
    try {
      result = super.run(store, callback, ...args);
    } catch (err) {
      this.release();
      throw err;
    }
    if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
      (result as PromiseLike<unknown>).then(
        () => this.release(),
        () => this.release(),
      );
    } else this.release();
    return result;
  }

  private release(): void {
    if (--this.active === 0) this.disable();
  }
}

/** Where Better Auth keeps its storages (`@better-auth/core` context/global): created with `??=` when first needed. */
const BETTER_AUTH_GLOBAL = Symbol.for('better-auth:global');
const BETTER_AUTH_STORAGES = [
  'requestStateAsyncStorage',
  'adapterAsyncStorage',
  'endpointContextAsyncStorage',
] as const;

/**
 * Makes Better Auth use RunScopedStorage for its request, adapter and endpoint contexts. Call once Better Auth
 * has initialised (its global exists) and before it serves a request; repeated calls keep the installed ones.
 * A Better Auth version that keeps them elsewhere simply keeps its own storages (slower, same behaviour).
 */
export function scopeBetterAuthStorages(): void {
  const global = (globalThis as Record<symbol, { context?: Record<string, unknown> } | undefined>)[
    BETTER_AUTH_GLOBAL
  ];
  const context = global?.context;
  if (!context) return;
  for (const key of BETTER_AUTH_STORAGES) {
    const existing = context[key];
    if (existing instanceof RunScopedStorage) continue;
    context[key] = new RunScopedStorage();
    // Nothing runs in the old one yet (no request has been served); it must not keep the hooks on.
    if (existing instanceof AsyncLocalStorage) existing.disable();
  }
}
