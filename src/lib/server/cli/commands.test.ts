import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, retentionRuns, sessions, users } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { GOOD_PASSWORD, makeUser } from '$testing/factories';
import { createOrganisation } from '../organisations';
import { authenticate, findValidReset, mayActIn, rolesOf } from '../auth';
import {
	CommandError,
	ONE_TIME_ALPHABET,
	createUser,
	generateOneTimePassword,
	parseCommandLine,
	resetLink,
	retention,
	runCommand,
	setRole
} from './commands';

/** The CommandError a promise or function fails with, to check its message and exit code. */
async function failure(run: () => unknown): Promise<CommandError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof CommandError) return error;
		throw error;
	}
	throw new Error('expected a CommandError');
}

describe('the command line', () => {
	it('reads each command with its options', () => {
		expect(
			parseCommandLine([
				'create-user',
				'--identifier',
				'lan@example.vn',
				'--name',
				'Trần Thị Lan',
				'--audience',
				'manager',
				'--admin'
			])
		).toEqual({
			command: 'create-user',
			options: {
				identifier: 'lan@example.vn',
				name: 'Trần Thị Lan',
				password: undefined,
				audience: 'manager',
				admin: true
			}
		});
		expect(
			parseCommandLine(['set-role', '--user=lan', '--role', 'trainer', '--organisation', 'X'])
		).toEqual({
			command: 'set-role',
			options: { user: 'lan', role: 'trainer', organisation: 'X', revoke: false }
		});
		expect(parseCommandLine(['reset-link', '--user', 'lan'])).toEqual({
			command: 'reset-link',
			options: { user: 'lan' }
		});
		expect(parseCommandLine(['retention'])).toEqual({
			command: 'retention',
			options: { dryRun: false }
		});
		expect(parseCommandLine(['retention', '--dry-run'])).toEqual({
			command: 'retention',
			options: { dryRun: true }
		});
		expect(parseCommandLine(['verify', 'giay-chung-nhan.json'])).toEqual({
			command: 'verify',
			options: { file: 'giay-chung-nhan.json' }
		});
		expect(parseCommandLine(['verify', '--keys', 'keys.json', 'badge.json'])).toEqual({
			command: 'verify',
			options: { file: 'badge.json', keys: 'keys.json' }
		});
	});

	it('answers help however it is asked', () => {
		for (const argv of [['help'], ['--help'], ['-h'], ['set-role', '--help']]) {
			expect(parseCommandLine(argv)).toEqual({ command: 'help' });
		}
	});

	it('refuses misuse with one line and exit code 2', async () => {
		const cases: [string[], RegExp][] = [
			[[], /No command given/],
			[['make-coffee'], /Unknown command "make-coffee"/],
			[['reset-link', '--user', 'a', '--force'], /Unknown option --force for reset-link/],
			[['reset-link'], /reset-link needs --user/],
			[['reset-link', '--user'], /argument missing/],
			[['create-user', '--identifier', 'a@b.vn'], /create-user needs --name/],
			[['create-user', '--identifier', 'a@b.vn', '--name', 'A', 'B'], /Unexpected argument "B"/],
			[
				['create-user', '--identifier', 'a@b.vn', '--name', 'A', '--audience', 'boss'],
				/--audience must be one of manager, operational, consultant, student, other/
			],
			[['set-role', '--user', 'a', '--role', 'owner'], /--role must be one of admin/],
			[['set-role', '--user', 'a', '--role', 'manager'], /manager is held in an organisation/],
			[['set-role', '--user', 'a', '--role', 'admin', '--organisation', 'X'], /platform-wide/],
			[['verify'], /verify needs the file to check/],
			[['verify', 'a.json', 'b.json'], /one file at a time/],
			[['verify', 'a.json', '--keys'], /argument missing/],
			[['reset-link', '--user', 'a', 'extra'], /Unexpected argument "extra"/],
			[['retention', '--dry'], /Unknown option --dry for retention/]
		];
		for (const [argv, message] of cases) {
			const error = await failure(() => parseCommandLine(argv));
			expect(error.message, argv.join(' ')).toMatch(message);
			expect(error.message).not.toContain('\n');
			expect(error.exitCode).toBe(2);
		}
	});

	it('generates one-time passwords of 12 characters without look-alikes', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const password = generateOneTimePassword();
			expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
			expect(password).not.toMatch(/[0O1lIio]/);
			expect([...password].every((ch) => ONE_TIME_ALPHABET.includes(ch))).toBe(true);
			seen.add(password);
		}
		expect(seen.size).toBe(200);
	});
});

describe.each(testEngines)('operator commands on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	const userNamed = async (email: string) =>
		(await db.select().from(users).where(eq(users.email, email)))[0];

	describe('create-user', () => {
		it('creates an account with the given password', async () => {
			const out = await createUser(db, {
				identifier: 'Lan.Tran@Example.VN',
				name: '  Trần Thị   Lan ',
				password: GOOD_PASSWORD,
				audience: 'manager'
			});
			expect(out).toMatch(/^Created user lan.tran@example.vn \(Trần Thị Lan\), audience manager/);
			expect(out).not.toContain('One-time password');
			const user = await userNamed('lan.tran@example.vn');
			expect(user.mustChangePassword).toBe(false);
			expect(user.isAdmin).toBe(false);
			expect((await authenticate(db, 'lan.tran@example.vn', GOOD_PASSWORD, '10.9.0.1')).ok).toBe(
				true
			);
		});

		it('without a password, prints a one-time one that must be changed', async () => {
			const out = await createUser(db, { identifier: 'hs-10a1-07', name: 'Lê Văn Đức' });
			const password = /One-time password .*: ([A-Za-z2-9]{12})$/m.exec(out)?.[1];
			expect(password).toBeDefined();
			const signedIn = await authenticate(db, 'hs-10a1-07', password!, '10.9.0.2');
			expect(signedIn.ok && signedIn.user.mustChangePassword).toBe(true);
			expect(signedIn.ok && signedIn.user.audience).toBe('other');
		});

		it('creates an administrator, and audits it', async () => {
			const out = await runCommand(
				db,
				parseCommandLine([
					'create-user',
					'--identifier',
					'root@example.vn',
					'--name',
					'Quản trị',
					'--admin'
				]),
				{ origin: 'http://localhost:3000' }
			);
			expect(out).toMatch(/^Created administrator root@example.vn/);
			const user = await userNamed('root@example.vn');
			expect(user.isAdmin).toBe(true);
			const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
			expect(audited.map((e) => [e.action, e.details])).toEqual([
				['role.granted', { role: 'admin' }]
			]);
		});

		it('refuses a taken identifier, a weak password and a malformed identifier', async () => {
			await makeUser(db, { identifier: 'taken@example.vn' });
			const taken = await failure(() =>
				createUser(db, { identifier: 'TAKEN@example.vn', name: 'X', password: GOOD_PASSWORD })
			);
			expect([taken.message, taken.exitCode]).toEqual(['"taken@example.vn" is already taken.', 1]);
			const weak = await failure(() =>
				createUser(db, { identifier: 'weak@example.vn', name: 'X', password: 'password1' })
			);
			expect(weak.message).toMatch(/too common/);
			const short = await failure(() =>
				createUser(db, { identifier: 'short@example.vn', name: 'X', password: 'abc' })
			);
			expect(short.message).toMatch(/too short/);
			const badName = await failure(() => createUser(db, { identifier: 'a b', name: 'X' }));
			expect([badName.message, badName.exitCode]).toEqual([
				expect.stringMatching(/"a b" is not a valid username/),
				2
			]);
			const badEmail = await failure(() => createUser(db, { identifier: 'x@', name: 'X' }));
			expect(badEmail.message).toMatch(/not a valid e-mail address/);
			expect(await db.select().from(users).where(eq(users.email, 'weak@example.vn'))).toEqual([]);
		});
	});

	describe('set-role', () => {
		it('grants and revokes manager and trainer roles by organisation name or id', async () => {
			const school = await createOrganisation(db, {
				name: 'Trường Cao đẳng Bến Tre',
				kind: 'school',
				area: 'Châu Thành'
			});
			const user = await makeUser(db, { identifier: 'thay.binh@example.vn' });

			const granted = await setRole(db, {
				user: 'Thay.Binh@example.vn',
				role: 'manager',
				organisation: ' Trường Cao đẳng Bến Tre '
			});
			expect(granted).toBe(
				`thay.binh@example.vn (Nguyễn Thị Học Viên) is now manager in Trường Cao đẳng Bến Tre (${school.id}).`
			);
			const again = await setRole(db, {
				user: 'thay.binh@example.vn',
				role: 'manager',
				organisation: school.id
			});
			expect(again).toMatch(/is already manager in .*; nothing changed\.$/);
			await setRole(db, {
				user: 'thay.binh@example.vn',
				role: 'trainer',
				organisation: school.id.toUpperCase()
			});
			let roles = await rolesOf(db, user.id);
			expect(mayActIn(roles, school.id, ['manager'])).toBe(true);
			expect(mayActIn(roles, school.id, ['trainer'])).toBe(true);

			const revoked = await setRole(db, {
				user: 'thay.binh@example.vn',
				role: 'manager',
				organisation: school.id,
				revoke: true
			});
			expect(revoked).toMatch(/is no longer manager in Trường Cao đẳng Bến Tre/);
			roles = await rolesOf(db, user.id);
			expect(mayActIn(roles, school.id, ['manager'])).toBe(false);
			expect(mayActIn(roles, school.id, ['trainer'])).toBe(true);
			const notHeld = await setRole(db, {
				user: 'thay.binh@example.vn',
				role: 'manager',
				organisation: school.id,
				revoke: true
			});
			expect(notHeld).toMatch(/is not manager in .*; nothing changed\.$/);

			const audited = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
			expect(audited.map((e) => [e.action, e.details.role, e.actorId])).toEqual([
				['role.granted', 'manager', null],
				['role.granted', 'trainer', null],
				['role.revoked', 'manager', null]
			]);
		});

		it('makes and unmakes an administrator', async () => {
			const user = await makeUser(db, { identifier: 'future-admin' });
			expect(await setRole(db, { user: 'future-admin', role: 'admin' })).toMatch(
				/^future-admin \(.*\) is now an administrator\.$/
			);
			expect((await rolesOf(db, user.id)).isAdmin).toBe(true);
			expect(await setRole(db, { user: 'future-admin', role: 'admin' })).toMatch(
				/is already an administrator; nothing changed/
			);
			expect(await setRole(db, { user: 'future-admin', role: 'admin', revoke: true })).toMatch(
				/is no longer an administrator\.$/
			);
			expect((await rolesOf(db, user.id)).isAdmin).toBe(false);
		});

		it('refuses an unknown user, an unknown or ambiguous organisation, and a missing one', async () => {
			await makeUser(db, { identifier: 'someone' });
			const org = await createOrganisation(db, {
				name: 'Công ty Dừa',
				kind: 'enterprise',
				area: null
			});
			await createOrganisation(db, { name: 'Hai tên', kind: 'agency', area: null });
			await createOrganisation(db, { name: 'Hai tên', kind: 'agency', area: null });

			const noUser = await failure(() =>
				setRole(db, { user: 'nobody@example.vn', role: 'trainer', organisation: org.id })
			);
			expect([noUser.message, noUser.exitCode]).toEqual([
				'No user with e-mail address "nobody@example.vn".',
				1
			]);
			const noUsername = await failure(() => setRole(db, { user: 'Nobody', role: 'admin' }));
			expect(noUsername.message).toBe('No user with username "nobody".');

			const noOrg = await failure(() =>
				setRole(db, { user: 'someone', role: 'trainer', organisation: 'Công ty Không Có' })
			);
			expect([noOrg.message, noOrg.exitCode]).toEqual([
				'No organisation with id or name "Công ty Không Có".',
				1
			]);
			const noOrgId = await failure(() =>
				setRole(db, {
					user: 'someone',
					role: 'trainer',
					organisation: '00000000-0000-4000-8000-000000000000'
				})
			);
			expect(noOrgId.message).toMatch(/^No organisation with id or name/);
			const ambiguous = await failure(() =>
				setRole(db, { user: 'someone', role: 'trainer', organisation: 'Hai tên' })
			);
			expect(ambiguous.message).toMatch(/^2 organisations are named "Hai tên"; give one of/);

			const missing = await failure(() => setRole(db, { user: 'someone', role: 'manager' }));
			expect([missing.message, missing.exitCode]).toEqual([
				'manager is held in an organisation: give --organisation <id or exact name>.',
				2
			]);
			const someone = (await db.select().from(users).where(eq(users.username, 'someone')))[0];
			expect((await rolesOf(db, someone.id)).byOrganisation.size).toBe(0);
		});
	});

	describe('reset-link', () => {
		it('prints a working link under the origin with its expiry', async () => {
			const user = await makeUser(db, { identifier: 'forgetful' });
			const now = new Date();
			const out = await resetLink(db, { user: 'forgetful' }, 'https://sachhon.example.vn/', now);
			const lines = out.split('\n');
			expect(lines[0]).toBe('Password reset link for forgetful (Nguyễn Thị Học Viên):');
			const token = /^https:\/\/sachhon\.example\.vn\/reset\/([a-z2-7]+)$/.exec(lines[1])?.[1];
			expect(token).toBeDefined();
			expect((await findValidReset(db, token!))?.id).toBe(user.id);
			const expires = new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString();
			expect(lines[2]).toContain(`Valid until ${expires}`);

			const second = await runCommand(db, parseCommandLine(['reset-link', '--user', 'forgetful']), {
				origin: 'http://localhost:3000'
			});
			expect(second).toMatch(/^http:\/\/localhost:3000\/reset\/[a-z2-7]+$/m);
			expect(await findValidReset(db, token!)).toBeUndefined();
		});

		it('refuses an unknown user', async () => {
			const error = await failure(() => resetLink(db, { user: 'ghost' }, 'http://localhost:3000'));
			expect([error.message, error.exitCode]).toEqual(['No user with username "ghost".', 1]);
		});
	});

	describe('retention', () => {
		const settings = {
			inactiveYears: 5,
			attemptYears: 5,
			submissionYears: 5,
			logYears: 2,
			messageMonths: 12
		};

		it('counts with --dry-run, then applies, and says what it did', async () => {
			const user = await makeUser(db, { identifier: 'het-phien' });
			await db.delete(sessions);
			await db
				.insert(sessions)
				.values({ id: 'cli-expired', userId: user.id, expiresAt: new Date(Date.now() - 1000) });

			const dry = await retention(db, { dryRun: true }, settings);
			expect(dry.split('\n')[0]).toBe('Dry run, nothing changed. A run now would change:');
			expect(dry).toMatch(/^ +1 {2}expired sessions: to be deleted$/m);
			expect(dry).toMatch(/^ +0 {2}accounts inactive for 5 years: to be anonymised$/m);
			expect(dry).toMatch(/Run `npm run cli -- retention` to apply\.$/);
			expect(await db.select().from(sessions)).toHaveLength(1);

			const done = await runCommand(db, parseCommandLine(['retention']), {
				origin: 'http://localhost:3000'
			});
			expect(done.split('\n')[0]).toBe('Retention run done:');
			expect(done).toMatch(/^ +1 {2}expired sessions: deleted$/m);
			expect(await db.select().from(sessions)).toHaveLength(0);
			const runs = await db.select().from(retentionRuns);
			expect(runs.map((r) => [r.dryRun, r.startedBy]).sort()).toEqual([
				[false, null],
				[true, null]
			]);
		});
	});
});
