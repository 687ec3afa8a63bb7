import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { queueFilterOf } from '$lib/schemas/grading';
import { gradedCourseIds } from '$lib/server/assignments/access';
import { gradedCourses, gradingQueue } from '$lib/server/assignments/queue';
import { listCohorts } from '$lib/server/cohorts/cohorts';
import type { PageServerLoad } from './$types';

/** The most rows shown at once; the filter narrows the rest. */
const LIMIT = 200;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	if (!user) error(404, m.error_not_found());
	const ids = await gradedCourseIds(locals.db, user);
	// Someone who grades nothing finds no such page.
	if (ids !== null && ids.length === 0) error(404, m.error_not_found());
	const filter = queueFilterOf(url.searchParams);
	const [courses, cohorts] = await Promise.all([
		gradedCourses(locals.db, user),
		locals.scope.staff ? listCohorts(locals.db, locals.scope) : []
	]);
	// A course or class outside what this grader sees is no filter (the queue keeps to theirs anyway).
	const course = courses.some((c) => c.id === filter.course) ? filter.course : null;
	const cohort = cohorts.some((c) => c.id === filter.cohort) ? filter.cohort : null;
	const rows = await gradingQueue(locals.db, user, {
		courseId: course,
		cohortId: cohort,
		status: filter.status,
		limit: LIMIT
	});
	return {
		filter: { course, cohort, status: filter.status },
		courses,
		cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, organisationName: c.organisationName })),
		rows,
		limited: rows.length === LIMIT ? LIMIT : null
	};
};
