ALTER TABLE "user_settings" ADD COLUMN "task_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_settings" ADD COLUMN "conversation_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Per-user quotas (issue #18). user_settings counts each user's tasks and conversations; statement-level triggers
-- keep the counts (one grouped update per statement, however many rows it wrote), so every writer (REST, chat,
-- MCP, undo, bulk changes) is counted without knowing it. A statement that takes a user past the quota its
-- transaction announces (set_config('todo.max_tasks' / 'todo.max_conversations', …, true): the app's statements do,
-- from its env) fails whole: SQLSTATE TQ001 (tasks) or TQ002 (conversations). No announcement, no limit: the
-- restore (which turns triggers off anyway), the scale seed and hand-run SQL. The count row is locked by the update,
-- so concurrent writers of one user queue up on it and the second sees the first's count: safe across replicas.
INSERT INTO user_settings (user_id) SELECT id FROM users ON CONFLICT (user_id) DO NOTHING;
--> statement-breakpoint
UPDATE user_settings s SET
  task_count = (SELECT count(*) FROM tasks t WHERE t.user_id = s.user_id),
  conversation_count = (SELECT count(*) FROM conversations c WHERE c.user_id = s.user_id);
--> statement-breakpoint
-- One function per table, in static SQL, so each session plans its statements once. Over the quota by the count,
-- a statement that also deleted rows (undo) may not have counted its deletes yet: the table itself decides then.
CREATE OR REPLACE FUNCTION tasks_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  quota int := nullif(current_setting('todo.max_tasks', true), '')::int;
  over text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE user_settings s SET task_count = s.task_count - d.n
    FROM (SELECT user_id, count(*)::int AS n FROM removed GROUP BY user_id) d WHERE s.user_id = d.user_id;
    RETURN NULL;
  END IF;
  INSERT INTO user_settings AS s (user_id, task_count)
  SELECT user_id, count(*)::int FROM added GROUP BY user_id
  ON CONFLICT (user_id) DO UPDATE SET task_count = s.task_count + excluded.task_count;
  IF quota IS NULL THEN
    RETURN NULL;
  END IF;
  FOR over IN SELECT s.user_id FROM user_settings s WHERE s.user_id IN (SELECT user_id FROM added) AND s.task_count > quota LOOP
    IF (SELECT count(*) FROM tasks t WHERE t.user_id = over) > quota THEN
      RAISE EXCEPTION 'user % would have more than % tasks', over, quota USING ERRCODE = 'TQ001';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION conversations_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  quota int := nullif(current_setting('todo.max_conversations', true), '')::int;
  over text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE user_settings s SET conversation_count = s.conversation_count - d.n
    FROM (SELECT user_id, count(*)::int AS n FROM removed GROUP BY user_id) d WHERE s.user_id = d.user_id;
    RETURN NULL;
  END IF;
  INSERT INTO user_settings AS s (user_id, conversation_count)
  SELECT user_id, count(*)::int FROM added GROUP BY user_id
  ON CONFLICT (user_id) DO UPDATE SET conversation_count = s.conversation_count + excluded.conversation_count;
  IF quota IS NULL THEN
    RETURN NULL;
  END IF;
  FOR over IN SELECT s.user_id FROM user_settings s WHERE s.user_id IN (SELECT user_id FROM added) AND s.conversation_count > quota LOOP
    IF (SELECT count(*) FROM conversations c WHERE c.user_id = over) > quota THEN
      RAISE EXCEPTION 'user % would have more than % conversations', over, quota USING ERRCODE = 'TQ002';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_count_added AFTER INSERT ON tasks REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_count();
--> statement-breakpoint
CREATE TRIGGER tasks_count_removed AFTER DELETE ON tasks REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_count();
--> statement-breakpoint
CREATE TRIGGER conversations_count_added AFTER INSERT ON conversations REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_count();
--> statement-breakpoint
CREATE TRIGGER conversations_count_removed AFTER DELETE ON conversations REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_count();
