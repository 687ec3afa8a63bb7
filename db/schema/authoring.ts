import {
	customType,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { courses, courseVersions } from './courses';

/** Raw bytes; postgres.js reads bytea as a Buffer and PGlite as a Uint8Array: both leave as Uint8Array. */
export const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
	fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
});

/** Every file of every course version and draft, stored once by the SHA-256 of its bytes. */
export const courseBlobs = pgTable('course_blobs', {
	hash: text().primaryKey(),
	content: bytes().notNull(),
	size: integer().notNull(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** The files a published version was made from: export, history and diffs read them. */
export const courseVersionFiles = pgTable(
	'course_version_files',
	{
		courseVersionId: uuid()
			.notNull()
			.references(() => courseVersions.id, { onDelete: 'cascade' }),
		path: text().notNull(),
		blobHash: text()
			.notNull()
			.references(() => courseBlobs.hash)
	},
	(t) => [primaryKey({ columns: [t.courseVersionId, t.path] })]
);

/**
 * The working copy of a course edited in the browser. Each file carries a revision, so a save made
 * from an older revision is recognised as a conflict instead of overwriting someone else's work.
 */
export const courseDraftFiles = pgTable(
	'course_draft_files',
	{
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		path: text().notNull(),
		blobHash: text()
			.notNull()
			.references(() => courseBlobs.hash),
		revision: integer().notNull().default(1),
		updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.courseId, t.path] })]
);

export const authorRoles = ['owner', 'coauthor'] as const;
export type AuthorRole = (typeof authorRoles)[number];

/** Who may edit a course in the browser: its owners and the co-authors they share it with. */
export const courseAuthors = pgTable(
	'course_authors',
	{
		courseId: uuid()
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text({ enum: authorRoles }).notNull(),
		addedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.courseId, t.userId] }),
		index('course_authors_user_idx').on(t.userId)
	]
);
