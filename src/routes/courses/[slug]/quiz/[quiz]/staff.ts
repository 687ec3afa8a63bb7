import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { reachOf } from '$lib/server/organisations/reach';
import { quizReport } from '$lib/server/quiz/report';
import { quizAccess } from './access';

/** The quiz report for trainers and administrators; learners and visitors get 404. */
export async function staffQuizReport(locals: App.Locals, params: { slug: string; quiz: string }) {
	const scope = locals.scope;
	if (!scope.staff) error(404, m.error_not_found());
	const { course, quiz } = await quizAccess(locals, params);
	const report = await quizReport(locals.db, quiz, await reachOf(locals.db, scope));
	return { course, quiz, report, scoped: !scope.admin };
}
