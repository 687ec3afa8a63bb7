import { and, eq, sql } from 'drizzle-orm';
import { courses, enrolments, type Course, type Enrolment } from '$db/schema';
import type { Database } from '../db';
import { refreshSummaries } from '../progress/summary';
import type { StaffScope } from '../auth/staff';
import { reachOrInvite } from '../invitations';
import { userMayViewCourse } from '../courses/access';

export type SelfEnrolResult =
	| { ok: true; enrolment: Enrolment; returning: boolean }
	| { ok: false; reason: 'not_found' | 'closed' | 'wrong_key' | 'key_required' };

export async function getCourseBySlug(db: Database, slug: string): Promise<Course | undefined> {
	const [course] = await db.select().from(courses).where(eq(courses.slug, slug));
	return course;
}

export async function getEnrolment(db: Database, userId: string, courseId: string) {
	const [row] = await db
		.select()
		.from(enrolments)
		.where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
	return row;
}

/**
 * A course by its address with the user's enrolment in it (if any), in one query: every course,
 * lesson and quiz page asks both.
 */
export async function courseWithEnrolment(
	db: Database,
	slug: string,
	userId: string | null
): Promise<{ course: Course; enrolment: Enrolment | undefined } | undefined> {
	const [row] = await db
		.select({ course: courses, enrolment: enrolments })
		.from(courses)
		.leftJoin(
			enrolments,
			and(eq(enrolments.courseId, courses.id), userId ? eq(enrolments.userId, userId) : sql`false`)
		)
		.where(eq(courses.slug, slug));
	return row && { course: row.course, enrolment: row.enrolment ?? undefined };
}

/** Keys are compared without regard to case or surrounding spaces: they are read aloud in class. */
const sameKey = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * Enrols or re-enrols a user; a learner who left and comes back finds their progress where it was.
 * Concurrent calls for one user and course make one enrolment (the unique index decides).
 */
export async function upsertEnrolment(
	db: Database,
	userId: string,
	courseId: string,
	source: Enrolment['source'],
	enrolledBy: string | null
): Promise<{ enrolment: Enrolment; returning: boolean; already: boolean }> {
	const existing = await getEnrolment(db, userId, courseId);
	if (existing?.status === 'active')
		return { enrolment: existing, returning: false, already: true };
	if (existing) {
		const [enrolment] = await db
			.update(enrolments)
			.set({ status: 'active', leftAt: null })
			.where(eq(enrolments.id, existing.id))
			.returning();
		return { enrolment, returning: true, already: false };
	}
	const [inserted] = await db
		.insert(enrolments)
		.values({ userId, courseId, source, enrolledBy })
		.onConflictDoNothing()
		.returning();
	if (inserted) {
		// Its summary starts with the course's required lessons (progress/summary.ts).
		await refreshSummaries(db, { enrolmentIds: [inserted.id] });
		return { enrolment: inserted, returning: false, already: false };
	}
	return {
		enrolment: (await getEnrolment(db, userId, courseId))!,
		returning: false,
		already: true
	};
}

/** A learner enrols themself: open courses directly, key courses with the key, never assigned ones. */
export async function enrolSelf(
	db: Database,
	userId: string,
	course: Course,
	key?: string
): Promise<SelfEnrolResult> {
	if (course.status !== 'published') return { ok: false, reason: 'not_found' };
	// An organisation's own course is for its members only (courses/access.ts), whatever the page.
	if (course.organisationId && !(await userMayViewCourse(db, course, userId)))
		return { ok: false, reason: 'not_found' };
	const existing = await getEnrolment(db, userId, course.id);
	// Someone once enrolled (even by a manager) may come back without the key.
	if (!existing) {
		if (course.enrolment === 'assigned') return { ok: false, reason: 'closed' };
		if (course.enrolment === 'key') {
			if (!key?.trim()) return { ok: false, reason: 'key_required' };
			if (!course.enrolmentKey || !sameKey(key, course.enrolmentKey)) {
				return { ok: false, reason: 'wrong_key' };
			}
		}
	}
	const source = course.enrolment === 'key' ? 'key' : 'self';
	const { enrolment, returning } = await upsertEnrolment(db, userId, course.id, source, null);
	return { ok: true, enrolment, returning };
}

export type StaffEnrolResult =
	| { ok: true; enrolled: 'new' | 'returning' | 'already'; user: { id: string; fullName: string } }
	| { ok: true; enrolled: 'invited' }
	| { ok: false; reason: 'user_not_found' };

/**
 * A trainer, manager or administrator enrols someone by e-mail or username, whatever the mode.
 * Someone outside the staff member's reach is invited on behalf of `organisationId` instead, and
 * the answer is the same whether or not the identifier names an account.
 */
export async function enrolByStaff(
	db: Database,
	scope: StaffScope,
	actorId: string,
	course: Course,
	organisationId: string | null,
	identifier: string
): Promise<StaffEnrolResult> {
	// Administrators reach everyone, so they never invite and need no organisation to invite for.
	const target = organisationId ? { organisationId, courseId: course.id } : null;
	const found = await reachOrInvite(db, scope, actorId, target, identifier);
	if (found.kind === 'not_found') return { ok: false, reason: 'user_not_found' };
	if (found.kind === 'invited') return { ok: true, enrolled: 'invited' };
	const { user } = found;
	const { returning, already } = await upsertEnrolment(db, user.id, course.id, 'staff', actorId);
	return { ok: true, enrolled: already ? 'already' : returning ? 'returning' : 'new', user };
}

/** Leaving keeps progress, so coming back resumes it. */
export async function leaveCourse(db: Database, userId: string, courseId: string): Promise<void> {
	await db
		.update(enrolments)
		.set({ status: 'left', leftAt: new Date() })
		.where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
}
