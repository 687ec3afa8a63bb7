import { and, eq, inArray, isNull } from 'drizzle-orm';
import { quizzes, surveyResponses, type Workshop } from '$db/schema';
import { localise } from '$lib/localise';
import type { WorkshopForm } from '$lib/schemas/workshops';
import type { Database } from '../db';
import { templateFitsWorkshop } from './templates';

/** Why a workshop's tests or survey cannot be as planned; the form says it beside the field. */
export type DayPlanRefusal = 'pre_quiz' | 'post_quiz' | 'survey' | 'survey_answered';

/**
 * Checks the plan's pre-test, post-test and survey: each test a current quiz of the workshop's
 * own course (none without a course); the survey the platform's or the organisation's own; and
 * once people have answered the workshop's survey it stays, so its answers are summarised against
 * the questions they answered.
 */
export async function dayPlanRefusal(
	db: Database,
	input: WorkshopForm,
	existing: Workshop | null
): Promise<DayPlanRefusal | null> {
	for (const [field, quizId] of [
		['pre_quiz', input.preQuizId],
		['post_quiz', input.postQuizId]
	] as const) {
		if (!quizId) continue;
		if (!input.courseId) return field;
		const [quiz] = await db
			.select({ id: quizzes.id })
			.from(quizzes)
			.where(
				and(eq(quizzes.id, quizId), eq(quizzes.courseId, input.courseId), isNull(quizzes.retiredAt))
			);
		if (!quiz) return field;
	}
	const current = existing?.surveyTemplateId ?? null;
	const chosen = input.surveyTemplateId || null;
	if (chosen && !(await templateFitsWorkshop(db, chosen, input.organisationId, current)))
		return 'survey';
	if (existing && current && chosen !== current) {
		const [answered] = await db
			.select({ id: surveyResponses.id })
			.from(surveyResponses)
			.where(
				and(eq(surveyResponses.workshopId, existing.id), eq(surveyResponses.templateId, current))
			)
			.limit(1);
		if (answered) return 'survey_answered';
	}
	return null;
}

/** The current quizzes of these courses, for the form's test pickers (the page filters by course). */
export async function quizChoices(db: Database, courseIds: string[]) {
	if (courseIds.length === 0) return [];
	const rows = await db
		.select({
			id: quizzes.id,
			courseId: quizzes.courseId,
			title: quizzes.title,
			slug: quizzes.slug
		})
		.from(quizzes)
		.where(and(inArray(quizzes.courseId, courseIds), isNull(quizzes.retiredAt)))
		.orderBy(quizzes.slug);
	return rows.map((q) => ({ value: q.id, courseId: q.courseId, label: localise(q.title) }));
}
