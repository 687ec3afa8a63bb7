import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
	courseAuthors,
	courseBlobs,
	courseReviewFiles,
	courseReviews,
	courses,
	courseVersions,
	organisations,
	roleAssignments,
	users
} from '$db/schema';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';
import { recordAudit } from '../audit';
import type { CourseFiles } from '../courses/files';
import { loadCourseFiles } from '../courses/loader';
import type { Problem } from '../courses/yaml';
import { storeBlobs, versionFiles } from '../courses/versions';
import { draftTree, replaceDraft } from './drafts';
import { publishLoaded } from './publish';

// Review of trainers' courses (README, "Course review"). A version sent for review is kept apart
// from course versions: nothing a learner reads (catalogue, lessons, quizzes, certificates) can
// reach it until a reviewer approves it and it is published as a version like any other.

export type SubmitResult =
	| { ok: true; reviewId: string; replaced: boolean }
	| { ok: false; problems: Problem[] }
	| { ok: false; unchanged: true }
	| { ok: false; alreadyWaiting: true };

export type DecisionResult =
	| { ok: true; number: number }
	| { ok: false; reason: 'not_found' | 'not_waiting' | 'own_course' }
	| { ok: false; problems: Problem[] };

type Course = typeof courses.$inferSelect;

async function courseById(db: Database, courseId: string): Promise<Course | undefined> {
	const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
	return course;
}

async function currentHash(db: Database, course: Course): Promise<string | null> {
	if (!course.currentVersionId) return null;
	const [row] = await db
		.select({ hash: courseVersions.contentHash })
		.from(courseVersions)
		.where(eq(courseVersions.id, course.currentVersionId));
	return row?.hash ?? null;
}

/**
 * Sends the draft for review. It must pass the same checks as publishing; a course has at most one
 * version waiting, and sending again replaces the waiting one (marked 'replaced'), so an author who
 * spots a typo does not wait for a decision on the copy with the typo.
 */
export async function submitForReview(
	db: Database,
	courseId: string,
	userId: string,
	note?: string
): Promise<SubmitResult> {
	const course = await courseById(db, courseId);
	if (!course) return { ok: false, problems: [] };
	const files = await draftTree(db, courseId);
	const loaded = await loadCourseFiles(course.slug, files, { compile: true });
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	const { contentHash } = loaded.course;
	if (course.organisationId === null && (await currentHash(db, course)) === contentHash)
		return { ok: false, unchanged: true };
	return db.transaction(async (tx): Promise<SubmitResult> => {
		// One submission per course at a time: the unique index on waiting reviews backs this up.
		await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId)).for('update');
		const [waiting] = await tx
			.select({ hash: courseReviews.contentHash })
			.from(courseReviews)
			.where(and(eq(courseReviews.courseId, courseId), eq(courseReviews.status, 'submitted')));
		if (waiting?.hash === contentHash) return { ok: false, alreadyWaiting: true };
		const replaced = await tx
			.update(courseReviews)
			.set({ status: 'replaced' })
			.where(and(eq(courseReviews.courseId, courseId), eq(courseReviews.status, 'submitted')))
			.returning({ id: courseReviews.id });
		const [review] = await tx
			.insert(courseReviews)
			.values({
				courseId,
				contentHash,
				baseVersionId: course.currentVersionId,
				submittedBy: userId,
				note: note?.trim() || null
			})
			.returning({ id: courseReviews.id });
		const hashes = await storeBlobs(tx, files);
		const rows = [...hashes].map(([path, blobHash]) => ({ reviewId: review.id, path, blobHash }));
		for (let i = 0; i < rows.length; i += 200) {
			await tx.insert(courseReviewFiles).values(rows.slice(i, i + 200));
		}
		await recordAudit(tx, {
			actorId: userId,
			action: 'course.review_submitted',
			subjectId: courseId,
			details: { slug: course.slug, reviewId: review.id, replaced: replaced.length > 0 }
		});
		return { ok: true, reviewId: review.id, replaced: replaced.length > 0 };
	});
}

/**
 * Restoring an earlier version of a province-wide course: its files become the draft and are sent
 * for review like any change (approval makes them the next version). Validated before the draft is
 * replaced, so a version that no longer passes does not cost the authors their draft.
 */
export async function restoreForReview(
	db: Database,
	courseId: string,
	number: number,
	userId: string,
	note: string
): Promise<SubmitResult | { ok: false; notFound: true }> {
	const course = await courseById(db, courseId);
	const [version] = await db
		.select({ id: courseVersions.id })
		.from(courseVersions)
		.where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, number)));
	if (!course || !version) return { ok: false, notFound: true };
	const files = await versionFiles(db, version.id);
	if (files.size === 0) return { ok: false, notFound: true };
	const loaded = await loadCourseFiles(course.slug, files, { compile: true });
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	if ((await currentHash(db, course)) === loaded.course.contentHash)
		return { ok: false, unchanged: true };
	await replaceDraft(db, courseId, files, userId);
	return submitForReview(db, courseId, userId, note);
}

/** The files of a version sent for review, in path order. */
export async function reviewFiles(db: Database, reviewId: string): Promise<CourseFiles> {
	const rows = await db
		.select({ path: courseReviewFiles.path, content: courseBlobs.content })
		.from(courseReviewFiles)
		.innerJoin(courseBlobs, eq(courseReviewFiles.blobHash, courseBlobs.hash))
		.where(eq(courseReviewFiles.reviewId, reviewId))
		.orderBy(sql`${courseReviewFiles.path} collate "C"`);
	return new Map(rows.map((r) => [r.path, r.content]));
}

/** Whether this user writes the course (owner or co-author). */
async function writesCourse(db: Database, userId: string, courseId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: courseAuthors.userId })
		.from(courseAuthors)
		.where(and(eq(courseAuthors.courseId, courseId), eq(courseAuthors.userId, userId)));
	return Boolean(row);
}

/**
 * Who may see the review queue and decide: administrators and reviewers. Nobody decides on a
 * course they write, administrators included (the four-eyes rule); they see it waiting.
 */
export const mayReview = (scope: StaffScope) => scope.admin || scope.reviews;

export async function mayDecide(
	db: Database,
	scope: StaffScope,
	userId: string,
	courseId: string
): Promise<boolean> {
	return mayReview(scope) && !(await writesCourse(db, userId, courseId));
}

async function waitingReview(db: Database, reviewId: string, reviewerId: string) {
	const [review] = await db
		.select()
		.from(courseReviews)
		.where(eq(courseReviews.id, reviewId))
		.for('update');
	if (!review) return { error: 'not_found' as const };
	if (review.status !== 'submitted') return { error: 'not_waiting' as const };
	if (await writesCourse(db, reviewerId, review.courseId)) return { error: 'own_course' as const };
	return { review };
}

/**
 * Approves a waiting version: checked again (the build may be newer), published as the course's
 * next version with its author credited, and the course opened to the whole province. All or
 * nothing, in one transaction. The caller has checked the reviewer's role (mayReview).
 */
export async function approveReview(
	db: Database,
	reviewId: string,
	reviewerId: string,
	build: string
): Promise<DecisionResult> {
	return db.transaction(async (tx) => {
		const found = await waitingReview(tx, reviewId, reviewerId);
		if ('error' in found) return { ok: false, reason: found.error! };
		const { review } = found;
		const course = (await courseById(tx, review.courseId))!;
		const loaded = await loadCourseFiles(course.slug, await reviewFiles(tx, review.id), {
			compile: true
		});
		if (!loaded.course) return { ok: false, problems: loaded.problems };
		const published = await publishLoaded(
			tx,
			course,
			loaded.course,
			review.submittedBy ?? reviewerId,
			build,
			review.note ?? undefined,
			{ action: 'course.review_approved', actorId: reviewerId, details: { reviewId } }
		);
		// Unchanged: the content is already live (to one organisation); approval widens it.
		if (!published.ok && 'problems' in published) return published;
		await tx.update(courses).set({ organisationId: null }).where(eq(courses.id, course.id));
		const [version] = await tx
			.select({ id: courseVersions.id, number: courseVersions.number })
			.from(courses)
			.innerJoin(courseVersions, eq(courses.currentVersionId, courseVersions.id))
			.where(eq(courses.id, course.id));
		if (!published.ok) {
			await recordAudit(tx, {
				actorId: reviewerId,
				action: 'course.review_approved',
				subjectId: course.id,
				details: { slug: course.slug, version: version.number, reviewId }
			});
		}
		await tx
			.update(courseReviews)
			.set({
				status: 'approved',
				decidedBy: reviewerId,
				decidedAt: new Date(),
				versionId: version.id
			})
			.where(eq(courseReviews.id, review.id));
		return { ok: true, number: version.number };
	});
}

/** Sends a waiting version back to its authors with the reviewer's comments (required). */
export async function returnReview(
	db: Database,
	reviewId: string,
	reviewerId: string,
	comment: string
): Promise<DecisionResult> {
	const text = comment.trim();
	if (!text) throw new Error('a returned review needs a comment');
	return db.transaction(async (tx) => {
		const found = await waitingReview(tx, reviewId, reviewerId);
		if ('error' in found) return { ok: false, reason: found.error! };
		const { review } = found;
		await tx
			.update(courseReviews)
			.set({ status: 'returned', decidedBy: reviewerId, decidedAt: new Date(), comment: text })
			.where(eq(courseReviews.id, review.id));
		const [course] = await tx
			.select({ slug: courses.slug })
			.from(courses)
			.where(eq(courses.id, review.courseId));
		// The comment stays in the review, not the log: the log says who did what, not what was said.
		await recordAudit(tx, {
			actorId: reviewerId,
			action: 'course.review_returned',
			subjectId: review.courseId,
			details: { slug: course.slug, reviewId }
		});
		return { ok: true, number: 0 };
	});
}

/**
 * The organisations a user may publish a course to without review: those where they are a
 * trainer. None for a course already in the province-wide catalogue (its changes are reviewed),
 * and only its own organisation for a course already published to one.
 */
export async function publishableOrganisations(db: Database, userId: string, course: Course) {
	if (course.currentVersionId && course.organisationId === null) return [];
	const rows = await db
		.select({ id: organisations.id, name: organisations.name })
		.from(roleAssignments)
		.innerJoin(organisations, eq(roleAssignments.organisationId, organisations.id))
		.where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'trainer')))
		.orderBy(asc(organisations.name));
	return course.organisationId ? rows.filter((o) => o.id === course.organisationId) : rows;
}

export type OrganisationPublishResult =
	Awaited<ReturnType<typeof publishLoaded>> | { ok: false; reason: 'not_allowed' };

/**
 * Publishes the draft to one organisation's members, without review: the course is listed, opened
 * and certified only for them, in the organisation's name (courses/access.ts, certificates/issue.ts).
 */
export async function publishToOrganisation(
	db: Database,
	courseId: string,
	userId: string,
	organisationId: string,
	build: string,
	note?: string
): Promise<OrganisationPublishResult> {
	const course = await courseById(db, courseId);
	if (!course) return { ok: false, reason: 'not_allowed' };
	const allowed = await publishableOrganisations(db, userId, course);
	if (!allowed.some((o) => o.id === organisationId)) return { ok: false, reason: 'not_allowed' };
	const loaded = await loadCourseFiles(course.slug, await draftTree(db, courseId), {
		compile: true
	});
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	const source = loaded.course;
	return db.transaction(async (tx) => {
		// Narrowed before the version is made, in the same transaction: never briefly province-wide.
		await tx.update(courses).set({ organisationId }).where(eq(courses.id, courseId));
		return publishLoaded(tx, { ...course, organisationId }, source, userId, build, note, {
			action: 'course.published_to_organisation',
			details: { organisationId }
		});
	});
}

/** The waiting versions, oldest first, for the review queue. */
export async function reviewQueue(db: Database) {
	return db
		.select({
			id: courseReviews.id,
			courseId: courses.id,
			slug: courses.slug,
			title: courses.title,
			submittedAt: courseReviews.submittedAt,
			submittedByName: users.fullName,
			submittedBy: courseReviews.submittedBy,
			note: courseReviews.note,
			firstVersion: sql<boolean>`${courses.currentVersionId} is null`
		})
		.from(courseReviews)
		.innerJoin(courses, eq(courseReviews.courseId, courses.id))
		.leftJoin(users, eq(courseReviews.submittedBy, users.id))
		.where(eq(courseReviews.status, 'submitted'))
		.orderBy(asc(courseReviews.submittedAt));
}

/** One review with its course, for the review page. */
export async function reviewById(db: Database, reviewId: string) {
	const [row] = await db
		.select({
			review: courseReviews,
			course: courses,
			submittedByName: users.fullName
		})
		.from(courseReviews)
		.innerJoin(courses, eq(courseReviews.courseId, courses.id))
		.leftJoin(users, eq(courseReviews.submittedBy, users.id))
		.where(eq(courseReviews.id, reviewId));
	return row ?? null;
}

/** The files learners see now (empty before the first version), to compare a submission with. */
export async function publishedFiles(db: Database, course: Course): Promise<CourseFiles> {
	return course.currentVersionId ? versionFiles(db, course.currentVersionId) : new Map();
}

/** The course's latest review (waiting, returned or approved), for the editor. */
export async function latestReview(db: Database, courseId: string) {
	const decider = sql<
		string | null
	>`(select full_name from users where id = ${courseReviews.decidedBy})`;
	const [row] = await db
		.select({
			id: courseReviews.id,
			status: courseReviews.status,
			submittedAt: courseReviews.submittedAt,
			decidedAt: courseReviews.decidedAt,
			comment: courseReviews.comment,
			decidedByName: decider
		})
		.from(courseReviews)
		.where(and(eq(courseReviews.courseId, courseId), sql`${courseReviews.status} <> 'replaced'`))
		.orderBy(desc(courseReviews.submittedAt))
		.limit(1);
	return row ?? null;
}
