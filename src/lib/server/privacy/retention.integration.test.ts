import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	dataRequests,
	deliveries,
	enrolments,
	notifications,
	passwordResets,
	quizAttempts,
	quizzes,
	retentionRuns,
	sessions,
	submissionFiles,
	submissions,
	users,
	type QuizDefinition
} from '$db/schema';
import { issueCertificate } from '../certificates/issue';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { publicStatistics } from '../reports/public';
import { sixMonthlyReport } from '../reports/report';
import { makeCourse, makeGraduate, makePassedPracticum } from '$testing/certificates';
import { makeUser } from '$testing/factories';
import { addDaysAt, addMonthsAt, halfYearOf } from '$lib/vietnam-time';
import { ERASED_NAME } from './erasure';
import {
	dryRunRetention,
	planRetention,
	recentDryRun,
	recentRetentionRuns,
	retentionRules,
	runRetention,
	type RetentionCounts,
	type RetentionSettings
} from './retention';

/**
 * The run is now, and the past is measured back from it: what the platform records as it goes
 * (audit events, the run itself) is then as recent as it really is.
 */
const NOW = new Date();
/** `years` years and `days` days before the run. */
const ago = (years: number, days = 0) => addDaysAt(addMonthsAt(NOW, -12 * years), -days);
const SETTINGS: RetentionSettings = {
	inactiveYears: 5,
	attemptYears: 5,
	submissionYears: 5,
	logYears: 2,
	messageMonths: 12
};
const certificateSettings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: undefined,
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};
/** The half-year of the old activity, and the run's own. */
const THEN = halfYearOf(ago(6));
const RECENT = halfYearOf(NOW);
const ALL = { type: 'all' } as const;

const zero = Object.fromEntries(retentionRules.map((r) => [r, 0])) as RetentionCounts;

describe.each(testEngines)('retention on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let course: Awaited<ReturnType<typeof makeCourse>>;
	let quizId: string;
	let admin: string;
	/** Last seen in 2025, with answers, work, messages and a certificate from then. */
	let gone: string;
	/** Learned in 2025 too, but still signs in: keeps the account, loses the old answers and work. */
	let returning: string;
	/** Everything recent. */
	let recent: string;
	/** Inactive like `gone`, but with a request still open. */
	let asking: string;
	let attemptNumber = 0;

	async function attempt(userId: string, submittedAt: Date, state: 'submitted' | 'in_progress') {
		attemptNumber++;
		const [row] = await db
			.insert(quizAttempts)
			.values({
				quizId,
				userId,
				courseId: course.id,
				courseVersionId: course.currentVersionId,
				number: attemptNumber,
				state,
				startedAt: submittedAt,
				submittedAt: state === 'submitted' ? submittedAt : null,
				snapshot: {},
				responses: { q1: ['b'], q2: 'Tái sử dụng nước rửa' },
				maxScore: 10,
				score: state === 'submitted' ? 8 : null,
				percent: state === 'submitted' ? 80 : null,
				passed: state === 'submitted' ? true : null
			})
			.returning();
		return row.id;
	}

	async function work(userId: string, gradedAt: Date, state: 'graded' | 'submitted' = 'graded') {
		const assignment = await makePassedPracticum(db, course, userId, { gradedAt: gradedAt });
		const [submission] = await db
			.update(submissions)
			.set({ body: 'Ba chỗ lãng phí: nước, hơi, bao bì.', state })
			.where(eq(submissions.assignmentId, assignment.id))
			.returning();
		const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
		await db.insert(submissionFiles).values({
			submissionId: submission.id,
			name: 'bao-cao.pdf',
			type: 'pdf',
			size: bytes.length,
			sha256: randomBytes(32).toString('hex'),
			content: bytes,
			uploadedBy: userId
		});
		return submission.id;
	}

	async function message(userId: string, createdAt: Date, status: 'sent' | 'queued' = 'sent') {
		const key = `graded:${randomBytes(4).toString('hex')}`;
		const [n] = await db
			.insert(notifications)
			.values({ userId, kind: 'graded', key, params: {}, createdAt: createdAt })
			.returning();
		await db.insert(deliveries).values({
			key: `${key}:email`,
			userId,
			channel: 'email',
			kind: 'graded',
			notificationId: n.id,
			status,
			notBefore: createdAt,
			sentAt: status === 'sent' ? createdAt : null,
			createdAt: createdAt
		});
	}

	async function lastSeen(userId: string, iso: Date) {
		await db.update(users).set({ lastActiveAt: iso }).where(eq(users.id, userId));
	}

	/** What the reports show, for the half-year of the old activity and the run's own. */
	async function reports() {
		return JSON.stringify({
			old: await sixMonthlyReport(db, THEN, ALL),
			now: await sixMonthlyReport(db, RECENT, ALL),
			public: await publicStatistics(db, THEN)
		});
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		course = await makeCourse(db);
		[{ id: quizId }] = await db
			.insert(quizzes)
			.values({
				courseId: course.id,
				slug: 'kiem-tra',
				title: { vi: 'Kiểm tra' },
				required: true,
				definition: {} as QuizDefinition,
				courseVersionId: course.currentVersionId
			})
			.returning();
		admin = (await makeUser(db, { isAdmin: true })).id;
		await lastSeen(admin, ago(10));

		gone = (await makeGraduate(db, course.id, ago(6, 40), 'Trần Văn Đã Nghỉ')).id;
		await db
			.update(enrolments)
			.set({ enrolledAt: ago(6, 60) })
			.where(eq(enrolments.userId, gone));
		const issued = await issueCertificate(db, {
			userId: gone,
			courseId: course.id,
			now: ago(6, 39),
			settings: certificateSettings
		});
		if (!issued.ok) throw new Error('no certificate');
		await attempt(gone, ago(6, 50), 'submitted');
		await work(gone, ago(6, 45));
		await message(gone, ago(6, 45));
		await db.insert(sessions).values({
			id: randomBytes(16).toString('hex'),
			userId: gone,
			expiresAt: ago(6, 20)
		});
		await db.insert(passwordResets).values({
			id: randomBytes(16).toString('hex'),
			userId: gone,
			expiresAt: ago(6, 59),
			usedAt: ago(6, 58)
		});
		await db.insert(auditEvents).values({
			actorId: admin,
			action: 'role.granted',
			subjectId: gone,
			details: { role: 'trainer' },
			at: ago(6, 80)
		});
		await lastSeen(gone, ago(6, 30));

		returning = (await makeGraduate(db, course.id, ago(6, 15), 'Lê Thị Quay Lại')).id;
		await db
			.update(enrolments)
			.set({ enrolledAt: ago(6, 30) })
			.where(eq(enrolments.userId, returning));
		await attempt(returning, ago(6, 25), 'submitted');
		await work(returning, ago(6, 20));
		// Handed in long ago and still not graded: the grader needs it, so it stays.
		await work(returning, ago(6, 19), 'submitted');
		// Still waiting to be sent: the worker's, however old.
		await message(returning, ago(6, 20), 'queued');
		await lastSeen(returning, ago(0, 10));

		recent = (await makeGraduate(db, course.id, ago(0, 100), 'Võ Minh Mới')).id;
		await db
			.update(enrolments)
			.set({ enrolledAt: ago(0, 120) })
			.where(eq(enrolments.userId, recent));
		await attempt(recent, ago(0, 110), 'submitted');
		await attempt(recent, ago(0, 1), 'in_progress');
		await work(recent, ago(0, 105));
		await message(recent, ago(0, 105));
		await db.insert(sessions).values({
			id: randomBytes(16).toString('hex'),
			userId: recent,
			expiresAt: ago(0, -20)
		});
		await lastSeen(recent, ago(0, 1));

		asking = (await makeUser(db, { fullName: 'Đặng Thị Đang Hỏi' })).id;
		await db.insert(dataRequests).values({
			userId: asking,
			kind: 'access',
			channel: 'paper',
			receivedAt: ago(0, 5),
			acknowledgeBy: ago(0, 3),
			dueAt: ago(0, -9)
		});
		await lastSeen(asking, ago(7));
	});

	afterAll(async () => {
		await handle?.close();
	});

	const expected: RetentionCounts = {
		...zero,
		sessions: 1,
		password_resets: 1,
		// The old message of `returning` too: its delivery, still queued, stays.
		notifications: 3,
		deliveries: 1,
		audit_events: 1,
		quiz_answers: 2,
		submissions: 2,
		submission_files: 2,
		accounts: 1
	};

	it('a dry run counts what a run would do and changes nothing', async () => {
		const before = await reports();
		const answersBefore = await db.select().from(quizAttempts);
		expect(await planRetention(db, NOW, SETTINGS)).toEqual(expected);

		const run = await dryRunRetention(db, NOW, SETTINGS, admin);
		expect(run).toMatchObject({ dryRun: true, counts: expected, startedBy: admin });
		expect(run.settings).toEqual(SETTINGS);
		expect(await recentDryRun(db, new Date(NOW.getTime() + 30 * 60_000))).toMatchObject({
			id: run.id
		});
		expect(await recentDryRun(db, new Date(NOW.getTime() + 90 * 60_000))).toBeUndefined();

		const [person] = await db.select().from(users).where(eq(users.id, gone));
		expect(person.anonymisedAt).toBeNull();
		expect(await db.select().from(quizAttempts)).toEqual(answersBefore);
		expect(await db.select({ id: submissionFiles.id }).from(submissionFiles)).toHaveLength(4);
		expect(await reports()).toBe(before);
	});

	it('a run anonymises the inactive account, clears what is past its period, and keeps the totals', async () => {
		const before = await reports();
		const counts = await runRetention(db, NOW, SETTINGS, admin);
		expect(counts).toEqual(expected);
		expect(await reports()).toBe(before);

		const people = await db
			.select()
			.from(users)
			.where(inArray(users.id, [gone, returning, recent, asking, admin]));
		const byId = new Map(people.map((p) => [p.id, p]));
		expect(byId.get(gone)).toMatchObject({ fullName: ERASED_NAME, email: null });
		expect(byId.get(gone)?.anonymisedAt).not.toBeNull();
		for (const kept of [returning, recent, asking, admin]) {
			expect(byId.get(kept)?.anonymisedAt).toBeNull();
		}
		expect(byId.get(recent)?.fullName).toBe('Võ Minh Mới');
		expect(byId.get(asking)?.fullName).toBe('Đặng Thị Đang Hỏi');

		const attempts = await db.select().from(quizAttempts);
		const answered = (id: string) =>
			attempts.filter((a) => a.userId === id).map((a) => Object.keys(a.responses).length > 0);
		expect(answered(gone)).toEqual([false]);
		expect(answered(returning)).toEqual([false]);
		expect(answered(recent)).toEqual([true, true]);
		// The score and pass stay: the reports read them.
		expect(attempts.find((a) => a.userId === returning)).toMatchObject({
			state: 'submitted',
			score: 8,
			passed: true
		});

		const work = await db.select().from(submissions).where(eq(submissions.userId, returning));
		expect(
			work.map((s) => ({ state: s.state, body: s.body, points: s.points, passed: s.passed }))
		).toEqual(
			expect.arrayContaining([
				{ state: 'graded', body: null, points: 18, passed: true },
				{
					state: 'submitted',
					body: 'Ba chỗ lãng phí: nước, hơi, bao bì.',
					points: 18,
					passed: true
				}
			])
		);
		const files = await db
			.select({ userId: submissions.userId, state: submissions.state })
			.from(submissionFiles)
			.innerJoin(submissions, eq(submissions.id, submissionFiles.submissionId));
		expect(files).toEqual(
			expect.arrayContaining([
				{ userId: returning, state: 'submitted' },
				{ userId: recent, state: 'graded' }
			])
		);
		expect(files).toHaveLength(2);

		const messages = await db
			.select({ userId: notifications.userId })
			.from(notifications)
			.orderBy(notifications.createdAt);
		expect(messages.map((r) => r.userId)).toEqual([recent]);
		const outbox = await db
			.select({ userId: deliveries.userId, status: deliveries.status })
			.from(deliveries);
		expect(outbox).toEqual(
			expect.arrayContaining([
				{ userId: returning, status: 'queued' },
				{ userId: recent, status: 'sent' }
			])
		);
		expect(outbox).toHaveLength(2);
		expect(await db.select({ userId: sessions.userId }).from(sessions)).toEqual([
			{ userId: recent }
		]);
		expect(await db.select().from(passwordResets)).toEqual([]);

		const log = await db
			.select({
				action: auditEvents.action,
				details: auditEvents.details,
				actor: auditEvents.actorId
			})
			.from(auditEvents)
			.where(eq(auditEvents.action, 'retention.run'));
		expect(log).toEqual([{ action: 'retention.run', details: expected, actor: admin }]);
		expect(
			await db.select().from(auditEvents).where(eq(auditEvents.action, 'role.granted'))
		).toEqual([]);

		// The dry run was carried out: another is needed before the next run from the page.
		expect(await recentDryRun(db, new Date())).toBeUndefined();
		const [last] = await recentRetentionRuns(db, 1);
		expect(last).toMatchObject({ dryRun: false, counts: expected, startedBy: admin });
		expect(last.finishedAt).not.toBeNull();
	});

	it('running again changes nothing', async () => {
		const before = await reports();
		expect(await planRetention(db, NOW, SETTINGS)).toEqual(zero);
		expect(await runRetention(db, NOW, SETTINGS, null)).toEqual(zero);
		expect(await reports()).toBe(before);
		const runs = await db.select().from(retentionRuns);
		expect(runs.map((r) => r.dryRun).sort()).toEqual([false, false, true]);
	});
});
