import { eq } from 'drizzle-orm';
import { users, type AudienceGroup, type User } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { searchKeyFor } from './directory';
import { parseIdentifier, normaliseName, type Identifier } from './identifier';
import { hashPassword, passwordProblem, verifyAgainstDecoy, verifyPassword } from './password';
import { invalidateUserSessions } from './session';
import { admit, settle } from '../throttle/throttle';
import { erasePerson } from '../privacy/erasure';

export interface NewAccount {
	identifier: string;
	password: string;
	fullName: string;
	audience?: AudienceGroup;
	dateOfBirth?: string | null;
	organisationId?: string | null;
	area?: string | null;
	isAdmin?: boolean;
	mustChangePassword?: boolean;
	/** The language messages reach them in: the one they signed up in (default Vietnamese). */
	language?: 'vi' | 'en';
}

export type CreateAccountResult =
	{ ok: true; user: User } | { ok: false; reason: 'taken' | 'too_short' | 'too_long' | 'common' };

function identifierColumns(id: Identifier) {
	return id.kind === 'email'
		? { email: id.value, username: null }
		: { email: null, username: id.value };
}

function findByIdentifier(db: Database, id: Identifier) {
	return db
		.select()
		.from(users)
		.where(id.kind === 'email' ? eq(users.email, id.value) : eq(users.username, id.value))
		.then((rows) => rows[0]);
}

function isUniqueViolation(error: unknown): boolean {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: string }).code === '23505') return true;
	}
	return false;
}

/** An account ready to be stored: checked, and its password hashed. */
export type PreparedAccount = typeof users.$inferInsert;

export type PrepareAccountResult =
	| { ok: true; account: PreparedAccount }
	| { ok: false; reason: 'too_short' | 'too_long' | 'common' };

/**
 * Checks an account's password and hashes it, touching no database. Hashing is the slow part
 * (≈150 ms), so whoever stores many accounts at once does this before opening a transaction.
 */
export async function prepareAccount(input: NewAccount): Promise<PrepareAccountResult> {
	const id = parseIdentifier(input.identifier);
	const problem = passwordProblem(input.password, [id.value, id.value.split('@')[0]]);
	if (problem) return { ok: false, reason: problem };
	const fullName = normaliseName(input.fullName);
	const columns = identifierColumns(id);
	return {
		ok: true,
		account: {
			...columns,
			searchKey: searchKeyFor({ fullName, ...columns }),
			passwordHash: await hashPassword(input.password),
			fullName,
			audience: input.audience ?? 'other',
			dateOfBirth: input.dateOfBirth ?? null,
			organisationId: input.organisationId ?? null,
			area: input.area ?? null,
			isAdmin: input.isAdmin ?? false,
			mustChangePassword: input.mustChangePassword ?? false,
			language: input.language ?? 'vi'
		}
	};
}

export async function createAccount(db: Database, input: NewAccount): Promise<CreateAccountResult> {
	const prepared = await prepareAccount(input);
	if (!prepared.ok) return prepared;
	if (await findByIdentifier(db, parseIdentifier(input.identifier))) {
		return { ok: false, reason: 'taken' };
	}
	try {
		const [user] = await db.insert(users).values(prepared.account).returning();
		return { ok: true, user };
	} catch (error) {
		// Two sign-ups with the same identifier at once: the unique index decides.
		if (isUniqueViolation(error)) return { ok: false, reason: 'taken' };
		throw error;
	}
}

/** Rows a statement may carry: PostgreSQL takes at most 65,535 parameters. */
const INSERT_BATCH = 500;

/**
 * Stores prepared accounts, a few hundred a statement. An account whose identifier was taken
 * meanwhile is left out (not an error, which would abort the caller's transaction): compare the
 * users returned with those asked for.
 */
export async function insertAccounts(db: Database, accounts: PreparedAccount[]): Promise<User[]> {
	const stored: User[] = [];
	for (let i = 0; i < accounts.length; i += INSERT_BATCH) {
		const batch = accounts.slice(i, i + INSERT_BATCH);
		stored.push(...(await db.insert(users).values(batch).onConflictDoNothing().returning()));
	}
	return stored;
}

export type AuthenticateResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a password, throttled per account and per address (throttle/throttle.ts). The attempt is
 * counted before the password is checked, so parallel guesses cannot outrun the limit.
 */
export async function authenticate(
	db: Database,
	rawIdentifier: string,
	password: string,
	address: string,
	now = new Date()
): Promise<AuthenticateResult> {
	const id = parseIdentifier(rawIdentifier);
	const account = { policy: 'sign-in-account', subject: id.value } as const;
	const admission = await admit(
		db,
		[account, { policy: 'sign-in-address', subject: address }],
		now
	);
	if (!admission.allowed) {
		return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
	}
	const user = await findByIdentifier(db, id);
	const valid = user
		? await verifyPassword(user.passwordHash, password)
		: (await verifyAgainstDecoy(password), false);
	if (!user || !valid) {
		await settle(db, admission.slots, 'failed');
		return { ok: false, reason: 'invalid' };
	}
	// A success forgives the account's failures, and costs the address (a classroom) nothing.
	for (const slot of admission.slots) {
		await settle(db, [slot], slot.policy === 'sign-in-account' ? 'forgiven' : 'passed');
	}
	return { ok: true, user };
}

export type OwnPasswordCheck =
	| { ok: true }
	| { ok: false; reason: 'wrong_password' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The signed-in user's password asked again (to change it, to delete the account), counted against
 * the account like a sign-in: whoever holds a stolen session cannot guess the password here either.
 */
export async function checkOwnPassword(
	db: Database,
	user: Pick<User, 'email' | 'username' | 'passwordHash'>,
	password: string,
	now = new Date()
): Promise<OwnPasswordCheck> {
	const subject = parseIdentifier(user.email ?? user.username ?? '').value;
	const admission = await admit(db, [{ policy: 'sign-in-account', subject }], now);
	if (!admission.allowed) {
		return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
	}
	const valid = await verifyPassword(user.passwordHash, password);
	await settle(db, admission.slots, valid ? 'forgiven' : 'failed');
	return valid ? { ok: true } : { ok: false, reason: 'wrong_password' };
}

export type ChangePasswordResult =
	| { ok: true }
	| Exclude<OwnPasswordCheck, { ok: true }>
	| { ok: false; reason: 'too_short' | 'too_long' | 'common' };

/**
 * Sets a new password and ends every other session of the user (keepSessionId is the device in
 * use). With `current` undefined the old password is not asked (forced change after a one-time one).
 */
export async function changePassword(
	db: Database,
	userId: string,
	current: string | undefined,
	next: string,
	keepSessionId?: string
): Promise<ChangePasswordResult> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user) return { ok: false, reason: 'wrong_password' };
	if (current !== undefined) {
		const checked = await checkOwnPassword(db, user, current);
		if (!checked.ok) return checked;
	}
	const problem = passwordProblem(next, [user.email ?? '', user.username ?? '']);
	if (problem) return { ok: false, reason: problem };
	await setPassword(db, userId, next, keepSessionId);
	return { ok: true };
}

/** Stores a new password hash and ends the user's sessions (all but keepSessionId). */
export async function setPassword(
	db: Database,
	userId: string,
	password: string,
	keepSessionId?: string
): Promise<void> {
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
			.where(eq(users.id, userId));
		await invalidateUserSessions(tx, userId, keepSessionId);
	});
}

export interface Profile {
	fullName: string;
	dateOfBirth: string | null;
	audience: AudienceGroup;
	organisationId: string | null;
	area: string | null;
}

export async function updateProfile(db: Database, userId: string, profile: Profile): Promise<void> {
	const user = await getUser(db, userId);
	if (!user) return;
	const fullName = normaliseName(profile.fullName);
	await db
		.update(users)
		.set({
			...profile,
			fullName,
			searchKey: searchKeyFor({ ...user, fullName }),
			updatedAt: new Date()
		})
		.where(eq(users.id, userId));
}

export async function getUser(db: Database, userId: string): Promise<User | undefined> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	return user;
}

/**
 * Deletes the account after checking its password (throttled): the person is erased
 * (privacy/erasure.ts), so they can no longer sign in and nothing says who they were.
 */
export async function deleteAccount(
	db: Database,
	userId: string,
	password: string
): Promise<{ ok: true } | Exclude<OwnPasswordCheck, { ok: true }>> {
	const user = await getUser(db, userId);
	if (!user) return { ok: false, reason: 'wrong_password' };
	const checked = await checkOwnPassword(db, user, password);
	if (!checked.ok) return checked;
	// The row stays without identity, so the reports keep counting what the person did
	// (privacy/erasure.ts); audited there as person.erased, reason self.
	await erasePerson(db, userId, { by: null, reason: 'self' });
	return { ok: true };
}

/** Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD, or makes that account one. */
export async function ensureAdministrator(
	db: Database,
	email: string,
	password: string
): Promise<'created' | 'promoted' | 'unchanged'> {
	const id = parseIdentifier(email);
	const existing = await findByIdentifier(db, id);
	if (existing) {
		if (existing.isAdmin) return 'unchanged';
		await db.update(users).set({ isAdmin: true }).where(eq(users.id, existing.id));
		await recordAudit(db, {
			actorId: null,
			action: 'role.granted',
			subjectId: existing.id,
			details: { role: 'admin' }
		});
		return 'promoted';
	}
	const passwordHash = await hashPassword(password);
	const columns = identifierColumns(id);
	const fullName = 'Quản trị viên';
	await db
		.insert(users)
		.values({
			...columns,
			passwordHash,
			fullName,
			searchKey: searchKeyFor({ fullName, ...columns }),
			isAdmin: true
		})
		.onConflictDoNothing();
	return 'created';
}
