import { randomBytes } from 'node:crypto';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, type User } from '$db/schema';
import { sessionSchema, workshopSchema } from '$lib/schemas/workshops';
import { pdfText } from '$testing/certificates';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { addSession, createWorkshop, setWorkshopStatus } from '$lib/server/workshops/plan';
import { register } from '$lib/server/workshops/registration';
import { sessionRoster } from '$lib/server/workshops/attendance';
import { actions, load } from './[id]/sessions/[sessionId]/paper/+page.server';
import { GET as sheet } from './[id]/sessions/[sessionId]/sheet.pdf/+server';

/** The paper sheet's download and its type-back screen, called as SvelteKit calls them. */
describe.each(testEngines)('paper attendance pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let trainer: App.Locals, outsider: App.Locals, learner: App.Locals;
	let params: { id: string; sessionId: string };
	let lan: string[];

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;

	async function call(
		handler: (event: never) => unknown,
		locals: App.Locals,
		fields?: Record<string, string>
	) {
		const url = `http://localhost/workshops/${params.id}/sessions/${params.sessionId}/paper`;
		const request = fields
			? new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
			: new Request(url);
		try {
			return { result: await handler({ locals, params, request, url: new URL(url) } as never) };
		} catch (thrown) {
			return { thrown };
		}
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null }))
			.id;
		const orgB = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		const a = await makeUser(db);
		await grantRole(db, null, a.id, 'trainer', orgA);
		const b = await makeUser(db);
		await grantRole(db, null, b.id, 'manager', orgB);
		[trainer, outsider, learner] = await Promise.all([
			localsOf(a),
			localsOf(b),
			localsOf(await makeUser(db))
		]);
		const viewer = { user: a, scope: trainer.scope };
		const made = await createWorkshop(
			db,
			viewer,
			workshopSchema.parse({
				title: 'Tập huấn tiết kiệm năng lượng',
				courseId: '',
				organisationId: orgA,
				venue: 'Hội trường xã',
				area: '',
				capacity: '',
				registrationMode: 'open',
				cohortId: ''
			})
		);
		if (!made.ok) throw new Error(made.reason);
		await setWorkshopStatus(db, viewer, made.workshop.id, 'open');
		const s = await addSession(
			db,
			viewer,
			made.workshop.id,
			sessionSchema.parse({ day: '2026-12-03', startTime: '08:00', endTime: '11:30' })
		);
		if (!s.ok) throw new Error(s.reason);
		params = { id: made.workshop.id, sessionId: s.session.id };
		const people = await db
			.insert(users)
			.values(
				['Hồ Thị Lan', 'Hồ Thị Lan', 'Phan Văn Khải'].map((fullName) => ({
					fullName,
					username: `hv-${randomBytes(5).toString('hex')}`,
					passwordHash: 'x'
				}))
			)
			.returning({ id: users.id });
		for (const p of people) await register(db, params.id, p.id, 'self');
		lan = people.slice(0, 2).map((p) => p.id);
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('gives the trainer the sheet as a PDF with the registrants, and everyone else a 404', async () => {
		const { result } = await call(sheet as never, trainer);
		const response = result as Response;
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="danh-sach/);
		const text = (await pdfText(new Uint8Array(await response.arrayBuffer()))).normalize('NFC');
		for (const name of ['Hồ Thị Lan', 'Phan Văn Khải', 'Tập huấn tiết kiệm năng lượng'])
			expect(text).toContain(name);
		expect(text).toContain('03/12/2026');

		for (const who of [outsider, learner]) {
			for (const handler of [sheet, load, actions.review, actions.confirm]) {
				const { thrown } = await call(
					handler as never,
					who,
					handler === sheet || handler === load ? undefined : { lines: 'Hồ Thị Lan' }
				);
				expect(isHttpError(thrown) && thrown.status).toBe(404);
			}
		}
		// A session of another workshop (or none) is not found under this one.
		const saved = params;
		params = { ...saved, sessionId: '00000000-0000-4000-8000-000000000001' };
		const { thrown } = await call(sheet as never, trainer);
		params = saved;
		expect(isHttpError(thrown) && thrown.status).toBe(404);
	});

	it('keeps what was typed on an error, asks which Lan, and records the choice once', async () => {
		const empty = await call(actions.review as never, trainer, { lines: '   \n ' });
		expect(JSON.stringify(empty.result)).toContain('Hãy gõ ít nhất một tên.');
		expect((empty.result as { data: { lines: string } }).data.lines).toBe('   \n ');

		// Row 1 of the sheet is Phan Văn Khải: by given name, Khải comes before Lan.
		const lines = 'ho thi lan\n1';
		const review = (await call(actions.review as never, trainer, { lines })).result as {
			stage: string;
			review: { status: string }[];
		};
		expect(review.stage).toBe('review');
		expect(review.review.map((r) => r.status)).toEqual(['ambiguous', 'matched']);

		// Confirmed without choosing: the review comes back with the question and the text.
		const unanswered = (await call(actions.confirm as never, trainer, { lines })).result as {
			status: number;
			data: { stage: string; lines: string; problems: Record<number, string> };
		};
		expect(unanswered.status).toBe(400);
		expect(unanswered.data).toMatchObject({ stage: 'review', lines, problems: { 1: 'choose' } });

		const confirmed = await call(actions.confirm as never, trainer, { lines, 'pick-1': lan[1] });
		expect(confirmed.result).toMatchObject({ stage: 'done' });
		const again = await call(actions.confirm as never, trainer, { lines, 'pick-1': lan[1] });
		expect(
			(again.result as { outcomes: { outcome: string }[] }).outcomes.map((o) => o.outcome)
		).toEqual(['already', 'already']);
		const present = (await sessionRoster(db, params.sessionId)).filter((r) => r.present);
		expect(present.map((r) => r.fullName).sort()).toEqual(['Hồ Thị Lan', 'Phan Văn Khải']);
		expect(present.find((r) => r.fullName === 'Hồ Thị Lan')?.userId).toBe(lan[1]);
		expect(present.every((r) => r.present === 'paper')).toBe(true);
	});
});
