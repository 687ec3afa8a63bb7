import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consentRecords, deliveries, notifications, users } from '$db/schema';
import { lastDayBefore } from '$lib/vietnam-time';
import { authenticate } from '../auth/accounts';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { notify } from '../messages/outbox';
import { issueCertificate } from '../certificates/issue';
import { lookUpCertificate } from '../certificates/verify-lookup';
import { DEFAULT_CERTIFICATE_ISSUER } from '../config';
import { makeCourse, makeGraduate } from '$testing/certificates';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { addFixedHolidays, addHoliday, holidaySet, listHolidays, removeHoliday } from './holidays';
import {
	acknowledgeRequest,
	cancelRequest,
	completeRequest,
	extendRequest,
	fileRequest,
	liftRestriction,
	ownRequests,
	recordPaperRequest,
	refuseRequest,
	requestCase,
	requestQueue
} from './requests';

// Friday 4 December 2026, 10:00 in Vietnam.
const friday = new Date('2026-12-04T03:00:00Z');
const calendar = { counting: 'calendar' as const };

describe.each(testEngines)('data requests on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let adminId: string;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		adminId = (await makeUser(db, { isAdmin: true, fullName: 'Trần Quản Trị' })).id;
	});
	afterAll(() => handle?.close());

	const actionsOf = async (subjectId: string) =>
		(await db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId))).map(
			(e) => e.action
		);

	it('keeps the holidays, and counts working days without them', async () => {
		await addHoliday(db, adminId, { day: '2026-12-07', name: 'Nghỉ bù' });
		expect(await addFixedHolidays(db, adminId, 2028)).toBe(4);
		expect(await addFixedHolidays(db, adminId, 2028)).toBe(0);
		expect((await listHolidays(db, '2028-01-01')).map((h) => h.day)).toEqual([
			'2028-01-01',
			'2028-04-30',
			'2028-05-01',
			'2028-09-02'
		]);
		const person = await makeUser(db);
		const filed = await fileRequest(
			db,
			person.id,
			{ kind: 'access', details: '' },
			{ now: friday, ...calendar }
		);
		if (!filed.ok) throw new Error('not filed');
		// Monday 7/12 is a holiday: the two working days are Tuesday and Wednesday.
		expect(lastDayBefore(filed.request.acknowledgeBy)).toBe('2026-12-09');
		expect(lastDayBefore(filed.request.dueAt)).toBe('2026-12-14');
		expect(await removeHoliday(db, adminId, '2026-12-07')).toBe(true);
		expect(await removeHoliday(db, adminId, '2026-12-07')).toBe(false);
		expect((await holidaySet(db)).has('2026-12-07')).toBe(false);
		const holidayEvents = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'holiday.added'));
		expect(holidayEvents.map((e) => e.details)).toContainEqual({ day: '2026-12-07' });
	});

	it('takes a deletion request to the queue and erases the person when completed', async () => {
		const person = await makeUser(db, { fullName: 'Lê Thị Muốn Xóa', identifier: 'muon-xoa' });
		const filed = await fileRequest(
			db,
			person.id,
			{ kind: 'delete', details: 'Xin xóa toàn bộ dữ liệu của tôi' },
			{ now: friday, ...calendar }
		);
		if (!filed.ok) throw new Error('not filed');
		expect(lastDayBefore(filed.request.dueAt)).toBe('2026-12-24');
		// One open request per kind.
		expect(
			await fileRequest(db, person.id, { kind: 'delete', details: '' }, { now: friday })
		).toMatchObject({ ok: false, reason: 'already_open' });

		const later = new Date('2026-12-28T03:00:00Z');
		const queue = await requestQueue(db, { state: 'open' }, { now: later });
		const row = queue.find((r) => r.request.id === filed.request.id);
		expect(row).toMatchObject({
			name: 'Lê Thị Muốn Xóa',
			identifier: 'muon-xoa',
			clock: { overdue: true, daysOverdue: 4, lastDay: '2026-12-24' }
		});
		// Sorted by deadline.
		const dues = queue.map((r) => r.clock.due.getTime());
		expect(dues).toEqual([...dues].sort((a, b) => a - b));

		expect(await acknowledgeRequest(db, adminId, filed.request.id)).toMatchObject({ ok: true });
		expect(await acknowledgeRequest(db, adminId, filed.request.id)).toMatchObject({
			ok: false,
			reason: 'already'
		});
		const done = await completeRequest(db, adminId, filed.request.id, {
			answer: 'Dữ liệu của anh/chị đã được xóa; chứng chỉ vẫn tra cứu được.'
		});
		expect(done).toMatchObject({ ok: true, request: { status: 'done', actions: ['erased'] } });
		const [erased] = await db.select().from(users).where(eq(users.id, person.id));
		expect(erased.anonymisedAt).not.toBeNull();
		expect(await authenticate(db, 'muon-xoa', GOOD_PASSWORD, '10.1.1.1')).toMatchObject({
			ok: false
		});
		// The person's own words went with the erasure; the answer stays as the record.
		const [kept] = await ownRequests(db, person.id);
		expect(kept.request).toMatchObject({ details: '', status: 'done' });
		expect(await completeRequest(db, adminId, filed.request.id, { answer: 'lại' })).toMatchObject({
			ok: false,
			reason: 'closed'
		});
		expect(await actionsOf(person.id)).toEqual([
			'data_request.filed',
			'data_request.acknowledged',
			'person.erased',
			'data_request.completed'
		]);
		const details = (
			await db.select().from(auditEvents).where(eq(auditEvents.subjectId, person.id))
		)
			.map((e) => JSON.stringify(e.details))
			.join(' ');
		expect(details).not.toContain('Lê Thị');
		expect(details).not.toContain('muon-xoa');
	});

	it('keeps the certificate of a person erased on request verifiable', async () => {
		const course = await makeCourse(db);
		const person = await makeGraduate(
			db,
			course.id,
			new Date('2026-03-04T00:00:00Z'),
			'Vũ Thị Có Bằng'
		);
		const issued = await issueCertificate(db, {
			userId: person.id,
			courseId: course.id,
			settings: {
				issuer: DEFAULT_CERTIFICATE_ISSUER,
				signatoryName: undefined,
				signatoryTitle: 'Giám đốc',
				place: 'Vĩnh Long',
				signingKey: undefined
			}
		});
		if (!issued.ok) throw new Error('no certificate');
		const filed = await fileRequest(db, person.id, { kind: 'delete', details: '' });
		if (!filed.ok) throw new Error('not filed');
		const done = await completeRequest(db, adminId, filed.request.id, { answer: 'Đã xóa.' });
		expect(done).toMatchObject({ ok: true, erased: { users: 1, certificates: 1 } });
		expect(await lookUpCertificate(db, issued.certificate.code, '10.1.2.3')).toMatchObject({
			status: 'valid',
			name: 'Vũ Thị Có Bằng'
		});
	});

	it('restricts processing: nothing more leaves the platform for the person', async () => {
		const person = await makeUser(db, { identifier: 'han-che@example.vn' });
		const filed = await fileRequest(db, person.id, { kind: 'restrict', details: '' });
		if (!filed.ok) throw new Error('not filed');
		await completeRequest(db, adminId, filed.request.id, { answer: 'Đã hạn chế.' });
		const [row] = await db.select().from(users).where(eq(users.id, person.id));
		expect(row.restrictedAt).not.toBeNull();
		const sent = await db.transaction((tx) =>
			notify(tx, [{ userId: person.id, kind: 'announcement', key: 'announcement:r', params: {} }], {
				channels: ['email']
			})
		);
		expect(sent).toEqual({ notified: 1, queued: 0 });
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, person.id))).toEqual([]);
		// The person lifts it: messages leave again, and a second lift changes nothing.
		expect(await liftRestriction(db, person.id)).toBe(true);
		expect(await liftRestriction(db, person.id)).toBe(false);
		await db.transaction((tx) =>
			notify(
				tx,
				[{ userId: person.id, kind: 'announcement', key: 'announcement:r2', params: {} }],
				{
					channels: ['email']
				}
			)
		);
		expect(await db.select().from(deliveries).where(eq(deliveries.userId, person.id))).toHaveLength(
			1
		);
	});

	it('records the consent withdrawn', async () => {
		const person = await makeUser(db);
		const filed = await fileRequest(db, person.id, { kind: 'withdraw', details: 'Tin nhắn Zalo' });
		if (!filed.ok) throw new Error('not filed');
		const done = await completeRequest(db, adminId, filed.request.id, {
			answer: 'Đã ngừng gửi tin nhắn.',
			purpose: 'phone_messages'
		});
		expect(done).toMatchObject({ ok: true, request: { actions: ['consent_withdrawn'] } });
		const records = await db
			.select()
			.from(consentRecords)
			.where(eq(consentRecords.userId, person.id));
		expect(records.map((r) => [r.purpose, r.given, r.channel, r.recordedBy])).toEqual([
			['phone_messages', false, 'account', adminId]
		]);
	});

	it('extends once, within the period again, and refuses or cancels', async () => {
		const person = await makeUser(db);
		const filed = await fileRequest(
			db,
			person.id,
			{ kind: 'correct', details: 'Ngày sinh sai' },
			{ now: friday, ...calendar }
		);
		if (!filed.ok) throw new Error('not filed');
		const id = filed.request.id;
		const options = { ...calendar, holidays: new Set<string>() };
		expect(
			await extendRequest(db, adminId, id, { until: '2026-12-14', reason: 'x' }, options)
		).toMatchObject({ ok: false, reason: 'too_early' });
		expect(
			await extendRequest(db, adminId, id, { until: '2026-12-25', reason: 'x' }, options)
		).toMatchObject({ ok: false, reason: 'too_late' });
		const extended = await extendRequest(
			db,
			adminId,
			id,
			{ until: '2026-12-24', reason: 'Cần hồ sơ gốc từ trường' },
			options
		);
		expect(extended.ok && lastDayBefore(extended.request.extendedDueAt!)).toBe('2026-12-24');
		expect(
			await extendRequest(db, adminId, id, { until: '2026-12-23', reason: 'x' }, options)
		).toMatchObject({ ok: false, reason: 'already' });
		const view = await requestCase(db, id, { now: new Date('2026-12-20T03:00:00Z') });
		expect(view?.clock).toMatchObject({ overdue: false, lastDay: '2026-12-24' });

		expect(await refuseRequest(db, adminId, id, 'Ngày sinh trên hồ sơ đúng.')).toMatchObject({
			ok: true,
			request: { status: 'refused', answer: 'Ngày sinh trên hồ sơ đúng.' }
		});
		const other = await fileRequest(db, person.id, { kind: 'export', details: '' });
		if (!other.ok) throw new Error('not filed');
		const stranger = await makeUser(db);
		expect(await cancelRequest(db, stranger.id, other.request.id)).toMatchObject({
			ok: false,
			reason: 'not_found'
		});
		expect(await cancelRequest(db, person.id, other.request.id)).toMatchObject({
			ok: true,
			request: { status: 'cancelled' }
		});
		const closed = await requestQueue(db, { state: 'closed' });
		expect(closed.map((r) => r.request.id)).toEqual(expect.arrayContaining([id, other.request.id]));
		expect(await actionsOf(person.id)).toEqual([
			'data_request.filed',
			'data_request.extended',
			'data_request.refused',
			'data_request.filed',
			'data_request.cancelled'
		]);
		// The person was told of each step in their inbox, with the new deadline for the extension.
		const told = await db
			.select({ key: notifications.key, params: notifications.params })
			.from(notifications)
			.where(eq(notifications.userId, person.id));
		expect(told.map((t) => t.params)).toEqual([
			{ request: 'correct', step: 'extended', dueOn: '2026-12-24' },
			{ request: 'correct', step: 'refused' }
		]);
	});

	it('records a paper request with the day it was received', async () => {
		const person = await makeUser(db, { identifier: 'giay@example.vn' });
		const now = new Date('2026-12-10T03:00:00Z');
		const recorded = await recordPaperRequest(
			db,
			adminId,
			{ identifier: 'GIAY@example.vn', kind: 'export', details: '', receivedOn: '2026-12-04' },
			{ now, ...calendar, holidays: new Set() }
		);
		expect(recorded).toMatchObject({
			ok: true,
			request: { channel: 'paper', recordedBy: adminId, userId: person.id }
		});
		if (!recorded.ok) return;
		expect(lastDayBefore(recorded.request.dueAt)).toBe('2026-12-14');
		expect(
			await recordPaperRequest(
				db,
				adminId,
				{ identifier: 'khong-co', kind: 'export', details: '', receivedOn: '2026-12-04' },
				{ now }
			)
		).toEqual({ ok: false, reason: 'not_found' });
		expect(
			await recordPaperRequest(
				db,
				adminId,
				{ identifier: 'giay@example.vn', kind: 'export', details: '', receivedOn: '2026-12-11' },
				{ now }
			)
		).toEqual({ ok: false, reason: 'future' });
		expect(await actionsOf(person.id)).toEqual(['data_request.recorded']);
	});
});
