import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	certificates,
	lessons,
	workshops,
	workshopSessions,
	type Course
} from '$db/schema';
import { issueCertificate } from '../certificates/issue';
import { renderCertificatePdf } from '../certificates/pdf';
import { certificatesOf, verifyCertificate } from '../certificates/queries';
import { pdfText } from '$testing/certificates';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug, getEnrolment } from '../enrolment';
import { createOrganisation } from '../organisations';
import { recordActivity } from '../progress';
import { makeUser } from '$testing/factories';
import type { WorkshopViewer } from './access';
import { checkIn, recordAttendance } from './attendance';
import { workshopStandings } from './blended';
import { checkInCode, deriveCheckInSecret } from './checkin';
import { closeWorkshop, reopenWorkshop } from './close';
import { setWorkshopStatus } from './plan';
import { register } from './registration';
import type { WorkshopAttendanceRule } from '$lib/workshops';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
const secret = deriveCheckInSecret(Buffer.alloc(48, 7));
const hour = 3_600_000;
// Three mornings, 08:00–11:30 in Vietnam (01:00–04:30 UTC), in March 2026.
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04'];
const morning = (day: string) => ({
	startsAt: new Date(`${day}T01:00:00Z`),
	endsAt: new Date(`${day}T04:30:00Z`)
});

describe.each(testEngines)('closing workshops and blended courses on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Course;
	let root: string;
	let orgA: string;
	let orgB: string;
	let manager: WorkshopViewer;
	let trainer: WorkshopViewer;
	let foreignManager: WorkshopViewer;

	async function staff(role: 'manager' | 'trainer', organisationId: string) {
		const user = await makeUser(db, { audience: 'manager', fullName: `Cán bộ ${role}` });
		await grantRole(db, null, user.id, role, organisationId);
		return { user, scope: await staffScope(db, user) };
	}

	/** A workshop with `sessions` mornings, open, for the course or none. */
	async function workshop(
		fields: Partial<typeof workshops.$inferInsert> = {},
		sessions = 3
	): Promise<{ id: string; sessions: { id: string; startsAt: Date; endsAt: Date }[] }> {
		const [row] = await db
			.insert(workshops)
			.values({
				title: 'Tập huấn đánh giá sản xuất sạch hơn',
				organisationId: orgA,
				venue: 'Hội trường Sở Công Thương Bến Tre',
				status: 'open',
				...fields
			})
			.returning();
		const rows = await db
			.insert(workshopSessions)
			.values(DAYS.slice(0, sessions).map((d) => ({ workshopId: row.id, ...morning(d) })))
			.returning();
		rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
		return { id: row.id, sessions: rows };
	}

	/** Present at a session, as a trainer records it during it. */
	const attend = (sessionId: string, userId: string, at: Date) =>
		recordAttendance(db, { sessionId, userId, method: 'tap', by: trainer.user!.id, at });

	async function blendedCourse(rule: 'all' | { share: number }) {
		const text = readFileSync(join(fixture, 'course.yaml'), 'utf8').replace(
			/completeOnReachingEnd: true/,
			`completeOnReachingEnd: true\n  workshop: ${typeof rule === 'string' ? rule : `{ share: ${rule.share} }`}`
		);
		writeFileSync(join(root, 'mini-course', 'course.yaml'), text);
		await syncCourses(db, root, 'test');
		return (await getCourseBySlug(db, 'mini-course'))!;
	}

	async function learnerWithLessons(done: boolean, at: Date) {
		const user = await makeUser(db, { fullName: 'Trần Thị Kết Hợp' });
		await enrolSelf(db, user.id, course, 'MAU-2026');
		if (done) {
			const all = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
			for (const lesson of all)
				await recordActivity(db, {
					userId: user.id,
					courseId: course.id,
					lessonId: lesson.id,
					complete: true,
					now: at
				});
		}
		return user;
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-blended-'));
		cpSync(fixture, join(root, 'mini-course'), { recursive: true });
		// The quiz would stand between the learner and completion; this course asks lessons and a workshop.
		unlinkSync(join(root, 'mini-course', 'final.quiz.yaml'));
		course = await blendedCourse({ share: 0.5 });
		orgA = (
			await createOrganisation(db, { name: 'Trung tâm Khuyến công', kind: 'agency', area: null })
		).id;
		orgB = (await createOrganisation(db, { name: 'Công ty Dừa', kind: 'enterprise', area: null }))
			.id;
		manager = await staff('manager', orgA);
		trainer = await staff('trainer', orgA);
		foreignManager = await staff('manager', orgB);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('keeps the workshop requirement in the course as synced from course.yaml', () => {
		expect(course.completion.workshop).toEqual({ share: 0.5 });
	});

	it('completes a blended course when attendance after the lessons reaches the share (rounded up)', async () => {
		const w = await workshop({ courseId: course.id });
		const lessonsDoneAt = new Date('2026-03-01T10:00:00Z');
		const user = await learnerWithLessons(true, lessonsDoneAt);
		// Lessons done, no workshop yet: not complete, and the standing says 0 of 3.
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		expect((await workshopStandings(db, user.id, [course.id])).get(course.id)).toMatchObject({
			met: false,
			best: { workshopId: w.id, attended: 0, total: 3 }
		});
		// Half of three sessions is two: one is not enough.
		const first = new Date(w.sessions[0].startsAt.getTime() + hour);
		expect(await attend(w.sessions[0].id, user.id, first)).toBe('recorded');
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		expect((await certificatesOf(db, user.id)).length).toBe(0);
		// The second one completes the course, as of that attendance, and issues its certificate.
		const second = new Date(w.sessions[1].startsAt.getTime() + hour);
		expect(await attend(w.sessions[1].id, user.id, second)).toBe('recorded');
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toEqual(second);
		const held = await certificatesOf(db, user.id);
		expect(held.map((c) => [c.kind, c.completedAt])).toEqual([['completion', second]]);
		expect((await workshopStandings(db, user.id, [course.id])).get(course.id)?.met).toBe(true);
	});

	it('completes when the last lesson comes after the workshop, and not with another course workshop', async () => {
		const w = await workshop({ courseId: course.id }, 2);
		const other = await workshop({}, 2);
		const user = await learnerWithLessons(false, new Date());
		await attend(other.sessions[0].id, user.id, other.sessions[0].startsAt);
		await attend(other.sessions[1].id, user.id, other.sessions[1].startsAt);
		await attend(w.sessions[0].id, user.id, w.sessions[0].startsAt);
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		// One of two sessions is the half asked; the lessons then complete the course.
		const all = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
		const later = new Date('2026-03-10T02:00:00Z');
		for (const lesson of all)
			await recordActivity(db, {
				userId: user.id,
				courseId: course.id,
				lessonId: lesson.id,
				complete: true,
				now: later
			});
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toEqual(later);
	});

	it('asks every session with workshop: all', async () => {
		course = await blendedCourse('all');
		expect(course.completion.workshop).toBe('all');
		const w = await workshop({ courseId: course.id }, 2);
		const user = await learnerWithLessons(true, new Date('2026-03-01T00:00:00Z'));
		await attend(w.sessions[0].id, user.id, w.sessions[0].startsAt);
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toBeNull();
		await attend(w.sessions[1].id, user.id, w.sessions[1].startsAt);
		expect((await getEnrolment(db, user.id, course.id))?.completedAt).toEqual(
			w.sessions[1].startsAt
		);
	});

	it('issues certificates of attendance once on close, to those who met the rule; a re-run is idempotent', async () => {
		const rule: WorkshopAttendanceRule = { kind: 'share', share: 0.6 };
		const w = await workshop({ attendanceCertificate: true, attendanceRule: rule });
		const [full, two, one] = [
			await makeUser(db, { fullName: 'Lê Văn Đủ Buổi', dateOfBirth: '1988-02-03' }),
			await makeUser(db, { fullName: 'Phạm Thị Hai Buổi' }),
			await makeUser(db, { fullName: 'Võ Văn Một Buổi' })
		];
		for (const s of w.sessions) await attend(s.id, full.id, s.startsAt);
		await attend(w.sessions[0].id, two.id, w.sessions[0].startsAt);
		await attend(w.sessions[2].id, two.id, w.sessions[2].startsAt);
		await attend(w.sessions[1].id, one.id, w.sessions[1].startsAt);

		const now = new Date('2026-03-05T03:00:00Z');
		const closed = await closeWorkshop(db, trainer, w.id, now);
		expect(closed).toMatchObject({ ok: true, already: false });
		if (!closed.ok) return;
		// 0.6 of three is two sessions: two people.
		expect(closed.issued.map((c) => c.fullName).sort()).toEqual([
			'Lê Văn Đủ Buổi',
			'Phạm Thị Hai Buổi'
		]);
		const [row] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(row).toMatchObject({ status: 'closed', closedAt: now, closedBy: trainer.user!.id });

		const again = await closeWorkshop(db, manager, w.id, now);
		expect(again).toMatchObject({ ok: true, already: true, issued: [] });
		const issued = await db
			.select()
			.from(certificates)
			.where(and(eq(certificates.workshopId, w.id), eq(certificates.kind, 'attendance')));
		expect(issued).toHaveLength(2);

		const mine = closed.issued.find((c) => c.fullName === 'Phạm Thị Hai Buổi')!;
		expect(mine).toMatchObject({ courseId: null, courseVersionId: null, hours: 7 });
		expect(mine.completedAt).toEqual(w.sessions[2].endsAt);
		const verified = await verifyCertificate(db, mine.code, now);
		expect(verified).toMatchObject({
			status: 'valid',
			kind: 'attendance',
			name: 'Phạm Thị Hai Buổi',
			course: { vi: 'Tập huấn đánh giá sản xuất sạch hơn' },
			issuer: 'Trung tâm Khuyến công',
			venue: 'Hội trường Sở Công Thương Bến Tre'
		});
		if (verified.status === 'not_found') return;
		expect(verified.sessions).toHaveLength(2);

		const text = (
			await pdfText(
				await renderCertificatePdf(
					mine.credential as never,
					`https://sxsh.example.vn/verify/${mine.code}`
				)
			)
		).normalize('NFC');
		for (const expected of [
			'GIẤY CHỨNG NHẬN',
			'THAM DỰ TẬP HUẤN',
			'Phạm Thị Hai Buổi',
			'đã tham dự buổi tập huấn',
			'Tập huấn đánh giá sản xuất sạch hơn',
			'Các ngày 02/03/2026, 04/03/2026',
			'2 buổi',
			'Thời lượng: 7 giờ',
			'Địa điểm: Hội trường Sở Công Thương Bến Tre',
			'TRUNG TÂM KHUYẾN CÔNG',
			mine.number
		])
			expect(text).toContain(expected);
		expect(text).not.toContain('HOÀN THÀNH KHÓA HỌC');

		// Closing is audited with the number issued.
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'workshop.closed'), eq(auditEvents.subjectId, w.id)));
		expect(audit.details).toMatchObject({ certificates: 2 });
	});

	it('takes no check-ins once closed, but a trainer correction issues the certificate it earns, audited', async () => {
		const w = await workshop({ attendanceCertificate: true, attendanceRule: { kind: 'all' } }, 2);
		const late = await makeUser(db, { fullName: 'Đặng Văn Bổ Sung' });
		await attend(w.sessions[0].id, late.id, w.sessions[0].startsAt);
		const closed = await closeWorkshop(db, trainer, w.id, new Date('2026-03-05T00:00:00Z'));
		expect(closed).toMatchObject({ ok: true, issued: [] });
		// The participant's own scan during the session: refused, the workshop is over.
		const during = new Date(w.sessions[1].startsAt.getTime() + 60_000);
		const code = checkInCode(secret, w.sessions[1], during)!;
		expect(await checkIn(db, secret, code, late.id, during)).toBe('closed');
		// Nor may they record themself by any other path.
		expect(
			await recordAttendance(db, {
				sessionId: w.sessions[1].id,
				userId: late.id,
				method: 'qr',
				by: late.id,
				at: during
			})
		).toBe('outside_window');
		// The trainer's paper sheet, typed in late: recorded, audited, and the certificate follows.
		expect(
			await recordAttendance(db, {
				sessionId: w.sessions[1].id,
				userId: late.id,
				method: 'paper',
				by: trainer.user!.id,
				at: during
			})
		).toBe('recorded');
		const held = await certificatesOf(db, late.id);
		expect(held.map((c) => [c.kind, c.workshopId])).toEqual([['attendance', w.id]]);
		const audits = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'workshop.attendance_after_close'),
					eq(auditEvents.subjectId, late.id)
				)
			);
		expect(audits).toHaveLength(1);
		// And a new registration is refused.
		const newcomer = await makeUser(db);
		expect(await register(db, w.id, newcomer.id, 'self', newcomer.id)).toMatchObject({
			ok: false,
			reason: 'not_open'
		});
	});

	it('lets trainers and planners close, only planners reopen, and another organisation nothing', async () => {
		const w = await workshop();
		expect(await closeWorkshop(db, foreignManager, w.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await reopenWorkshop(db, foreignManager, w.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await closeWorkshop(db, trainer, w.id)).toMatchObject({ ok: true, already: false });
		// The trainer here is of the organisation, so they may plan it; one named on it only may not.
		const outsider = await makeUser(db, { fullName: 'Giảng viên mời' });
		const { workshopTrainers } = await import('$db/schema');
		await db.insert(workshopTrainers).values({ workshopId: w.id, userId: outsider.id });
		const named: WorkshopViewer = { user: outsider, scope: await staffScope(db, outsider) };
		expect(await reopenWorkshop(db, named, w.id)).toEqual({ ok: false, reason: 'not_allowed' });
		expect(await reopenWorkshop(db, manager, w.id)).toEqual({ ok: true, reopened: true });
		const [row] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(row).toMatchObject({ status: 'open', closedAt: null });
		const actions = (
			await db.select().from(auditEvents).where(eq(auditEvents.subjectId, w.id))
		).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['workshop.closed', 'workshop.reopened']));
		// A draft is not closed: it was never held.
		const draft = await workshop({ status: 'draft' });
		expect(await closeWorkshop(db, manager, draft.id)).toEqual({ ok: false, reason: 'draft' });
	});

	it("closes through the plan's status change too: the same certificates and closing time", async () => {
		const w = await workshop({ attendanceCertificate: true }, 1);
		const user = await makeUser(db, { fullName: 'Hồ Thị Trạng Thái' });
		await attend(w.sessions[0].id, user.id, w.sessions[0].startsAt);
		expect(await setWorkshopStatus(db, manager, w.id, 'closed')).toEqual({ ok: true });
		const [row] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(row.closedBy).toBe(manager.user!.id);
		expect((await certificatesOf(db, user.id)).map((c) => c.kind)).toEqual(['attendance']);
		// Back to open through the status change: reopened, with its audit entry.
		expect(await setWorkshopStatus(db, manager, w.id, 'open')).toEqual({ ok: true });
		const [open] = await db.select().from(workshops).where(eq(workshops.id, w.id));
		expect(open).toMatchObject({ status: 'open', closedAt: null });
	});

	it("keeps a course's certificate of completion apart from its workshop's certificate of attendance", async () => {
		const w = await workshop({
			courseId: course.id,
			attendanceCertificate: true,
			attendanceRule: { kind: 'share', share: 0.3 }
		});
		const user = await learnerWithLessons(false, new Date());
		await attend(w.sessions[0].id, user.id, w.sessions[0].startsAt);
		await closeWorkshop(db, manager, w.id, new Date('2026-03-06T00:00:00Z'));
		const [attendance] = await certificatesOf(db, user.id);
		expect(attendance).toMatchObject({ kind: 'attendance', workshopId: w.id });
		// The course is not complete: the attendance certificate does not count as its certificate.
		expect(await issueCertificate(db, { userId: user.id, courseId: course.id })).toEqual({
			ok: false,
			reason: 'not_completed'
		});
	});
});
