import { and, eq, inArray, sql } from 'drizzle-orm';
import { courseBlobs, courseDraftFiles, users } from '$db/schema';
import type { Database } from '../db';
import type { CourseFiles } from '../courses/files';
import { storeBlobs } from '../courses/versions';

export interface DraftFile {
	path: string;
	content: Uint8Array;
	revision: number;
	updatedAt: Date;
	updatedByName: string | null;
}

/** Every file of a course's draft with who last changed it, in path order. */
export async function draftFiles(db: Database, courseId: string): Promise<DraftFile[]> {
	// Byte order, as in courses/ and zips, whatever the database's collation.
	return db
		.select({
			path: courseDraftFiles.path,
			content: courseBlobs.content,
			revision: courseDraftFiles.revision,
			updatedAt: courseDraftFiles.updatedAt,
			updatedByName: users.fullName
		})
		.from(courseDraftFiles)
		.innerJoin(courseBlobs, eq(courseDraftFiles.blobHash, courseBlobs.hash))
		.leftJoin(users, eq(courseDraftFiles.updatedBy, users.id))
		.where(eq(courseDraftFiles.courseId, courseId))
		.orderBy(sql`${courseDraftFiles.path} collate "C"`);
}

export async function draftTree(db: Database, courseId: string): Promise<CourseFiles> {
	return new Map((await draftFiles(db, courseId)).map((f) => [f.path, f.content]));
}

export async function draftFile(
	db: Database,
	courseId: string,
	path: string
): Promise<DraftFile | null> {
	const [row] = await db
		.select({
			path: courseDraftFiles.path,
			content: courseBlobs.content,
			revision: courseDraftFiles.revision,
			updatedAt: courseDraftFiles.updatedAt,
			updatedByName: users.fullName
		})
		.from(courseDraftFiles)
		.innerJoin(courseBlobs, eq(courseDraftFiles.blobHash, courseBlobs.hash))
		.leftJoin(users, eq(courseDraftFiles.updatedBy, users.id))
		.where(and(eq(courseDraftFiles.courseId, courseId), eq(courseDraftFiles.path, path)));
	return row ?? null;
}

/**
 * Replaces the whole draft (an import, a rollback, taking over a shipped course). Paths that stay
 * get a new revision, so anyone editing them from the old content is told on saving.
 */
export async function replaceDraft(
	db: Database,
	courseId: string,
	files: CourseFiles,
	userId: string | null
): Promise<void> {
	const hashes = await storeBlobs(db, files);
	// One transaction (a savepoint when the caller has one): the draft is never left half deleted,
	// and a save racing the replacement fails instead of breaking it.
	await db.transaction(async (tx) => {
		const before = await tx
			.delete(courseDraftFiles)
			.where(eq(courseDraftFiles.courseId, courseId))
			.returning({ path: courseDraftFiles.path, revision: courseDraftFiles.revision });
		const revisions = new Map(before.map((r) => [r.path, r.revision]));
		const rows = [...hashes].map(([path, blobHash]) => ({
			courseId,
			path,
			blobHash,
			revision: (revisions.get(path) ?? 0) + 1,
			updatedBy: userId
		}));
		for (let i = 0; i < rows.length; i += 200) {
			await tx.insert(courseDraftFiles).values(rows.slice(i, i + 200));
		}
	});
}

export type SaveResult =
	| { ok: true; revision: number }
	/** Someone saved first (or removed the file): their version, so both can be shown. */
	| { ok: false; current: DraftFile | null };

/**
 * Saves one file of the draft if nobody changed it since `baseRevision` (null: the file must not
 * exist yet). The check and the write are one statement, so two saves cannot both win.
 */
export async function saveDraftFile(
	db: Database,
	courseId: string,
	path: string,
	content: Uint8Array,
	baseRevision: number | null,
	userId: string
): Promise<SaveResult> {
	const [hash] = (await storeBlobs(db, new Map([[path, content]]))).values();
	const saved =
		baseRevision === null
			? await db
					.insert(courseDraftFiles)
					.values({ courseId, path, blobHash: hash, updatedBy: userId })
					.onConflictDoNothing()
					.returning({ revision: courseDraftFiles.revision })
			: await db
					.update(courseDraftFiles)
					.set({
						blobHash: hash,
						revision: baseRevision + 1,
						updatedBy: userId,
						updatedAt: new Date()
					})
					.where(
						and(
							eq(courseDraftFiles.courseId, courseId),
							eq(courseDraftFiles.path, path),
							eq(courseDraftFiles.revision, baseRevision)
						)
					)
					.returning({ revision: courseDraftFiles.revision });
	if (saved.length === 1) return { ok: true, revision: saved[0].revision };
	return { ok: false, current: await draftFile(db, courseId, path) };
}

export async function deleteDraftFiles(db: Database, courseId: string, paths: string[]) {
	if (paths.length === 0) return;
	await db
		.delete(courseDraftFiles)
		.where(and(eq(courseDraftFiles.courseId, courseId), inArray(courseDraftFiles.path, paths)));
}

/** Renames files of the draft, keeping their revisions (a renumbered lesson is the same lesson). */
export async function renameDraftFiles(
	db: Database,
	courseId: string,
	renames: [from: string, to: string][]
) {
	for (const [from, to] of renames) {
		if (from === to) continue;
		await db
			.update(courseDraftFiles)
			.set({ path: to })
			.where(and(eq(courseDraftFiles.courseId, courseId), eq(courseDraftFiles.path, from)));
	}
}
