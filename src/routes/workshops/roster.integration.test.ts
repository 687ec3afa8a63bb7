import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { auditEvents, users, workshopAttendance, type User } from '$db/schema';
import { workshopSchema } from '$lib/schemas/workshops';
import { MAX_SYNC_BYTES } from '$lib/schemas/workshop-roster';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { checkIn } from '$lib/server/workshops/attendance';
import { checkInCode, checkInSecret } from '$lib/server/workshops/checkin';
import { addSession, createWorkshop, setWorkshopStatus } from '$lib/server/workshops/plan';
import { register } from '$lib/server/workshops/registration';
import { actions, load } from './[id]/sessions/[sessionId]/roster/+page.server';
import { POST as sync } from './[id]/sessions/[sessionId]/roster/sync/+server';

const HOUR = 3_600_000;

/** The trainer's list and its offline sync, called as SvelteKit calls them. */
describe.each(testEngines)('the trainer’s list on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let trainer: App.Locals, outsider: App.Locals, participant: App.Locals;
	let an: User, binh: User;
	let workshopId: string, sessionId: string, pastSessionId: string;

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;

	const params = (session = sessionId) => ({ id: workshopId, sessionId: session });
	const path = (session = sessionId) => `/workshops/${workshopId}/sessions/${session}/roster`;

	/** A form action, its result or what it threw. */
	async function act(
		name: keyof typeof actions,
		locals: App.Locals,
		fields: Record<string, string>,
		session = sessionId
	) {
		const url = new URL(`http://localhost${path(session)}?/${name}`);
		const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
		try {
			const action = actions[name] as (event: never) => Promise<unknown>;
			return { result: await action({ locals, params: params(session), request, url } as never) };
		} catch (thrown) {
			return { thrown };
		}
	}

	/** The sync endpoint's answer (status and JSON), or its HTTP error's status. */
	async function post(
		locals: App.Locals,
		body: unknown,
		headers: Record<string, string> = {},
		session = sessionId
	): Promise<{ status: number; json?: { results: Record<string, unknown>[] } }> {
		const url = new URL(`http://localhost${path(session)}/sync`);
		const request = new Request(url, {
			method: 'POST',
			headers: { origin: 'http://localhost', 'content-type': 'application/json', ...headers },
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});
		try {
			const response = await sync({ locals, params: params(session), request, url } as never);
			return { status: response.status, json: await response.json() };
		} catch (thrown) {
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}

	const attendance = (userId: string, session = sessionId) =>
		db
			.select()
			.from(workshopAttendance)
			.where(and(eq(workshopAttendance.sessionId, session), eq(workshopAttendance.userId, userId)));

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null }))
			.id;
		const orgB = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		const t = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, t.id, 'trainer', orgA);
		const o = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, o.id, 'manager', orgB);
		an = await makeUser(db, { fullName: 'Đặng Thị An' });
		binh = await makeUser(db, { fullName: 'Lê Văn Bình' });
		[trainer, outsider, participant] = await Promise.all([localsOf(t), localsOf(o), localsOf(an)]);
		const viewer = { user: t, scope: trainer.scope };
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
		workshopId = made.workshop.id;
		await setWorkshopStatus(db, viewer, workshopId, 'open');
		const now = Date.now();
		const today = await addSession(db, viewer, workshopId, {
			startsAt: new Date(now - HOUR),
			endsAt: new Date(now + 2 * HOUR)
		});
		const yesterday = await addSession(db, viewer, workshopId, {
			startsAt: new Date(now - 26 * HOUR),
			endsAt: new Date(now - 23 * HOUR)
		});
		if (!today.ok || !yesterday.ok) throw new Error('sessions');
		sessionId = today.session.id;
		pastSessionId = yesterday.session.id;
		await register(db, workshopId, an.id, 'self');
		await register(db, workshopId, binh.id, 'self');
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('records a replayed batch once: its taps say already, its walk-in finds the account the first sync made', async () => {
		const batch = {
			clientBatchId: 'b-0f3c9a7e2d41',
			entries: [
				{ kind: 'tap', userId: an.id, at: new Date(Date.now() - 60_000).toISOString() },
				{
					kind: 'walkIn',
					fullName: 'Phạm Thị Đến Muộn',
					contact: '0987 654 321',
					at: new Date().toISOString()
				}
			]
		};
		const first = await post(trainer, batch);
		expect(first.status).toBe(200);
		expect(first.json!.results.map((r) => r.outcome)).toEqual(['recorded', 'recorded']);
		expect(first.json!.results[1].password).toEqual(expect.any(String));
		const again = await post(trainer, batch);
		expect(again.json!.results.map((r) => r.outcome)).toEqual(['already', 'already']);
		expect(again.json!.results[1].password).toBeNull();

		const rows = await attendance(an.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ method: 'tap', clientBatchId: 'b-0f3c9a7e2d41' });
		const walkIns = await db.select().from(users).where(eq(users.username, '0987654321'));
		expect(walkIns).toHaveLength(1);
		expect(await attendance(walkIns[0].id)).toHaveLength(1);
	});

	it('counts a QR check-in and a tap of the same person once, and does not undo the QR one', async () => {
		const now = new Date();
		const code = checkInCode(await checkInSecret(db), (await sessionOf(sessionId))!, now)!;
		expect(await checkIn(db, await checkInSecret(db), code, binh.id, now)).toBe('recorded');
		const tapped = await act('tap', trainer, { userId: binh.id });
		expect(tapped.result).toEqual({ tapped: { userId: binh.id, outcome: 'already' } });
		const synced = await post(trainer, {
			clientBatchId: 'b-7a1e55c0aa90',
			entries: [{ kind: 'tap', userId: binh.id, at: now.toISOString() }]
		});
		expect(synced.json!.results.map((r) => r.outcome)).toEqual(['already']);
		const rows = await attendance(binh.id);
		expect(rows.map((r) => r.method)).toEqual(['qr']);
		const undo = await act('undo', trainer, { userId: binh.id });
		expect(JSON.stringify(undo.result)).toContain('không hủy ở đây được');
		expect(await attendance(binh.id)).toHaveLength(1);
	});

	async function sessionOf(id: string) {
		const page = (await load({
			locals: trainer,
			params: params(id),
			url: new URL(`http://localhost${path(id)}`)
		} as never)) as { session: { id: string; startsAt: Date; endsAt: Date } };
		return page.session;
	}

	it('matches a walk-in by a phone number that already has an account, in any spelling', async () => {
		const known = await makeUser(db, { identifier: '0912345678', fullName: 'Vũ Thị Có Sẵn' });
		const added = await act('walkIn', trainer, {
			fullName: 'Chị Sẵn',
			contact: '+84 912 345 678'
		});
		expect(added.result).toMatchObject({
			walkedIn: { userId: known.id, matched: true, password: null, outcome: 'recorded' }
		});
		// The same person added offline on another phone: synced to that account too.
		const synced = await post(trainer, {
			clientBatchId: 'b-31c0ffee7788',
			entries: [
				{
					kind: 'walkIn',
					fullName: 'Vũ Thị Sẵn',
					contact: '0912.345.678',
					at: new Date().toISOString()
				}
			]
		});
		expect(synced.json!.results).toEqual([
			{ outcome: 'already', userId: known.id, password: null, fullName: 'Vũ Thị Sẵn' }
		]);
		expect(await db.select().from(users).where(eq(users.username, '0912345678'))).toHaveLength(1);
		const page = (await load({
			locals: trainer,
			params: params(),
			url: new URL(`http://localhost${path()}?q=vu%20thi`)
		} as never)) as { q: string; people: { userId: string; present: string | null }[] };
		expect(page.q).toBe('vu thi');
		expect(page.people.find((p) => p.userId === known.id)?.present).toBe('tap');
	});

	it('undoes a mistaken tap once, with an audit entry', async () => {
		const carol = await makeUser(db, { fullName: 'Trịnh Thị Bấm Nhầm' });
		await register(db, workshopId, carol.id, 'self');
		expect((await act('tap', trainer, { userId: carol.id })).result).toEqual({
			tapped: { userId: carol.id, outcome: 'recorded' }
		});
		expect((await act('undo', trainer, { userId: carol.id })).result).toEqual({
			undone: { userId: carol.id, outcome: 'removed' }
		});
		expect((await act('undo', trainer, { userId: carol.id })).result).toEqual({
			undone: { userId: carol.id, outcome: 'not_present' }
		});
		expect(await attendance(carol.id)).toHaveLength(0);
		const audit = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'workshop.attendance_removed'),
					eq(auditEvents.subjectId, carol.id)
				)
			);
		expect(audit).toHaveLength(1);
		expect(audit[0].actorId).toBe(trainer.user!.id);
	});

	it('lets the trainer record a session that ended long ago, audited, and says the list is outside its time', async () => {
		const page = (await load({
			locals: trainer,
			params: params(pastSessionId),
			url: new URL(`http://localhost${path(pastSessionId)}`)
		} as never)) as { outsideWindow: boolean };
		expect(page.outsideWindow).toBe(true);
		const tapped = await act('tap', trainer, { userId: an.id }, pastSessionId);
		expect(tapped.result).toEqual({ tapped: { userId: an.id, outcome: 'recorded' } });
		const audit = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'workshop.attendance_outside_window'),
					eq(auditEvents.subjectId, an.id)
				)
			);
		expect(audit).toHaveLength(1);
	});

	it('refuses with 404 anyone who may not take attendance, and a tap naming someone not on the list', async () => {
		const batch = {
			clientBatchId: 'b-44d2e1aa9c03',
			entries: [{ kind: 'tap', userId: binh.id, at: new Date().toISOString() }]
		};
		for (const locals of [outsider, participant]) {
			expect((await post(locals, batch)).status).toBe(404);
			const tapped = await act('tap', locals, { userId: binh.id });
			expect(isHttpError(tapped.thrown) && tapped.thrown.status).toBe(404);
			const shown = await Promise.resolve(
				load({ locals, params: params(), url: new URL(`http://localhost${path()}`) } as never)
			).catch((e: unknown) => e);
			expect(isHttpError(shown) && shown.status).toBe(404);
		}
		// A session of this workshop under another workshop's address is no session of it.
		expect((await post(trainer, batch, {}, '00000000-0000-4000-8000-000000000001')).status).toBe(
			404
		);
		const stranger = await makeUser(db);
		const tapped = await act('tap', trainer, { userId: stranger.id });
		expect(JSON.stringify(tapped.result)).toContain('không có trong danh sách');
		const synced = await post(trainer, {
			clientBatchId: 'b-5be0d3f1c2aa',
			entries: [{ kind: 'tap', userId: stranger.id, at: new Date().toISOString() }]
		});
		expect(synced.json!.results.map((r) => r.outcome)).toEqual(['not_found']);
		expect(await attendance(stranger.id)).toHaveLength(0);
	});

	it('takes only JSON from this site, of a bounded size and shape', async () => {
		const batch = {
			clientBatchId: 'b-9d0c1e2f3a4b',
			entries: [{ kind: 'tap', userId: an.id, at: new Date().toISOString() }]
		};
		expect((await post(trainer, batch, { origin: 'https://evil.example' })).status).toBe(403);
		expect((await post(trainer, batch, { 'content-type': 'text/plain' })).status).toBe(415);
		expect((await post(await localsOf(null), batch)).status).toBe(401);
		expect((await post(trainer, '{not json')).status).toBe(400);
		expect((await post(trainer, { ...batch, clientBatchId: 'x' })).status).toBe(400);
		expect((await post(trainer, { ...batch, entries: [] })).status).toBe(400);
		const huge = JSON.stringify({ ...batch, pad: 'x'.repeat(MAX_SYNC_BYTES) });
		expect((await post(trainer, huge)).status).toBe(413);
		expect((await post(trainer, batch)).status).toBe(200);
	});
});
