CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"user_id" uuid,
	"answers" jsonb NOT NULL,
	"recorded_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"title" text NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workshop_test_scores" (
	"workshop_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"percent" real NOT NULL,
	"source" text NOT NULL,
	"attempt_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_test_scores_workshop_id_user_id_phase_pk" PRIMARY KEY("workshop_id","user_id","phase"),
	CONSTRAINT "workshop_test_scores_percent_range" CHECK ("workshop_test_scores"."percent" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "course_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "course_version_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "kind" text DEFAULT 'completion' NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "workshop_id" uuid;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "pre_quiz_id" uuid;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "post_quiz_id" uuid;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "survey_template_id" uuid;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "attendance_certificate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "attendance_rule" jsonb DEFAULT '{"kind":"all"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_template_id_survey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."survey_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_templates" ADD CONSTRAINT "survey_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_test_scores" ADD CONSTRAINT "workshop_test_scores_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_test_scores" ADD CONSTRAINT "workshop_test_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_test_scores" ADD CONSTRAINT "workshop_test_scores_attempt_id_quiz_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quiz_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_test_scores" ADD CONSTRAINT "workshop_test_scores_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_one_per_person" ON "survey_responses" USING btree ("workshop_id","user_id") WHERE "survey_responses"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "survey_responses_workshop_idx" ON "survey_responses" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "survey_templates_organisation_idx" ON "survey_templates" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_pre_quiz_id_quizzes_id_fk" FOREIGN KEY ("pre_quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_post_quiz_id_quizzes_id_fk" FOREIGN KEY ("post_quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_survey_template_id_survey_templates_id_fk" FOREIGN KEY ("survey_template_id") REFERENCES "public"."survey_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_workshop_idx" ON "certificates" USING btree ("workshop_id");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_completion_has_course" CHECK ("certificates"."kind" <> 'completion' or ("certificates"."course_id" is not null and "certificates"."course_version_id" is not null));--> statement-breakpoint
-- The platform's satisfaction survey, for any workshop; organisations add their own.
INSERT INTO "survey_templates" ("id", "organisation_id", "title", "questions") VALUES ('7b0c6a52-3f1e-4c8e-9a51-2d4f6b8e1c01', NULL, 'Phiếu đánh giá sau tập huấn', '[{"id":"useful","kind":"rating","text":"Nội dung tập huấn hữu ích cho công việc của tôi","required":true},{"id":"trainer","kind":"rating","text":"Giảng viên trình bày dễ hiểu","required":true},{"id":"examples","kind":"rating","text":"Tài liệu và ví dụ sát với thực tế cơ sở","required":true},{"id":"arrangements","kind":"rating","text":"Thời gian, địa điểm tổ chức phù hợp","required":true},{"id":"apply","kind":"rating","text":"Tôi sẽ áp dụng được điều đã học trong ba tháng tới","required":true},{"id":"best","kind":"comment","text":"Điều anh/chị thấy hữu ích nhất"},{"id":"improve","kind":"comment","text":"Góp ý để các lớp sau tốt hơn"}]'::jsonb);
