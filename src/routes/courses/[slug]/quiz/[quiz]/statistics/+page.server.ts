import { staffQuizReport } from '../staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { course, quiz, report, scoped } = await staffQuizReport(locals, params);
	return {
		course: { slug: course.slug, title: course.title },
		quiz: { slug: quiz.slug, title: quiz.title },
		scoped,
		...report
	};
};
