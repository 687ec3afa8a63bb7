import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { courses, users, type Course } from '$db/schema';
import type { Database } from '../db';
import { staffScope, type StaffScope } from '../auth/staff';
import { queryRows } from '../db/rows';

/**
 * Who is looking at courses as a learner would: whether they preview unlisted courses (staff,
 * administrators) and the organisations whose own courses they may see — the one they belong to,
 * those they hold a role in, and every organisation above these.
 */
export interface CourseViewer {
	admin: boolean;
	staff: boolean;
	organisationIds: string[];
}

export const ANONYMOUS: CourseViewer = { admin: false, staff: false, organisationIds: [] };

/** The organisations named and every one above them. */
async function withAncestors(db: Database, ids: string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const list = sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	const rows = await queryRows<{ id: string }>(
		db,
		sql`with recursive up(id, parent_id) as (
			select id, parent_id from organisations where id in (${list})
			union select o.id, o.parent_id from organisations o join up on o.id = up.parent_id
		) select id from up`
	);
	return rows.map((r) => r.id);
}

export async function courseViewer(
	db: Database,
	user: { organisationId: string | null } | null,
	scope: StaffScope
): Promise<CourseViewer> {
	if (!user) return ANONYMOUS;
	if (scope.admin) return { admin: true, staff: true, organisationIds: [] };
	const own = [user.organisationId, ...scope.organisationIds].filter((id): id is string => !!id);
	return {
		admin: false,
		staff: scope.staff,
		organisationIds: await withAncestors(db, [...new Set(own)])
	};
}

/**
 * The courses an organisation's people may have, seen as one of them: what a manager may assign to
 * a class of that organisation (its own courses, those of organisations above it, the province's).
 */
export async function organisationViewer(
	db: Database,
	organisationId: string
): Promise<CourseViewer> {
	return { admin: false, staff: false, organisationIds: await withAncestors(db, [organisationId]) };
}

/**
 * Whether a learner-facing page may show this course: the one rule for the catalogue, the course
 * page, lessons, quizzes and enrolment. Only published content is ever served (a version sent for
 * review is not a course version until approved: authoring/review.ts). A course published to one
 * organisation is for its members only, staff of other organisations included; an unlisted one
 * ("draft" in course.yaml) is for staff to preview.
 */
export function mayViewCourse(
	course: Pick<Course, 'currentVersionId' | 'status' | 'organisationId'>,
	viewer: CourseViewer
): boolean {
	if (!course.currentVersionId) return false;
	if (course.organisationId && !viewer.admin) {
		if (!viewer.organisationIds.includes(course.organisationId)) return false;
	}
	return course.status === 'published' || viewer.staff;
}

/** The same rule as a condition on `courses`, for lists. */
export function viewableCourses(viewer: CourseViewer): SQL {
	const parts: SQL[] = [isNotNull(courses.currentVersionId)];
	if (!viewer.staff) parts.push(eq(courses.status, 'published'));
	if (!viewer.admin) {
		parts.push(
			viewer.organisationIds.length
				? or(
						isNull(courses.organisationId),
						inArray(courses.organisationId, viewer.organisationIds)
					)!
				: isNull(courses.organisationId)
		);
	}
	return and(...parts)!;
}

/** mayViewCourse for one signed-in (or anonymous) request, reading organisations only when needed. */
export async function mayViewCourseAs(
	db: Database,
	course: Pick<Course, 'currentVersionId' | 'status' | 'organisationId'>,
	user: { organisationId: string | null } | null,
	scope: StaffScope
): Promise<boolean> {
	const cheap = { admin: scope.admin, staff: scope.staff, organisationIds: [] };
	if (!course.organisationId || scope.admin) return mayViewCourse(course, cheap);
	return mayViewCourse(course, await courseViewer(db, user, scope));
}

/** mayViewCourse for someone known only by id (enrolling oneself, whichever page it starts on). */
export async function userMayViewCourse(
	db: Database,
	course: Pick<Course, 'currentVersionId' | 'status' | 'organisationId'>,
	userId: string
): Promise<boolean> {
	const [user] = await db
		.select({ id: users.id, isAdmin: users.isAdmin, organisationId: users.organisationId })
		.from(users)
		.where(eq(users.id, userId));
	if (!user) return false;
	return mayViewCourseAs(db, course, user, await staffScope(db, user));
}
