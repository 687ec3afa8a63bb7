import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	certificates,
	notifications,
	phoneNumbers,
	quizAttempts,
	quizzes,
	sessions,
	submissions,
	users,
	type QuizDefinition
} from '$db/schema';
import { authenticate, deleteAccount } from '../auth/accounts';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import { issueCertificate } from '../certificates/issue';
import { trustedKeys } from '../certificates/keystore';
import { statementSignatureValid, type CertificateStatement } from '../certificates/statement';
import { lookUpCertificate } from '../certificates/verify-lookup';
import { DEFAULT_CERTIFICATE_ISSUER, type CertificateConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { queryRows } from '../db/rows';
import { sixMonthlyReport } from '../reports/report';
import { makeCourse, makeGraduate, makePassedPracticum } from '$testing/certificates';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { ERASED_NAME, erasePerson } from './erasure';

const at = (iso: string) => new Date(iso);
const settings: CertificateConfig = {
	issuer: DEFAULT_CERTIFICATE_ISSUER,
	signatoryName: undefined,
	signatoryTitle: 'Giám đốc',
	place: 'Vĩnh Long',
	signingKey: undefined
};
const NAME = 'Phan Thị Xóa Được';
const EMAIL = 'xoa.duoc@example.vn';

/** Every row of every table with a user_id column that belongs to `userId`, as JSON text. */
async function rowsOf(db: Database, userId: string): Promise<Record<string, string[]>> {
	const tables = await queryRows<{ table_name: string }>(
		db,
		sql`select table_name from information_schema.columns
			where column_name = 'user_id' and table_schema = current_schema()`
	);
	const found: Record<string, string[]> = {};
	for (const { table_name } of tables) {
		const rows = await queryRows<{ row: unknown }>(
			db,
			sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t where t.user_id = ${userId}`
		);
		if (rows.length) found[table_name] = rows.map((r) => String(r.row));
	}
	const own = await queryRows<{ row: unknown }>(
		db,
		sql`select row_to_json(u)::text as row from users u where u.id = ${userId}`
	);
	found.users = own.map((r) => String(r.row));
	return found;
}

describe.each(testEngines)('erasing a person on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('keeps the reports and the certificate, and leaves no name, e-mail or birth date', async () => {
		const course = await makeCourse(db);
		const person = await makeGraduate(db, course.id, at('2026-03-04T00:00:00Z'), NAME);
		await db.update(users).set({ email: EMAIL }).where(eq(users.id, person.id));
		await makePassedPracticum(db, course, person.id);
		const [quiz] = await db
			.insert(quizzes)
			.values({
				courseId: course.id,
				slug: 'cuoi-khoa',
				title: { vi: 'Kiểm tra' },
				required: false,
				definition: {} as QuizDefinition,
				courseVersionId: course.currentVersionId
			})
			.returning();
		await db.insert(quizAttempts).values({
			quizId: quiz.id,
			userId: person.id,
			courseId: course.id,
			courseVersionId: course.currentVersionId,
			number: 1,
			state: 'submitted',
			startedAt: at('2026-03-03T02:00:00Z'),
			submittedAt: at('2026-03-03T02:10:00Z'),
			snapshot: {},
			responses: { q1: `Tôi là ${NAME}` },
			score: 2,
			maxScore: 2,
			percent: 100,
			passed: true
		});
		await db.insert(phoneNumbers).values({ userId: person.id, number: '+84912345678' });
		await db.insert(notifications).values({
			userId: person.id,
			kind: 'graded',
			key: 'graded:test',
			params: {}
		});
		const token = generateSessionToken();
		await createSession(db, token, person.id);
		const issued = await issueCertificate(db, {
			userId: person.id,
			courseId: course.id,
			now: at('2026-03-05T00:00:00Z'),
			settings
		});
		if (!issued.ok) throw new Error('no certificate');
		const code = issued.certificate.code;
		expect((issued.certificate.credential as CertificateStatement).holder.dateOfBirth).toBe(
			'1990-05-12'
		);
		const admin = await makeUser(db, { isAdmin: true });
		const before = await sixMonthlyReport(db, { year: 2026, half: 1 }, { type: 'all' });

		const summary = await erasePerson(db, person.id, { by: admin.id, reason: 'request' });
		expect(summary).toMatchObject({
			users: 1,
			sessions: 1,
			phone_numbers: 1,
			submissions: 1,
			quiz_attempts_cleared: 1,
			certificates: 1
		});

		// The six-monthly report counts the same.
		const after = await sixMonthlyReport(db, { year: 2026, half: 1 }, { type: 'all' });
		expect(after.total).toEqual(before.total);
		expect(after.groups).toEqual(before.groups);
		expect(after.inPerson).toEqual(before.inPerson);

		// The certificate still verifies, by its code and by its signature, with the name printed.
		expect(await lookUpCertificate(db, code, '10.9.0.1')).toMatchObject({
			status: 'valid',
			name: NAME
		});
		const [kept] = await db.select().from(certificates).where(eq(certificates.code, code));
		const statement = kept.credential as CertificateStatement;
		expect(statement.holder).toEqual({ name: NAME });
		expect(kept).toMatchObject({ dateOfBirth: null, organisationName: null, fullName: NAME });
		const keys = await trustedKeys(db);
		expect(statementSignatureValid(statement, kept.signature, keys.get(kept.keyId)!)).toBe(true);

		// No name, e-mail or birth date anywhere for that id, but the certificate's printed name.
		const rows = await rowsOf(db, person.id);
		for (const [table, texts] of Object.entries(rows)) {
			for (const text of texts) {
				expect(text, table).not.toContain(EMAIL);
				expect(text, table).not.toContain('1990-05-12');
				expect(text, table).not.toContain('Lương Quới');
				const withoutPrinted =
					table === 'certificates'
						? text.replaceAll(new RegExp(`"(full_)?name": ?"${NAME}"`, 'g'), '')
						: text;
				expect(withoutPrinted, table).not.toContain(NAME);
			}
		}
		const [erased] = await db.select().from(users).where(eq(users.id, person.id));
		expect(erased).toMatchObject({
			fullName: ERASED_NAME,
			email: null,
			searchKey: '',
			dateOfBirth: null,
			isAdmin: false
		});
		expect(erased.username).toMatch(/^xoa-[0-9a-f]{16}$/);
		expect(erased.anonymisedAt).not.toBeNull();
		// Kept for the report: the groups, and the attempt's result without its answers.
		expect(erased.audience).toBe('consultant');
		const [attempt] = await db
			.select()
			.from(quizAttempts)
			.where(eq(quizAttempts.userId, person.id));
		expect(attempt).toMatchObject({ responses: {}, passed: true, score: 2 });
		expect(await db.select().from(submissions).where(eq(submissions.userId, person.id))).toEqual(
			[]
		);

		// Signing in is impossible, by the old identifiers or the new one; the session is gone.
		expect(await authenticate(db, EMAIL, GOOD_PASSWORD, '10.9.0.2')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await authenticate(db, person.username!, GOOD_PASSWORD, '10.9.0.2')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await authenticate(db, erased.username!, '!erased', '10.9.0.2')).toMatchObject({
			ok: false
		});
		expect((await validateSessionToken(db, token)).user).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);

		// Audited with ids only; a second erasure changes nothing.
		const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, person.id));
		expect(audited.map((e) => [e.action, e.actorId, e.details])).toEqual([
			['person.erased', admin.id, { reason: 'request', certificates: 1 }]
		]);
		expect(await erasePerson(db, person.id, { by: admin.id, reason: 'request' })).toEqual({
			users: 0
		});
	});

	it('erases, rather than deletes, an account its owner deletes', async () => {
		const person = await makeUser(db, { fullName: NAME });
		expect(await deleteAccount(db, person.id, GOOD_PASSWORD)).toEqual({ ok: true });
		const [row] = await db.select().from(users).where(eq(users.id, person.id));
		expect(row).toMatchObject({ fullName: ERASED_NAME, email: null });
		const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, person.id));
		expect(audited.map((e) => [e.action, e.actorId, e.details])).toEqual([
			['person.erased', null, { reason: 'self', certificates: 0 }]
		]);
	});
});
