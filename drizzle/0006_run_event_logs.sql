CREATE TABLE "run_event_logs" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"events" text NOT NULL
);
--> statement-breakpoint
-- Stored answers keep their events: one row per run, the events in their order (seq was 1, 2, 3…).
INSERT INTO "run_event_logs" ("run_id", "events")
	SELECT "run_id", json_agg("event" ORDER BY "seq")::text FROM "run_events" GROUP BY "run_id";--> statement-breakpoint
DROP TABLE "run_events" CASCADE;--> statement-breakpoint
ALTER TABLE "run_event_logs" ADD CONSTRAINT "run_event_logs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;