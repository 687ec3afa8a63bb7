import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, deliveries, guardianConsents, users } from '$db/schema';
import { makeUser } from '$testing/factories';
import { grantRole } from '../auth';
import { scopeOf, staffScope } from '../auth/staff';
import { createCohort } from '../cohorts/cohorts';
import { addMembers } from '../cohorts/members';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { notify } from '../messages/outbox';
import { createOrganisation } from '../organisations';
import {
	guardianConsentOf,
	isMinor,
	minorsAwaitingConsent,
	minorsInReach,
	recordGuardianConsent,
	whomToAsk,
	withdrawGuardianConsent
} from './guardians';

describe('isMinor', () => {
	it('is a minor the day before the 16th birthday, not on it', () => {
		expect(isMinor('2010-12-05', '2026-12-04', 16)).toBe(true);
		expect(isMinor('2010-12-04', '2026-12-04', 16)).toBe(false);
		expect(isMinor('2011-01-01', '2026-12-04', 16)).toBe(true);
		expect(isMinor(null, '2026-12-04', 16)).toBe(false);
	});
	it('follows the configured age', () => {
		expect(isMinor('2009-01-01', '2026-12-04', 16)).toBe(false);
		expect(isMinor('2009-01-01', '2026-12-04', 18)).toBe(true);
	});
	it('comes of age on 1 March for a 29 February birthday in a common year', () => {
		expect(isMinor('2008-02-29', '2026-02-28', 18)).toBe(true);
		expect(isMinor('2008-02-29', '2026-03-01', 18)).toBe(false);
	});
});

const consent = (userId: string, recordedBy: string) => ({
	userId,
	guardianName: 'Trần Thị Mẹ',
	guardianContact: '0912 345 678',
	relationship: 'mẹ',
	consentedOn: '2026-11-30',
	method: 'paper' as const,
	note: null,
	recordedBy
});

describe.each(testEngines)('guardians’ consent on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let admin: { id: string; isAdmin: boolean };
	let manager: { id: string; isAdmin: boolean };
	let school: { id: string };
	let other: { id: string };
	let cohortId: string;
	const today = '2026-12-04';

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		admin = await makeUser(db, { isAdmin: true });
		school = await createOrganisation(db, { name: 'Trường nghề A', kind: 'school', area: '' });
		other = await createOrganisation(db, { name: 'Trường nghề B', kind: 'school', area: '' });
		manager = await makeUser(db, { organisationId: school.id, fullName: 'Lê Quản Lý' });
		await grantRole(db, null, manager.id, 'manager', school.id);
		cohortId = (await createCohort(db, scopeOf(admin, []), admin.id, {
			organisationId: school.id,
			name: 'K26 Điện',
			year: 2026
		}))!.id;
	});
	afterAll(() => handle?.close());

	it('lists the minors in reach, at the threshold, with their class', async () => {
		const turnsTomorrow = await makeUser(db, {
			organisationId: school.id,
			fullName: 'A Mai Tròn Mười Sáu',
			dateOfBirth: '2010-12-05'
		});
		const turnsToday = await makeUser(db, {
			organisationId: school.id,
			fullName: 'B Hôm Nay Mười Sáu',
			dateOfBirth: '2010-12-04'
		});
		const elsewhere = await makeUser(db, {
			organisationId: other.id,
			fullName: 'C Trường Khác',
			dateOfBirth: '2012-01-01'
		});
		await addMembers(db, admin.id, cohortId, [turnsTomorrow.id, turnsToday.id]);
		const scope = await staffScope(db, manager);
		const rows = await minorsAwaitingConsent(db, scope, { today, minorAge: 16 });
		const ids = rows.map((r) => r.userId);
		expect(ids).toContain(turnsTomorrow.id);
		expect(ids).not.toContain(turnsToday.id);
		expect(ids).not.toContain(elsewhere.id);
		const row = rows.find((r) => r.userId === turnsTomorrow.id)!;
		expect(row).toMatchObject({ age: 15, organisationName: 'Trường nghề A' });
		expect(row.cohorts.map((c) => c.name)).toEqual(['K26 Điện']);
		// The day after, the same learner has come of age.
		const tomorrow = await minorsInReach(db, scope, { today: '2026-12-05', minorAge: 16 });
		expect(tomorrow.map((r) => r.userId)).not.toContain(turnsTomorrow.id);
		// The administrator sees both schools.
		const all = await minorsAwaitingConsent(db, scopeOf(admin, []), { today, minorAge: 16 });
		expect(all.map((r) => r.userId)).toEqual(
			expect.arrayContaining([turnsTomorrow.id, elsewhere.id])
		);
		// By class.
		const inClass = await minorsInReach(db, scope, { today, minorAge: 16, cohortId });
		expect(inClass.map((r) => r.userId)).toEqual([turnsTomorrow.id]);
	});

	it('records a consent, then withdraws it, with audit entries holding ids only', async () => {
		const learner = await makeUser(db, { organisationId: school.id, dateOfBirth: '2011-05-01' });
		const scope = await staffScope(db, manager);
		const recorded = await recordGuardianConsent(db, consent(learner.id, manager.id), scope);
		expect(recorded.ok).toBe(true);
		const id = recorded.ok ? recorded.id : '';
		const [after] = await db.select().from(users).where(eq(users.id, learner.id));
		expect(after.guardianConsentAt).toBeInstanceOf(Date);
		const awaiting = await minorsAwaitingConsent(db, scope, { today, minorAge: 16 });
		expect(awaiting.map((r) => r.userId)).not.toContain(learner.id);
		const [stored] = await guardianConsentOf(db, learner.id);
		expect(stored).toMatchObject({
			guardianName: 'Trần Thị Mẹ',
			method: 'paper',
			withdrawnAt: null
		});

		// A second guardian, then the first withdraws: the second still stands.
		const second = await recordGuardianConsent(
			db,
			{ ...consent(learner.id, manager.id), guardianName: 'Nguyễn Văn Bố', relationship: 'bố' },
			scope
		);
		expect(second.ok).toBe(true);
		expect(
			(await withdrawGuardianConsent(db, { consentId: id, actorId: manager.id }, scope)).ok
		).toBe(true);
		let [row] = await db.select().from(users).where(eq(users.id, learner.id));
		expect(row.guardianConsentAt).not.toBeNull();
		// Withdrawing it twice finds nothing.
		expect(
			(await withdrawGuardianConsent(db, { consentId: id, actorId: manager.id }, scope)).ok
		).toBe(false);
		if (second.ok)
			await withdrawGuardianConsent(db, { consentId: second.id, actorId: manager.id }, scope);
		[row] = await db.select().from(users).where(eq(users.id, learner.id));
		expect(row.guardianConsentAt).toBeNull();
		const history = await guardianConsentOf(db, learner.id);
		expect(history).toHaveLength(2);
		expect(history.every((h) => h.withdrawnAt)).toBe(true);

		const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, learner.id));
		expect(audit.map((a) => a.action).sort()).toEqual([
			'guardian_consent.recorded',
			'guardian_consent.recorded',
			'guardian_consent.withdrawn',
			'guardian_consent.withdrawn'
		]);
		const text = JSON.stringify(audit.map((a) => a.details));
		expect(text).not.toMatch(/Mẹ|Bố|0912/);
	});

	it('refuses a manager a learner outside their reach, to record or to withdraw', async () => {
		const stranger = await makeUser(db, { organisationId: other.id, dateOfBirth: '2011-05-01' });
		const scope = await staffScope(db, manager);
		expect(await recordGuardianConsent(db, consent(stranger.id, manager.id), scope)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(
			await db.select().from(guardianConsents).where(eq(guardianConsents.userId, stranger.id))
		).toEqual([]);
		const byAdmin = await recordGuardianConsent(
			db,
			consent(stranger.id, admin.id),
			scopeOf(admin, [])
		);
		expect(byAdmin.ok).toBe(true);
		if (byAdmin.ok)
			expect(
				await withdrawGuardianConsent(db, { consentId: byAdmin.id, actorId: manager.id }, scope)
			).toEqual({ ok: false, reason: 'not_found' });
		const [row] = await db.select().from(users).where(eq(users.id, stranger.id));
		expect(row.guardianConsentAt).not.toBeNull();
	});

	it('names the school and its managers to ask', async () => {
		const learner = await makeUser(db, { organisationId: school.id, dateOfBirth: '2011-05-01' });
		const ask = await whomToAsk(db, learner.id);
		expect(ask.organisationName).toBe('Trường nghề A');
		expect(ask.managers.map((m) => m.fullName)).toEqual(['Lê Quản Lý']);
		const loner = await makeUser(db, { dateOfBirth: '2011-05-01' });
		expect(await whomToAsk(db, loner.id)).toEqual({ organisationName: null, managers: [] });
	});
	it('sends a minor held for a guardian no e-mail until the consent is recorded', async () => {
		const year = new Date().getUTCFullYear();
		const minor = await makeUser(db, {
			identifier: `hoc-sinh-${year}@example.vn`,
			dateOfBirth: `${year - 12}-06-01`
		});
		const tell = (key: string) =>
			db.transaction((tx) =>
				notify(tx, [{ userId: minor.id, kind: 'announcement', key, params: {} }], {
					channels: ['email']
				})
			);
		const sent = () => db.select().from(deliveries).where(eq(deliveries.userId, minor.id));
		await tell('announcement:held');
		expect(await sent()).toEqual([]);
		await recordGuardianConsent(db, consent(minor.id, admin.id));
		await tell('announcement:consented');
		expect(await sent()).toHaveLength(1);
	});
});
