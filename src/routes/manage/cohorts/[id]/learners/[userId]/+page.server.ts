import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { assignedCourses } from '$lib/server/cohorts/assign';
import { learnerWork } from '$lib/server/cohorts/matrix';
import { isMember, memberAttempts } from '$lib/server/cohorts/members';
import { lessonStates } from '$lib/server/progress';
import { requireCohort } from '../../../../access.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { cohort } = await requireCohort(locals, params.id);
	// Only the cohort's own members: an id from elsewhere is not found.
	if (
		!/^[0-9a-f-]{36}$/i.test(params.userId) ||
		!(await isMember(locals.db, cohort.id, params.userId))
	)
		error(404, m.error_not_found());
	const courses = await assignedCourses(locals.db, cohort.id);
	const ids = courses.map((c) => c.courseId);
	const [[learner], lessons, attempts, work] = await Promise.all([
		locals.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, params.userId)),
		lessonStates(locals.db, params.userId, ids),
		memberAttempts(locals.db, params.userId, ids),
		// Status and points only: a manager never sees the work or the feedback.
		learnerWork(locals.db, params.userId, ids)
	]);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		learner,
		courses: courses.map((c) => ({
			...c,
			lessons: lessons.filter((l) => l.courseId === c.courseId),
			attempts: attempts.filter((a) => a.courseId === c.courseId),
			work: work
				.filter((w) => w.courseId === c.courseId)
				.map((w) => ({
					id: w.id,
					title: w.title,
					required: w.required,
					status: w.work.status,
					points: w.work.points,
					maxPoints: w.work.maxPoints,
					late: w.work.late,
					overdue: w.work.overdue,
					decidedAt: w.work.decidedAt
				}))
		}))
	};
};
