import {
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth';
import { courses, courseVersions, type Localised } from './courses';

/** A quiz's settings and questions as validated from its file (see src/lib/server/quiz/format.ts). */
export type QuizDefinition = Record<string, unknown>;

/** A quiz of a course; like lessons, it keeps its identity (slug) across course versions. */
export const quizzes = pgTable(
	'quizzes',
	{
		id: uuid().primaryKey().defaultRandom(),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** The file name without `.quiz.yaml`. */
		slug: text().notNull(),
		title: jsonb().$type<Localised>().notNull(),
		/** Counts towards the course's completion rule (must be passed). */
		required: boolean().notNull(),
		/** The lesson it follows in the outline; null for the end of the course. */
		afterLesson: text(),
		/** The current version's definition; each attempt keeps its own snapshot. */
		definition: jsonb().$type<QuizDefinition>().notNull(),
		courseVersionId: uuid()
			.notNull()
			.references(() => courseVersions.id),
		retiredAt: timestamp({ withTimezone: true })
	},
	(t) => [unique('quizzes_course_slug_unique').on(t.courseId, t.slug)]
);

export const attemptStates = ['in_progress', 'submitted'] as const;

export const quizAttempts = pgTable(
	'quiz_attempts',
	{
		id: uuid().primaryKey().defaultRandom(),
		quizId: uuid()
			.notNull()
			.references(() => quizzes.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		courseVersionId: uuid()
			.notNull()
			.references(() => courseVersions.id),
		/** 1, 2, 3… per learner and quiz. */
		number: integer().notNull(),
		state: text({ enum: attemptStates }).notNull().default('in_progress'),
		startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Past this (plus a grace period) the attempt is submitted with what was saved. */
		deadlineAt: timestamp({ withTimezone: true }),
		submittedAt: timestamp({ withTimezone: true }),
		/** The questions drawn, in the order shown, with options in the order shown: the exact content. */
		snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
		/** questionId → the learner's answer, in the snapshot's own terms. */
		responses: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		/** questionId → points earned, after grading. */
		marks: jsonb().$type<Record<string, number>>(),
		score: real(),
		maxScore: real().notNull(),
		percent: real(),
		passed: boolean()
	},
	(t) => [
		unique('quiz_attempts_number_unique').on(t.quizId, t.userId, t.number),
		// At most one attempt in progress per learner and quiz.
		uniqueIndex('quiz_attempts_one_open')
			.on(t.quizId, t.userId)
			.where(sql`${t.state} = 'in_progress'`),
		index('quiz_attempts_user_course_idx').on(t.userId, t.courseId),
		index('quiz_attempts_submitted_at_idx')
			.on(t.submittedAt)
			.where(sql`${t.state} = 'submitted'`)
	]
);

/**
 * Extra attempts at a quiz given to one learner by someone who may see their results (Moodle's user
 * override, for the attempt limit only). The learner's limit is the quiz's plus every grant's extra
 * (quiz/allowance.ts). Kept minimal: who, how many, by whom, when, and an optional short reason.
 */
export const quizAttemptGrants = pgTable(
	'quiz_attempt_grants',
	{
		id: uuid().primaryKey().defaultRandom(),
		quizId: uuid()
			.notNull()
			.references(() => quizzes.id, { onDelete: 'cascade' }),
		/** The learner given the attempts. */
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** How many attempts this grant adds: 1 to 10. */
		extra: integer().notNull(),
		/** Why, in the granter's words, at most 200 characters; null when none was given. */
		reason: text(),
		/** The trainer, manager or administrator who granted it; null once their account is deleted. */
		grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('quiz_attempt_grants_extra_range', sql`${t.extra} between 1 and 10`),
		check('quiz_attempt_grants_reason_length', sql`char_length(${t.reason}) <= 200`),
		index('quiz_attempt_grants_quiz_user_idx').on(t.quizId, t.userId)
	]
);

export type Quiz = typeof quizzes.$inferSelect;
export type QuizAttempt = typeof quizAttempts.$inferSelect;
export type QuizAttemptGrant = typeof quizAttemptGrants.$inferSelect;
