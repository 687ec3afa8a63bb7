CREATE TABLE "enrolment_summaries" (
	"enrolment_id" uuid PRIMARY KEY NOT NULL,
	"lessons_done" integer NOT NULL,
	"lessons_required" integer NOT NULL,
	"percent" integer NOT NULL,
	"best_percent" real,
	"quizzes_passed" boolean NOT NULL,
	"assignments_passed" boolean NOT NULL,
	"certificate_id" uuid,
	"certificate_code" text
);
--> statement-breakpoint
ALTER TABLE "enrolment_summaries" ADD CONSTRAINT "enrolment_summaries_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_summaries" ADD CONSTRAINT "enrolment_summaries_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Backfill: every enrolment's summary from the raw rows, by the rule of src/lib/server/progress/summary.ts.
INSERT INTO "enrolment_summaries" ("enrolment_id", "lessons_done", "lessons_required", "percent", "best_percent", "quizzes_passed", "assignments_passed", "certificate_id", "certificate_code")
WITH e AS MATERIALIZED (SELECT e.id, e.user_id, e.course_id FROM enrolments e),
	required AS (
		SELECT l.course_id, count(*)::int AS n FROM lessons l
		WHERE l.required AND l.retired_at IS NULL GROUP BY l.course_id
	),
	done AS (
		SELECT e.id, count(*)::int AS n FROM e
		JOIN lesson_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id
		JOIN lessons l ON l.id = p.lesson_id
		WHERE p.completed_at IS NOT NULL AND l.required AND l.retired_at IS NULL
		GROUP BY e.id
	),
	best AS (
		SELECT e.id, max(a.percent) AS best FROM e
		JOIN quiz_attempts a ON a.user_id = e.user_id AND a.course_id = e.course_id
		WHERE a.state = 'submitted' GROUP BY e.id
	),
	quizzes_left AS (
		SELECT e.id, count(*)::int AS n FROM e
		JOIN quizzes qz ON qz.course_id = e.course_id AND qz.required AND qz.retired_at IS NULL
		WHERE NOT EXISTS (SELECT 1 FROM quiz_attempts a
			WHERE a.user_id = e.user_id AND a.course_id = e.course_id AND a.quiz_id = qz.id AND a.passed)
		GROUP BY e.id
	),
	assignments_left AS (
		SELECT e.id, count(*)::int AS n FROM e
		JOIN assignments asn ON asn.course_id = e.course_id AND asn.required AND asn.retired_at IS NULL
		WHERE NOT EXISTS (SELECT 1 FROM submissions sb
			WHERE sb.user_id = e.user_id AND sb.course_id = e.course_id AND sb.assignment_id = asn.id
				AND sb.state = 'graded' AND sb.passed)
		GROUP BY e.id
	)
SELECT e.id, coalesce(done.n, 0), coalesce(required.n, 0),
	CASE WHEN coalesce(required.n, 0) = 0 THEN 100
		ELSE least(100, floor(coalesce(done.n, 0)::float8 / required.n * 100))::int END,
	best.best, quizzes_left.n IS NULL, assignments_left.n IS NULL, ct.id, ct.code
FROM e
LEFT JOIN required ON required.course_id = e.course_id
LEFT JOIN done ON done.id = e.id
LEFT JOIN best ON best.id = e.id
LEFT JOIN quizzes_left ON quizzes_left.id = e.id
LEFT JOIN assignments_left ON assignments_left.id = e.id
LEFT JOIN LATERAL (
	SELECT ct.id, ct.code FROM certificates ct
	WHERE ct.user_id = e.user_id AND ct.course_id = e.course_id AND ct.kind = 'completion'
		AND ct.revoked_at IS NULL
	ORDER BY ct.issued_at DESC, ct.register_number DESC LIMIT 1
) ct ON true;
