import {
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth';
import { courses, lessons } from './courses';

export const enrolmentSources = ['self', 'key', 'staff', 'cohort'] as const;

export const enrolments = pgTable(
	'enrolments',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** active, or left (progress is kept; enrolling again reactivates). */
		status: text({ enum: ['active', 'left'] })
			.notNull()
			.default('active'),
		source: text({ enum: enrolmentSources }).notNull(),
		/** The manager or trainer who enrolled the learner, for staff enrolments. */
		enrolledBy: uuid().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
		enrolledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		leftAt: timestamp({ withTimezone: true }),
		/** Set once, when the completion rule is first met. */
		completedAt: timestamp({ withTimezone: true }),
		/** The lesson last opened and when: "continue where you left off", and time-spent credit. */
		lastLessonId: uuid().references(() => lessons.id, { onDelete: 'set null' }),
		lastActivityAt: timestamp({ withTimezone: true })
	},
	(t) => [
		unique('enrolments_user_course_unique').on(t.userId, t.courseId),
		index('enrolments_course_idx').on(t.courseId),
		// The six-monthly report reads events by date.
		index('enrolments_enrolled_at_idx').on(t.enrolledAt),
		index('enrolments_completed_at_idx')
			.on(t.completedAt)
			.where(sql`${t.completedAt} is not null`)
	]
);

export const lessonProgress = pgTable(
	'lesson_progress',
	{
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: uuid()
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		/** Denormalised so a course's progress is one indexed aggregate. */
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		firstViewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		completedAt: timestamp({ withTimezone: true }),
		/** Approximate reading time, credited on the server (see progress/time.ts). */
		secondsSpent: integer().notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.lessonId] }),
		index('lesson_progress_user_course_idx').on(t.userId, t.courseId)
	]
);

export type Enrolment = typeof enrolments.$inferSelect;
export type LessonProgress = typeof lessonProgress.$inferSelect;
