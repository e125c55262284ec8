CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "people_manager_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "search_key" text;--> statement-breakpoint
CREATE INDEX "people_manager_name_idx" ON "people" USING btree ("manager_id","name","id");--> statement-breakpoint
CREATE INDEX "people_roots_idx" ON "people" USING btree ("organization_id","name","id") WHERE "people"."manager_id" is null;--> statement-breakpoint
CREATE INDEX "people_org_name_key_idx" ON "people" USING btree ("organization_id","name_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_key_trgm_idx" ON "people" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_search_key_trgm_idx" ON "people" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_keys_missing_idx" ON "people" USING btree ("organization_id") WHERE "people"."name_key" is null or "people"."search_key" is null;