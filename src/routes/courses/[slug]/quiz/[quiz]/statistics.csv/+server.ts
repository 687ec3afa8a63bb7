import { statisticsCsv } from '$lib/server/quiz/statistics';
import { staffQuizReport } from '../staff';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http/content-disposition';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { quiz, report } = await staffQuizReport(locals, params);
	return new Response(statisticsCsv(report.questions), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(`thong-ke-${quiz.slug}.csv`),
			'cache-control': 'no-store'
		}
	});
};
