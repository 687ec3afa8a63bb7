import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, surveyTemplates, users, workshops, workshopTestScores } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { surveySummary } from './survey';
import { testScores, testSummary } from './tests';

describe.each(testEngines)("a workshop's day in figures on %s", (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let organisationId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		organisationId = (
			await createOrganisation(db, { name: 'Trung tâm Khuyến công', kind: 'agency', area: null })
		).id;
	});
	afterAll(async () => {
		await handle?.close();
	});

	async function people(n: number) {
		const rows = await db
			.insert(users)
			.values(
				Array.from({ length: n }, (_, i) => ({
					username: `hv-${randomBytes(5).toString('hex')}`,
					passwordHash: 'x',
					fullName: `Học viên ${i}`
				}))
			)
			.returning({ id: users.id });
		return rows.map((r) => r.id);
	}
	async function workshop(surveyTemplateId: string | null = null) {
		const [row] = await db
			.insert(workshops)
			.values({ title: 'Tập huấn SXSH', organisationId, status: 'open', surveyTemplateId })
			.returning();
		return row.id;
	}

	it('averages pre and post tests over whoever took each, and the gain only over the paired', async () => {
		const id = await workshop();
		const [a, b, c, d] = await people(4);
		await db.insert(workshopTestScores).values([
			{ workshopId: id, userId: a, phase: 'pre', percent: 40, source: 'online' },
			{ workshopId: id, userId: a, phase: 'post', percent: 80, source: 'online' },
			{ workshopId: id, userId: b, phase: 'pre', percent: 60, source: 'paper' },
			{ workshopId: id, userId: b, phase: 'post', percent: 70, source: 'paper' },
			// c came late: a post-test only, which must not flatter the gain.
			{ workshopId: id, userId: c, phase: 'post', percent: 100, source: 'paper' },
			// d left early.
			{ workshopId: id, userId: d, phase: 'pre', percent: 20, source: 'online' }
		]);
		// Another workshop's scores are not counted.
		const other = await workshop();
		await db
			.insert(workshopTestScores)
			.values({ workshopId: other, userId: a, phase: 'pre', percent: 0, source: 'paper' });

		const scores = await testScores(db, id);
		expect(scores).toHaveLength(4);
		expect(scores.find((s) => s.userId === a)).toEqual({ userId: a, pre: 40, post: 80 });
		expect(scores.find((s) => s.userId === c)).toEqual({ userId: c, pre: null, post: 100 });
		expect(scores.find((s) => s.userId === d)).toEqual({ userId: d, pre: 20, post: null });

		const summary = await testSummary(db, id);
		expect(summary.pre).toEqual({ count: 3, average: 40 });
		expect(summary.post?.count).toBe(3);
		expect(summary.post?.average).toBeCloseTo(250 / 3, 6);
		expect(summary.paired).toBe(2);
		expect(summary.gain).toBe(25);
	});

	it('has nothing to summarise for a workshop without scores', async () => {
		const id = await workshop();
		expect(await testScores(db, id)).toEqual([]);
		expect(await testSummary(db, id)).toEqual({ pre: null, post: null, paired: 0, gain: null });
	});

	it("summarises the survey's ratings and comments over its template's responses", async () => {
		const [template] = await db
			.insert(surveyTemplates)
			.values({
				organisationId,
				title: 'Phiếu của trung tâm',
				questions: [
					{ id: 'useful', kind: 'rating', text: 'Hữu ích', required: true },
					{ id: 'pace', kind: 'rating', text: 'Tốc độ vừa phải', required: true },
					{ id: 'note', kind: 'comment', text: 'Góp ý' }
				]
			})
			.returning();
		const id = await workshop(template.id);
		const [a, b] = await people(2);
		await db.insert(surveyResponses).values([
			{
				workshopId: id,
				templateId: template.id,
				userId: a,
				answers: { useful: 5, pace: 3, note: ' Rất tốt ' }
			},
			{
				workshopId: id,
				templateId: template.id,
				userId: b,
				answers: { useful: 4, pace: 3, note: '' }
			},
			// A paper form typed in by the trainer: no person.
			{
				workshopId: id,
				templateId: template.id,
				userId: null,
				answers: { useful: 2, note: 'Phòng nóng' }
			}
		]);
		// The same template used at another workshop is that workshop's.
		const other = await workshop(template.id);
		await db
			.insert(surveyResponses)
			.values({ workshopId: other, templateId: template.id, userId: a, answers: { useful: 1 } });

		const summary = await surveySummary(db, id);
		expect(summary.template).toEqual({ id: template.id, title: 'Phiếu của trung tâm' });
		expect(summary.responses).toBe(3);
		const [useful, pace, note] = summary.questions;
		expect(useful).toMatchObject({ id: 'useful', kind: 'rating', count: 3, average: 11 / 3 });
		expect(useful.distribution).toEqual([0, 1, 0, 1, 1]);
		expect(useful.comments).toEqual([]);
		expect(pace).toMatchObject({ count: 2, average: 3, distribution: [0, 0, 2, 0, 0] });
		expect(note).toMatchObject({ kind: 'comment', count: 2, average: null });
		expect([...note.comments].sort()).toEqual(['Phòng nóng', 'Rất tốt']);
		expect(note.distribution).toEqual([0, 0, 0, 0, 0]);
	});

	it('has no template and no questions for a workshop without a survey', async () => {
		expect(await surveySummary(db, await workshop())).toEqual({
			template: null,
			responses: 0,
			questions: []
		});
	});

	it("summarises the platform's default template with no answers yet", async () => {
		const id = await workshop('7b0c6a52-3f1e-4c8e-9a51-2d4f6b8e1c01');
		const summary = await surveySummary(db, id);
		expect(summary.template?.title).toBe('Phiếu đánh giá sau tập huấn');
		expect(summary.responses).toBe(0);
		expect(summary.questions.map((q) => q.kind)).toEqual([
			'rating',
			'rating',
			'rating',
			'rating',
			'rating',
			'comment',
			'comment'
		]);
		expect(summary.questions.every((q) => q.count === 0 && q.average === null)).toBe(true);
	});
});
