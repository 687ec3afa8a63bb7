import { m } from '$lib/paraglide/messages';

/** Where the form says why a test or the survey does not fit (server/workshops/day-plan.ts). */
export function dayPlanError(
	reason: string
): { field: 'preQuizId' | 'postQuizId' | 'surveyTemplateId'; message: string } | null {
	switch (reason) {
		case 'pre_quiz':
			return { field: 'preQuizId', message: m.ws_day_error_quiz_course() };
		case 'post_quiz':
			return { field: 'postQuizId', message: m.ws_day_error_quiz_course() };
		case 'survey':
			return { field: 'surveyTemplateId', message: m.ws_day_error_survey_choice() };
		case 'survey_answered':
			return { field: 'surveyTemplateId', message: m.ws_day_error_survey_answered() };
		default:
			return null;
	}
}
