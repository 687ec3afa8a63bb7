import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	dataBreaches,
	dataRequests,
	privacyNotices,
	retentionRuns,
	users
} from '$db/schema';
import { makeUser } from '$testing/factories';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import {
	AUTHORITY_DEADLINE,
	breachClock,
	closeBreach,
	getBreach,
	listBreaches,
	recordAuthorityNotice,
	recordBreach,
	recordPeopleNotice,
	reopenBreach,
	updateBreach,
	type BreachInput
} from './breaches';
import { privacyOverview } from './overview';

const HOUR = 3_600_000;

const input = (over: Partial<BreachInput> = {}): BreachInput => ({
	title: 'Danh sách lớp K24A gửi nhầm địa chỉ',
	description: 'Một cán bộ gửi tệp danh sách học viên đến nhầm địa chỉ e-mail.',
	occurredAt: null,
	discoveredAt: new Date(Date.now() - 2 * HOUR),
	dataCategories: ['identity', 'affiliation'],
	peopleAffected: 35,
	peopleDescription: 'Học viên lớp K24A',
	consequences: '',
	measures: 'Đã đề nghị người nhận xóa thư.',
	...over
});

describe('the breach clock', () => {
	const discoveredAt = new Date('2026-12-01T02:00:00Z');
	it('runs 72 hours from discovery', () => {
		expect(AUTHORITY_DEADLINE.hours).toBe(72);
		const clock = breachClock(
			{ discoveredAt, authorityNotifiedAt: null },
			new Date('2026-12-02T02:00:00Z')
		);
		expect(clock).toEqual({
			state: 'running',
			deadline: new Date('2026-12-04T02:00:00Z'),
			msLeft: 48 * HOUR
		});
	});
	it('is overdue once the 72 hours are spent without a notification', () => {
		const clock = breachClock(
			{ discoveredAt, authorityNotifiedAt: null },
			new Date('2026-12-04T05:30:00Z')
		);
		expect(clock).toMatchObject({ state: 'overdue', msLate: 3.5 * HOUR });
		// The deadline instant itself is already too late.
		expect(
			breachClock({ discoveredAt, authorityNotifiedAt: null }, new Date('2026-12-04T02:00:00Z'))
				.state
		).toBe('overdue');
	});
	it('stops when the authority is notified, and says whether in time', () => {
		const now = new Date('2026-12-10T00:00:00Z');
		expect(
			breachClock({ discoveredAt, authorityNotifiedAt: new Date('2026-12-03T01:00:00Z') }, now)
		).toMatchObject({ state: 'notified', late: false });
		expect(
			breachClock({ discoveredAt, authorityNotifiedAt: new Date('2026-12-04T03:00:00Z') }, now)
		).toMatchObject({ state: 'notified', late: true });
	});
});

describe.each(testEngines)('the breach register, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let admin: { id: string };

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		admin = await makeUser(db, { isAdmin: true });
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('records, edits, notifies and closes an incident, each step audited with ids only', async () => {
		const breach = await recordBreach(db, admin.id, input());
		expect(breach.status).toBe('open');
		expect(breach.recordedBy).toBe(admin.id);
		expect(breachClock(breach, new Date()).state).toBe('running');

		const edited = await updateBreach(
			db,
			admin.id,
			breach.id,
			input({ peopleAffected: 40, consequences: 'Có thể bị gọi điện quảng cáo' })
		);
		expect(edited?.peopleAffected).toBe(40);

		const notifiedAt = new Date(Date.now() - HOUR);
		const told = await recordAuthorityNotice(db, admin.id, breach.id, {
			notifiedAt,
			reference: 'CV-12/2026'
		});
		expect(told?.authorityNotifiedAt?.getTime()).toBe(notifiedAt.getTime());
		expect(told?.authorityReference).toBe('CV-12/2026');
		expect(breachClock(told!, new Date())).toMatchObject({ state: 'notified', late: false });

		await recordPeopleNotice(db, admin.id, breach.id, {
			notifiedAt: new Date(),
			how: 'E-mail cho 40 học viên'
		});
		const closed = await closeBreach(db, admin.id, breach.id);
		expect(closed?.status).toBe('closed');
		expect(closed?.closedAt).not.toBeNull();
		const reopened = await reopenBreach(db, admin.id, breach.id);
		expect(reopened).toMatchObject({ status: 'open', closedAt: null });

		const events = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.subjectId, breach.id))
			.orderBy(auditEvents.at);
		expect(events.map((e) => e.action)).toEqual([
			'breach.recorded',
			'breach.updated',
			'breach.authority_notified',
			'breach.people_notified',
			'breach.closed',
			'breach.reopened'
		]);
		for (const e of events) {
			expect(e.actorId).toBe(admin.id);
			expect(JSON.stringify(e.details)).not.toContain('K24A');
		}
		expect((await getBreach(db, breach.id))?.peopleNotice).toBe('E-mail cho 40 học viên');
		expect(await getBreach(db, 'not-an-id')).toBeUndefined();
	});

	it('lists newest discovery first and counts run-out clocks on the hub', async () => {
		await db.delete(dataBreaches);
		const now = new Date();
		const late = await recordBreach(
			db,
			admin.id,
			input({ title: 'Cũ', discoveredAt: new Date(now.getTime() - 80 * HOUR) })
		);
		await recordBreach(
			db,
			admin.id,
			input({ title: 'Mới', discoveredAt: new Date(now.getTime() - HOUR) })
		);
		// Notified after its deadline: no longer a running clock.
		const told = await recordBreach(
			db,
			admin.id,
			input({ title: 'Đã báo', discoveredAt: new Date(now.getTime() - 100 * HOUR) })
		);
		await recordAuthorityNotice(db, admin.id, told.id, {
			notifiedAt: new Date(now.getTime() - 20 * HOUR),
			reference: ''
		});
		expect((await listBreaches(db)).map((b) => b.title)).toEqual(['Mới', 'Cũ', 'Đã báo']);

		let overview = await privacyOverview(db, 16, now);
		expect(overview.breaches).toEqual({ open: 3, clockRunOut: 1 });
		// Closing the late one (e.g. judged not to need a notification) leaves none run out.
		await closeBreach(db, admin.id, late.id);
		overview = await privacyOverview(db, 16, now);
		expect(overview.breaches).toEqual({ open: 2, clockRunOut: 0 });
	});

	it('shows the hub state: requests overdue, minors awaiting a guardian, the last retention run', async () => {
		const now = new Date('2026-12-04T03:00:00Z');
		const learner = await makeUser(db);
		await db.insert(dataRequests).values([
			{
				userId: learner.id,
				kind: 'access',
				channel: 'online',
				acknowledgeBy: now,
				dueAt: new Date('2026-12-01T00:00:00Z')
			},
			{
				userId: learner.id,
				kind: 'delete',
				channel: 'online',
				acknowledgeBy: now,
				dueAt: new Date('2026-12-01T00:00:00Z'),
				// Extended: not overdue yet.
				extendedDueAt: new Date('2026-12-20T00:00:00Z')
			},
			{
				userId: learner.id,
				kind: 'export',
				channel: 'online',
				acknowledgeBy: now,
				dueAt: new Date('2026-11-01T00:00:00Z'),
				status: 'done'
			}
		]);
		// 15 today (a minor under 16), 16 today (no longer), and a minor whose guardian agreed.
		await makeUser(db, { dateOfBirth: '2011-12-05' });
		await makeUser(db, { dateOfBirth: '2010-12-04' });
		const consented = await makeUser(db, { dateOfBirth: '2012-01-01' });
		await db.update(users).set({ guardianConsentAt: now }).where(eq(users.id, consented.id));
		await db.insert(retentionRuns).values([
			{ dryRun: true, settings: {}, counts: {}, startedAt: new Date('2026-12-01T00:00:00Z') },
			{ dryRun: false, settings: {}, counts: {}, startedAt: new Date('2026-12-02T00:00:00Z') }
		]);

		const overview = await privacyOverview(db, 16, now);
		expect(overview.requests).toEqual({ open: 2, overdue: 1 });
		expect(overview.minorsAwaitingGuardian).toBe(1);
		expect(overview.lastRetentionRun).toMatchObject({
			dryRun: false,
			startedAt: new Date('2026-12-02T00:00:00Z')
		});
		expect(overview.notice).toBeNull();
		// A notice with no e-mail or phone to reach the operator is flagged; one with either is not.
		const controller = { name: 'Trung tâm', address: '', email: '', phone: '', contact: '' };
		const body = { vi: 'x', en: 'x' };
		await db.insert(privacyNotices).values({ version: 1, body, html: body, controller });
		expect((await privacyOverview(db, 16, now)).notice).toMatchObject({ contactMissing: true });
		await db.insert(privacyNotices).values({
			version: 2,
			body,
			html: body,
			controller: { ...controller, phone: '0275 3822 111' }
		});
		expect((await privacyOverview(db, 16, now)).notice).toMatchObject({
			version: 2,
			contactMissing: false
		});
	});
});
