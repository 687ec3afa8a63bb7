import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, workshopRegistrations, workshops, type User } from '$db/schema';
import { surveyTemplateSchema, type SurveyTemplateForm } from '$lib/schemas/workshop-day';
import { workshopSchema } from '$lib/schemas/workshops';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { syncCourses } from '$lib/server/courses/sync';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { getCourseBySlug } from '$lib/server/enrolment';
import { createOrganisation } from '$lib/server/organisations';
import { getQuiz } from '$lib/server/quiz/attempts';
import { makeUser } from '$testing/factories';
import { createWorkshop, updateWorkshop } from '$lib/server/workshops/plan';
import {
	createTemplate,
	getTemplate,
	setTemplateArchived,
	templateChoices,
	updateTemplate
} from '$lib/server/workshops/templates';
import { actions as surveyActions, load as surveyLoad } from '../w/[id]/survey/+page.server';
import { actions as resultsActions, load as resultsLoad } from './[id]/results/+page.server';

const fixture = fileURLToPath(
	new URL('../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);
const DEFAULT_SURVEY = '7b0c6a52-3f1e-4c8e-9a51-2d4f6b8e1c01';

/** The day's pages and the plan's choices, called as SvelteKit calls them. */
describe.each(testEngines)(
	"a workshop's tests and survey, planned and on its pages, on %s",
	(engine) => {
		let handle: DatabaseHandle;
		let db: Database;
		let root: string;
		let orgA: string, orgB: string;
		let courseId: string, quizId: string;
		let trainer: App.Locals, outsider: App.Locals, admin: App.Locals;

		const localsOf = async (user: User | null): Promise<App.Locals> =>
			({
				db,
				engine,
				user,
				session: null,
				scope: await staffScope(db, user),
				requestId: 'test'
			}) as App.Locals;
		const viewer = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });

		async function call(
			fn: (event: never) => unknown,
			locals: App.Locals,
			params: Record<string, string>,
			fields?: Record<string, string>
		) {
			const url = 'http://localhost/x';
			const request = fields
				? new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
				: new Request(url);
			try {
				return { result: await fn({ locals, params, request, url: new URL(url) } as never) };
			} catch (thrown) {
				return { thrown };
			}
		}
		const status = (outcome: { result?: unknown; thrown?: unknown }) =>
			isHttpError(outcome.thrown)
				? outcome.thrown.status
				: ((outcome.result as { status?: number })?.status ?? 200);
		const plan = (fields: Record<string, string>) =>
			workshopSchema.parse({
				title: 'Tập huấn SXSH',
				courseId,
				organisationId: orgA,
				venue: '',
				area: '',
				capacity: '',
				registrationMode: 'open',
				cohortId: '',
				...fields
			});
		const template = (title: string, texts: string[]): SurveyTemplateForm =>
			surveyTemplateSchema.parse({
				title,
				questions: texts.map((text) => ({ id: '', kind: 'rating', text }))
			});

		beforeAll(async () => {
			handle = await createTestDatabase(engine);
			db = handle.db;
			root = mkdtempSync(join(tmpdir(), 'sachhon-daypages-'));
			cpSync(fixture, join(root, 'mini-course'), { recursive: true });
			await syncCourses(db, root, 'test');
			const course = (await getCourseBySlug(db, 'mini-course'))!;
			courseId = course.id;
			quizId = (await getQuiz(db, courseId, 'final'))!.id;
			orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null })).id;
			orgB = (await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null }))
				.id;
			const t = await makeUser(db);
			await grantRole(db, null, t.id, 'trainer', orgA);
			const o = await makeUser(db);
			await grantRole(db, null, o.id, 'manager', orgB);
			[trainer, outsider, admin] = await Promise.all([
				localsOf(t),
				localsOf(o),
				localsOf(await makeUser(db, { isAdmin: true }))
			]);
		});
		afterAll(async () => {
			await handle?.close();
			rmSync(root, { recursive: true, force: true });
		});

		it("takes the tests only from the workshop's own course, and a survey it may ask", async () => {
			const made = await createWorkshop(
				db,
				viewer(trainer),
				plan({ preQuizId: quizId, postQuizId: quizId, surveyTemplateId: DEFAULT_SURVEY })
			);
			expect(made.ok).toBe(true);
			if (!made.ok) return;
			expect(made.workshop).toMatchObject({
				preQuizId: quizId,
				postQuizId: quizId,
				surveyTemplateId: DEFAULT_SURVEY
			});
			// A quiz without its course, or another organisation's survey, is refused by name.
			expect(
				await createWorkshop(db, viewer(trainer), plan({ courseId: '', preQuizId: quizId }))
			).toEqual({ ok: false, reason: 'pre_quiz' });
			expect(
				await createWorkshop(db, viewer(trainer), plan({ postQuizId: crypto.randomUUID() }))
			).toEqual({ ok: false, reason: 'post_quiz' });
			const theirs = await createTemplate(
				db,
				{ id: outsider.user!.id, scope: outsider.scope },
				orgB,
				template('Phiếu của B', ['Hài lòng?'])
			);
			if (!theirs.ok) throw new Error('template');
			expect(
				await createWorkshop(db, viewer(trainer), plan({ surveyTemplateId: theirs.template.id }))
			).toEqual({ ok: false, reason: 'survey' });
			// Once answered, the workshop's survey stays.
			await db.insert(surveyResponses).values({
				workshopId: made.workshop.id,
				templateId: DEFAULT_SURVEY,
				userId: null,
				answers: { useful: 4 }
			});
			const ours = await createTemplate(
				db,
				{ id: trainer.user!.id, scope: trainer.scope },
				orgA,
				template('Phiếu của A', ['Hữu ích?'])
			);
			if (!ours.ok) throw new Error('template');
			expect(
				await updateWorkshop(
					db,
					viewer(trainer),
					made.workshop.id,
					plan({ surveyTemplateId: ours.template.id })
				)
			).toEqual({ ok: false, reason: 'survey_answered' });
			expect(
				(
					await updateWorkshop(
						db,
						viewer(trainer),
						made.workshop.id,
						plan({ surveyTemplateId: DEFAULT_SURVEY, preQuizId: '' })
					)
				).ok
			).toBe(true);
		});

		it("keeps an answered template's questions, lets its title change, and keeps each to its keepers", async () => {
			const keeper = { id: trainer.user!.id, scope: trainer.scope };
			const made = await createTemplate(
				db,
				keeper,
				orgA,
				template('Phiếu lớp tối', ['Giờ học phù hợp', 'Phòng học đủ sáng'])
			);
			if (!made.ok) throw new Error('template');
			const id = made.template.id;
			expect(made.template.questions.map((q) => q.text)).toEqual([
				'Giờ học phù hợp',
				'Phòng học đủ sáng'
			]);
			expect(new Set(made.template.questions.map((q) => q.id)).size).toBe(2);
			// Another organisation's manager neither sees nor changes it; nobody but administrators
			// changes the platform's.
			expect(await getTemplate(db, outsider.scope, id)).toBeUndefined();
			expect(await updateTemplate(db, outsider.scope, id, template('X', ['Y']))).toEqual({
				ok: false,
				reason: 'not_found'
			});
			expect(await updateTemplate(db, trainer.scope, DEFAULT_SURVEY, template('X', ['Y']))).toEqual(
				{ ok: false, reason: 'not_allowed' }
			);
			expect(await createTemplate(db, keeper, null, template('Phiếu chung', ['Y']))).toEqual({
				ok: false,
				reason: 'not_allowed'
			});

			const questions = made.template.questions.map((q) => ({
				id: q.id,
				kind: q.kind,
				text: q.text
			}));
			const edited = surveyTemplateSchema.parse({
				title: 'Phiếu lớp tối',
				questions: [...questions, { id: '', kind: 'comment', text: 'Góp ý' }]
			});
			expect(await updateTemplate(db, trainer.scope, id, edited)).toEqual({ ok: true });
			const [w] = await db
				.insert(workshops)
				.values({ title: 'Lớp tối', organisationId: orgA, status: 'open', surveyTemplateId: id })
				.returning();
			await db.insert(surveyResponses).values({
				workshopId: w.id,
				templateId: id,
				userId: null,
				answers: { [questions[0].id]: 5 }
			});
			const after = (await getTemplate(db, trainer.scope, id))!;
			expect(after.answered).toBe(true);
			const changed = surveyTemplateSchema.parse({
				title: 'Phiếu lớp tối',
				questions: [{ ...questions[0], text: 'Giảng viên nhiệt tình' }]
			});
			expect(await updateTemplate(db, trainer.scope, id, changed)).toEqual({
				ok: false,
				reason: 'answered'
			});
			const renamed = surveyTemplateSchema.parse({
				title: 'Phiếu lớp buổi tối',
				questions: after.template.questions
			});
			expect(await updateTemplate(db, trainer.scope, id, renamed)).toEqual({ ok: true });
			const kept = (await getTemplate(db, trainer.scope, id))!.template;
			expect(kept.title).toBe('Phiếu lớp buổi tối');
			expect(kept.questions).toEqual(after.template.questions);

			// Archived: not offered to new workshops; the workshop that asks it keeps it.
			expect((await templateChoices(db, trainer.scope)).map((t) => t.id)).toContain(id);
			expect(await setTemplateArchived(db, trainer.scope, id, true)).toEqual({ ok: true });
			expect((await templateChoices(db, trainer.scope)).map((t) => t.id)).not.toContain(id);
			expect(await createWorkshop(db, viewer(trainer), plan({ surveyTemplateId: id }))).toEqual({
				ok: false,
				reason: 'survey'
			});
			expect(
				(
					await updateWorkshop(
						db,
						viewer(trainer),
						w.id,
						plan({ title: 'Lớp tối', surveyTemplateId: id })
					)
				).ok
			).toBe(true);
			expect(await setTemplateArchived(db, admin.scope, DEFAULT_SURVEY, false)).toEqual({
				ok: true
			});
		});

		it('shows the results page to its trainers only, and keeps a bad score as typed', async () => {
			const made = await createWorkshop(
				db,
				viewer(trainer),
				plan({ preQuizId: quizId, surveyTemplateId: DEFAULT_SURVEY })
			);
			if (!made.ok) throw new Error(made.reason);
			const id = made.workshop.id;
			await db.update(workshops).set({ status: 'open' }).where(eq(workshops.id, id));
			const learner = await makeUser(db, { fullName: 'Lý Thị Giấy' });
			await db
				.insert(workshopRegistrations)
				.values({ workshopId: id, userId: learner.id, status: 'registered', source: 'self' });

			expect(status(await call(resultsLoad as never, outsider, { id }))).toBe(404);
			expect(status(await call(resultsLoad as never, await localsOf(learner), { id }))).toBe(404);
			const shown = (await call(resultsLoad as never, trainer, { id })).result as {
				people: { userId: string }[];
			};
			expect(shown.people.map((p) => p.userId)).toEqual([learner.id]);

			expect(
				status(
					await call(
						resultsActions.scores as never,
						outsider,
						{ id },
						{ userId: learner.id, [`pre.${learner.id}`]: '50' }
					)
				)
			).toBe(404);
			const bad = await call(
				resultsActions.scores as never,
				trainer,
				{ id },
				{ userId: learner.id, [`pre.${learner.id}`]: '150', [`post.${learner.id}`]: '70' }
			);
			expect(status(bad)).toBe(400);
			const data = (
				bad.result as {
					data: { scores: { values: Record<string, string>; errors: Record<string, string> } };
				}
			).data.scores;
			expect(data.values).toEqual({ [`pre.${learner.id}`]: '150', [`post.${learner.id}`]: '70' });
			expect(Object.keys(data.errors)).toEqual([`pre.${learner.id}`]);
			const good = await call(
				resultsActions.scores as never,
				trainer,
				{ id },
				{ userId: learner.id, [`pre.${learner.id}`]: '50', [`post.${learner.id}`]: '70' }
			);
			expect(good.result).toEqual({ scores: { saved: 2, removed: 0 } });
			const after = (await call(resultsLoad as never, trainer, { id })).result as {
				tests: { gain: number | null };
			};
			expect(after.tests.gain).toBe(20);

			// One paper survey form, anonymous; an empty one is refused.
			expect(status(await call(resultsActions.paperSurvey as never, trainer, { id }, {}))).toBe(
				400
			);
			expect(
				(await call(resultsActions.paperSurvey as never, trainer, { id }, { 'q.useful': '4' }))
					.result
			).toEqual({ paper: { saved: true } });
		});

		it('takes the survey from a participant once, and refuses someone without a seat', async () => {
			const made = await createWorkshop(
				db,
				viewer(trainer),
				plan({ surveyTemplateId: DEFAULT_SURVEY })
			);
			if (!made.ok) throw new Error(made.reason);
			const id = made.workshop.id;
			await db.update(workshops).set({ status: 'open' }).where(eq(workshops.id, id));
			const [seated, stranger] = [await makeUser(db), await makeUser(db)];
			await db
				.insert(workshopRegistrations)
				.values({ workshopId: id, userId: seated.id, status: 'registered', source: 'self' });
			const answers = {
				'q.useful': '5',
				'q.trainer': '4',
				'q.examples': '4',
				'q.arrangements': '3',
				'q.apply': '5',
				'q.best': 'Thực hành đo điện'
			};

			const strangerLocals = await localsOf(stranger);
			const page = (await call(surveyLoad as never, strangerLocals, { id })).result as {
				participant: boolean;
			};
			expect(page.participant).toBe(false);
			const refused = await call(surveyActions.default as never, strangerLocals, { id }, answers);
			expect(status(refused)).toBe(403);

			const seatedLocals = await localsOf(seated);
			const missing = await call(
				surveyActions.default as never,
				seatedLocals,
				{ id },
				{ ...answers, 'q.apply': '' }
			);
			expect(status(missing)).toBe(400);
			expect(
				Object.keys((missing.result as { data: { errors: Record<string, string> } }).data.errors)
			).toEqual(['apply']);
			expect(
				(await call(surveyActions.default as never, seatedLocals, { id }, answers)).result
			).toEqual({ sent: true });
			expect(
				status(await call(surveyActions.default as never, seatedLocals, { id }, answers))
			).toBe(409);
			const rows = await db
				.select()
				.from(surveyResponses)
				.where(eq(surveyResponses.workshopId, id));
			expect(rows).toHaveLength(1);
			expect(rows[0].answers).toMatchObject({ useful: 5, apply: 5, best: 'Thực hành đo điện' });
			// Signed out: to the sign-in page, coming back here.
			const out = await call(surveyLoad as never, await localsOf(null), { id });
			expect((out.thrown as { status: number; location: string }).location).toMatch(
				/^\/sign-in\?redirectTo=/
			);
		});
	}
);
