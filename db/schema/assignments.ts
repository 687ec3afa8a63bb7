import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { bytes } from './authoring';
import { courses, courseVersions, type Localised } from './courses';
import { organisations } from './organisations';

/** An assignment's settings, instructions and rubric as validated (src/lib/server/assignments/format.ts). */
export type AssignmentDefinition = Record<string, unknown>;

/** Trainer-graded work of a course; like quizzes, it keeps its identity (slug) across versions. */
export const assignments = pgTable(
	'assignments',
	{
		id: uuid().primaryKey().defaultRandom(),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** The file name without `.assignment.yaml`. */
		slug: text().notNull(),
		title: jsonb().$type<Localised>().notNull(),
		/** Must be passed to complete the course. */
		required: boolean().notNull(),
		/** The lesson it follows in the outline; null for the end of the course. */
		afterLesson: text(),
		/** The current version's definition; each submission keeps the rubric it was graded on. */
		definition: jsonb().$type<AssignmentDefinition>().notNull(),
		/** The instructions rendered as lessons are (same safety rules). */
		html: jsonb().$type<Localised>().notNull(),
		courseVersionId: uuid()
			.notNull()
			.references(() => courseVersions.id),
		retiredAt: timestamp({ withTimezone: true })
	},
	(t) => [unique('assignments_course_slug_unique').on(t.courseId, t.slug)]
);

export const submissionStates = ['draft', 'submitted', 'returned', 'graded'] as const;
export type SubmissionState = (typeof submissionStates)[number];

/**
 * One round of a learner's work on an assignment: written as a draft, handed in, then returned for
 * revision (a new round follows) or graded. Round 1 is the first hand-in; each resubmission is the
 * next round, so every version the learner handed in is kept.
 */
export const submissions = pgTable(
	'submissions',
	{
		id: uuid().primaryKey().defaultRandom(),
		assignmentId: uuid()
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** 1, 2, 3… per learner and assignment. */
		round: integer().notNull(),
		state: text({ enum: submissionStates }).notNull().default('draft'),
		/** The text handed in, when the assignment takes text. */
		body: text(),
		/** The deadline that applied, fixed when handed in (Vietnam end of day). */
		dueAt: timestamp({ withTimezone: true }),
		submittedAt: timestamp({ withTimezone: true }),
		late: boolean().notNull().default(false),
		/** Picked for a second, blind marking (moderation), fixed when handed in. */
		moderated: boolean().notNull().default(false),
		/** The rubric the work was handed in under: regrading later uses the same one. */
		rubric: jsonb().$type<Record<string, unknown>>(),
		/** The outcome once decided: graded (passed or not) or returned; the learner sees only these. */
		points: real(),
		maxPoints: real(),
		passed: boolean(),
		decidedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('submissions_round_unique').on(t.assignmentId, t.userId, t.round),
		// At most one round open (draft) per learner and assignment.
		uniqueIndex('submissions_one_draft')
			.on(t.assignmentId, t.userId)
			.where(sql`${t.state} = 'draft'`),
		index('submissions_user_course_idx').on(t.userId, t.courseId),
		// The grading queue: handed in, oldest first.
		index('submissions_queue_idx')
			.on(t.submittedAt)
			.where(sql`${t.state} = 'submitted'`),
		check('submissions_body_length', sql`char_length(${t.body}) <= 100000`)
	]
);

export const submissionFileKinds = ['work', 'feedback'] as const;

/** A file of a submission: the learner's work, or a grader's marked-up copy (kind feedback). */
export const submissionFiles = pgTable(
	'submission_files',
	{
		id: uuid().primaryKey().defaultRandom(),
		submissionId: uuid()
			.notNull()
			.references(() => submissions.id, { onDelete: 'cascade' }),
		kind: text({ enum: submissionFileKinds }).notNull().default('work'),
		/** The name as uploaded, sanitised (http/file-name.ts). */
		name: text().notNull(),
		/** The type read from the bytes: pdf, docx, xlsx, jpg, png, webp. */
		type: text().notNull(),
		size: integer().notNull(),
		sha256: text().notNull(),
		content: bytes().notNull(),
		uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('submission_files_submission_idx').on(t.submissionId)]
);

export const markRoles = ['first', 'second', 'final'] as const;
export type MarkRole = (typeof markRoles)[number];

/**
 * A grader's marking of a submission, versioned: each save of a final mark is a new row, so a regrade
 * keeps the history. `first` and `second` are the two blind markings of a moderated submission; `final`
 * is the grade the learner gets (the only marking of an unmoderated one, the lead's decision otherwise).
 * A draft marking is the grader's own until made final; nobody else sees it.
 */
export const submissionMarks = pgTable(
	'submission_marks',
	{
		id: uuid().primaryKey().defaultRandom(),
		submissionId: uuid()
			.notNull()
			.references(() => submissions.id, { onDelete: 'cascade' }),
		graderId: uuid().references(() => users.id, { onDelete: 'set null' }),
		role: text({ enum: markRoles }).notNull(),
		/** 1, 2, 3… per submission and role: a regrade is a new version. */
		version: integer().notNull(),
		draft: boolean().notNull().default(true),
		/** criterion id → chosen level index. */
		levels: jsonb().$type<Record<string, number>>().notNull().default({}),
		/** criterion id → the grader's comment on it. */
		comments: jsonb().$type<Record<string, string>>().notNull().default({}),
		overall: text(),
		points: real(),
		passed: boolean(),
		/** graded, or returned for revision. */
		outcome: text({ enum: ['graded', 'returned'] }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('submission_marks_version_unique').on(t.submissionId, t.role, t.version),
		index('submission_marks_grader_idx').on(t.graderId)
	]
);

/**
 * Who grades a course's assignments besides its authors and the administrators: trainers appointed
 * to it. The lead decides between two markings of a moderated submission.
 */
export const courseGraders = pgTable(
	'course_graders',
	{
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lead: boolean().notNull().default(false),
		appointedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		appointedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.courseId, t.userId] }),
		index('course_graders_user_idx').on(t.userId)
	]
);

/** A rubric kept for reuse across courses: an author copies it into an assignment in the editor. */
export const rubrics = pgTable(
	'rubrics',
	{
		id: uuid().primaryKey().defaultRandom(),
		title: text().notNull(),
		/** The rubric as the assignment format writes it (criteria, pass). */
		rubric: jsonb().$type<Record<string, unknown>>().notNull(),
		/** The organisation whose authors may use it; null for every author of the province. */
		organisationId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('rubrics_title_length', sql`char_length(${t.title}) between 1 and 160`)]
);

export type Assignment = typeof assignments.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type SubmissionFile = typeof submissionFiles.$inferSelect;
export type SubmissionMark = typeof submissionMarks.$inferSelect;
