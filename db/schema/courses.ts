import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	timestamp,
	unique,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organisations } from './organisations';

/** Text in Vietnamese, and in English when the course carries it. */
export type Localised = { vi: string; en?: string };

export type CompletionRule = {
	requiredLessons: 'all' | string[];
	completeOnReachingEnd: boolean;
	/**
	 * A blended course: attending a workshop of the course (workshops.courseId) as well, every
	 * session ('all') or a share of them (rounded up). Absent: no workshop asked.
	 */
	workshop?: 'all' | { share: number };
};
export type CertificateSettings = { enabled: boolean; validityMonths: number | null };

/** The current state of each course, denormalised from its current version for fast listing. */
export const courses = pgTable(
	'courses',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The course folder's name; permanent. */
		slug: text().notNull().unique(),
		title: jsonb().$type<Localised>().notNull(),
		summary: jsonb().$type<Localised>().notNull(),
		audiences: jsonb().$type<string[]>().notNull(),
		directiveItems: jsonb().$type<string[]>().notNull(),
		hours: real().notNull(),
		/** open, key or assigned (only managers and trainers enrol). */
		enrolment: text({ enum: ['open', 'key', 'assigned'] }).notNull(),
		enrolmentKey: text(),
		completion: jsonb().$type<CompletionRule>().notNull(),
		certificate: jsonb().$type<CertificateSettings>().notNull(),
		status: text({ enum: ['published', 'draft'] }).notNull(),
		languages: jsonb().$type<string[]>().notNull(),
		/** Folded title and summary (src/lib/text.ts) for diacritic-insensitive search. */
		searchKey: text().notNull(),
		/** Where the content lives: the courses/ folder, or the web editor's drafts (README, "Authoring"). */
		origin: text({ enum: ['files', 'editor'] })
			.notNull()
			.default('files'),
		currentVersionId: uuid().references((): AnyPgColumn => courseVersions.id),
		/**
		 * Set when the course is published to this organisation's members only (no review; its
		 * certificates name the organisation as issuer). Null: the province-wide catalogue, reviewed.
		 * Deleting the organisation is refused while it has courses (they must not go province-wide).
		 */
		organisationId: uuid().references((): AnyPgColumn => organisations.id, {
			onDelete: 'restrict'
		}),
		/** Problems found by the last sync when it could not publish a change; null when it could. */
		syncProblems: jsonb().$type<{ file: string; line: number; message: string }[]>(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('courses_status_idx').on(t.status)]
);

/** Each published state of a course; attempts and certificates point at the version they were made on. */
export const courseVersions = pgTable(
	'course_versions',
	{
		id: uuid().primaryKey().defaultRandom(),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		number: integer().notNull(),
		/** SHA-256 of every file of the course folder. */
		contentHash: text().notNull(),
		/** The validated course.yaml of this version. */
		meta: jsonb().$type<Record<string, unknown>>().notNull(),
		/** Who published it in the web editor; null for versions synced from the courses/ folder. */
		publishedBy: uuid().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
		/** Why, when the author said (e.g. "Khôi phục phiên bản 3"). */
		note: text(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('course_versions_number_unique').on(t.courseId, t.number)]
);

/** A lesson keeps its identity (slug) across versions, so progress survives edits. */
export const lessons = pgTable(
	'lessons',
	{
		id: uuid().primaryKey().defaultRandom(),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		slug: text().notNull(),
		position: integer().notNull(),
		moduleSlug: text(),
		moduleTitle: jsonb().$type<Localised>(),
		title: jsonb().$type<Localised>().notNull(),
		minutes: integer().notNull(),
		/** Required under the course's completion rule, in the current version. */
		required: boolean().notNull(),
		/** Set when a version no longer has the lesson; its progress is kept. */
		retiredAt: timestamp({ withTimezone: true })
	},
	(t) => [
		unique('lessons_course_slug_unique').on(t.courseId, t.slug),
		index('lessons_course_idx').on(t.courseId, t.position)
	]
);

/** A lesson's content in one course version: the Markdown as written and the HTML rendered from it. */
export const lessonVersions = pgTable(
	'lesson_versions',
	{
		id: uuid().primaryKey().defaultRandom(),
		lessonId: uuid()
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		courseVersionId: uuid()
			.notNull()
			.references(() => courseVersions.id, { onDelete: 'cascade' }),
		title: jsonb().$type<Localised>().notNull(),
		minutes: integer().notNull(),
		required: boolean().notNull(),
		position: integer().notNull(),
		source: jsonb().$type<Localised>().notNull(),
		html: jsonb().$type<Localised>().notNull(),
		/** The build that rendered `html`; a new build re-renders (components may have changed). */
		renderedWith: text().notNull()
	},
	(t) => [unique('lesson_versions_unique').on(t.lessonId, t.courseVersionId)]
);

export type Course = typeof courses.$inferSelect;
export type Lesson = typeof lessons.$inferSelect;
export type CourseVersion = typeof courseVersions.$inferSelect;
