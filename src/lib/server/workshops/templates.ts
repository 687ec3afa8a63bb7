import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { organisations, surveyResponses, surveyTemplates, type SurveyTemplate } from '$db/schema';
import type { SurveyTemplateForm } from '$lib/schemas/workshop-day';
import type { SurveyQuestion } from '$lib/workshops';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';
import { reachOf } from '../organisations/reach';
import { mayPlanFor } from './access';

// Survey templates: the platform's (organisationId null), kept by administrators, and each
// organisation's own, kept by those who plan its workshops (access.ts mayPlanFor).
//
// A template that has been answered keeps its questions: editing them is refused and a copy is
// offered instead. Editing in place would change what past answers meant (a 4 given to "the
// trainer was clear" read as a 4 for "the venue was suitable"); making a copy behind the planner's
// back would leave the workshops that use it on the old one, or move them mid-survey and split
// their answers between two templates. Its title may still change.

export interface TemplateRow {
	id: string;
	title: string;
	organisationId: string | null;
	organisationName: string | null;
	questions: number;
	archived: boolean;
	/** Responses given to it, at any workshop: its questions are locked once there is one. */
	answers: number;
}

/** Which templates this scope sees: the platform's, and those of organisations within reach. */
async function visible(db: Database, scope: StaffScope): Promise<SQL | undefined> {
	const reach = await reachOf(db, scope);
	if (reach.everyone) return undefined;
	return reach.organisationIds.length === 0
		? isNull(surveyTemplates.organisationId)
		: or(
				isNull(surveyTemplates.organisationId),
				inArray(surveyTemplates.organisationId, reach.organisationIds)
			);
}

export async function listTemplates(db: Database, scope: StaffScope): Promise<TemplateRow[]> {
	const answers = db
		.select({ templateId: surveyResponses.templateId, n: count().as('n') })
		.from(surveyResponses)
		.groupBy(surveyResponses.templateId)
		.as('answers');
	const rows = await db
		.select({
			template: surveyTemplates,
			organisationName: organisations.name,
			answers: sql<number>`coalesce(${answers.n}, 0)`.mapWith(Number)
		})
		.from(surveyTemplates)
		.leftJoin(organisations, eq(organisations.id, surveyTemplates.organisationId))
		.leftJoin(answers, eq(answers.templateId, surveyTemplates.id))
		.where(await visible(db, scope))
		.orderBy(
			sql`${surveyTemplates.archivedAt} is not null`,
			sql`${surveyTemplates.organisationId} is not null`,
			asc(organisations.name),
			asc(surveyTemplates.title)
		);
	return rows.map(({ template: t, organisationName, answers }) => ({
		id: t.id,
		title: t.title,
		organisationId: t.organisationId,
		organisationName,
		questions: t.questions.length,
		archived: t.archivedAt !== null,
		answers
	}));
}

/** The choice of survey for a workshop form: not archived, the platform's first. */
export async function templateChoices(db: Database, scope: StaffScope) {
	const rows = await listTemplates(db, scope);
	return rows
		.filter((t) => !t.archived)
		.map((t) => ({ id: t.id, title: t.title, organisationId: t.organisationId }));
}

/**
 * Whether a workshop of this organisation may ask this survey: the platform's or the
 * organisation's own, not archived (unless it is the one the workshop already asks).
 */
export async function templateFitsWorkshop(
	db: Database,
	templateId: string,
	organisationId: string,
	current: string | null
): Promise<boolean> {
	const [t] = await db
		.select({
			organisationId: surveyTemplates.organisationId,
			archivedAt: surveyTemplates.archivedAt
		})
		.from(surveyTemplates)
		.where(eq(surveyTemplates.id, templateId));
	if (!t) return false;
	if (t.archivedAt && templateId !== current) return false;
	return t.organisationId === null || t.organisationId === organisationId;
}

/** Whether this scope may change the template: administrators the platform's, planners their own. */
async function mayKeep(db: Database, scope: StaffScope, t: Pick<SurveyTemplate, 'organisationId'>) {
	return t.organisationId === null ? scope.admin : mayPlanFor(db, scope, t.organisationId);
}

/** A template to show or edit, with whether it is locked; undefined when not the viewer's to see. */
export async function getTemplate(db: Database, scope: StaffScope, id: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [t] = await db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id));
	if (!t) return undefined;
	const seen = t.organisationId === null || (await mayPlanFor(db, scope, t.organisationId));
	if (!seen) return undefined;
	const [{ n }] = await db
		.select({ n: count() })
		.from(surveyResponses)
		.where(eq(surveyResponses.templateId, id));
	return { template: t, answered: Number(n) > 0, mayEdit: await mayKeep(db, scope, t) };
}

/** Ids for the new questions, kept for the ones that had one. */
function withIds(questions: SurveyTemplateForm['questions']): SurveyQuestion[] {
	const given = new Set(questions.map((q) => q.id).filter(Boolean));
	const used = new Set<string>();
	return questions.map((q) => {
		let id = q.id && !used.has(q.id) ? q.id : '';
		while (!id || used.has(id) || (id !== q.id && given.has(id)))
			id = `q${randomBytes(3).toString('hex')}`;
		used.add(id);
		return {
			id,
			kind: q.kind,
			text: q.text.normalize('NFC'),
			...(q.kind === 'rating' ? { required: true } : {})
		};
	});
}

const sameQuestions = (a: SurveyQuestion[], b: SurveyTemplateForm['questions']) =>
	a.length === b.length &&
	a.every(
		(q, i) => q.id === b[i].id && q.kind === b[i].kind && q.text === b[i].text.normalize('NFC')
	);

export type TemplateRefusal = 'not_found' | 'not_allowed' | 'answered';

/** A new template of an organisation (by one who plans its workshops), or of the platform (administrators). */
export async function createTemplate(
	db: Database,
	actor: { id: string; scope: StaffScope },
	organisationId: string | null,
	input: SurveyTemplateForm
): Promise<{ ok: true; template: SurveyTemplate } | { ok: false; reason: 'not_allowed' }> {
	if (!(await mayKeep(db, actor.scope, { organisationId })))
		return { ok: false, reason: 'not_allowed' };
	const [template] = await db
		.insert(surveyTemplates)
		.values({
			organisationId,
			title: input.title.normalize('NFC'),
			questions: withIds(input.questions.map((q) => ({ ...q, id: '' }))),
			createdBy: actor.id
		})
		.returning();
	return { ok: true, template };
}

/** Changes a template; its questions only while nobody has answered it ('answered'). */
export async function updateTemplate(
	db: Database,
	scope: StaffScope,
	id: string,
	input: SurveyTemplateForm
): Promise<{ ok: true } | { ok: false; reason: TemplateRefusal }> {
	const found = await getTemplate(db, scope, id);
	if (!found) return { ok: false, reason: 'not_found' };
	if (!found.mayEdit) return { ok: false, reason: 'not_allowed' };
	const questionsChanged = !sameQuestions(found.template.questions, input.questions);
	if (questionsChanged && found.answered) return { ok: false, reason: 'answered' };
	await db
		.update(surveyTemplates)
		.set({
			title: input.title.normalize('NFC'),
			...(questionsChanged ? { questions: withIds(input.questions) } : {}),
			updatedAt: sql`now()`
		})
		.where(eq(surveyTemplates.id, id));
	return { ok: true };
}

/** Archives a template (hidden from new workshops; those that ask it keep it) or takes it back. */
export async function setTemplateArchived(
	db: Database,
	scope: StaffScope,
	id: string,
	archived: boolean
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'not_allowed' }> {
	const found = await getTemplate(db, scope, id);
	if (!found) return { ok: false, reason: 'not_found' };
	if (!found.mayEdit) return { ok: false, reason: 'not_allowed' };
	await db
		.update(surveyTemplates)
		.set({ archivedAt: archived ? sql`now()` : null, updatedAt: sql`now()` })
		.where(and(eq(surveyTemplates.id, id)));
	return { ok: true };
}

/** A copy of a template the viewer sees, as a new template of an organisation they plan for. */
export async function copyTemplate(
	db: Database,
	actor: { id: string; scope: StaffScope },
	id: string,
	organisationId: string | null,
	title: string
): Promise<
	{ ok: true; template: SurveyTemplate } | { ok: false; reason: 'not_found' | 'not_allowed' }
> {
	const found = await getTemplate(db, actor.scope, id);
	if (!found) return { ok: false, reason: 'not_found' };
	return createTemplate(db, actor, organisationId, {
		title,
		questions: found.template.questions.map((q) => ({ id: '', kind: q.kind, text: q.text }))
	});
}
