import { and, desc, eq } from 'drizzle-orm';
import { structuredPatch } from 'diff';
import { courseVersions, users } from '$db/schema';
import type { Database } from '../db';
import { isTextFile, textOf, type CourseFiles } from '../courses/files';
import { draftTree } from './drafts';
import { versionFiles } from '../courses/versions';

export async function listVersions(db: Database, courseId: string) {
	return db
		.select({
			id: courseVersions.id,
			number: courseVersions.number,
			createdAt: courseVersions.createdAt,
			note: courseVersions.note,
			publishedByName: users.fullName,
			contentHash: courseVersions.contentHash
		})
		.from(courseVersions)
		.leftJoin(users, eq(courseVersions.publishedBy, users.id))
		.where(eq(courseVersions.courseId, courseId))
		.orderBy(desc(courseVersions.number));
}

/** The files of a version by number, or of the draft; null when there is no such version. */
export async function filesAt(
	db: Database,
	courseId: string,
	ref: number | 'draft'
): Promise<CourseFiles | null> {
	if (ref === 'draft') return draftTree(db, courseId);
	const [version] = await db
		.select({ id: courseVersions.id })
		.from(courseVersions)
		.where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, ref)));
	return version ? versionFiles(db, version.id) : null;
}

export type DiffLine = {
	kind: 'added' | 'removed' | 'context';
	text: string;
	oldLine?: number;
	newLine?: number;
};

export interface FileDiff {
	path: string;
	status: 'added' | 'removed' | 'changed';
	/** Text files: hunks of lines with three lines of context; binary files: sizes only. */
	hunks: { header: string; lines: DiffLine[] }[] | null;
	sizes: [number, number];
}

/** What changed from `before` to `after`, file by file (unchanged files are left out). */
export function diffCourseFiles(before: CourseFiles, after: CourseFiles): FileDiff[] {
	const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
	const diffs: FileDiff[] = [];
	for (const path of paths) {
		const a = before.get(path);
		const b = after.get(path);
		if (a && b && Buffer.from(a).equals(Buffer.from(b))) continue;
		const status = !a ? 'added' : !b ? 'removed' : 'changed';
		const sizes: [number, number] = [a?.byteLength ?? 0, b?.byteLength ?? 0];
		if (!isTextFile(path)) {
			diffs.push({ path, status, hunks: null, sizes });
			continue;
		}
		const patch = structuredPatch(path, path, a ? textOf(a) : '', b ? textOf(b) : '', '', '', {
			context: 3
		});
		diffs.push({
			path,
			status,
			sizes,
			hunks: patch.hunks.map((h) => {
				let oldLine = h.oldStart;
				let newLine = h.newStart;
				return {
					header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
					lines: h.lines
						.filter((l) => !l.startsWith('\\'))
						.map((l): DiffLine => {
							const text = l.slice(1);
							if (l[0] === '+') return { kind: 'added', text, newLine: newLine++ };
							if (l[0] === '-') return { kind: 'removed', text, oldLine: oldLine++ };
							return { kind: 'context', text, oldLine: oldLine++, newLine: newLine++ };
						})
				};
			})
		});
	}
	return diffs;
}
