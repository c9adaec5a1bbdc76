-- Live updates across replicas: every logged task change notifies the channel task_activity with "user_id:id".
-- A trigger rather than a NOTIFY in each task statement, so no writer (undo, a future one) can forget it. NOTIFY is
-- delivered at commit and never for a rolled-back change; the payload is only the row's address (a task can be
-- larger than NOTIFY's 8000-byte limit), listeners read the row itself from task_activity.
CREATE OR REPLACE FUNCTION task_activity_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('task_activity', NEW.user_id || ':' || NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER task_activity_notify AFTER INSERT ON task_activity
  FOR EACH ROW EXECUTE FUNCTION task_activity_notify();
