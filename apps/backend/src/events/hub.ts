import type {
  Reminder,
  ReminderEvent,
  StreamEvent,
  Task,
  TaskEvent,
  TaskEventType,
  TaskSnapshot,
} from '@todo/shared';
import type { Database } from '../db/client';
import { reminderColumns } from '../reminders/repository';
import { isoText, taskColumns } from '../tasks/sql';
import { listen, type Listener } from './listen';

/*
 * The process's side of live updates. The activity log is the source: each logged change is one event, its id the
 * row's id. A trigger NOTIFYs "user_id:id" at commit (drizzle/0008); one LISTEN per process hears every replica's
 * changes, reads the rows named (one query per burst) and hands each to that user's open streams here. A stream that
 * reconnects with Last-Event-ID is replayed from the log itself, within a bounded window.
 * A delivered reminder is the other kind of event: its id comes from the log's sequence (one ordered id space) and
 * its delivery NOTIFYs "user_id:r<id>" on the same channel (reminders/repository.ts).
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

/** A fired reminder with its task as it is now (a deleted task takes its reminders with it). */
const REMINDER_EVENT_COLUMNS = `r.event_id as id, r.user_id, ${isoText('r.delivered_at')} as at,
  (select to_jsonb(x) from (select ${reminderColumns('r')}) x) as reminder,
  (select to_jsonb(y) from (select ${taskColumns('t')}) y) as task
from reminders r join tasks t on t.user_id = r.user_id and t.number = r.task_number`;
const REMINDER_ROWS_SQL = `select ${REMINDER_EVENT_COLUMNS}
where (r.user_id, r.event_id) in (select * from unnest($1::text[], $2::bigint[])) order by r.event_id`;
const REMINDER_REPLAY_SQL = `select ${REMINDER_EVENT_COLUMNS}
where r.user_id = $1 and r.event_id > $2 and r.delivered_at > now() - interval '${REPLAY_WINDOW}'
order by r.event_id limit ${REPLAY_LIMIT + 1}`;

interface ReminderRow {
  id: number | string;
  user_id: string;
  at: string;
  reminder: Reminder;
  task: Task;
}

const toReminderEvent = (row: ReminderRow): ReminderEvent => ({
  id: Number(row.id),
  type: 'reminder',
  reminder: row.reminder,
  task: row.task,
  at: row.at,
});

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
    // Rows logged before tasks could repeat or remind lack those keys.
    task: {
      ...snapshot,
      recurrence: snapshot.recurrence ?? null,
      reminders: snapshot.reminders ?? [],
      user_id: row.user_id,
    },
    at: row.at,
  };
}

export type Subscriber = (event: StreamEvent) => void;

export interface EventHub {
  /** Starts hearing every replica's changes (LISTEN). */
  start(): Promise<void>;
  /** Delivers the user's events to `fn` from now on; returns the unsubscribe. */
  subscribe(userId: string, fn: Subscriber): () => void;
  /** The user's events after `lastId`, oldest first; `complete: false` when more were missed than are replayed. */
  replay(userId: string, lastId: number): Promise<{ events: StreamEvent[]; complete: boolean }>;
  close(): Promise<void>;
}

export function eventHub(database: Database, log?: (err: unknown) => void): EventHub {
  const subscribers = new Map<string, Set<Subscriber>>();
  let listener: Listener | null = null;
  // Event ids heard but not read yet: a burst of NOTIFYs (a bulk change) is read with one query per kind.
  let heard: number[] = [];
  let heardReminders: { userId: string; id: number }[] = [];
  let reading: Promise<void> | null = null;

  function hand(userId: string, event: StreamEvent): void {
    for (const fn of subscribers.get(userId) ?? []) fn(event);
  }

  async function readHeard(): Promise<void> {
    while (heard.length > 0 || heardReminders.length > 0) {
      const ids = heard;
      const fired = heardReminders;
      heard = [];
      heardReminders = [];
      try {
        if (ids.length > 0) {
          const rows = await database.query<Row>('events_rows', ROWS_SQL, [`{${ids.join(',')}}`]);
          for (const row of rows) if (subscribers.has(row.user_id)) hand(row.user_id, toEvent(row));
        }
        if (fired.length > 0) {
          const rows = await database.query<ReminderRow>('events_reminder_rows', REMINDER_ROWS_SQL, [
            fired.map((f) => f.userId),
            fired.map((f) => f.id),
          ]);
          for (const row of rows) hand(row.user_id, toReminderEvent(row));
        }
      } catch (err) {
        // The rows stay where they are: a stream that reconnects gets them by replay.
        log?.(err);
      }
    }
  }

  function onPayload(payload: string): void {
    const colon = payload.lastIndexOf(':');
    const userId = payload.slice(0, colon);
    // Only users with an open stream on this process cost a read.
    if (!subscribers.has(userId)) return;
    const rest = payload.slice(colon + 1);
    if (rest.startsWith('r')) heardReminders.push({ userId, id: Number(rest.slice(1)) });
    else heard.push(Number(rest));
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
      const [changes, fired] = await Promise.all([
        database.query<Row>('events_replay', REPLAY_SQL, [userId, lastId]),
        database.query<ReminderRow>('events_reminder_replay', REMINDER_REPLAY_SQL, [userId, lastId]),
      ]);
      const events: StreamEvent[] = [...changes.map(toEvent), ...fired.map(toReminderEvent)].sort(
        (a, b) => a.id - b.id,
      );
      return { events: events.slice(0, REPLAY_LIMIT), complete: events.length <= REPLAY_LIMIT };
    },

    async close() {
      await listener?.close();
      listener = null;
      subscribers.clear();
    },
  };
}
