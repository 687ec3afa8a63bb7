import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import {
	cohortMembers,
	cohorts,
	notifications,
	workshopRegistrations,
	workshops,
	type User
} from '$db/schema';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { actions as cohortActions } from '../manage/cohorts/[id]/+page.server';
import { actions as planActions } from './[id]/+page.server';

/** "Gửi thông báo" and "Hủy buổi tập huấn" as the browser posts them, without JavaScript. */
describe.each(testEngines)('announcing and cancelling on the pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let planner: App.Locals, outsider: App.Locals, learner: App.Locals;
	let learnerUser: User;
	let workshopId: string, cohortId: string;

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;

	async function post(
		action: (event: never) => unknown,
		locals: App.Locals,
		params: Record<string, string>,
		fields: Record<string, string>
	) {
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: new URLSearchParams(fields)
		});
		try {
			return { result: (await action({ locals, params, request } as never)) as never };
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
		await grantRole(db, null, a.id, 'manager', orgA);
		const b = await makeUser(db);
		await grantRole(db, null, b.id, 'manager', orgB);
		learnerUser = await makeUser(db);
		[planner, outsider, learner] = await Promise.all([a, b, learnerUser].map(localsOf));
		const [w] = await db
			.insert(workshops)
			.values({ title: 'Tập huấn SXSH', organisationId: orgA, status: 'open' })
			.returning();
		workshopId = w.id;
		await db
			.insert(workshopRegistrations)
			.values({ workshopId, userId: learnerUser.id, status: 'registered', source: 'self' });
		const [c] = await db
			.insert(cohorts)
			.values({ organisationId: orgA, name: 'K24A', year: 2026 })
			.returning();
		cohortId = c.id;
		await db.insert(cohortMembers).values({ cohortId, userId: learnerUser.id });
	});
	afterAll(() => handle?.close());

	const text = { subject: ' Đổi phòng ', body: 'Phòng B2.' };

	it('previews, then sends, to a cohort and a workshop; others are not found', async () => {
		for (const [actions, params] of [
			[cohortActions, { id: cohortId }],
			[planActions, { id: workshopId }]
		] as const) {
			const preview = await post(actions.announcePreview, planner, params, text);
			expect(preview.result).toMatchObject({
				announcePreview: { subject: 'Đổi phòng', body: 'Phòng B2.', recipients: 1 }
			});
			const sent = await post(actions.announceSend, planner, params, text);
			expect(sent.result).toMatchObject({
				form: { id: 'announce', message: { type: 'success' }, data: { subject: '', body: '' } }
			});
			for (const locals of [outsider, learner]) {
				const { thrown } = await post(actions.announcePreview, locals, params, text);
				expect(isHttpError(thrown) && thrown.status >= 403).toBe(true);
			}
		}
		const empty = await post(
			planActions.announcePreview,
			planner,
			{ id: workshopId },
			{
				subject: '',
				body: ''
			}
		);
		expect(empty.result).toMatchObject({ status: 400 });
		const inbox = await db
			.select({ kind: notifications.kind })
			.from(notifications)
			.where(eq(notifications.userId, learnerUser.id));
		expect(inbox.map((n) => n.kind)).toEqual(['announcement', 'announcement']);
	});

	it('cancels only with a reason and the confirmation, then says so', async () => {
		const params = { id: workshopId };
		const unconfirmed = await post(planActions.cancel, planner, params, { reason: 'Bão' });
		expect(unconfirmed.result).toMatchObject({
			status: 400,
			data: { cancel: { errors: { confirm: [expect.any(String)] } } }
		});
		const { thrown } = await post(planActions.cancel, outsider, params, {
			reason: 'Bão',
			confirm: 'on'
		});
		expect(isHttpError(thrown)).toBe(true);
		const done = await post(planActions.cancel, planner, params, { reason: 'Bão', confirm: 'on' });
		expect(done.result).toMatchObject({ form: { id: 'cancel', message: { type: 'success' } } });
		const [row] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
		expect(row.status).toBe('cancelled');
		const again = await post(planActions.cancel, planner, params, { reason: 'Bão', confirm: 'on' });
		expect(again.result).toMatchObject({ status: 409 });
		const status = await post(planActions.status, planner, params, { status: 'cancelled' });
		expect(status.result).toMatchObject({ status: 400 });
	});
});
