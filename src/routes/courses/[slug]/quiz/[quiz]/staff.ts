import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { staffScope } from '$lib/server/auth/staff';
import type { Database } from '$lib/server/db';
import { quizReport } from '$lib/server/quiz/report';
import { quizAccess } from './access';

/** The quiz report for trainers and administrators; learners and visitors get 404. */
export async function staffQuizReport(
	db: Database,
	user: App.Locals['user'],
	params: { slug: string; quiz: string }
) {
	const scope = await staffScope(db, user);
	if (!scope.staff) error(404, m.error_not_found());
	const { course, quiz } = await quizAccess(db, user, params);
	const report = await quizReport(db, quiz.id, scope.admin ? undefined : scope.organisationIds);
	return { course, quiz, report, scoped: !scope.admin };
}
