import { and, eq, isNull, notInArray } from 'drizzle-orm';
import {
	courses,
	courseVersions,
	lessons,
	lessonVersions,
	quizzes,
	type Localised
} from '$db/schema';
import { fold } from '$lib/text';
import type { Database } from '../db';
import { refreshSummaries } from '../progress/summary';
import { loadCourses, requiredLessonSlugs, type CourseSource } from './loader';
import { forgetLessonContent } from './catalogue';
import { LessonRenderError, renderForPublishing } from './render';
import { saveVersionFiles } from './versions';
import { courseVersionFiles } from '$db/schema';
import type { Problem } from './yaml';
import { rerenderAssignments, storeAssignments } from '../assignments/publish';
import { forgetShared } from '../cache';

export interface SyncReport {
	created: string[];
	updated: string[];
	unchanged: string[];
	rerendered: string[];
	/** Folders left alone because their course is now edited in the browser (README, "Authoring"). */
	managedInBrowser: string[];
	/** Courses not published because of these problems; a course already online keeps its version. */
	invalid: { slug: string; problems: Problem[] }[];
}

function localised(vi: string, en: string | undefined): Localised {
	return en === undefined ? { vi } : { vi, en };
}

function renderedLesson(course: CourseSource, lesson: CourseSource['lessons'][number]) {
	const { vi, en } = lesson.text;
	return {
		title: localised(vi.frontMatter.title, en?.frontMatter.title),
		source: localised(vi.body, en?.body),
		html: localised(
			renderForPublishing(vi, course.slug, 'vi'),
			en ? renderForPublishing(en, course.slug, 'en') : undefined
		)
	};
}

function courseColumns(course: CourseSource) {
	const { meta } = course;
	return {
		title: meta.title,
		summary: meta.summary,
		audiences: meta.audiences,
		directiveItems: meta.directiveItems,
		hours: meta.hours,
		enrolment: meta.enrolment,
		enrolmentKey: meta.enrolmentKey ?? null,
		completion: meta.completion,
		certificate: meta.certificate,
		status: meta.status,
		languages: course.languages,
		searchKey: fold(
			[meta.title.vi, meta.title.en, meta.summary.vi, meta.summary.en].filter(Boolean).join(' ')
		),
		syncProblems: null,
		updatedAt: new Date()
	};
}

/**
 * Publishes one valid course: a new version when its content hash changed, keeping lessons by slug
 * (renumbered, retitled or edited lessons keep their progress; removed ones are retired).
 */
export async function syncCourse(
	db: Database,
	course: CourseSource,
	build: string,
	publication: { publishedBy?: string; note?: string; origin?: 'files' | 'editor' } = {}
): Promise<'created' | 'updated' | 'unchanged' | 'rerendered'> {
	const outcome = await storeCourse(db, course, build, publication);
	// The stored version's HTML changed under the same version id: drop what was read before.
	if (outcome === 'rerendered') forgetLessonContent(db);
	// The catalogue kept for anonymous readers (cache.ts) may list it differently now.
	if (outcome !== 'unchanged') forgetShared();
	return outcome;
}

async function storeCourse(
	db: Database,
	course: CourseSource,
	build: string,
	publication: { publishedBy?: string; note?: string; origin?: 'files' | 'editor' }
): Promise<'created' | 'updated' | 'unchanged' | 'rerendered'> {
	return db.transaction(async (tx) => {
		const [existing] = await tx
			.select()
			.from(courses)
			.where(eq(courses.slug, course.slug))
			.for('update');
		const current = existing?.currentVersionId
			? (
					await tx
						.select()
						.from(courseVersions)
						.where(eq(courseVersions.id, existing.currentVersionId))
				)[0]
			: undefined;

		if (existing && current && current.contentHash === course.contentHash) {
			const rendered = await tx
				.select({
					id: lessonVersions.id,
					slug: lessons.slug,
					renderedWith: lessonVersions.renderedWith
				})
				.from(lessonVersions)
				.innerJoin(lessons, eq(lessonVersions.lessonId, lessons.id))
				.where(eq(lessonVersions.courseVersionId, current.id));
			if (existing.syncProblems) {
				await tx.update(courses).set({ syncProblems: null }).where(eq(courses.id, existing.id));
			}
			// Versions stored before their files were (export and history need them) get them now.
			const [stored] = await tx
				.select({ path: courseVersionFiles.path })
				.from(courseVersionFiles)
				.where(eq(courseVersionFiles.courseVersionId, current.id))
				.limit(1);
			if (!stored) await saveVersionFiles(tx, current.id, course.files);
			if (rendered.every((r) => r.renderedWith === build)) return 'unchanged';
			// Same content, new build: components may render differently now.
			const bySlug = new Map(course.lessons.map((l) => [l.slug, l]));
			for (const row of rendered) {
				const lesson = bySlug.get(row.slug);
				if (!lesson) continue;
				await tx
					.update(lessonVersions)
					.set({ html: renderedLesson(course, lesson).html, renderedWith: build })
					.where(eq(lessonVersions.id, row.id));
			}
			await rerenderAssignments(tx, existing, course.assignments);
			return 'rerendered';
		}

		const [row] = existing
			? await tx
					.update(courses)
					.set(courseColumns(course))
					.where(eq(courses.id, existing.id))
					.returning()
			: await tx
					.insert(courses)
					.values({
						slug: course.slug,
						origin: publication.origin ?? 'files',
						...courseColumns(course)
					})
					.returning();
		const [version] = await tx
			.insert(courseVersions)
			.values({
				courseId: row.id,
				number: (current?.number ?? 0) + 1,
				contentHash: course.contentHash,
				meta: course.meta as unknown as Record<string, unknown>,
				publishedBy: publication.publishedBy ?? null,
				note: publication.note ?? null
			})
			.returning();
		await saveVersionFiles(tx, version.id, course.files);

		const required = new Set(requiredLessonSlugs(course));
		const slugs = course.lessons.map((l) => l.slug);
		for (const lesson of course.lessons) {
			const { vi } = lesson.text;
			const columns = {
				position: lesson.position,
				moduleSlug: lesson.module?.slug ?? null,
				moduleTitle: lesson.module
					? localised(lesson.module.title.vi, lesson.module.title.en)
					: null,
				title: localised(vi.frontMatter.title, lesson.text.en?.frontMatter.title),
				minutes: vi.frontMatter.minutes,
				required: required.has(lesson.slug),
				retiredAt: null
			};
			const [saved] = await tx
				.insert(lessons)
				.values({ courseId: row.id, slug: lesson.slug, ...columns })
				.onConflictDoUpdate({ target: [lessons.courseId, lessons.slug], set: columns })
				.returning({ id: lessons.id });
			const rendered = renderedLesson(course, lesson);
			await tx.insert(lessonVersions).values({
				lessonId: saved.id,
				courseVersionId: version.id,
				title: rendered.title,
				minutes: columns.minutes,
				required: columns.required,
				position: columns.position,
				source: rendered.source,
				html: rendered.html,
				renderedWith: build
			});
		}
		await tx
			.update(lessons)
			.set({ retiredAt: new Date(), required: false })
			.where(
				and(
					eq(lessons.courseId, row.id),
					notInArray(lessons.slug, slugs),
					isNull(lessons.retiredAt)
				)
			);
		for (const quiz of course.quizzes) {
			const columns = {
				title: quiz.definition.title,
				required: quiz.definition.required,
				afterLesson: quiz.definition.after ?? null,
				definition: quiz.definition as unknown as Record<string, unknown>,
				courseVersionId: version.id,
				retiredAt: null
			};
			await tx
				.insert(quizzes)
				.values({ courseId: row.id, slug: quiz.slug, ...columns })
				.onConflictDoUpdate({ target: [quizzes.courseId, quizzes.slug], set: columns });
		}
		const quizSlugs = course.quizzes.map((q) => q.slug);
		await tx
			.update(quizzes)
			.set({ retiredAt: new Date() })
			.where(
				and(
					eq(quizzes.courseId, row.id),
					isNull(quizzes.retiredAt),
					// notInArray with an empty list would be invalid SQL.
					quizSlugs.length ? notInArray(quizzes.slug, quizSlugs) : undefined
				)
			);
		await storeAssignments(tx, row, version.id, course.assignments);
		await tx.update(courses).set({ currentVersionId: version.id }).where(eq(courses.id, row.id));
		// What is required may have changed: every enrolment's lessons, percent and passes with it.
		if (existing) await refreshSummaries(tx, { courseIds: [row.id] });
		return existing ? 'updated' : 'created';
	});
}

/** Syncs every course folder: valid ones are published, invalid ones reported and left as they were. */
export async function syncCourses(db: Database, root: string, build: string): Promise<SyncReport> {
	const report: SyncReport = {
		created: [],
		updated: [],
		unchanged: [],
		rerendered: [],
		managedInBrowser: [],
		invalid: []
	};
	const { courses: valid, invalid } = await loadCourses(root, { compile: true });
	const inBrowser = new Set(
		(await db.select({ slug: courses.slug }).from(courses).where(eq(courses.origin, 'editor'))).map(
			(c) => c.slug
		)
	);
	for (const course of valid) {
		if (inBrowser.has(course.slug)) {
			report.managedInBrowser.push(course.slug);
			continue;
		}
		try {
			report[await syncCourse(db, course, build)].push(course.slug);
		} catch (error) {
			// A lesson that fails to render keeps the course out (its transaction rolled back), like
			// any other problem (below).
			if (!(error instanceof LessonRenderError)) throw error;
			invalid.push({ slug: course.slug, problems: [error.problem] });
		}
	}
	for (const { slug, problems } of invalid) {
		if (inBrowser.has(slug)) {
			report.managedInBrowser.push(slug);
			continue;
		}
		report.invalid.push({ slug, problems });
		// A course already online keeps its last valid version; record why the change was not published.
		await db.update(courses).set({ syncProblems: problems }).where(eq(courses.slug, slug));
	}
	return report;
}
