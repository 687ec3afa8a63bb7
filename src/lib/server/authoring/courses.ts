import { and, eq } from 'drizzle-orm';
import { parseDocument, stringify } from 'yaml';
import { courseAuthors, courses } from '$db/schema';
import { fold } from '$lib/text';
import type { Database } from '../db';
import { bytesOf, textOf, type CourseFiles } from '../courses/files';
import { recordAudit } from '../audit';
import {
	deleteDraftFiles,
	draftFile,
	draftTree,
	renameDraftFiles,
	replaceDraft,
	saveDraftFile
} from './drafts';
import {
	lessonFileText,
	moduleFileText,
	outlineOf,
	renumbering,
	slugFrom,
	uniqueSlug,
	type OutlineItem
} from './outline';
import { versionFiles } from '../courses/versions';

export type AuthoringError =
	'slug_taken' | 'not_found' | 'conflict' | 'not_empty' | 'files_origin' | 'not_an_author';

export interface CourseMetaInput {
	titleVi: string;
	titleEn?: string;
	summaryVi: string;
	summaryEn?: string;
	audiences: string[];
	directiveItems: string[];
	hours: number;
	enrolment: 'open' | 'key' | 'assigned';
	enrolmentKey?: string;
	certificateEnabled: boolean;
	validityMonths?: number | null;
	completeOnReachingEnd: boolean;
	/** completion.workshop: none, every session, or a whole percentage of them (workshopShare). */
	workshopRule?: 'none' | 'all' | 'share';
	workshopShare?: string;
	listed: boolean;
}

/** Writes the form's metadata into course.yaml, keeping the file's comments and other fields. */
export function applyMeta(yamlText: string | null, input: CourseMetaInput): string {
	const doc = parseDocument(yamlText ?? '{}');
	const set = (path: string[], value: unknown) => doc.setIn(path, value);
	const optional = (path: string[], value: string | undefined) =>
		value ? set(path, value) : doc.deleteIn(path);
	set(['title', 'vi'], input.titleVi);
	optional(['title', 'en'], input.titleEn);
	set(['summary', 'vi'], input.summaryVi);
	optional(['summary', 'en'], input.summaryEn);
	set(['audiences'], doc.createNode(input.audiences, { flow: true }));
	set(['directiveItems'], doc.createNode(input.directiveItems, { flow: true }));
	set(['hours'], input.hours);
	set(['enrolment'], input.enrolment);
	optional(['enrolmentKey'], input.enrolment === 'key' ? input.enrolmentKey : undefined);
	if (!doc.hasIn(['completion', 'requiredLessons'])) set(['completion', 'requiredLessons'], 'all');
	set(['completion', 'completeOnReachingEnd'], input.completeOnReachingEnd);
	if (input.workshopRule === 'none') doc.deleteIn(['completion', 'workshop']);
	else if (input.workshopRule === 'all') set(['completion', 'workshop'], 'all');
	else if (input.workshopRule === 'share')
		set(
			['completion', 'workshop'],
			doc.createNode({ share: Number(input.workshopShare) / 100 }, { flow: true })
		);
	set(['certificate', 'enabled'], input.certificateEnabled);
	set(['certificate', 'validityMonths'], input.validityMonths ?? null);
	set(['status'], input.listed ? 'published' : 'draft');
	return doc.toString({ lineWidth: 0 });
}

/** The form's values from course.yaml (what the form shows); unreadable values read as empty. */
export function metaOf(yamlText: string): CourseMetaInput {
	const data = (parseDocument(yamlText).toJS() ?? {}) as Record<string, unknown>;
	const title = (data.title ?? {}) as Record<string, string>;
	const summary = (data.summary ?? {}) as Record<string, string>;
	const certificate = (data.certificate ?? {}) as Record<string, unknown>;
	const completion = (data.completion ?? {}) as Record<string, unknown>;
	const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
	return {
		titleVi: title.vi ?? '',
		titleEn: title.en ?? '',
		summaryVi: summary.vi ?? '',
		summaryEn: summary.en ?? '',
		audiences: list(data.audiences),
		directiveItems: list(data.directiveItems),
		hours: typeof data.hours === 'number' ? data.hours : 1,
		enrolment: (['open', 'key', 'assigned'] as const).find((e) => e === data.enrolment) ?? 'open',
		enrolmentKey: typeof data.enrolmentKey === 'string' ? data.enrolmentKey : '',
		certificateEnabled: certificate.enabled !== false,
		validityMonths:
			typeof certificate.validityMonths === 'number' ? certificate.validityMonths : null,
		completeOnReachingEnd: completion.completeOnReachingEnd === true,
		...workshopOf(completion.workshop),
		listed: data.status !== 'draft'
	};
}

/** completion.workshop as the form's two fields; anything unreadable reads as none. */
function workshopOf(value: unknown): Pick<CourseMetaInput, 'workshopRule' | 'workshopShare'> {
	if (value === 'all') return { workshopRule: 'all', workshopShare: '' };
	const share = (value as { share?: unknown } | null)?.share;
	if (typeof share === 'number')
		return { workshopRule: 'share', workshopShare: String(Math.round(share * 100)) };
	return { workshopRule: 'none', workshopShare: '' };
}

export async function courseBySlug(db: Database, slug: string) {
	const [course] = await db.select().from(courses).where(eq(courses.slug, slug));
	return course ?? null;
}

/**
 * A new course written in the browser: a course.yaml, no lessons yet, and its author as owner.
 * It stays invisible to learners until it is first published.
 */
export async function createCourse(
	db: Database,
	input: CourseMetaInput & { slug?: string },
	userId: string,
	reservedSlugs: Set<string> = new Set()
): Promise<{ ok: true; slug: string; id: string } | { ok: false; error: AuthoringError }> {
	const slug = input.slug || slugFrom(input.titleVi);
	if (reservedSlugs.has(slug) || (await courseBySlug(db, slug)))
		return { ok: false, error: 'slug_taken' };
	const files: CourseFiles = new Map([['course.yaml', bytesOf(applyMeta(null, input))]]);
	return db.transaction(async (tx) => {
		const [course] = await tx
			.insert(courses)
			.values({
				slug,
				origin: 'editor',
				status: 'draft',
				title: { vi: input.titleVi },
				summary: { vi: input.summaryVi },
				audiences: input.audiences,
				directiveItems: input.directiveItems,
				hours: input.hours,
				enrolment: input.enrolment,
				completion: { requiredLessons: 'all', completeOnReachingEnd: input.completeOnReachingEnd },
				certificate: {
					enabled: input.certificateEnabled,
					validityMonths: input.validityMonths ?? null
				},
				languages: ['vi'],
				searchKey: fold(`${input.titleVi} ${input.summaryVi}`)
			})
			.returning({ id: courses.id });
		await replaceDraft(tx, course.id, files, userId);
		await tx.insert(courseAuthors).values({ courseId: course.id, userId, role: 'owner' });
		await recordAudit(tx, {
			actorId: userId,
			action: 'course.created',
			subjectId: course.id,
			details: { slug }
		});
		return { ok: true as const, slug, id: course.id };
	});
}

/** Saves the metadata form into the draft's course.yaml (a conflict if someone saved it first). */
export async function saveMeta(
	db: Database,
	courseId: string,
	input: CourseMetaInput,
	baseRevision: number,
	userId: string
) {
	const current = await draftFile(db, courseId, 'course.yaml');
	const text = applyMeta(current ? textOf(current.content) : null, input);
	return saveDraftFile(
		db,
		courseId,
		'course.yaml',
		bytesOf(text),
		current ? baseRevision : null,
		userId
	);
}

/** Serialises structural changes to one course's draft. */
async function lockCourse(db: Database, courseId: string) {
	await db.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId)).for('update');
}

/** Adds an empty lesson at the end of the course or of a module. */
export async function addLesson(
	db: Database,
	courseId: string,
	input: { title: string; minutes: number; moduleFolder?: string | null },
	userId: string
): Promise<{ ok: true; slug: string } | { ok: false; error: AuthoringError }> {
	return db.transaction(async (tx) => {
		await lockCourse(tx, courseId);
		const outline = outlineOf(await draftTree(tx, courseId));
		const module = input.moduleFolder
			? outline.modules.find((m) => m.folder === input.moduleFolder)
			: null;
		if (input.moduleFolder && !module) return { ok: false as const, error: 'not_found' as const };
		const slug = uniqueSlug(slugFrom(input.title), new Set(outline.lessons.map((l) => l.slug)));
		const n = (module ? module.lessons.length : outline.items.length) + 1;
		const path = `${module ? `${module.folder}/` : ''}${String(n).padStart(2, '0')}-${slug}.md`;
		const text = lessonFileText({ title: input.title, minutes: input.minutes, required: true }, '');
		const saved = await saveDraftFile(tx, courseId, path, bytesOf(text), null, userId);
		if (!saved.ok) return { ok: false as const, error: 'conflict' as const };
		// Items after a module share its number sequence; renumber to keep 01, 02… without gaps.
		await renameDraftFiles(
			tx,
			courseId,
			renumbering(outlineOf(await draftTree(tx, courseId)).items)
		);
		return { ok: true as const, slug };
	});
}

export async function addModule(
	db: Database,
	courseId: string,
	title: { vi: string; en?: string },
	userId: string
): Promise<{ ok: true; folder: string }> {
	return db.transaction(async (tx) => {
		await lockCourse(tx, courseId);
		const outline = outlineOf(await draftTree(tx, courseId));
		const slug = uniqueSlug(slugFrom(title.vi), new Set(outline.modules.map((m) => m.slug)));
		const folder = `${String(outline.items.length + 1).padStart(2, '0')}-${slug}`;
		await saveDraftFile(tx, courseId, `${folder}/module.yaml`, moduleFileText(title), null, userId);
		return { ok: true as const, folder };
	});
}

export async function renameModule(
	db: Database,
	courseId: string,
	folder: string,
	title: { vi: string; en?: string },
	userId: string
) {
	const current = await draftFile(db, courseId, `${folder}/module.yaml`);
	if (!current) return { ok: false as const, current: null };
	return saveDraftFile(
		db,
		courseId,
		`${folder}/module.yaml`,
		moduleFileText(title),
		current.revision,
		userId
	);
}

/** Removes a lesson (both languages); its learners' progress stays with the published versions. */
export async function removeLesson(db: Database, courseId: string, slug: string) {
	return db.transaction(async (tx) => {
		await lockCourse(tx, courseId);
		const outline = outlineOf(await draftTree(tx, courseId));
		const lesson = outline.lessons.find((l) => l.slug === slug);
		if (!lesson) return false;
		await deleteDraftFiles(tx, courseId, [lesson.path, ...(lesson.enPath ? [lesson.enPath] : [])]);
		await renameDraftFiles(
			tx,
			courseId,
			renumbering(outlineOf(await draftTree(tx, courseId)).items)
		);
		return true;
	});
}

/** Removes an empty module; a module with lessons is refused (move or remove them first). */
export async function removeModule(
	db: Database,
	courseId: string,
	folder: string
): Promise<{ ok: true } | { ok: false; error: AuthoringError }> {
	return db.transaction(async (tx) => {
		await lockCourse(tx, courseId);
		const files = await draftTree(tx, courseId);
		const module = outlineOf(files).modules.find((m) => m.folder === folder);
		if (!module) return { ok: false as const, error: 'not_found' as const };
		const inside = [...files.keys()].filter((p) => p.startsWith(`${folder}/`));
		if (inside.some((p) => p !== `${folder}/module.yaml`))
			return { ok: false as const, error: 'not_empty' as const };
		await deleteDraftFiles(tx, courseId, inside);
		await renameDraftFiles(
			tx,
			courseId,
			renumbering(outlineOf(await draftTree(tx, courseId)).items)
		);
		return { ok: true as const };
	});
}

/**
 * Moves a lesson or a module one place up or down. A lesson at the edge of its module moves out of
 * it (to the top level, beside the module); a top-level lesson moving into a module's place joins it.
 */
export async function move(
	db: Database,
	courseId: string,
	target: { lesson: string } | { module: string },
	direction: 'up' | 'down'
): Promise<boolean> {
	return db.transaction(async (tx) => {
		await lockCourse(tx, courseId);
		const outline = outlineOf(await draftTree(tx, courseId));
		const items = [...outline.items];
		const step = direction === 'up' ? -1 : 1;
		if ('module' in target) {
			const i = items.findIndex((it) => it.kind === 'module' && it.module.folder === target.module);
			if (i < 0 || !items[i + step]) return false;
			[items[i], items[i + step]] = [items[i + step], items[i]];
		} else {
			const lesson = outline.lessons.find((l) => l.slug === target.lesson);
			if (!lesson) return false;
			if (lesson.moduleFolder) {
				const mi = items.findIndex(
					(it) => it.kind === 'module' && it.module.folder === lesson.moduleFolder
				);
				const module = (items[mi] as Extract<OutlineItem, { kind: 'module' }>).module;
				const lessons = [...module.lessons];
				const j = lessons.findIndex((l) => l.slug === lesson.slug);
				if (lessons[j + step]) {
					[lessons[j], lessons[j + step]] = [lessons[j + step], lessons[j]];
				} else {
					lessons.splice(j, 1);
					items.splice(direction === 'up' ? mi : mi + 1, 0, { kind: 'lesson', lesson });
				}
				const index = items.findIndex(
					(it) => it.kind === 'module' && it.module.folder === module.folder
				);
				items[index] = { kind: 'module', module: { ...module, lessons } };
			} else {
				const i = items.findIndex((it) => it.kind === 'lesson' && it.lesson.slug === lesson.slug);
				const neighbour = items[i + step];
				if (!neighbour) return false;
				if (neighbour.kind === 'module') {
					items.splice(i, 1);
					const lessons = [...neighbour.module.lessons];
					if (direction === 'up') lessons.push(lesson);
					else lessons.unshift(lesson);
					const index = items.findIndex(
						(it) => it.kind === 'module' && it.module.folder === neighbour.module.folder
					);
					items[index] = { kind: 'module', module: { ...neighbour.module, lessons } };
				} else {
					[items[i], items[i + step]] = [items[i + step], items[i]];
				}
			}
		}
		await renameDraftFiles(tx, courseId, renumbering(items));
		return true;
	});
}

/** Adds a quiz file with its title; its questions are written in the quiz editor. */
export async function addQuiz(
	db: Database,
	courseId: string,
	title: string,
	userId: string
): Promise<{ ok: true; slug: string } | { ok: false; error: AuthoringError }> {
	const outline = outlineOf(await draftTree(db, courseId));
	const slug = uniqueSlug(
		slugFrom(title),
		new Set([...outline.quizzes, ...outline.assignments].map((q) => q.slug))
	);
	const text = stringify({ title: { vi: title }, questions: [] }, { lineWidth: 0 });
	const saved = await saveDraftFile(db, courseId, `${slug}.quiz.yaml`, bytesOf(text), null, userId);
	return saved.ok ? { ok: true, slug } : { ok: false, error: 'conflict' };
}

export async function removeFile(db: Database, courseId: string, path: string) {
	if (path === 'course.yaml' || path.endsWith('/module.yaml')) return false;
	await deleteDraftFiles(db, courseId, [path]);
	return true;
}

/**
 * Takes a course that ships in courses/ into the editor: its published files become the draft,
 * the folder is ignored from then on (README, "Authoring"), and the administrator becomes its owner.
 */
export async function takeOverCourse(
	db: Database,
	courseId: string,
	admin: { id: string },
	folderFiles: CourseFiles
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [course] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('update');
		if (!course || course.origin !== 'files') return false;
		const stored = course.currentVersionId
			? await versionFiles(tx, course.currentVersionId)
			: new Map();
		await replaceDraft(tx, courseId, stored.size ? stored : folderFiles, admin.id);
		await tx.update(courses).set({ origin: 'editor' }).where(eq(courses.id, courseId));
		await tx
			.insert(courseAuthors)
			.values({ courseId, userId: admin.id, role: 'owner' })
			.onConflictDoNothing();
		await recordAudit(tx, { actorId: admin.id, action: 'course.taken_over', subjectId: courseId });
		return true;
	});
}

/** Shares a course with another trainer or administrator. */
export async function addAuthor(
	db: Database,
	courseId: string,
	userId: string,
	role: 'owner' | 'coauthor',
	actorId: string
) {
	await db
		.insert(courseAuthors)
		.values({ courseId, userId, role })
		.onConflictDoUpdate({ target: [courseAuthors.courseId, courseAuthors.userId], set: { role } });
	await recordAudit(db, {
		actorId,
		action: 'course.author_added',
		subjectId: courseId,
		details: { userId, role }
	});
}

/** Removes an author; the last owner cannot be removed (reassign the course first). */
export async function removeAuthor(
	db: Database,
	courseId: string,
	userId: string,
	actorId: string
) {
	return db.transaction(async (tx) => {
		const authors = await tx
			.select()
			.from(courseAuthors)
			.where(eq(courseAuthors.courseId, courseId))
			.for('update');
		const leaving = authors.find((a) => a.userId === userId);
		if (!leaving) return false;
		if (leaving.role === 'owner' && authors.filter((a) => a.role === 'owner').length === 1)
			return false;
		await tx
			.delete(courseAuthors)
			.where(and(eq(courseAuthors.courseId, courseId), eq(courseAuthors.userId, userId)));
		await recordAudit(tx, {
			actorId,
			action: 'course.author_removed',
			subjectId: courseId,
			details: { userId }
		});
		return true;
	});
}

/** An administrator makes someone the course's owner; the previous owners stay as co-authors. */
export async function reassignOwner(
	db: Database,
	courseId: string,
	userId: string,
	actorId: string
) {
	await db.transaction(async (tx) => {
		await tx
			.update(courseAuthors)
			.set({ role: 'coauthor' })
			.where(and(eq(courseAuthors.courseId, courseId), eq(courseAuthors.role, 'owner')));
		await tx
			.insert(courseAuthors)
			.values({ courseId, userId, role: 'owner' })
			.onConflictDoUpdate({
				target: [courseAuthors.courseId, courseAuthors.userId],
				set: { role: 'owner' }
			});
		await recordAudit(tx, {
			actorId,
			action: 'course.owner_reassigned',
			subjectId: courseId,
			details: { userId }
		});
	});
}
