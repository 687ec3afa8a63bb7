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
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import type { AudienceGroup } from '../../src/lib/domain';
import {
	attendanceMethods,
	registrationModes,
	registrationSources,
	registrationStatuses,
	testPhases,
	testSources,
	workshopStatuses,
	type SurveyAnswers,
	type SurveyQuestion,
	type WorkshopAttendanceRule
} from '../../src/lib/workshops';
import { quizAttempts, quizzes } from './assessment';
import { users } from './auth';
import { cohorts } from './cohorts';
import { courses } from './courses';
import { organisations } from './organisations';

export {
	attendanceMethods,
	registrationModes,
	registrationSources,
	registrationStatuses,
	testPhases,
	testSources,
	workshopStatuses
} from '../../src/lib/workshops';

/**
 * A reusable satisfaction survey (Kirkpatrick level 1): a few rating questions and comments.
 * An organisation's own, or the platform's (organisationId null, kept by administrators).
 */
export const surveyTemplates = pgTable(
	'survey_templates',
	{
		id: uuid().primaryKey().defaultRandom(),
		organisationId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		/** The questions in order (src/lib/workshops.ts SurveyQuestion). */
		questions: jsonb().$type<SurveyQuestion[]>().notNull(),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Hidden from the choice of new workshops; workshops that use it keep it. */
		archivedAt: timestamp({ withTimezone: true })
	},
	(t) => [index('survey_templates_organisation_idx').on(t.organisationId)]
);

/** An in-person training: a seminar, a commune's awareness session, a three-day class. */
export const workshops = pgTable(
	'workshops',
	{
		id: uuid().primaryKey().defaultRandom(),
		title: text().notNull(),
		/** The course it belongs to (a blended course), or none for a stand-alone workshop. */
		courseId: uuid().references(() => courses.id, { onDelete: 'set null' }),
		/** Whose workshop it is: its managers and trainers plan it and see its people. */
		organisationId: uuid()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		venue: text().notNull().default(''),
		/** An administrative unit from the configured list (AREAS), as on organisations; for the report. */
		area: text(),
		/** Seats; null for no limit. Registrations beyond it go on the waiting list. */
		capacity: integer(),
		/** The audience groups it is meant for (src/lib/domain.ts); empty for anyone. */
		audiences: text()
			.array()
			.$type<AudienceGroup[]>()
			.notNull()
			.default(sql`'{}'::text[]`),
		registrationMode: text({ enum: registrationModes }).notNull().default('open'),
		/** The cohort whose members may register, when registrationMode is 'cohort'. */
		cohortId: uuid().references(() => cohorts.id, { onDelete: 'set null' }),
		status: text({ enum: workshopStatuses }).notNull().default('draft'),
		/** The course's quizzes taken before and after (Kirkpatrick level 2); null for none. */
		preQuizId: uuid().references((): AnyPgColumn => quizzes.id, { onDelete: 'set null' }),
		postQuizId: uuid().references((): AnyPgColumn => quizzes.id, { onDelete: 'set null' }),
		/** The satisfaction survey participants answer at the end; null for none. */
		surveyTemplateId: uuid().references((): AnyPgColumn => surveyTemplates.id, {
			onDelete: 'set null'
		}),
		/**
		 * Whether closing the workshop issues a certificate of attendance ("Giấy chứng nhận tham dự")
		 * to those who attended as `attendanceRule` asks; a blended course's own certificate comes
		 * from the course.
		 */
		attendanceCertificate: boolean().notNull().default(false),
		attendanceRule: jsonb()
			.$type<WorkshopAttendanceRule>()
			.notNull()
			.default(sql`'{"kind":"all"}'::jsonb`),
		closedAt: timestamp({ withTimezone: true }),
		closedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('workshops_organisation_idx').on(t.organisationId),
		index('workshops_course_idx').on(t.courseId),
		check('workshops_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`)
	]
);

/** One sitting of a workshop: a three-day class has three. Instants; shown in Vietnam time. */
export const workshopSessions = pgTable(
	'workshop_sessions',
	{
		id: uuid().primaryKey().defaultRandom(),
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull()
	},
	(t) => [
		index('workshop_sessions_workshop_idx').on(t.workshopId, t.startsAt),
		check('workshop_sessions_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/** Who trains at a workshop: they take attendance, and may record it late with an audit entry. */
export const workshopTrainers = pgTable(
	'workshop_trainers',
	{
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId] }),
		index('workshop_trainers_user_idx').on(t.userId)
	]
);

/** One person's place at a workshop; cancelled rows stay, so a return keeps no second row. */
export const workshopRegistrations = pgTable(
	'workshop_registrations',
	{
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text({ enum: registrationStatuses }).notNull(),
		source: text({ enum: registrationSources }).notNull(),
		/** Who added them, when not themself. */
		registeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** When they (last) asked for a place: the waiting list is served in this order. */
		registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId] }),
		index('workshop_registrations_queue_idx').on(t.workshopId, t.status, t.registeredAt),
		index('workshop_registrations_user_idx').on(t.userId)
	]
);

/** Present at a session; one row per person and session however often it is recorded. */
export const workshopAttendance = pgTable(
	'workshop_attendance',
	{
		sessionId: uuid()
			.notNull()
			.references(() => workshopSessions.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		method: text({ enum: attendanceMethods }).notNull(),
		/** Who recorded it: the person themself for a QR check-in, else the trainer or staff. */
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** When they were seen: for an offline list, the time on the trainer's phone, not of the sync. */
		recordedAt: timestamp({ withTimezone: true }).notNull(),
		/** The offline batch it came in, so a replayed sync can be recognised; null when online. */
		clientBatchId: text()
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.userId] }),
		index('workshop_attendance_user_idx').on(t.userId)
	]
);

/**
 * A participant's pre- or post-test result: taken on the phone (the quiz attempt it came from) or
 * typed in by the trainer from paper. One row per person, workshop and phase; a later entry replaces it.
 */
export const workshopTestScores = pgTable(
	'workshop_test_scores',
	{
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		phase: text({ enum: testPhases }).notNull(),
		/** 0–100. */
		percent: real().notNull(),
		source: text({ enum: testSources }).notNull(),
		attemptId: uuid().references(() => quizAttempts.id, { onDelete: 'set null' }),
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId, t.phase] }),
		check('workshop_test_scores_percent_range', sql`${t.percent} between 0 and 100`)
	]
);

/**
 * One answer to a workshop's survey. A participant answers once (userId kept only to stop a second
 * answer; reports show aggregates); a paper form typed in by the trainer has no user.
 */
export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: uuid().primaryKey().defaultRandom(),
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		templateId: uuid()
			.notNull()
			.references(() => surveyTemplates.id, { onDelete: 'restrict' }),
		userId: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** questionId → a rating 1–5 or a comment. */
		answers: jsonb().$type<SurveyAnswers>().notNull(),
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('survey_responses_one_per_person')
			.on(t.workshopId, t.userId)
			.where(sql`${t.userId} is not null`),
		index('survey_responses_workshop_idx').on(t.workshopId)
	]
);

export type Workshop = typeof workshops.$inferSelect;
export type WorkshopSession = typeof workshopSessions.$inferSelect;
export type WorkshopRegistration = typeof workshopRegistrations.$inferSelect;
export type WorkshopAttendance = typeof workshopAttendance.$inferSelect;
export type SurveyTemplate = typeof surveyTemplates.$inferSelect;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
export type WorkshopTestScore = typeof workshopTestScores.$inferSelect;
