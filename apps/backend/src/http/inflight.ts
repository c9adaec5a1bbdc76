import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Counts running work (request handlers, chat turns that outlive their request) so shutdown can wait for it. */
export function inflightTracker() {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    /** Runs `work` as in-flight until it settles; returns its result. */
    async track<T>(work: PromiseLike<T>): Promise<T> {
      count++;
      try {
        return await work;
      } finally {
        if (--count === 0) {
          const done = waiters;
          waiters = [];
          for (const resolve of done) resolve();
        }
      }
    },
    /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
    idle(timeoutMs: number): Promise<boolean> {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== onIdle);
          resolve(false);
        }, timeoutMs);
        const onIdle = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(onIdle);
      });
    },
  };
}

export type InflightTracker = ReturnType<typeof inflightTracker>;

declare module 'fastify' {
  interface FastifyInstance {
    inflight: InflightTracker;
  }
}

/**
 * Tracks every async route handler until it settles. Fastify's close() waits for connections, not handlers: a
 * handler whose client has gone away keeps running (and querying) after its connection closed, so the server
 * waits for `inflight.idle()` before closing the database. Register before any route.
 */
export const inflightPlugin = fp(async (app: FastifyInstance) => {
  const tracker = inflightTracker();
  app.decorate('inflight', tracker);
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function tracked(this: FastifyInstance, ...args: Parameters<typeof handler>) {
      const result: unknown = handler.apply(this, args);
      // Sync handlers (e.g. static files sending later) are left exactly as they are.
      return result && typeof (result as PromiseLike<unknown>).then === 'function'
        ? tracker.track(result as PromiseLike<unknown>)
        : result;
    };
  });
});
