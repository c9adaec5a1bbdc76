import type { Reminder } from '@todo/shared';
import type { Database } from '../db/client';
import { isoText } from '../tasks/sql';

/*
 * The schedule of reminders. Rows are made by the database itself from each task's rules (drizzle/0010); this
 * module reads them, snoozes and dismisses them, and delivers due ones. Delivery is one conditional update: a
 * reminder goes from pending to delivered once, whoever runs it and however often (a queue job retried after a
 * crash, two schedulers racing), and the NOTIFY that carries it to the event streams is sent only by that update.
 */

/** The API columns of a reminder row `r` (the bigint id as float8: a JS number on every driver, exact below 2^53). */
export const reminderColumns = (r: string) =>
  `${r}.id::float8 as id, ${r}.task_number as task_id, ${r}.kind, ${isoText(`${r}.fire_at`)} as fire_at, ${r}.state, ${isoText(`${r}.delivered_at`)} as delivered_at, ${r}.late`;

/** Delivered over this long after its time, a reminder is marked late. */
export const LATE_AFTER = '1 minute';

const DELIVER_SQL = `with fired as (
  update reminders r set state = 'delivered', delivered_at = now(),
    event_id = nextval('task_activity_id_seq'), late = now() > r.fire_at + interval '${LATE_AFTER}'
  where r.id = any($1::bigint[]) and r.state = 'pending'
  returning r.user_id, r.event_id
)
select count(pg_notify('task_activity', user_id || ':r' || event_id))::int as n from fired`;

const LIST_SQL = `select ${reminderColumns('r')} from reminders r
where r.user_id = $1 and ($2::reminder_state is null or r.state = $2::reminder_state)
order by r.fire_at desc, r.id desc limit 200`;

/** A snooze acknowledges the reminder and schedules a new one for the same (still pending) task. */
const SNOOZE_SQL = `with old as (
  select r.id, r.task_number from reminders r join tasks t on t.user_id = r.user_id and t.number = r.task_number
  where r.user_id = $1 and r.id = $2 and not t.completed
  for update of r
), acknowledged as (
  update reminders r set state = 'dismissed' from old where r.id = old.id and r.state <> 'dismissed'
), made as (
  insert into reminders as r (user_id, task_number, kind, fire_at)
  select $1, old.task_number, 'snooze', $3::timestamptz from old
  returning ${reminderColumns('r')}
)
select * from made`;

const DISMISS_SQL = `update reminders r set state = 'dismissed' where r.user_id = $1 and r.id = $2
returning ${reminderColumns('r')}`;

const EXISTS_SQL = `select r.id from reminders r where r.user_id = $1 and r.id = $2`;

/** Due pending reminders, oldest first (the in-process scheduler's read). */
const DUE_SQL = `select id from reminders where state = 'pending' and fire_at <= now() - make_interval(secs => $2)
order by fire_at limit $1::int`;
const NEXT_SQL = `select ${isoText('min(fire_at)')} as at from reminders where state = 'pending'`;

/** The latest delivered reminder of a task (what "snooze it" means). */
const LATEST_SQL = `select ${reminderColumns('r')} from reminders r
where r.user_id = $1 and r.task_number = $2 and r.state = 'delivered' order by r.delivered_at desc, r.id desc limit 1`;

const PENDING_FOR_SQL = `select ${isoText('fire_at')} as at from reminders
where user_id = $1 and task_number = $2 and state = 'pending' order by fire_at`;

export type SnoozeOutcome = { readonly reminder: Reminder } | { readonly error: 'not_found' | 'completed' };

export function reminderRepository(database: Database) {
  return {
    /** Delivers those of `ids` still pending; returns how many it delivered. */
    async deliver(ids: readonly number[]): Promise<number> {
      if (ids.length === 0) return 0;
      const [row] = await database.query<{ n: number }>('reminders_deliver', DELIVER_SQL, [
        `{${ids.join(',')}}`,
      ]);
      return row?.n ?? 0;
    },

    /** Up to `limit` pending reminders whose time came at least `graceSeconds` ago. */
    async due(limit: number, graceSeconds = 0): Promise<number[]> {
      const rows = await database.query<{ id: number | string }>('reminders_due', DUE_SQL, [
        limit,
        graceSeconds,
      ]);
      return rows.map((r) => Number(r.id));
    },

    /** When the next pending reminder is due, if any. */
    async next(): Promise<Date | null> {
      const [row] = await database.query<{ at: string | null }>('reminders_next', NEXT_SQL, []);
      return row?.at ? new Date(row.at) : null;
    },

    /** The user's reminders, latest first (at most 200). */
    list(userId: string, state?: Reminder['state']): Promise<Reminder[]> {
      return database.query<Reminder>('reminders_list', LIST_SQL, [userId, state ?? null]);
    },

    /** When a task will remind, soonest first. */
    async pendingFor(userId: string, taskNumber: number): Promise<string[]> {
      const rows = await database.query<{ at: string }>('reminders_pending_for', PENDING_FOR_SQL, [
        userId,
        taskNumber,
      ]);
      return rows.map((r) => r.at);
    },

    async latestDelivered(userId: string, taskNumber: number): Promise<Reminder | null> {
      return (
        (await database.query<Reminder>('reminders_latest', LATEST_SQL, [userId, taskNumber]))[0] ?? null
      );
    },

    /** Reminds again at `at`; the snoozed reminder counts as seen. */
    async snooze(userId: string, id: number, at: Date): Promise<SnoozeOutcome> {
      const [made] = await database.query<Reminder>('reminders_snooze', SNOOZE_SQL, [
        userId,
        id,
        at.toISOString(),
      ]);
      if (made) return { reminder: made };
      const exists = await database.query('reminders_exists', EXISTS_SQL, [userId, id]);
      return { error: exists.length > 0 ? 'completed' : 'not_found' };
    },

    /** Marks a reminder seen (a pending one will not fire). */
    async dismiss(userId: string, id: number): Promise<Reminder | null> {
      return (await database.query<Reminder>('reminders_dismiss', DISMISS_SQL, [userId, id]))[0] ?? null;
    },
  };
}

export type ReminderRepository = ReturnType<typeof reminderRepository>;
