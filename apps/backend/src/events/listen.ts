import type { PGliteInterface } from '@electric-sql/pglite';
import type { Database } from '../db/client';

/*
 * LISTEN on one channel, whichever driver backs the database. PGlite delivers notifications in-process. On pg and
 * Neon a pooled connection cannot hold a LISTEN (it goes back to the pool), so one dedicated client per process
 * listens, reconnecting with a growing pause when the connection drops; `onReconnect` lets the caller catch up on
 * what it may have missed meanwhile (from the log).
 */

export interface ListenOptions {
  readonly onPayload: (payload: string) => void;
  readonly onReconnect?: () => void;
  readonly onError?: (err: unknown) => void;
}

/** A started listener; `close` stops it for good. */
export interface Listener {
  close(): Promise<void>;
}

interface NotifyingClient {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', fn: (msg: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error' | 'end', fn: (err?: unknown) => void): unknown;
}

/** Longest wait for the listening connection (a hung server must not hold it forever). */
const CONNECT_TIMEOUT_MS = 5000;
/** How long start-up waits for the first connection before going on without it. */
const START_WAIT_MS = 2000;

export async function listen(database: Database, channel: string, opts: ListenOptions): Promise<Listener> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.driver === 'pglite') {
    const unlisten = await (client as PGliteInterface).listen(channel, opts.onPayload);
    return { close: () => unlisten() };
  }
  // The pool's own settings (its connection string) open the dedicated connection.
  const { connectionString } = (client as { options: { connectionString: string } }).options;
  const make: () => Promise<NotifyingClient> =
    database.driver === 'pg'
      ? async () =>
          new (await import('pg')).default.Client({
            connectionString,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          })
      : async () =>
          new (await import('@neondatabase/serverless')).Client({
            connectionString,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          });

  let closed = false;
  let current: NotifyingClient | null = null;
  let retry: NodeJS.Timeout | undefined;
  let pause = 250;

  async function connect(isReconnect: boolean): Promise<void> {
    const conn = await make();
    let dropped = false;
    const drop = (err?: unknown) => {
      if (dropped || closed) return;
      dropped = true;
      if (err) opts.onError?.(err);
      current = null;
      void conn.end().catch(() => {});
      retry = setTimeout(() => void reconnect(), pause);
      pause = Math.min(pause * 2, 5000);
    };
    conn.on('error', drop);
    conn.on('end', () => drop());
    conn.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) opts.onPayload(msg.payload);
    });
    await conn.connect();
    await conn.query(`LISTEN ${channel}`);
    if (closed) {
      await conn.end().catch(() => {});
      return;
    }
    current = conn;
    pause = 250;
    if (isReconnect) opts.onReconnect?.();
  }

  async function reconnect(): Promise<void> {
    if (closed) return;
    try {
      await connect(true);
    } catch (err) {
      opts.onError?.(err);
      retry = setTimeout(() => void reconnect(), pause);
      pause = Math.min(pause * 2, 5000);
    }
  }

  // Postgres down or hanging at start-up must not stop the API from starting (/readyz says so): wait a little
  // for the first connection, then keep trying in the background.
  const first = connect(false).catch((err: unknown) => {
    opts.onError?.(err);
    if (!closed) retry = setTimeout(() => void reconnect(), pause);
  });
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([first, new Promise<void>((resolve) => (waited = setTimeout(resolve, START_WAIT_MS)))]);
  clearTimeout(waited);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await current?.end().catch(() => {});
      current = null;
    },
  };
}
