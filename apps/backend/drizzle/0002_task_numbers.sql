CREATE TYPE "public"."ui_language" AS ENUM('en', 'ur');--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"time_zone" text,
	"language" "ui_language",
	"last_task_number" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "tasks_user_created_idx";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_pkey";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "number" integer;--> statement-breakpoint
-- Existing tasks are numbered 1, 2, 3… per user in creation order (hand-written data step).
UPDATE "tasks" SET "number" = "numbered"."number"
FROM (SELECT "id", row_number() OVER (PARTITION BY "user_id" ORDER BY "created_at", "id") AS "number" FROM "tasks") AS "numbered"
WHERE "tasks"."id" = "numbered"."id";--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_pkey" PRIMARY KEY("user_id","number");--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each user's counter continues after their highest number (hand-written data step).
INSERT INTO "user_settings" ("user_id", "last_task_number")
SELECT "user_id", max("number") FROM "tasks" GROUP BY "user_id";
