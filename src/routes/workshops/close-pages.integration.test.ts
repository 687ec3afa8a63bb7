import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { workshops, workshopSessions, type User } from '$db/schema';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { recordAttendance } from '$lib/server/workshops/attendance';
import { actions as closeActions, load as closeLoad } from './[id]/close/+page.server';
import { GET as dossierGet } from './[id]/dossier.zip/+server';

/** The closing page, its actions and the class record, called as SvelteKit calls them. */
describe.each(testEngines)('closing pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let trainer: App.Locals, manager: App.Locals, foreign: App.Locals, learner: App.Locals;
	let learnerUser: User;
	let workshopId: string;

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
		run: (event: never) => unknown,
		locals: App.Locals,
		fields?: Record<string, string>
	) {
		const url = `http://localhost/workshops/${workshopId}/close`;
		const request = fields
			? new Request(url, { method: 'POST', body: new URLSearchParams(fields) })
			: new Request(url);
		try {
			return {
				result: await run({
					locals,
					params: { id: workshopId },
					request,
					url: new URL(url)
				} as never)
			};
		} catch (thrown) {
			return { thrown };
		}
	}
	const status = (outcome: { thrown?: unknown }) =>
		isHttpError(outcome.thrown) ? outcome.thrown.status : null;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null }))
			.id;
		const orgB = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		const planner = await makeUser(db);
		await grantRole(db, null, planner.id, 'manager', orgA);
		const other = await makeUser(db);
		await grantRole(db, null, other.id, 'manager', orgB);
		// Named on the workshop, not staff of its organisation: a trainer who may not plan it.
		const named = await makeUser(db);
		learnerUser = await makeUser(db, { fullName: 'Phan Thị Tham Dự' });
		const [w] = await db
			.insert(workshops)
			.values({ title: 'Hội thảo ngành dừa', organisationId: orgA, status: 'open' })
			.returning();
		workshopId = w.id;
		const { workshopTrainers } = await import('$db/schema');
		await db.insert(workshopTrainers).values({ workshopId, userId: named.id });
		const [session] = await db
			.insert(workshopSessions)
			.values({
				workshopId,
				startsAt: new Date('2026-03-02T01:00:00Z'),
				endsAt: new Date('2026-03-02T04:00:00Z')
			})
			.returning();
		await recordAttendance(db, {
			sessionId: session.id,
			userId: learnerUser.id,
			method: 'tap',
			by: planner.id,
			at: new Date('2026-03-02T01:10:00Z')
		});
		[trainer, manager, foreign, learner] = await Promise.all(
			[named, planner, other, learnerUser].map(localsOf)
		);
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('shows the page and the class record to its trainers and planners only: 404 for anyone else', async () => {
		for (const who of [foreign, learner]) {
			expect(status(await call(closeLoad as never, who))).toBe(404);
			expect(status(await call(closeActions.close as never, who, {}))).toBe(404);
			expect(status(await call(closeActions.reopen as never, who, {}))).toBe(404);
			expect(status(await call(dossierGet as never, who))).toBe(404);
		}
		const page = (await call(closeLoad as never, trainer)).result as { plan: boolean };
		expect(page.plan).toBe(false);
		const response = (await call(dossierGet as never, trainer)).result as Response;
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toContain(
			'Ho-so-lop-Hoi-thao-nganh-dua.zip'
		);
		const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
		expect(Object.keys(files).sort()).toEqual(['ho-so-lop.pdf', 'ho-so-lop.xlsx']);
	});

	it('lets a planner set the certificate, a trainer close, and only a planner reopen', async () => {
		// A trainer may not decide the certificate; a share out of range comes back to the form.
		expect(
			status(
				await call(closeActions.certificate as never, trainer, {
					attendanceCertificate: 'on',
					rule: 'all'
				})
			)
		).toBe(403);
		const bad = (await call(closeActions.certificate as never, manager, {
			attendanceCertificate: 'on',
			rule: 'share',
			sharePercent: '150'
		})) as { result: { status: number; data: { settings: { errors: Record<string, string[]> } } } };
		expect(bad.result.status).toBe(400);
		expect(bad.result.data.settings.errors.sharePercent).toEqual([
			'Nhập một số nguyên từ 1 đến 100.'
		]);
		await call(closeActions.certificate as never, manager, {
			attendanceCertificate: 'on',
			rule: 'share',
			sharePercent: '75'
		});
		const [saved] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
		expect(saved).toMatchObject({
			attendanceCertificate: true,
			attendanceRule: { kind: 'share', share: 0.75 }
		});

		const closed = (await call(closeActions.close as never, trainer, {})).result;
		expect(closed).toEqual({
			closed: true,
			text: 'Đã kết thúc lớp. Số giấy chứng nhận tham dự đã cấp: 1.'
		});
		const page = (await call(closeLoad as never, trainer)).result as {
			summary: { issued: { fullName: string }[] };
		};
		expect(page.summary.issued.map((c) => c.fullName)).toEqual(['Phan Thị Tham Dự']);
		expect(status(await call(closeActions.reopen as never, trainer, {}))).toBe(403);
		expect((await call(closeActions.reopen as never, manager, {})).result).toMatchObject({
			reopened: true
		});
		const [row] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
		expect(row.status).toBe('open');
	});
});
