CREATE TYPE "public"."activity_action" AS ENUM('created', 'updated', 'completed', 'reopened', 'deleted', 'restored');--> statement-breakpoint
CREATE TYPE "public"."activity_surface" AS ENUM('api', 'chat', 'mcp');--> statement-breakpoint
CREATE TABLE "task_activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"group_id" uuid NOT NULL,
	"surface" "activity_surface" NOT NULL,
	"conversation_id" uuid,
	"task_number" integer NOT NULL,
	"action" "activity_action" NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"is_undo" boolean DEFAULT false NOT NULL,
	"undone_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_activity" ADD CONSTRAINT "task_activity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_activity_user_created_idx" ON "task_activity" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "task_activity_group_idx" ON "task_activity" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "task_activity_undo_conversation_idx" ON "task_activity" USING btree ("conversation_id","id" DESC NULLS LAST) WHERE undone_by is null and not is_undo;--> statement-breakpoint
CREATE INDEX "task_activity_undo_surface_idx" ON "task_activity" USING btree ("user_id","surface","id" DESC NULLS LAST) WHERE undone_by is null and not is_undo;