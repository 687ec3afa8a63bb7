import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { courseAuthors, courses, roleAssignments, users } from '$db/schema';
import type { Database } from '../db';

export type AuthoringAccess = 'admin' | 'owner' | 'coauthor';
type Viewer = { id: string; isAdmin: boolean };

/** Trainers (in any organisation) and administrators write courses. */
export async function mayWriteCourses(db: Database, user: Viewer | null): Promise<boolean> {
	if (!user) return false;
	if (user.isAdmin) return true;
	const [row] = await db
		.select({ id: roleAssignments.id })
		.from(roleAssignments)
		.where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, 'trainer')))
		.limit(1);
	return Boolean(row);
}

/** What this user may do with a course in the editor; null: nothing. */
export async function authoringAccess(
	db: Database,
	user: Viewer | null,
	courseId: string
): Promise<AuthoringAccess | null> {
	if (!user) return null;
	const [row] = await db
		.select({ role: courseAuthors.role })
		.from(courseAuthors)
		.where(and(eq(courseAuthors.courseId, courseId), eq(courseAuthors.userId, user.id)));
	if (row) return row.role;
	return user.isAdmin ? 'admin' : null;
}

/** The courses on a user's authoring page: theirs, or every course for an administrator. */
export async function authoredCourses(db: Database, user: Viewer) {
	const mine = db
		.select({ courseId: courseAuthors.courseId })
		.from(courseAuthors)
		.where(eq(courseAuthors.userId, user.id));
	return db
		.select({
			id: courses.id,
			slug: courses.slug,
			title: courses.title,
			status: courses.status,
			origin: courses.origin,
			published: sql<boolean>`${courses.currentVersionId} is not null`,
			/** A version sent for review and not yet decided. */
			// Spelled out: in a one-table select Drizzle leaves columns unqualified, and a bare "id"
			// inside the subquery would be the review's.
			waiting: sql<boolean>`exists (select 1 from course_reviews r where r.course_id = "courses"."id" and r.status = 'submitted')`,
			updatedAt: courses.updatedAt
		})
		.from(courses)
		.where(user.isAdmin ? undefined : inArray(courses.id, mine))
		.orderBy(sql`${courses.title}->>'vi'`);
}

export async function courseAuthorList(db: Database, courseId: string) {
	return db
		.select({
			userId: users.id,
			name: users.fullName,
			email: users.email,
			username: users.username,
			role: courseAuthors.role
		})
		.from(courseAuthors)
		.innerJoin(users, eq(courseAuthors.userId, users.id))
		.where(eq(courseAuthors.courseId, courseId))
		.orderBy(courseAuthors.role, users.fullName);
}

/** Finds a user by e-mail or username, as typed (case and spaces do not matter). */
export async function findUserByIdentifier(db: Database, identifier: string) {
	const value = identifier.trim().toLowerCase();
	const [user] = await db
		.select({ id: users.id, name: users.fullName, isAdmin: users.isAdmin })
		.from(users)
		.where(or(eq(users.email, value), eq(users.username, value)));
	return user ?? null;
}
