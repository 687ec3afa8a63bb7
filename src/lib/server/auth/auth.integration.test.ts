import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, passwordResets, sessions, users } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { createOrganisation } from '../organisations';
import { scopeOf, staffScope } from './staff';
import { throttlePolicies } from '../throttle/throttle';
import {
	SESSION_LIFETIME,
	authenticate,
	changePassword,
	completePasswordReset,
	createAccount,
	createSession,
	deleteAccount,
	ensureAdministrator,
	exportUserData,
	findValidReset,
	generateSessionToken,
	grantRole,
	issuePasswordReset,
	listUsers,
	mayActIn,
	revokeRole,
	rolesOf,
	validateSessionToken
} from './index';

const DAY = 24 * 60 * 60 * 1000;
const ACCOUNT_LIMIT = throttlePolicies['sign-in-account'].limit;
const ADDRESS_LIMIT = throttlePolicies['sign-in-address'].limit;

describe.each(testEngines)('accounts on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	describe('sign-up', () => {
		it('creates an account by e-mail and by username, keeping the name exactly', async () => {
			const byEmail = await createAccount(db, {
				identifier: 'Lan.Tran@Example.VN',
				password: GOOD_PASSWORD,
				fullName: '  Trần Thị   Lan ',
				audience: 'manager'
			});
			expect(byEmail.ok && byEmail.user.email).toBe('lan.tran@example.vn');
			expect(byEmail.ok && byEmail.user.fullName).toBe('Trần Thị Lan');
			const byUsername = await createAccount(db, {
				identifier: 'hs-10a1-01',
				password: GOOD_PASSWORD,
				fullName: 'Lê Văn Đức'
			});
			expect(byUsername.ok && byUsername.user.username).toBe('hs-10a1-01');
			expect(byUsername.ok && byUsername.user.email).toBeNull();
		});

		it('refuses a duplicate, whatever its case', async () => {
			await makeUser(db, { identifier: 'dup@example.vn' });
			const again = await createAccount(db, {
				identifier: 'DUP@example.vn',
				password: GOOD_PASSWORD,
				fullName: 'Someone Else'
			});
			expect(again).toEqual({ ok: false, reason: 'taken' });
		});

		it('refuses two simultaneous sign-ups with one identifier, keeping exactly one', async () => {
			const results = await Promise.all(
				[1, 2, 3].map(() =>
					createAccount(db, { identifier: 'race-user', password: GOOD_PASSWORD, fullName: 'R' })
				)
			);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok && r.reason === 'taken')).toHaveLength(2);
		});

		it('refuses short and common passwords', async () => {
			const short = await createAccount(db, { identifier: 'p1', password: 'abc', fullName: 'P' });
			expect(short).toEqual({ ok: false, reason: 'too_short' });
			const common = await createAccount(db, {
				identifier: 'p2',
				password: 'password1',
				fullName: 'P'
			});
			expect(common).toEqual({ ok: false, reason: 'common' });
		});
	});

	describe('sign-in', () => {
		it('accepts the right password and refuses a wrong one', async () => {
			const user = await makeUser(db, { identifier: 'signin@example.vn' });
			const ok = await authenticate(db, 'SIGNIN@example.vn', GOOD_PASSWORD, '10.0.0.1');
			expect(ok.ok && ok.user.id).toBe(user.id);
			expect(await authenticate(db, 'signin@example.vn', 'wrong password', '10.0.0.1')).toEqual({
				ok: false,
				reason: 'invalid'
			});
			expect(await authenticate(db, 'nobody@example.vn', GOOD_PASSWORD, '10.0.0.1')).toEqual({
				ok: false,
				reason: 'invalid'
			});
		});

		it(`throttles an account after ${ACCOUNT_LIMIT} failures in 15 minutes, even with the right password`, async () => {
			await makeUser(db, { identifier: 'victim' });
			const now = new Date('2026-03-01T08:00:00Z');
			for (let i = 0; i < ACCOUNT_LIMIT; i++) {
				const r = await authenticate(db, 'victim', 'guess ' + i, `10.1.0.${i}`, now);
				expect(r.ok).toBe(false);
			}
			const blocked = await authenticate(db, 'victim', GOOD_PASSWORD, '10.1.1.1', now);
			expect(blocked.ok).toBe(false);
			expect(!blocked.ok && blocked.reason).toBe('throttled');
			expect(!blocked.ok && blocked.reason === 'throttled' && blocked.retryAfterSeconds).toBe(900);
			const later = new Date(now.getTime() + 15 * 60 * 1000 + 1000);
			const after = await authenticate(db, 'victim', GOOD_PASSWORD, '10.1.1.1', later);
			expect(after.ok).toBe(true);
		});

		it(`throttles an address after ${ADDRESS_LIMIT} failures across accounts`, async () => {
			const user = await makeUser(db, { identifier: 'bystander' });
			const now = new Date('2026-03-02T08:00:00Z');
			for (let i = 0; i < ADDRESS_LIMIT; i++) {
				await authenticate(db, `someone-${i}`, 'guess', '203.0.113.7', now);
			}
			const blocked = await authenticate(db, 'bystander', GOOD_PASSWORD, '203.0.113.7', now);
			expect(!blocked.ok && blocked.reason).toBe('throttled');
			const elsewhere = await authenticate(db, 'bystander', GOOD_PASSWORD, '203.0.113.8', now);
			expect(elsewhere.ok && elsewhere.user.id).toBe(user.id);
		});
	});

	describe('sessions', () => {
		it('validates, renews when half spent, and expires after 30 days', async () => {
			const user = await makeUser(db);
			const start = new Date('2026-01-01T00:00:00Z');
			const token = generateSessionToken();
			const session = await createSession(db, token, user.id, start);
			expect(session.expiresAt.getTime()).toBe(start.getTime() + SESSION_LIFETIME);

			const early = await validateSessionToken(db, token, new Date(start.getTime() + 5 * DAY));
			expect(early.user?.id).toBe(user.id);
			expect(early.renewed).toBe(false);

			const day16 = new Date(start.getTime() + 16 * DAY);
			const renewed = await validateSessionToken(db, token, day16);
			expect(renewed.renewed).toBe(true);
			expect(renewed.session?.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME);

			const gone = await validateSessionToken(db, token, new Date(day16.getTime() + 31 * DAY));
			expect(gone.user).toBeNull();
			const rows = await db.select().from(sessions).where(eq(sessions.id, session.id));
			expect(rows).toHaveLength(0);
		});

		it('brings the count of unread messages with the session, for the bell', async () => {
			const user = await makeUser(db);
			const token = generateSessionToken();
			await createSession(db, token, user.id);
			expect((await validateSessionToken(db, token)).unread).toBe(0);
			await db.insert(notifications).values(
				['a', 'b', 'c'].map((key) => ({
					userId: user.id,
					kind: 'announcement' as const,
					key,
					params: {},
					readAt: key === 'c' ? new Date() : null
				}))
			);
			expect((await validateSessionToken(db, token)).unread).toBe(2);
		});

		it('brings the user’s roles with the session, and the scope they give', async () => {
			const [a, b] = await Promise.all([
				createOrganisation(db, { name: 'Sở Công Thương', kind: 'agency', area: 'Châu Thành' }),
				createOrganisation(db, { name: 'Trường Cao đẳng', kind: 'school', area: 'Châu Thành' })
			]);
			const user = await makeUser(db);
			const token = generateSessionToken();
			await createSession(db, token, user.id);
			let found = await validateSessionToken(db, token);
			expect(found.roles).toEqual([]);
			expect(scopeOf(found.user, found.roles)).toMatchObject({ staff: false, writes: false });

			await grantRole(db, null, user.id, 'manager', a.id);
			await grantRole(db, null, user.id, 'trainer', b.id);
			await grantRole(db, null, user.id, 'manager', b.id);
			found = await validateSessionToken(db, token);
			expect(found.roles).toHaveLength(3);
			const scope = scopeOf(found.user, found.roles);
			expect(scope).toMatchObject({ staff: true, admin: false, writes: true });
			expect([...scope.organisationIds].sort()).toEqual([a.id, b.id].sort());
			// The same answer as asking for the roles on their own.
			expect(await staffScope(db, user)).toEqual(scope);

			await revokeRole(db, null, user.id, 'trainer', b.id);
			found = await validateSessionToken(db, token);
			expect(scopeOf(found.user, found.roles).writes).toBe(false);
		});

		it('knows no forged token', async () => {
			expect((await validateSessionToken(db, generateSessionToken())).session).toBeNull();
		});

		it('ends every other session when the password changes', async () => {
			const user = await makeUser(db);
			const here = generateSessionToken();
			const there = generateSessionToken();
			const hereSession = await createSession(db, here, user.id);
			await createSession(db, there, user.id);
			const wrong = await changePassword(
				db,
				user.id,
				'not it',
				'một mật khẩu mới toanh',
				hereSession.id
			);
			expect(wrong).toEqual({ ok: false, reason: 'wrong_password' });
			const ok = await changePassword(
				db,
				user.id,
				GOOD_PASSWORD,
				'một mật khẩu mới toanh',
				hereSession.id
			);
			expect(ok).toEqual({ ok: true });
			expect((await validateSessionToken(db, here)).user?.id).toBe(user.id);
			expect((await validateSessionToken(db, there)).user).toBeNull();
			const id = user.username ?? '';
			expect((await authenticate(db, id, 'một mật khẩu mới toanh', '10.2.0.1')).ok).toBe(true);
			expect((await authenticate(db, id, GOOD_PASSWORD, '10.2.0.1')).ok).toBe(false);
		});
	});

	describe('password reset links', () => {
		it('work once, end every session, and are refused after 24 hours', async () => {
			const admin = await makeUser(db, { isAdmin: true });
			const user = await makeUser(db);
			const token = generateSessionToken();
			await createSession(db, token, user.id);
			const now = new Date();
			const reset = await issuePasswordReset(db, user.id, admin.id, now);
			expect(reset.expiresAt.getTime() - now.getTime()).toBe(DAY);
			expect((await findValidReset(db, reset.token))?.id).toBe(user.id);

			const weak = await completePasswordReset(db, reset.token, '12345678');
			expect(weak).toEqual({ ok: false, reason: 'common' });
			const done = await completePasswordReset(db, reset.token, 'mật khẩu sau khi đặt lại');
			expect(done).toEqual({ ok: true, userId: user.id });
			expect((await validateSessionToken(db, token)).user).toBeNull();
			const twice = await completePasswordReset(db, reset.token, 'lần thứ hai thì không được');
			expect(twice).toEqual({ ok: false, reason: 'invalid' });

			const stale = await issuePasswordReset(db, user.id, admin.id, now);
			const tooLate = new Date(now.getTime() + DAY + 1000);
			expect(await findValidReset(db, stale.token, tooLate)).toBeUndefined();
			expect(await completePasswordReset(db, stale.token, 'quá hạn rồi bạn ơi', tooLate)).toEqual({
				ok: false,
				reason: 'invalid'
			});
			const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
			expect(audited.filter((e) => e.action === 'password_reset.issued')).toHaveLength(2);
		});

		it('withdraws an earlier unused link when a new one is issued', async () => {
			const user = await makeUser(db);
			const first = await issuePasswordReset(db, user.id, null);
			await issuePasswordReset(db, user.id, null);
			expect(await findValidReset(db, first.token)).toBeUndefined();
			const open = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
			expect(open.filter((r) => r.usedAt === null)).toHaveLength(1);
		});
	});

	describe('roles', () => {
		it('scope managers and trainers to their organisation', async () => {
			const school = await createOrganisation(db, {
				name: 'Trường Cao đẳng Bến Tre',
				kind: 'school',
				area: 'Châu Thành'
			});
			const factory = await createOrganisation(db, {
				name: 'Công ty Dừa Xanh',
				kind: 'enterprise',
				area: 'Ba Tri'
			});
			const teacher = await makeUser(db);
			await grantRole(db, null, teacher.id, 'trainer', school.id);
			await grantRole(db, null, teacher.id, 'trainer', school.id); // idempotent
			const roles = await rolesOf(db, teacher.id);
			expect(mayActIn(roles, school.id, ['trainer', 'manager'])).toBe(true);
			expect(mayActIn(roles, school.id, ['manager'])).toBe(false);
			expect(mayActIn(roles, factory.id, ['trainer'])).toBe(false);

			const admin = await makeUser(db, { isAdmin: true });
			expect(mayActIn(await rolesOf(db, admin.id), factory.id, ['manager'])).toBe(true);

			await revokeRole(db, admin.id, teacher.id, 'trainer', school.id);
			expect(mayActIn(await rolesOf(db, teacher.id), school.id, ['trainer'])).toBe(false);
			const audited = await db
				.select()
				.from(auditEvents)
				.where(eq(auditEvents.subjectId, teacher.id));
			expect(audited.map((e) => e.action)).toEqual(['role.granted', 'role.revoked']);
		});

		it('creates the first administrator once, idempotently', async () => {
			expect(await ensureAdministrator(db, 'Root@Example.VN', GOOD_PASSWORD)).toBe('created');
			expect(await ensureAdministrator(db, 'root@example.vn', GOOD_PASSWORD)).toBe('unchanged');
			const r = await authenticate(db, 'root@example.vn', GOOD_PASSWORD, '10.3.0.1');
			expect(r.ok && r.user.isAdmin).toBe(true);
		});
	});

	describe('directory and own data', () => {
		it('finds users without regard to diacritics', async () => {
			await makeUser(db, { fullName: 'Phạm Thị Tuyết Nhung', identifier: 'nhung.pham@example.vn' });
			const found = await listUsers(db, { q: 'tuyet nhung' });
			expect(found.rows.map((r) => r.email)).toContain('nhung.pham@example.vn');
			expect((await listUsers(db, { q: 'NHUNG.PHAM' })).total).toBe(1);
			expect((await listUsers(db, { q: '100%' })).total).toBe(0);
		});

		it('exports a user’s own data without the password hash', async () => {
			const user = await makeUser(db, { fullName: 'Võ Minh Khang' });
			const data = await exportUserData(db, user.id);
			expect(data?.account.fullName).toBe('Võ Minh Khang');
			expect(JSON.stringify(data)).not.toContain('argon2');
		});

		it('deletes an account only with its password, and its sessions with it', async () => {
			const user = await makeUser(db);
			const token = generateSessionToken();
			await createSession(db, token, user.id);
			expect(await deleteAccount(db, user.id, 'wrong')).toEqual({
				ok: false,
				reason: 'wrong_password'
			});
			expect(await deleteAccount(db, user.id, GOOD_PASSWORD)).toEqual({ ok: true });
			// Erased, not deleted: the row stays for the reports, without identity (privacy/erasure.ts).
			const [erased] = await db.select().from(users).where(eq(users.id, user.id));
			expect(erased).toMatchObject({ email: null, searchKey: '' });
			expect(erased.anonymisedAt).not.toBeNull();
			expect((await validateSessionToken(db, token)).user).toBeNull();
			const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
			expect(audited.map((e) => e.action)).toEqual(['person.erased']);
		});
	});
});
