import { and, eq, exists, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { courseBlobs, courses, courseVersionFiles, courseVersions, type Course } from '$db/schema';
import type { Database } from '../db';
import { sha256, type CourseFiles } from './files';

// The store of course versions' files (and the blobs under them and under drafts): one home for
// the published-course pipeline (sync.ts), the editor (authoring/) and review (reviews.ts).

type Tx = Database;

/** Stores the bytes of each file once (by SHA-256) and returns each path's hash. */
export async function storeBlobs(db: Tx, files: CourseFiles): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	const rows = new Map<string, { hash: string; content: Uint8Array; size: number }>();
	for (const [path, content] of files) {
		const hash = sha256(content);
		hashes.set(path, hash);
		rows.set(hash, { hash, content, size: content.byteLength });
	}
	const values = [...rows.values()];
	// A few rows at a time: images make rows large, and parameters are counted per statement.
	for (let i = 0; i < values.length; i += 50) {
		await db
			.insert(courseBlobs)
			.values(values.slice(i, i + 50))
			.onConflictDoNothing();
	}
	return hashes;
}

export async function loadBlobs(db: Tx, hashes: string[]): Promise<Map<string, Uint8Array>> {
	const unique = [...new Set(hashes)];
	if (unique.length === 0) return new Map();
	const rows = await db
		.select({ hash: courseBlobs.hash, content: courseBlobs.content })
		.from(courseBlobs)
		.where(inArray(courseBlobs.hash, unique));
	return new Map(rows.map((r) => [r.hash, r.content]));
}

export async function saveVersionFiles(db: Tx, courseVersionId: string, files: CourseFiles) {
	const hashes = await storeBlobs(db, files);
	const rows = [...hashes].map(([path, blobHash]) => ({ courseVersionId, path, blobHash }));
	for (let i = 0; i < rows.length; i += 200) {
		await db
			.insert(courseVersionFiles)
			.values(rows.slice(i, i + 200))
			.onConflictDoNothing();
	}
}

/** The files of a published version, in path order; empty for versions stored before files were. */
export async function versionFiles(db: Tx, courseVersionId: string): Promise<CourseFiles> {
	const rows = await db
		.select({ path: courseVersionFiles.path, content: courseBlobs.content })
		.from(courseVersionFiles)
		.innerJoin(courseBlobs, eq(courseVersionFiles.blobHash, courseBlobs.hash))
		.where(eq(courseVersionFiles.courseVersionId, courseVersionId))
		// Byte order, as in courses/ and zips, whatever the database's collation.
		.orderBy(sql`${courseVersionFiles.path} collate "C"`);
	return new Map(rows.map((r) => [r.path, r.content]));
}

/**
 * Where a course's published file comes from: stored bytes of its current version; the courses/
 * folder for a course from that folder whose version was published before files were stored; or
 * nowhere (null: no such course, no published version, or no such file in it).
 */
export type PublishedFile =
	| (({ from: 'store'; hash: string; content: Uint8Array } | { from: 'folder' }) & {
			/** Who may have it is the course's own rule (courses/access.ts mayViewCourse). */
			course: Pick<Course, 'currentVersionId' | 'status' | 'organisationId'>;
	  })
	| null;

/** One file of what learners see of a course, by the course's slug and the file's path. */
export async function publishedFile(db: Tx, slug: string, path: string): Promise<PublishedFile> {
	const anyFile = alias(courseVersionFiles, 'any_file');
	const [row] = await db
		.select({
			origin: courses.origin,
			currentVersionId: courses.currentVersionId,
			status: courses.status,
			organisationId: courses.organisationId,
			hash: courseVersionFiles.blobHash,
			content: courseBlobs.content,
			stored: sql<boolean>`${exists(
				db
					.select({ one: sql`1` })
					.from(anyFile)
					.where(eq(anyFile.courseVersionId, courses.currentVersionId))
			)}`
		})
		.from(courses)
		.leftJoin(
			courseVersionFiles,
			and(
				eq(courseVersionFiles.courseVersionId, courses.currentVersionId),
				eq(courseVersionFiles.path, path)
			)
		)
		.leftJoin(courseBlobs, eq(courseVersionFiles.blobHash, courseBlobs.hash))
		.where(and(eq(courses.slug, slug), isNotNull(courses.currentVersionId)));
	if (!row) return null;
	const course = {
		currentVersionId: row.currentVersionId,
		status: row.status,
		organisationId: row.organisationId
	};
	if (row.hash && row.content)
		return { from: 'store', hash: row.hash, content: row.content, course };
	return !row.stored && row.origin === 'files' ? { from: 'folder', course } : null;
}

/** The version learners see, if the course was ever published. */
export async function currentVersion(db: Tx, courseId: string) {
	const [row] = await db
		.select({ id: courseVersions.id, number: courseVersions.number })
		.from(courses)
		.innerJoin(courseVersions, eq(courses.currentVersionId, courseVersions.id))
		.where(eq(courses.id, courseId));
	return row ?? null;
}

/** The ids of a course's versions whose files are stored (only those can be compared or restored). */
export async function versionsWithFiles(db: Tx, courseId: string): Promise<Set<string>> {
	const rows = await db
		.selectDistinct({ id: courseVersionFiles.courseVersionId })
		.from(courseVersionFiles)
		.innerJoin(courseVersions, eq(courseVersionFiles.courseVersionId, courseVersions.id))
		.where(eq(courseVersions.courseId, courseId));
	return new Set(rows.map((r) => r.id));
}
