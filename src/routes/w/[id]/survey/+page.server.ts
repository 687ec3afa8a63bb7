import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { surveyAnswersSchema, surveyFormValues } from '$lib/schemas/workshop-day';
import { workshopAccess } from '$lib/server/workshops/access';
import { isParticipant } from '$lib/server/workshops/participants';
import { hasAnswered, submitSurvey, surveyOf } from '$lib/server/workshops/survey';
import type { Actions, PageServerLoad } from './$types';

const viewerOf = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });

function signInFirst(url: URL): never {
	redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
}

/** A participant's satisfaction survey: one form, once, while the workshop is open. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) signInFirst(url);
	const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
	if (!access) error(404, m.error_not_found());
	const [survey, participant, answered] = await Promise.all([
		surveyOf(locals.db, params.id),
		isParticipant(locals.db, params.id, locals.user.id),
		hasAnswered(locals.db, params.id, locals.user.id)
	]);
	return {
		workshop: { id: access.workshop.id, title: access.workshop.title },
		open: access.workshop.status === 'open',
		survey,
		participant,
		answered
	};
};

const refusal = {
	not_open: () => m.ws_day_refused_not_open(),
	no_survey: () => m.ws_day_survey_none(),
	not_participant: () => m.ws_day_refused_not_participant(),
	already: () => m.ws_day_survey_already(),
	not_allowed: () => m.ws_day_refused_not_participant()
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		if (!locals.user) signInFirst(url);
		const survey = await surveyOf(locals.db, params.id);
		if (!survey) error(404, m.error_not_found());
		const values = surveyFormValues(await request.formData(), survey.questions);
		const parsed = surveyAnswersSchema(survey.questions).safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues)
				errors[String(issue.path[0] ?? '')] ??= issue.message;
			return fail(400, { values, errors });
		}
		const result = await submitSurvey(locals.db, viewerOf(locals), params.id, parsed.data);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, m.error_not_found());
			return fail(result.reason === 'not_participant' ? 403 : 409, {
				values,
				refused: refusal[result.reason]()
			});
		}
		return { sent: true };
	}
};
