CREATE TABLE "changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_user_id" text,
	"actor_token_id" text,
	"conversation_id" uuid,
	"run_id" uuid,
	"summary" text NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"undone_by" uuid,
	"undo_of" uuid
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "change_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "vacancy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "dotted_line_manager_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_undone_by_changes_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."changes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_undo_of_changes_id_fk" FOREIGN KEY ("undo_of") REFERENCES "public"."changes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_org_seq_idx" ON "changes" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE INDEX "changes_person_ids_idx" ON "changes" USING gin ("person_ids");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_change_id_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_change_idx" ON "audit_log" USING btree ("change_id");