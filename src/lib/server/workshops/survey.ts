import { and, asc, eq } from 'drizzle-orm';
import { surveyResponses, surveyTemplates, workshops } from '$db/schema';
import type { SurveyAnswers, SurveyQuestion } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { workshopAccess, type WorkshopViewer } from './access';
import { isParticipant } from './participants';

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

/** The survey a workshop asks, with its questions; null for none. */
export async function surveyOf(
	db: Database,
	workshopId: string
): Promise<{ id: string; title: string; questions: SurveyQuestion[] } | null> {
	const [row] = await db
		.select({
			id: surveyTemplates.id,
			title: surveyTemplates.title,
			questions: surveyTemplates.questions
		})
		.from(workshops)
		.innerJoin(surveyTemplates, eq(surveyTemplates.id, workshops.surveyTemplateId))
		.where(eq(workshops.id, workshopId));
	return row ?? null;
}

/** Whether this person has answered the workshop's survey. */
export async function hasAnswered(
	db: Database,
	workshopId: string,
	userId: string
): Promise<boolean> {
	const [row] = await db
		.select({ id: surveyResponses.id })
		.from(surveyResponses)
		.where(and(eq(surveyResponses.workshopId, workshopId), eq(surveyResponses.userId, userId)));
	return row !== undefined;
}

export type SurveyRefusal =
	'not_found' | 'not_open' | 'no_survey' | 'not_participant' | 'already' | 'not_allowed';

/**
 * A participant answers the survey, once: someone registered or present, while the workshop is
 * open. A second answer (another tab, a replayed form) is refused as 'already'; the unique index
 * decides when two arrive at once.
 */
export async function submitSurvey(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	answers: SurveyAnswers
): Promise<{ ok: true } | { ok: false; reason: SurveyRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !viewer.user) return { ok: false, reason: 'not_found' };
	if (access.workshop.status !== 'open') return { ok: false, reason: 'not_open' };
	const survey = await surveyOf(db, workshopId);
	if (!survey) return { ok: false, reason: 'no_survey' };
	if (!(await isParticipant(db, workshopId, viewer.user.id)))
		return { ok: false, reason: 'not_participant' };
	const inserted = await db
		.insert(surveyResponses)
		.values({
			workshopId,
			templateId: survey.id,
			userId: viewer.user.id,
			answers,
			recordedBy: viewer.user.id
		})
		.onConflictDoNothing()
		.returning({ id: surveyResponses.id });
	return inserted.length > 0 ? { ok: true } : { ok: false, reason: 'already' };
}

/**
 * The trainer types in one paper survey form: anonymous (no person), counted with the others. Its
 * trainers and planners only, at an open or closed workshop (forms are often typed in afterwards).
 */
export async function enterPaperSurvey(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	answers: SurveyAnswers
): Promise<{ ok: true } | { ok: false; reason: SurveyRefusal }> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access || !viewer.user) return { ok: false, reason: 'not_found' };
	if (!access.takeAttendance) return { ok: false, reason: 'not_allowed' };
	const survey = await surveyOf(db, workshopId);
	if (!survey) return { ok: false, reason: 'no_survey' };
	const actorId = viewer.user.id;
	await db.transaction(async (tx) => {
		await tx
			.insert(surveyResponses)
			.values({ workshopId, templateId: survey.id, userId: null, answers, recordedBy: actorId });
		await recordAudit(tx, {
			actorId,
			action: 'workshop.paper_survey_entered',
			subjectId: workshopId
		});
	});
	return { ok: true };
}
