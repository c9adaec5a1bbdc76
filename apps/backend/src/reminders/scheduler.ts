import type { Runner, RunnerOptions } from 'graphile-worker';
import type { Pool } from 'pg';
import type { Database } from '../db/client';
import { listen } from '../events/listen';
import { reminderRepository } from './repository';

/*
 * Who delivers reminders on time. On Postgres and Neon: graphile-worker, a maintained Postgres-backed job queue.
 * Every pending reminder is a job due at its fire time (queued by a trigger in the transaction that made it), every
 * replica runs a worker, and the queue hands each job to one of them (row locks, SKIP LOCKED); a job due while
 * every replica was down runs as soon as one is back. Delivery itself is idempotent (repository.ts), so a job the
 * queue runs twice after a crash still reminds once. A job locked by a replica that died mid-job stays locked for
 * hours (the queue's own timeout), so a cron task of the queue (once a minute, on one replica) delivers any pending
 * reminder over SWEEP_GRACE_S overdue: a crash costs at most a minute's lateness, never the reminder.
 * On PGlite there is one process and no queue schema: a timer set for the next pending reminder does the same,
 * woken by the trigger's NOTIFY when a new one is made, and delivering overdue ones at start.
 */

export interface ReminderSchedulerOptions {
  /** Jobs run at once per process (each holds a pooled connection while it runs). @default 4 */
  readonly concurrency?: number;
  readonly log?: (err: unknown) => void;
}

export interface ReminderScheduler {
  stop(): Promise<void>;
}

/** The queue's task name; drizzle/0010's trigger queues jobs under it. */
export const DELIVER_TASK = 'deliver_reminder';
const SWEEP_TASK = 'sweep_reminders';
/** How overdue a pending reminder must be before the sweep takes it from its (possibly stuck) job. */
const SWEEP_GRACE_S = 30;
/** How many due reminders the in-process scheduler delivers per statement. */
const BATCH = 500;
/** After a failed pass, the next try. */
const RETRY_MS = 5000;
/** setTimeout's longest delay; a later reminder is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export async function startReminderScheduler(
  database: Database,
  opts: ReminderSchedulerOptions = {},
): Promise<ReminderScheduler> {
  return database.driver === 'pglite' ? inProcess(database, opts) : queue(database, opts);
}

/** The graphile-worker schema, installed with the app's migrations on Postgres and Neon (db/migrate.ts). */
export async function migrateQueue(database: Database): Promise<void> {
  if (database.driver === 'pglite') return;
  const { runMigrations } = await import('graphile-worker');
  await runMigrations({ pgPool: poolOf(database), logger: await quietLogger() });
}

const poolOf = (database: Database) => (database.db as unknown as { $client: never }).$client;

/** A new pool of the same driver and database as the app's (its connection string). */
async function ownPool(database: Database, max: number): Promise<Pool> {
  const { connectionString } = (poolOf(database) as { options: { connectionString: string } }).options;
  const config = { connectionString, max, connectionTimeoutMillis: 5000 };
  const pool =
    database.driver === 'pg'
      ? new (await import('pg')).default.Pool(config)
      : (new (await import('@neondatabase/serverless')).Pool(config) as unknown as Pool);
  // Connection loss is the worker's to retry; it must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function quietLogger(log?: (err: unknown) => void) {
  const { Logger } = await import('graphile-worker');
  return new Logger(() => (level, message) => {
    // LogLevel is an ambient const enum (no value to import under isolatedModules) whose members are these strings.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison
    if (level === 'error' || level === 'warning') log?.(new Error(`reminder queue: ${message}`));
  });
}

async function queue(database: Database, opts: ReminderSchedulerOptions): Promise<ReminderScheduler> {
  const reminders = reminderRepository(database);
  const concurrency = opts.concurrency ?? 4;
  // A pool of its own: the worker holds a LISTEN connection for good, which would keep the app's pool from ever
  // closing, and its jobs must not queue behind (or starve) API requests.
  const pgPool = await ownPool(database, concurrency + 2);
  const options: RunnerOptions = {
    pgPool,
    concurrency,
    noHandleSignals: true,
    // Jobs due later are picked up by this poll (new and due-now jobs arrive by NOTIFY at once).
    pollInterval: 1000,
    crontab: `* * * * * ${SWEEP_TASK}`,
    taskList: {
      [SWEEP_TASK]: async () => {
        for (;;) {
          const ids = await reminders.due(BATCH, SWEEP_GRACE_S);
          if (ids.length === 0) break;
          await reminders.deliver(ids);
        }
      },
      [DELIVER_TASK]: async (payload) => {
        const id = Number((payload as { id?: unknown }).id);
        if (Number.isSafeInteger(id)) await reminders.deliver([id]);
      },
    },
  };
  // The worker starts in the background: start-up does not wait for it (the queue's own set-up queries would add
  // to every rollout), and Postgres down at start must not stop the API from starting (/readyz reports the
  // database). It is retried with a growing pause until it runs; reminders due meanwhile are overdue jobs it then
  // delivers, marked late.
  const start = async () => {
    const { run } = await import('graphile-worker');
    return run({ ...options, logger: await quietLogger(opts.log) });
  };
  let runner: Runner | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let pause = 1000;
  let starting: Promise<void> = Promise.resolve();
  const attempt = (): Promise<void> =>
    (starting = start().then(
      async (started) => {
        if (stopped) await started.stop();
        else runner = started;
      },
      (err: unknown) => {
        opts.log?.(err);
        if (!stopped) retry = setTimeout(() => void attempt(), pause);
        pause = Math.min(pause * 2, 30_000);
      },
    ));
  void attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await starting;
      await runner?.stop();
      runner = null;
      await pgPool.end();
    },
  };
}

async function inProcess(database: Database, opts: ReminderSchedulerOptions): Promise<ReminderScheduler> {
  const reminders = reminderRepository(database);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let busy: Promise<void> | null = null;
  let again = false;

  async function deliverDue(): Promise<void> {
    for (;;) {
      const ids = await reminders.due(BATCH);
      if (ids.length === 0 || stopped) break;
      await reminders.deliver(ids);
    }
    const next = await reminders.next();
    clearTimeout(timer);
    if (next && !stopped)
      timer = setTimeout(wake, Math.min(Math.max(next.getTime() - Date.now(), 0), MAX_DELAY_MS));
  }

  // One pass at a time; a wake-up during a pass runs one more pass after it.
  function wake(): void {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = deliverDue()
      .catch((err: unknown) => {
        opts.log?.(err);
        // The database was away: look again shortly rather than wait for the next new reminder.
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(wake, RETRY_MS);
      })
      .finally(() => {
        busy = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  const listener = await listen(database, 'reminders', { onPayload: wake, onError: opts.log });
  wake();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listener.close();
      await busy;
    },
  };
}
