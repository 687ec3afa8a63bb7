DROP INDEX "certificates_user_idx";--> statement-breakpoint
CREATE INDEX "enrolments_enrolled_at_idx" ON "enrolments" USING btree ("enrolled_at");--> statement-breakpoint
CREATE INDEX "enrolments_completed_at_idx" ON "enrolments" USING btree ("completed_at") WHERE "enrolments"."completed_at" is not null;--> statement-breakpoint
CREATE INDEX "quiz_attempts_submitted_at_idx" ON "quiz_attempts" USING btree ("submitted_at") WHERE "quiz_attempts"."state" = 'submitted';--> statement-breakpoint
CREATE INDEX "certificates_user_course_idx" ON "certificates" USING btree ("user_id","course_id","issued_at");--> statement-breakpoint
CREATE INDEX "certificates_issued_at_idx" ON "certificates" USING btree ("issued_at");