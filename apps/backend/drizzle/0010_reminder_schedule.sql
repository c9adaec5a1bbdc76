-- Reminders follow their task. Whenever a task's rules, due time or completion change, its pending reminders are
-- computed again from the rules: {at} fires at that instant, {before} at the due time minus the lead time, counted
-- in the user's zone so "1 day before" a 9 am task is 9 am the day before across a DST change. Only future times are
-- scheduled, a time already reminded of is not reminded again (reopening a task), and a snooze survives a new due
-- time but not a completion. A trigger rather than code in each task statement, so undo, bulk changes and restores
-- cannot forget it; deleting a task deletes its reminders (foreign key).
CREATE OR REPLACE FUNCTION tasks_schedule_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.reminders = NEW.reminders AND OLD.completed = NEW.completed
     AND OLD.due_at IS NOT DISTINCT FROM NEW.due_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM reminders
    WHERE user_id = NEW.user_id AND task_number = NEW.number AND state = 'pending'
      AND (kind <> 'snooze' OR NEW.completed);
  END IF;
  IF NEW.completed OR NEW.reminders = '[]'::jsonb THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(s.time_zone, 'UTC') INTO zone FROM user_settings s WHERE s.user_id = NEW.user_id;
  zone := coalesce(zone, 'UTC');
  INSERT INTO reminders (user_id, task_number, kind, fire_at)
  SELECT DISTINCT NEW.user_id, NEW.number, planned.kind, planned.fire_at
  FROM (
    SELECT 'at'::reminder_kind AS kind, (r->>'at')::timestamptz AS fire_at
    FROM jsonb_array_elements(NEW.reminders) r WHERE r ? 'at'
    UNION ALL
    SELECT 'before'::reminder_kind, ((NEW.due_at AT TIME ZONE zone) - (r->>'before')::interval) AT TIME ZONE zone
    FROM jsonb_array_elements(NEW.reminders) r WHERE r ? 'before' AND NEW.due_at IS NOT NULL
  ) planned
  WHERE planned.fire_at > now()
    AND NOT EXISTS (
      SELECT 1 FROM reminders done
      WHERE done.user_id = NEW.user_id AND done.task_number = NEW.number
        AND done.kind = planned.kind AND done.fire_at = planned.fire_at
    );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_schedule_reminders AFTER INSERT OR UPDATE OF reminders, due_at, completed ON tasks
  FOR EACH ROW EXECUTE FUNCTION tasks_schedule_reminders();
--> statement-breakpoint
-- Every new reminder becomes a job of the Postgres-backed queue (graphile-worker, installed by the app's migrate
-- step on Postgres and Neon) in the same transaction, due at its fire time; the job delivers it exactly once
-- (reminders/deliver.ts). PGlite has no queue schema: there the one process schedules in memory and hears new
-- reminders on the channel `reminders` (reminders/scheduler.ts).
CREATE OR REPLACE FUNCTION reminders_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job('deliver_reminder', json_build_object('id', NEW.id),
      run_at := NEW.fire_at, max_attempts := 25);
  ELSE
    PERFORM pg_notify('reminders', '');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reminders_enqueue AFTER INSERT ON reminders
  FOR EACH ROW EXECUTE FUNCTION reminders_enqueue();
