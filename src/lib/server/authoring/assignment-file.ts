import { parse, stringify } from 'yaml';
import { isSlug } from '$lib/slug';
import type { Database } from '../db';
import { bytesOf, textOf } from '../courses/files';
import { deleteDraftFiles, draftFile, draftTree, saveDraftFile } from './drafts';
import { outlineOf, slugFrom, uniqueSlug } from './outline';

// An assignment file (docs/course-format.md, "Assignments") in a course's draft, as the web editor
// reads and writes it. Reading is tolerant (a hand-written or half-written file still opens);
// writing replaces the file with the definition the editor validated (assignments.ts).

export const assignmentPath = (slug: string) => `${slug}.assignment.yaml`;

export interface OpenAssignment {
	slug: string;
	path: string;
	text: string;
	/** What the file holds as plain data: anything, since the file may be hand-written. */
	data: unknown;
	syntaxError: string | null;
	revision: number;
	updatedAt: Date;
	updatedByName: string | null;
}

export function readAssignmentText(text: string): { data: unknown; syntaxError: string | null } {
	try {
		return { data: parse(text) ?? {}, syntaxError: null };
	} catch (e) {
		return { data: {}, syntaxError: (e as Error).message.split('\n')[0] };
	}
}

/** The file's text: keys in the documented order, Markdown as block text, no folded lines. */
export const assignmentText = (definition: Record<string, unknown>) =>
	stringify(definition, { lineWidth: 0 });

export async function openAssignment(
	db: Database,
	courseId: string,
	slug: string
): Promise<OpenAssignment | null> {
	if (!isSlug(slug)) return null;
	const file = await draftFile(db, courseId, assignmentPath(slug));
	if (!file) return null;
	const text = textOf(file.content);
	return { slug, ...file, text, ...readAssignmentText(text) };
}

/** Slugs a new assignment may not take: the draft's quizzes' and assignments'. */
async function takenSlugs(db: Database, courseId: string): Promise<Set<string>> {
	const outline = outlineOf(await draftTree(db, courseId));
	return new Set([...outline.quizzes, ...outline.assignments].map((x) => x.slug));
}

/**
 * A new assignment with its title and the starting values of the format: text or files in
 * common types, and one criterion of four levels (0–3) to fill in. It is not publishable until
 * its instructions and rubric are written, which the editor says.
 */
export async function createAssignment(
	db: Database,
	courseId: string,
	title: string,
	userId: string
): Promise<{ ok: true; slug: string } | { ok: false }> {
	const slug = uniqueSlug(slugFrom(title), await takenSlugs(db, courseId));
	const text = assignmentText({
		title: { vi: title.trim() },
		instructions: { vi: '' },
		required: true,
		handIn: { files: { types: ['pdf', 'docx'], maxCount: 5, maxMegabytes: 20 }, text: 'optional' },
		late: 'accept',
		resubmissions: 1,
		rubric: { criteria: [], pass: { points: 0 } }
	});
	const saved = await saveDraftFile(
		db,
		courseId,
		assignmentPath(slug),
		bytesOf(text),
		null,
		userId
	);
	return saved.ok ? { ok: true, slug } : { ok: false };
}

export async function removeAssignment(db: Database, courseId: string, slug: string) {
	if (!isSlug(slug)) return false;
	if (!(await draftFile(db, courseId, assignmentPath(slug)))) return false;
	await deleteDraftFiles(db, courseId, [assignmentPath(slug)]);
	return true;
}

export type AssignmentSave =
	| { ok: true; revision: number; text: string }
	/** Someone saved since `baseRevision` (or removed it): nothing written. */
	| { ok: false; current: OpenAssignment | null };

/** Writes a validated definition over the file as it was at `baseRevision`. */
export async function writeAssignment(
	db: Database,
	courseId: string,
	slug: string,
	definition: Record<string, unknown>,
	baseRevision: number,
	userId: string
): Promise<AssignmentSave> {
	const current = await openAssignment(db, courseId, slug);
	if (!current || current.revision !== baseRevision) return { ok: false, current };
	const text = assignmentText(definition);
	if (text === current.text) return { ok: true, revision: current.revision, text };
	const saved = await saveDraftFile(
		db,
		courseId,
		current.path,
		bytesOf(text),
		baseRevision,
		userId
	);
	if (!saved.ok) return { ok: false, current: await openAssignment(db, courseId, slug) };
	return { ok: true, revision: saved.revision, text };
}
