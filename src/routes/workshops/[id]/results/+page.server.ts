import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	paperScoreRows,
	paperScoreRowSchema,
	surveyAnswersSchema,
	surveyFormValues,
	type PaperScoreRow
} from '$lib/schemas/workshop-day';
import { workshopAccess } from '$lib/server/workshops/access';
import { participantList } from '$lib/server/workshops/participants';
import { savePaperScores, scoresOnRecord } from '$lib/server/workshops/scores';
import { enterPaperSurvey, surveyOf, surveySummary } from '$lib/server/workshops/survey';
import { testSummary } from '$lib/server/workshops/tests';
import { viewerOf } from '../../options.server';
import type { Actions, PageServerLoad } from './$types';

/** Its trainers and those who plan it; 404 for everyone else, as on the workshop's own page. */
async function trainerAccess(locals: App.Locals, id: string) {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(locals.db, viewerOf(locals), id);
	if (!access || !access.takeAttendance) error(404, m.error_not_found());
	return access;
}

/** The day's results: paper scores to type in, paper survey forms, and the summaries. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { workshop } = await trainerAccess(locals, params.id);
	const [people, onRecord, tests, survey, summary] = await Promise.all([
		participantList(locals.db, workshop.id),
		scoresOnRecord(locals.db, workshop.id),
		testSummary(locals.db, workshop.id),
		surveyOf(locals.db, workshop.id),
		surveySummary(locals.db, workshop.id)
	]);
	const score = (userId: string, phase: 'pre' | 'post') => {
		const row = onRecord.get(`${userId}:${phase}`);
		return row ? { percent: row.percent, source: row.source } : null;
	};
	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			hasPre: workshop.preQuizId !== null,
			hasPost: workshop.postQuizId !== null
		},
		people: people.map((p) => ({
			userId: p.userId,
			fullName: p.fullName,
			account: p.account,
			pre: score(p.userId, 'pre'),
			post: score(p.userId, 'post')
		})),
		tests,
		survey,
		summary
	};
};

export const actions: Actions = {
	/** The whole table at once; a bad field refuses it all, keeping what was typed. */
	scores: async ({ locals, params, request }) => {
		await trainerAccess(locals, params.id);
		const typed = paperScoreRows(await request.formData());
		const errors: Record<string, string> = {};
		const rows: PaperScoreRow[] = [];
		for (const row of typed) {
			const parsed = paperScoreRowSchema.safeParse(row);
			if (parsed.success) rows.push(parsed.data);
			else
				for (const issue of parsed.error.issues)
					errors[`${String(issue.path[0])}.${row.userId}`] ??= issue.message;
		}
		const values = Object.fromEntries(
			typed.flatMap((r) => [
				[`pre.${r.userId}`, r.pre],
				[`post.${r.userId}`, r.post]
			])
		);
		if (Object.keys(errors).length > 0)
			return fail(400, {
				scores: {
					values,
					errors,
					message: m.ws_day_scores_invalid({ count: Object.keys(errors).length })
				}
			});
		const result = await savePaperScores(locals.db, viewerOf(locals), params.id, rows);
		if (!result.ok) {
			if (result.reason !== 'not_participant') error(404, m.error_not_found());
			return fail(409, { scores: { values, errors, message: m.ws_day_scores_stranger() } });
		}
		return { scores: { saved: result.saved, removed: result.removed } };
	},

	/** One paper survey form, anonymous. */
	paperSurvey: async ({ locals, params, request }) => {
		await trainerAccess(locals, params.id);
		const survey = await surveyOf(locals.db, params.id);
		if (!survey) error(404, m.error_not_found());
		const values = surveyFormValues(await request.formData(), survey.questions);
		const parsed = surveyAnswersSchema(survey.questions, true).safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues)
				errors[String(issue.path[0] ?? '')] ??= issue.message;
			return fail(400, { paper: { values, errors } });
		}
		const result = await enterPaperSurvey(locals.db, viewerOf(locals), params.id, parsed.data);
		if (!result.ok) error(404, m.error_not_found());
		return { paper: { saved: true } };
	}
};
