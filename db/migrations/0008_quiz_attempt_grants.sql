CREATE TABLE "quiz_attempt_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quiz_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"extra" integer NOT NULL,
	"reason" text,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_attempt_grants_extra_range" CHECK ("quiz_attempt_grants"."extra" between 1 and 10),
	CONSTRAINT "quiz_attempt_grants_reason_length" CHECK (char_length("quiz_attempt_grants"."reason") <= 200)
);
--> statement-breakpoint
ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "quiz_attempt_grants_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "quiz_attempt_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempt_grants" ADD CONSTRAINT "quiz_attempt_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quiz_attempt_grants_quiz_user_idx" ON "quiz_attempt_grants" USING btree ("quiz_id","user_id");