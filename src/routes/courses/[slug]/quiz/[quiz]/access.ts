import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { courseWithEnrolment } from '$lib/server/enrolment';
import { getQuiz } from '$lib/server/quiz/attempts';

/** The course and quiz, if this user may see them; enrolled learners take quizzes, staff look. */
export async function quizAccess(locals: App.Locals, params: { slug: string; quiz: string }) {
	const found = await courseWithEnrolment(locals.db, params.slug, locals.user?.id ?? null);
	if (!found?.course.currentVersionId) error(404, m.error_not_found());
	const { course, enrolment } = found;
	if (course.status !== 'published' && !locals.scope.staff) error(404, m.error_not_found());
	const quiz = await getQuiz(locals.db, course.id, params.quiz);
	if (!quiz) error(404, m.error_not_found());
	return { course, quiz, enrolled: enrolment?.status === 'active' };
}
