import type { TaskEvent, TaskEventType, TaskSnapshot } from '@todo/shared';
import type { Database } from '../db/client';
import { isoText } from '../tasks/sql';
import { listen, type Listener } from './listen';

/*
 * The process's side of live updates. The activity log is the source: each logged change is one event, its id the
 * row's id. A trigger NOTIFYs "user_id:id" at commit (drizzle/0008); one LISTEN per process hears every replica's
 * changes, reads the rows named (one query per burst) and hands each to that user's open streams here. A stream that
 * reconnects with Last-Event-ID is replayed from the log itself, within a bounded window.
 */

export const CHANNEL = 'task_activity';
/** A reconnect is replayed at most this many events and this far back; beyond that the client reloads. */
export const REPLAY_LIMIT = 500;
export const REPLAY_WINDOW = '24 hours';

const EVENT_COLUMNS = `id, user_id, surface, action, before, after, ${isoText('created_at')} as at`;
const ROWS_SQL = `select ${EVENT_COLUMNS} from task_activity where id = any($1::bigint[]) order by id`;
const REPLAY_SQL = `select ${EVENT_COLUMNS} from task_activity
where user_id = $1 and id > $2 and created_at > now() - interval '${REPLAY_WINDOW}'
order by id limit ${REPLAY_LIMIT + 1}`;

interface Row {
  id: number | string;
  user_id: string;
  surface: TaskEvent['surface'];
  action: TaskEvent['action'];
  before: TaskSnapshot | null;
  after: TaskSnapshot | null;
  at: string;
}

const TYPES: Record<TaskEvent['action'], TaskEventType> = {
  created: 'task.created',
  restored: 'task.created',
  deleted: 'task.deleted',
  updated: 'task.updated',
  completed: 'task.updated',
  reopened: 'task.updated',
};

function toEvent(row: Row): TaskEvent {
  const snapshot = (row.after ?? row.before)!;
  return {
    id: Number(row.id),
    type: TYPES[row.action],
    action: row.action,
    surface: row.surface,
    // Rows logged before tasks could repeat have no recurrence.
    task: { ...snapshot, recurrence: snapshot.recurrence ?? null, user_id: row.user_id },
    at: row.at,
  };
}

export type Subscriber = (event: TaskEvent) => void;

export interface EventHub {
  /** Starts hearing every replica's changes (LISTEN). */
  start(): Promise<void>;
  /** Delivers the user's events to `fn` from now on; returns the unsubscribe. */
  subscribe(userId: string, fn: Subscriber): () => void;
  /** The user's events after `lastId`, oldest first; `complete: false` when more were missed than are replayed. */
  replay(userId: string, lastId: number): Promise<{ events: TaskEvent[]; complete: boolean }>;
  close(): Promise<void>;
}

export function eventHub(database: Database, log?: (err: unknown) => void): EventHub {
  const subscribers = new Map<string, Set<Subscriber>>();
  let listener: Listener | null = null;
  // Row ids heard but not read yet: a burst of NOTIFYs (a bulk change) is read with one query.
  let heard: number[] = [];
  let reading: Promise<void> | null = null;

  async function readHeard(): Promise<void> {
    while (heard.length > 0) {
      const ids = heard;
      heard = [];
      try {
        const rows = await database.query<Row>('events_rows', ROWS_SQL, [`{${ids.join(',')}}`]);
        for (const row of rows) {
          const fns = subscribers.get(row.user_id);
          if (!fns) continue;
          const event = toEvent(row);
          for (const fn of fns) fn(event);
        }
      } catch (err) {
        // The rows stay in the log: a stream that reconnects gets them by replay.
        log?.(err);
      }
    }
  }

  function onPayload(payload: string): void {
    const colon = payload.lastIndexOf(':');
    // Only users with an open stream on this process cost a read.
    if (!subscribers.has(payload.slice(0, colon))) return;
    heard.push(Number(payload.slice(colon + 1)));
    reading ??= Promise.resolve()
      .then(readHeard)
      .finally(() => {
        reading = null;
      });
  }

  return {
    async start() {
      listener ??= await listen(database, CHANNEL, { onPayload, onError: log });
    },

    subscribe(userId, fn) {
      let fns = subscribers.get(userId);
      if (!fns) subscribers.set(userId, (fns = new Set()));
      fns.add(fn);
      return () => {
        fns.delete(fn);
        if (fns.size === 0 && subscribers.get(userId) === fns) subscribers.delete(userId);
      };
    },

    async replay(userId, lastId) {
      const rows = await database.query<Row>('events_replay', REPLAY_SQL, [userId, lastId]);
      return { events: rows.slice(0, REPLAY_LIMIT).map(toEvent), complete: rows.length <= REPLAY_LIMIT };
    },

    async close() {
      await listener?.close();
      listener = null;
      subscribers.clear();
    },
  };
}
