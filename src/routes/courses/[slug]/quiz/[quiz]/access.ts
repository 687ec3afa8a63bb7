import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { mayViewCourseAs } from '$lib/server/courses/access';
import { courseWithEnrolment } from '$lib/server/enrolment';
import { getQuiz } from '$lib/server/quiz/attempts';

/** The course and quiz, if this user may see them; enrolled learners take quizzes, staff look. */
export async function quizAccess(locals: App.Locals, params: { slug: string; quiz: string }) {
	const found = await courseWithEnrolment(locals.db, params.slug, locals.user?.id ?? null);
	if (!found || !(await mayViewCourseAs(locals.db, found.course, locals.user, locals.scope)))
		error(404, m.error_not_found());
	const { course, enrolment } = found;
	const quiz = await getQuiz(locals.db, course.id, params.quiz);
	if (!quiz) error(404, m.error_not_found());
	return { course, quiz, enrolled: enrolment?.status === 'active' };
}
