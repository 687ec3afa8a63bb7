import { sql } from 'drizzle-orm';
import {
	index,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { courseBlobs } from './authoring';
import { courses, courseVersions } from './courses';

export const reviewStatuses = ['submitted', 'approved', 'returned', 'replaced'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/**
 * A version of a course written in the browser, sent for review before it reaches the
 * province-wide catalogue (README, "Course review"). Its files are kept as they were sent; only on
 * approval do they become a course version learners see.
 */
export const courseReviews = pgTable(
	'course_reviews',
	{
		id: uuid().primaryKey().defaultRandom(),
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		/** submitted (waiting), approved, returned (sent back with a comment), replaced (sent again). */
		status: text({ enum: reviewStatuses }).notNull().default('submitted'),
		/** SHA-256 of every file sent, as course versions have. */
		contentHash: text().notNull(),
		/** The version learners saw when it was sent: the reviewer compares against it. */
		baseVersionId: uuid().references(() => courseVersions.id, { onDelete: 'set null' }),
		submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** What the author says changed (optional). */
		note: text(),
		submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp({ withTimezone: true }),
		/** The reviewer's comments; required when sending back. */
		comment: text(),
		/** The version made on approval. */
		versionId: uuid().references(() => courseVersions.id, { onDelete: 'set null' })
	},
	(t) => [
		// One version waiting per course: sending again replaces it (reviews.ts submitForReview).
		uniqueIndex('course_reviews_one_waiting')
			.on(t.courseId)
			.where(sql`${t.status} = 'submitted'`),
		index('course_reviews_course_idx').on(t.courseId, t.submittedAt),
		index('course_reviews_waiting_idx')
			.on(t.submittedAt)
			.where(sql`${t.status} = 'submitted'`)
	]
);

/** The files of a version sent for review, by path, stored once in course_blobs. */
export const courseReviewFiles = pgTable(
	'course_review_files',
	{
		reviewId: uuid()
			.notNull()
			.references(() => courseReviews.id, { onDelete: 'cascade' }),
		path: text().notNull(),
		blobHash: text()
			.notNull()
			.references(() => courseBlobs.hash)
	},
	(t) => [primaryKey({ columns: [t.reviewId, t.path] })]
);

export type CourseReview = typeof courseReviews.$inferSelect;
