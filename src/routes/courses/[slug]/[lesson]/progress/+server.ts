import { error, json } from '@sveltejs/kit';
import { lessonContent } from '$lib/server/courses/catalogue';
import { recordActivity } from '$lib/server/progress';
import { lessonAccess } from '../access';
import type { RequestHandler } from './$types';

/**
 * Sent by the lesson page when JavaScript runs: `view` once the lesson is shown (a real view, which
 * loading the page is not: preloads load it too), `heartbeat` every half minute while the page is
 * visible (finer reading time), `end` when the reader reaches the end of the lesson (for courses
 * whose lessons complete that way). A POST, so no preload or prefetch ever sends it.
 */
export const POST: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) error(401);
	const event = url.searchParams.get('event');
	if (event !== 'view' && event !== 'heartbeat' && event !== 'end') error(400);
	const { course, currentVersionId, enrolment } = await lessonAccess(locals, params.slug);
	const lesson = await lessonContent(locals.db, course.id, currentVersionId, params.lesson);
	if (!lesson) error(404);
	if (!enrolment) return json({ tracked: false });
	const complete = event === 'end' && course.completion.completeOnReachingEnd;
	const result = await recordActivity(locals.db, {
		userId: enrolment.userId,
		courseId: course.id,
		lessonId: lesson.id,
		complete
	});
	return json({ ...result, completed: complete });
};
