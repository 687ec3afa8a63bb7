import { LessonRenderError } from '../courses/render';
import { and, eq, ne } from 'drizzle-orm';
import { courses, courseVersions, lessonVersions } from '$db/schema';
import type { Database } from '../db';
import { loadCourseFiles, type CourseSource } from '../courses/loader';
import { syncCourse } from '../courses/sync';
import type { Problem } from '../courses/yaml';
import { hashCourseFiles, type CourseFiles } from '../courses/files';
import { recordAudit } from '../audit';
import { draftTree, replaceDraft } from './drafts';
import { versionFiles } from '../courses/versions';

export type PublishResult =
	| { ok: true; number: number }
	| { ok: false; problems: Problem[] }
	| { ok: false; unchanged: true };

/**
 * Publishes a course's draft: validated by the same rules as `npm run courses:check`, then made the
 * new version learners see, with its author and time. Earlier versions stay, with what was made on them.
 */
export async function publishDraft(
	db: Database,
	courseId: string,
	userId: string,
	build: string,
	note?: string
): Promise<PublishResult> {
	const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
	if (!course) return { ok: false, problems: [] };
	return publishFiles(db, course, await draftTree(db, courseId), userId, build, note);
}

async function publishFiles(
	db: Database,
	course: typeof courses.$inferSelect,
	files: CourseFiles,
	userId: string,
	build: string,
	note?: string
): Promise<PublishResult> {
	const loaded = await loadCourseFiles(course.slug, files, { compile: true });
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	return publishLoaded(db, course, loaded.course, userId, build, note);
}

/**
 * Publishes a course already validated (and compiled) by loadCourseFiles. `audit` names the step
 * (review.ts publishes approved versions and organisations' courses through here too).
 */
export async function publishLoaded(
	db: Database,
	course: typeof courses.$inferSelect,
	loaded: CourseSource,
	userId: string,
	build: string,
	note?: string,
	audit: {
		action: string;
		/** Who took the step, when not the author credited with the version (a reviewer). */
		actorId?: string;
		details?: Record<string, string | number | boolean | null>;
	} = { action: 'course.published' }
): Promise<PublishResult> {
	if (course.currentVersionId) {
		const [current] = await db
			.select({ hash: courseVersions.contentHash })
			.from(courseVersions)
			.where(eq(courseVersions.id, course.currentVersionId));
		if (current?.hash === loaded.contentHash) return { ok: false, unchanged: true };
	}
	try {
		await syncCourse(db, loaded, build, {
			publishedBy: userId,
			note: note?.trim() || undefined,
			origin: 'editor'
		});
	} catch (error) {
		if (error instanceof LessonRenderError) return { ok: false, problems: [error.problem] };
		throw error;
	}
	const [version] = await db
		.select({ number: courseVersions.number })
		.from(courses)
		.innerJoin(courseVersions, eq(courses.currentVersionId, courseVersions.id))
		.where(eq(courses.id, course.id));
	await recordAudit(db, {
		actorId: audit.actorId ?? userId,
		action: audit.action,
		subjectId: course.id,
		details: { slug: course.slug, version: version.number, ...audit.details }
	});
	return { ok: true, number: version.number };
}

/**
 * Rolls back to an earlier version: its files become the draft and are published as a new version,
 * so history only grows and everything made on later versions keeps pointing at them.
 */
export async function rollback(
	db: Database,
	courseId: string,
	number: number,
	userId: string,
	build: string,
	note: string
): Promise<PublishResult | { ok: false; notFound: true }> {
	const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
	const [version] = await db
		.select({ id: courseVersions.id })
		.from(courseVersions)
		.where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, number)));
	if (!course || !version) return { ok: false, notFound: true };
	const files = await versionFiles(db, version.id);
	if (files.size === 0) return { ok: false, notFound: true };
	// Validated before the draft is replaced: a version that no longer passes (a stricter build)
	// must not cost the authors their unpublished work in the draft.
	const loaded = await loadCourseFiles(course.slug, files, { compile: true });
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	await replaceDraft(db, courseId, files, userId);
	return publishLoaded(db, course, loaded.course, userId, build, note);
}

/** Whether the draft differs from what learners see, without reading every file's bytes twice. */
export async function draftDiffersFromPublished(db: Database, courseId: string): Promise<boolean> {
	const [course] = await db
		.select({ versionId: courses.currentVersionId })
		.from(courses)
		.where(eq(courses.id, courseId));
	if (!course?.versionId) return true;
	const [version] = await db
		.select({ hash: courseVersions.contentHash })
		.from(courseVersions)
		.where(eq(courseVersions.id, course.versionId));
	return hashCourseFiles(await draftTree(db, courseId)) !== version?.hash;
}

/**
 * After an upgrade, lessons of browser-written courses are rendered again by the new build (the
 * courses/ folder's are, by the sync): same content, same version, fresh HTML.
 */
export async function rerenderEditorCourses(db: Database, build: string): Promise<string[]> {
	const stale = await db
		.selectDistinct({ id: courses.id, slug: courses.slug, versionId: courses.currentVersionId })
		.from(courses)
		.innerJoin(lessonVersions, eq(lessonVersions.courseVersionId, courses.currentVersionId))
		.where(and(eq(courses.origin, 'editor'), ne(lessonVersions.renderedWith, build)));
	const done: string[] = [];
	for (const course of stale) {
		const files = await versionFiles(db, course.versionId!);
		const loaded = await loadCourseFiles(course.slug, files, { compile: true });
		if (!loaded.course) continue;
		await syncCourse(db, loaded.course, build, { origin: 'editor' });
		done.push(course.slug);
	}
	return done;
}
