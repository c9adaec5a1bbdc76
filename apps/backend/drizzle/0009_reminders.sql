CREATE TYPE "public"."reminder_kind" AS ENUM('at', 'before', 'snooze');--> statement-breakpoint
CREATE TYPE "public"."reminder_state" AS ENUM('pending', 'delivered', 'dismissed');--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"task_number" integer NOT NULL,
	"kind" "reminder_kind" NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"state" "reminder_state" DEFAULT 'pending' NOT NULL,
	"delivered_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"event_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reminders" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_task_fk" FOREIGN KEY ("user_id","task_number") REFERENCES "public"."tasks"("user_id","number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminders_task_idx" ON "reminders" USING btree ("user_id","task_number");--> statement-breakpoint
CREATE INDEX "reminders_pending_idx" ON "reminders" USING btree ("fire_at") WHERE state = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_event_idx" ON "reminders" USING btree ("user_id","event_id");