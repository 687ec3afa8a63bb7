import { and, asc, eq } from 'drizzle-orm';
import { surveyResponses, surveyTemplates, workshops } from '$db/schema';
import type { SurveyAnswers, SurveyQuestion } from '$lib/workshops';
import type { Database } from '../db';

export interface SurveyQuestionSummary {
	id: string;
	kind: 'rating' | 'comment';
	text: string;
	/** How many responses answered it (a rating given, a comment not left blank). */
	count: number;
	/** The mean rating; null for a comment or a rating nobody gave. */
	average: number | null;
	/** Counts of the ratings 1..5 (index 0 is a 1); all zero for a comment. */
	distribution: number[];
	/** The comments written, oldest first; empty for a rating. */
	comments: string[];
}

export interface SurveySummary {
	template: { id: string; title: string } | null;
	responses: number;
	questions: SurveyQuestionSummary[];
}

/**
 * The pure arithmetic of a survey's summary: each question of the template over the answers given.
 * A rating outside 1–5 (never stored by this code, but jsonb holds whatever is put there) is not
 * counted, so one bad row cannot move an average off the scale.
 */
export function summariseAnswers(
	questions: SurveyQuestion[],
	answers: SurveyAnswers[]
): SurveyQuestionSummary[] {
	return questions.map((question) => {
		const distribution = [0, 0, 0, 0, 0];
		const comments: string[] = [];
		for (const given of answers) {
			const value = given[question.id];
			if (question.kind === 'rating') {
				if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)
					distribution[value - 1]++;
			} else if (typeof value === 'string' && value.trim() !== '') comments.push(value.trim());
		}
		const rated = distribution.reduce((a, b) => a + b, 0);
		const total = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
		return {
			id: question.id,
			kind: question.kind,
			text: question.text,
			count: question.kind === 'rating' ? rated : comments.length,
			average: question.kind === 'rating' && rated > 0 ? total / rated : null,
			distribution,
			comments
		};
	});
}

/**
 * A workshop's satisfaction survey in figures: its template's questions with their averages,
 * distributions and comments, over the responses given to that template (online and paper alike).
 * Who answered is never part of it. A template is locked once answered (templates.ts), so every
 * response counted answered exactly these questions.
 */
export async function surveySummary(db: Database, workshopId: string): Promise<SurveySummary> {
	const [row] = await db
		.select({
			id: surveyTemplates.id,
			title: surveyTemplates.title,
			questions: surveyTemplates.questions
		})
		.from(workshops)
		.innerJoin(surveyTemplates, eq(surveyTemplates.id, workshops.surveyTemplateId))
		.where(eq(workshops.id, workshopId));
	if (!row) return { template: null, responses: 0, questions: [] };
	const answers = await db
		.select({ answers: surveyResponses.answers })
		.from(surveyResponses)
		.where(and(eq(surveyResponses.workshopId, workshopId), eq(surveyResponses.templateId, row.id)))
		.orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
	return {
		template: { id: row.id, title: row.title },
		responses: answers.length,
		questions: summariseAnswers(
			row.questions,
			answers.map((a) => a.answers)
		)
	};
}
