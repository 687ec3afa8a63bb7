import {
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { courses } from './courses';
import { organisations } from './organisations';

/** A class or intake of an organisation (Frappe's "batch"). */
export const cohorts = pgTable(
	'cohorts',
	{
		id: uuid().primaryKey().defaultRandom(),
		organisationId: uuid()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		year: integer().notNull(),
		/** e.g. "Học kỳ 1", "Khóa tháng 3"; free text. */
		term: text(),
		startsOn: date({ mode: 'string' }),
		endsOn: date({ mode: 'string' }),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('cohorts_organisation_idx').on(t.organisationId)]
);

export const cohortMembers = pgTable(
	'cohort_members',
	{
		cohortId: uuid()
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.cohortId, t.userId] }),
		index('cohort_members_user_idx').on(t.userId)
	]
);

/** A course assigned to a cohort: every member is enrolled, and so is anyone who joins later. */
export const cohortCourses = pgTable(
	'cohort_courses',
	{
		cohortId: uuid()
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** The last day, in Asia/Ho_Chi_Minh; overdue from the day after. */
		dueOn: date({ mode: 'string' }),
		assignedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.cohortId, t.courseId] }),
		index('cohort_courses_course_idx').on(t.courseId)
	]
);

export type Cohort = typeof cohorts.$inferSelect;
