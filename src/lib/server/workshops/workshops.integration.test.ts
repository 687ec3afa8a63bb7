import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	cohortMembers,
	cohorts,
	users,
	workshopAttendance,
	workshopRegistrations
} from '$db/schema';
import { workshopSchema, sessionSchema } from '$lib/schemas/workshops';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { workshopAccess, type WorkshopViewer } from './access';
import {
	checkIn,
	matchNames,
	recordAttendance,
	recordBatch,
	sessionRoster,
	walkIn
} from './attendance';
import { checkInCode, checkInSecret, deriveCheckInSecret, verifyCheckIn } from './checkin';
import {
	addSession,
	addTrainer,
	createWorkshop,
	plannedWorkshops,
	removeSession,
	setWorkshopStatus,
	updateWorkshop
} from './plan';
import { cancel, myWorkshops, register, registerCohort, registrations } from './registration';

const secret = deriveCheckInSecret(randomBytes(48));
// A session on 3 December 2026, 08:00–11:00 in Vietnam (01:00–04:00 UTC).
const at = (iso: string) => new Date(iso);
const session = sessionSchema.parse({ day: '2026-12-03', startTime: '08:00', endTime: '11:00' });

describe.each(testEngines)('workshops on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let orgA: string, orgB: string;
	let admin: WorkshopViewer;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null })).id;
		orgB = (await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })).id;
		const a = await makeUser(db, { isAdmin: true });
		admin = { user: a, scope: await staffScope(db, a) };
	});
	afterAll(async () => {
		await handle?.close();
	});

	async function staff(
		role: 'manager' | 'trainer',
		organisationId: string
	): Promise<WorkshopViewer> {
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, role, organisationId);
		return { user, scope: await staffScope(db, user) };
	}
	/** Many learners at once, without hashing a password for each. */
	async function learners(n: number, names?: string[]) {
		const rows = await db
			.insert(users)
			.values(
				Array.from({ length: n }, (_, i) => ({
					username: `hv-${randomBytes(5).toString('hex')}`,
					passwordHash: 'x',
					fullName: names?.[i] ?? `Học viên ${i}`
				}))
			)
			.returning({ id: users.id });
		return rows.map((r) => r.id);
	}
	async function newWorkshop(
		viewer: WorkshopViewer,
		fields: Partial<Record<string, unknown>> = {},
		organisationId = orgA
	) {
		const input = workshopSchema.parse({
			title: 'Hội thảo sản xuất sạch hơn',
			courseId: '',
			organisationId,
			venue: 'Hội trường Sở Công Thương',
			area: '',
			capacity: '',
			registrationMode: 'open',
			cohortId: '',
			...fields
		});
		const made = await createWorkshop(db, viewer, input);
		if (!made.ok) throw new Error(made.reason);
		await setWorkshopStatus(db, viewer, made.workshop.id, 'open');
		return made.workshop;
	}
	const regStatus = async (workshopId: string, userId: string) =>
		(
			await db
				.select({ status: workshopRegistrations.status })
				.from(workshopRegistrations)
				.where(
					and(
						eq(workshopRegistrations.workshopId, workshopId),
						eq(workshopRegistrations.userId, userId)
					)
				)
		)[0]?.status;

	it('lets managers and trainers of the organisation and administrators plan; others see a draft as missing', async () => {
		const manager = await staff('manager', orgA);
		const outsider = await staff('manager', orgB);
		const input = workshopSchema.parse({
			title: 'Tập huấn',
			courseId: '',
			organisationId: orgA,
			venue: '',
			area: '',
			capacity: '30',
			registrationMode: 'open',
			cohortId: ''
		});
		expect(await createWorkshop(db, outsider, input)).toEqual({ ok: false, reason: 'not_allowed' });
		const made = await createWorkshop(db, manager, input);
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		const id = made.workshop.id;
		expect(made.workshop.status).toBe('draft');
		expect(await workshopAccess(db, outsider, id)).toBeUndefined();
		expect(await workshopAccess(db, { user: null, scope: outsider.scope }, id)).toBeUndefined();
		expect((await workshopAccess(db, manager, id))?.plan).toBe(true);
		expect((await workshopAccess(db, admin, id))?.plan).toBe(true);
		expect((await updateWorkshop(db, outsider, id, input)).ok).toBe(false);
		// A trainer named on it from elsewhere takes attendance but does not plan.
		const guest = await staff('trainer', orgB);
		await addTrainer(db, manager, id, guest.user!.id);
		const guestAccess = await workshopAccess(db, guest, id);
		expect(guestAccess).toMatchObject({ plan: false, trainer: true, takeAttendance: true });
		expect((await plannedWorkshops(db, guest)).map((w) => w.id)).toContain(id);
		expect((await plannedWorkshops(db, outsider)).map((w) => w.id)).not.toContain(id);
		// Open: anyone sees it, without planning or taking attendance.
		await setWorkshopStatus(db, manager, id, 'open');
		expect(await workshopAccess(db, outsider, id)).toMatchObject({
			plan: false,
			takeAttendance: false
		});
		const added = await addSession(db, manager, id, session);
		expect(added.ok).toBe(true);
		expect((await addSession(db, outsider, id, session)).ok).toBe(false);
		if (!added.ok) return;
		expect(added.session.startsAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
		const [someone] = await learners(1);
		await recordAttendance(db, {
			sessionId: added.session.id,
			userId: someone,
			method: 'tap',
			by: manager.user!.id,
			at: at('2026-12-03T02:00:00Z')
		});
		expect(await removeSession(db, manager, added.session.id)).toEqual({
			ok: false,
			reason: 'has_attendance'
		});
		const spare = await addSession(db, manager, id, session);
		if (spare.ok) expect(await removeSession(db, manager, spare.session.id)).toEqual({ ok: true });
	});

	it('seats exactly the capacity when 150 register at once, and waits the rest', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager, { capacity: '100' });
		const people = await learners(150);
		const results = await Promise.all(people.map((id) => register(db, workshop.id, id, 'self')));
		expect(results.every((r) => r.ok)).toBe(true);
		const rows = await registrations(db, workshop.id);
		expect(rows.filter((r) => r.status === 'registered')).toHaveLength(100);
		expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(50);
		// Registering again changes nothing.
		expect(await register(db, workshop.id, people[0], 'self')).toMatchObject({
			ok: true,
			already: true
		});
		expect(await registrations(db, workshop.id)).toHaveLength(150);
	});

	it('gives a cancelled seat to the first on the waiting list', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager, { capacity: '2' });
		const [a, b, c, d] = await learners(4);
		for (const id of [a, b, c, d]) await register(db, workshop.id, id, 'self');
		expect(await regStatus(workshop.id, c)).toBe('waitlisted');
		expect(await cancel(db, workshop.id, a)).toEqual({ cancelled: true, promoted: [c] });
		expect(await regStatus(workshop.id, c)).toBe('registered');
		expect(await regStatus(workshop.id, d)).toBe('waitlisted');
		// Cancelling a place on the waiting list frees no seat.
		expect(await cancel(db, workshop.id, d)).toEqual({ cancelled: true, promoted: [] });
		expect(await cancel(db, workshop.id, d)).toEqual({ cancelled: false, promoted: [] });
		// Back after cancelling: at the back of the queue.
		expect(await register(db, workshop.id, a, 'self')).toMatchObject({ status: 'waitlisted' });
		// A larger capacity seats the waiting list.
		const input = workshopSchema.parse({
			title: workshop.title,
			courseId: '',
			organisationId: orgA,
			venue: '',
			area: '',
			capacity: '5',
			registrationMode: 'open',
			cohortId: ''
		});
		const updated = await updateWorkshop(db, manager, workshop.id, input);
		expect(updated.ok && updated.promoted).toEqual([a]);
	});

	it('keeps invitation and cohort workshops to those they are for, and registers a cohort', async () => {
		const manager = await staff('manager', orgA);
		const [cohort] = await db
			.insert(cohorts)
			.values({ organisationId: orgA, name: 'Lớp K1', year: 2026 })
			.returning();
		const members = await learners(3);
		await db
			.insert(cohortMembers)
			.values(members.map((userId) => ({ cohortId: cohort.id, userId })));
		const [stranger] = await learners(1);
		const invitation = await newWorkshop(manager, { registrationMode: 'invitation' });
		expect(await register(db, invitation.id, stranger, 'self')).toEqual({
			ok: false,
			reason: 'invitation_only'
		});
		expect(await register(db, invitation.id, stranger, 'staff', manager.user!.id)).toMatchObject({
			ok: true,
			status: 'registered'
		});
		const forCohort = await newWorkshop(manager, {
			registrationMode: 'cohort',
			cohortId: cohort.id,
			capacity: '2'
		});
		expect(await register(db, forCohort.id, stranger, 'self')).toEqual({
			ok: false,
			reason: 'not_in_cohort'
		});
		expect(await register(db, forCohort.id, members[0], 'self')).toMatchObject({
			ok: true,
			status: 'registered'
		});
		expect(await registerCohort(db, forCohort.id, cohort.id, manager.user!.id)).toEqual({
			ok: true,
			registered: 1,
			waitlisted: 1,
			already: 1
		});
		expect(await registerCohort(db, forCohort.id, cohort.id, manager.user!.id)).toEqual({
			ok: true,
			registered: 0,
			waitlisted: 0,
			already: 3
		});
	});

	it('records a check-in once, however often it is scanned, tapped or synced', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager);
		const s = await addSession(db, manager, workshop.id, session);
		if (!s.ok) throw new Error(s.reason);
		const [learner, tapped] = await learners(2);
		const now = at('2026-12-03T01:05:00Z');
		const code = checkInCode(secret, s.session, now)!;
		expect(await checkIn(db, secret, code, learner, now)).toBe('recorded');
		expect(await checkIn(db, secret, code, learner, at('2026-12-03T01:05:20Z'))).toBe('already');
		// A check-in registers whoever was not.
		expect(await regStatus(workshop.id, learner)).toBe('registered');
		const batch = [
			{ userId: tapped, at: at('2026-12-03T01:10:00Z'), batchId: 'phone-1' },
			{ userId: learner, at: at('2026-12-03T01:11:00Z'), batchId: 'phone-1' },
			{
				walkIn: { fullName: 'Trần Văn Khách', contact: '0912 345 678' },
				at: at('2026-12-03T01:12:00Z'),
				batchId: 'phone-1'
			}
		];
		const first = await recordBatch(db, s.session.id, batch, manager.user!.id, now);
		expect(first.map((r) => r.outcome)).toEqual(['recorded', 'already', 'recorded']);
		const replay = await recordBatch(db, s.session.id, batch, manager.user!.id, now);
		expect(replay.map((r) => r.outcome)).toEqual(['already', 'already', 'already']);
		const rows = await db
			.select()
			.from(workshopAttendance)
			.where(eq(workshopAttendance.sessionId, s.session.id));
		expect(rows).toHaveLength(3);
		expect(await db.select().from(users).where(eq(users.username, '0912345678'))).toHaveLength(1);
	});

	it('takes a code during its step and the next only, and only around the session', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager);
		const s = await addSession(db, manager, workshop.id, session);
		if (!s.ok) throw new Error(s.reason);
		const [a, b, c, d] = await learners(4);
		const shown = at('2026-12-03T02:00:00Z');
		const code = checkInCode(secret, s.session, shown)!;
		expect(await checkIn(db, secret, code, a, at('2026-12-03T02:00:29Z'))).toBe('recorded');
		expect(await checkIn(db, secret, code, b, at('2026-12-03T02:00:59Z'))).toBe('recorded');
		expect(await checkIn(db, secret, code, c, at('2026-12-03T02:01:00Z'))).toBe('invalid_code');
		const tampered = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA');
		expect(await checkIn(db, secret, tampered, c, shown)).toBe('invalid_code');
		// Before the window opens there is no code to show, and a recording is refused.
		expect(checkInCode(secret, s.session, at('2026-12-03T00:00:00Z'))).toBeNull();
		expect(
			await recordAttendance(db, {
				sessionId: s.session.id,
				userId: d,
				method: 'qr',
				by: d,
				at: at('2026-12-03T00:00:00Z')
			})
		).toBe('outside_window');
		// Nor a day after it ended, by the learner themself.
		expect(
			await recordAttendance(db, {
				sessionId: s.session.id,
				userId: d,
				method: 'qr',
				by: d,
				at: at('2026-12-04T02:00:00Z')
			})
		).toBe('outside_window');
		// A closed workshop takes no more check-ins.
		await setWorkshopStatus(db, manager, workshop.id, 'closed');
		expect(await checkIn(db, secret, checkInCode(secret, s.session, shown)!, d, shown)).toBe(
			'closed'
		);
	});

	it('lets a trainer of the workshop record late, with an audit entry; no one else', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager);
		const s = await addSession(db, manager, workshop.id, session);
		if (!s.ok) throw new Error(s.reason);
		const trainer = await staff('trainer', orgB);
		const outsider = await staff('trainer', orgB);
		await addTrainer(db, manager, workshop.id, trainer.user!.id);
		const [learner] = await learners(1);
		const late = at('2026-12-05T03:00:00Z');
		const record = (by: string) =>
			recordAttendance(db, {
				sessionId: s.session.id,
				userId: learner,
				method: 'paper',
				by,
				at: late
			});
		expect(await record(outsider.user!.id)).toBe('outside_window');
		expect(await record(trainer.user!.id)).toBe('recorded');
		expect(await record(trainer.user!.id)).toBe('already');
		const events = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'workshop.attendance_outside_window'),
					eq(auditEvents.subjectId, learner)
				)
			);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			actorId: trainer.user!.id,
			details: { sessionId: s.session.id, method: 'paper' }
		});
	});

	it('matches a walk-in to the account of their phone number or username, not a duplicate', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager, { capacity: '1' });
		const existing = await makeUser(db, { identifier: '0987654321', fullName: 'Lê Thị Có Sẵn' });
		const byName = await makeUser(db, { identifier: 'le.thi.b', fullName: 'Lê Thị B' });
		const by = manager.user!.id;
		expect(
			await walkIn(db, workshop.id, { fullName: 'Lê Thị Có Sẵn', contact: '+84 987 654 321' }, by)
		).toEqual({ ok: true, userId: existing.id, matched: true, password: null });
		expect(await walkIn(db, workshop.id, { fullName: '', contact: 'LE.THI.B' }, by)).toMatchObject({
			ok: true,
			userId: byName.id,
			matched: true
		});
		const fresh = await walkIn(
			db,
			workshop.id,
			{ fullName: 'Phạm Văn Mới', contact: '0901.111.222' },
			by
		);
		expect(fresh).toMatchObject({ ok: true, matched: false });
		expect(fresh.ok && fresh.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		expect(
			await walkIn(db, workshop.id, { fullName: 'Phạm Văn Mới', contact: '0901 111 222' }, by)
		).toMatchObject({ ok: true, matched: true, userId: fresh.ok ? fresh.userId : '' });
		expect(await walkIn(db, workshop.id, { fullName: 'X', contact: '12' }, by)).toEqual({
			ok: false,
			reason: 'contact_invalid'
		});
		// In the room: a seat each, beyond the capacity of one.
		const rows = await registrations(db, workshop.id);
		expect(rows.filter((r) => r.status === 'registered')).toHaveLength(3);
		expect(rows.every((r) => r.source === 'walk_in')).toBe(true);
	});

	it('matches typed names ignoring diacritics and asks which of two accounts', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager);
		const [duc, lan1, lan2, gone] = await learners(4, [
			'Nguyễn Văn Đức',
			'Trần Thị Lan',
			'Trần  Thị Lan',
			'Võ Minh Tâm'
		]);
		for (const id of [duc, lan1, lan2, gone]) await register(db, workshop.id, id, 'self');
		await cancel(db, workshop.id, gone);
		const matches = await matchNames(db, workshop.id, [
			'nguyen van duc',
			'TRAN THI LAN',
			'Võ Minh Tâm',
			'Không Ai'
		]);
		expect(matches[0]).toMatchObject({
			match: 'exact',
			user: { userId: duc, fullName: 'Nguyễn Văn Đức' }
		});
		expect(matches[1].match).toBe('ambiguous');
		expect(
			matches[1].match === 'ambiguous' && matches[1].candidates.map((c) => c.userId).sort()
		).toEqual([lan1, lan2].sort());
		expect(matches[2]).toEqual({ typed: 'Võ Minh Tâm', match: 'none' });
		expect(matches[3]).toEqual({ typed: 'Không Ai', match: 'none' });
	});
	it('records one attendance when the same person checks in ten times at once', async () => {
		const manager = await staff('manager', orgA);
		const workshop = await newWorkshop(manager);
		const s = await addSession(db, manager, workshop.id, session);
		if (!s.ok) throw new Error(s.reason);
		const [learner, other] = await learners(2);
		await register(db, workshop.id, other, 'self');
		const now = at('2026-12-03T01:30:00Z');
		const code = checkInCode(secret, s.session, now)!;
		const outcomes = await Promise.all(
			Array.from({ length: 10 }, () => checkIn(db, secret, code, learner, now))
		);
		expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'already')).toHaveLength(9);
		// The trainer's list: both, by name, the one who checked in marked present by QR.
		const roster = await sessionRoster(db, s.session.id);
		expect(roster.map((r) => [r.userId, r.present]).sort()).toEqual(
			[
				[learner, 'qr'],
				[other, null]
			].sort()
		);
		// Their dashboard shows the workshop with its first session.
		expect(await myWorkshops(db, learner)).toEqual([
			expect.objectContaining({
				workshopId: workshop.id,
				status: 'registered',
				firstStartsAt: s.session.startsAt
			})
		]);
	});
	it('keeps one check-in secret per database, derived from the stored signing key', async () => {
		const first = await checkInSecret(db);
		expect(first).toHaveLength(32);
		expect((await checkInSecret(db)).equals(first)).toBe(true);
		const s = { id: '0b8f2a9e-5c1d-4f3a-9e7b-2d6c8a1f4e30', ...session };
		const now = at('2026-12-03T02:00:00Z');
		expect(verifyCheckIn(first, checkInCode(first, s, now)!, now)).toBe(s.id);
		expect(verifyCheckIn(secret, checkInCode(first, s, now)!, now)).toBeNull();
	});
});
