import type { AddressInfo } from 'node:net';
import type { ReminderEvent, TaskEvent } from '@todo/shared';
import { openEventStream, type Frame } from '@todo/testkit/sse';
import { buildApp } from '../../src/app';
import type { Database } from '../../src/db/client';
import { testConfig, type TestUser } from './app';

/* A real listening app and a raw SSE client for the event stream (inject waits for the end of a response). */

export type { Frame };

/** An app on a real port (SSE needs a real socket: inject waits for the end of the response). */
export async function startApp(database: Database, keepaliveMs = 15_000, opts: { reminders?: boolean } = {}) {
  const config = testConfig();
  const app = await buildApp({ config, database, logger: false, eventKeepaliveMs: keepaliveMs, ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

/** An open event stream: frames as the SSE spec splits them (only complete ones, ended by a blank line). */
export function openStream(port: number, user: TestUser, headers: Record<string, string> = {}, query = '') {
  const frames: Frame[] = [];
  let waiters: (() => void)[] = [];
  let status = 0;
  const { request, response } = openEventStream(
    {
      host: '127.0.0.1',
      port,
      path: `/api/${user.id}/events${query}`,
      headers: { authorization: `Bearer ${user.token}`, ...headers },
    },
    (frame) => frames.push(frame),
    () => {
      for (const w of waiters) w();
      waiters = [];
    },
  );
  // A request error leaves the status 0, as a refused connection reads.
  void response.then(
    (res) => (status = res.statusCode ?? 0),
    () => {},
  );
  return {
    frames,
    status: () => status,
    events: () =>
      frames.filter((f) => f.event?.startsWith('task.')).map((f) => JSON.parse(f.data!) as TaskEvent),
    reminders: () =>
      frames.filter((f) => f.event === 'reminder').map((f) => JSON.parse(f.data!) as ReminderEvent),
    /** Resolves when `pred` holds of the frames, or rejects after `ms`. */
    async until(pred: (frames: Frame[]) => boolean, ms = 3000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!pred(frames)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `stream: timed out after ${frames.length} frames; the last: ${JSON.stringify(frames.slice(-3)).slice(0, 2000)}`,
          );
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 50));
        });
      }
    },
    close: () => request.destroy(),
  };
}
