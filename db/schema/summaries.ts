import { boolean, integer, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { certificates } from './certificates';
import { enrolments } from './learning';

/**
 * Where one enrolment stands, kept current by every write that changes it, in that write's
 * transaction (src/lib/server/progress/summary.ts recomputes it from the raw rows), so the cohort
 * matrix and the dashboards read one row per learner × course instead of scanning progress, attempts
 * and certificates. Completion itself is enrolments.completed_at; reading time is not here (it changes
 * on every view).
 */
export const enrolmentSummaries = pgTable('enrolment_summaries', {
	enrolmentId: uuid()
		.primaryKey()
		.references(() => enrolments.id, { onDelete: 'cascade' }),
	/** Required lessons of the current version (not retired) the learner has completed. */
	lessonsDone: integer().notNull(),
	/** Required lessons of the course's current version. */
	lessonsRequired: integer().notNull(),
	/** progressPercent(lessonsDone, lessonsRequired): whole percent, 100 when none is required. */
	percent: integer().notNull(),
	/** Best percentage of any submitted attempt at any quiz of the course; null when none. */
	bestPercent: real(),
	/** Every required quiz of the current version has a passed attempt (true when none is asked). */
	quizzesPassed: boolean().notNull(),
	/** Every required assignment of the current version was graded as passed (true when none). */
	assignmentsPassed: boolean().notNull(),
	/** The newest certificate of completion not revoked (expired ones count: the matrix shows it). */
	certificateId: uuid().references(() => certificates.id, { onDelete: 'set null' }),
	certificateCode: text()
});

export type EnrolmentSummary = typeof enrolmentSummaries.$inferSelect;
