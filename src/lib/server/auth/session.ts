import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, ne, sql } from 'drizzle-orm';
import {
	notifications,
	roleAssignments,
	sessions,
	users,
	type Session,
	type User
} from '$db/schema';
import type { RoleGrant } from './staff';
import type { Database } from '../db';
import { parsedJson, preparedQuery } from '../db/prepared';
import { config } from '../config';
import { requiredVersionSql } from '../privacy/notices';
import { privacyHold, type PrivacyHold } from '../privacy/standing';
import { vietnamDay } from '$lib/vietnam-time';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** Renewed when half spent, so an active user stays signed in and a stolen idle cookie dies. */
export const SESSION_RENEW_BEFORE = 15 * DAY;
export const SESSION_COOKIE = 'session';

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only the token's SHA-256 is stored: a leaked sessions table opens no account. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Database,
	token: string,
	userId: string,
	now = new Date()
): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME),
		createdAt: now
	};
	await db.insert(sessions).values(session);
	// A sign-in is activity: the retention job counts inactive years from here.
	await db.update(users).set({ lastActiveAt: now }).where(eq(users.id, userId));
	return session;
}

export type SessionUser = Pick<
	User,
	| 'id'
	| 'email'
	| 'username'
	| 'fullName'
	| 'isAdmin'
	| 'mustChangePassword'
	| 'audience'
	| 'organisationId'
> & {
	/** Whether the person must first agree to the privacy notice or wait for a guardian's consent. */
	privacyHold?: PrivacyHold | null;
};

export type SessionValidation =
	| { session: Session; user: SessionUser; roles: RoleGrant[]; renewed: boolean; unread: number }
	| { session: null; user: null; roles: []; renewed: false; unread: 0 };

/**
 * The session with its user and roles: the query every signed-in request makes, so it is built
 * once per database handle (building a query costs more than running this one) and prepared.
 */
const sessionQuery = preparedQuery('validate_session', (db, name) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				username: users.username,
				fullName: users.fullName,
				isAdmin: users.isAdmin,
				mustChangePassword: users.mustChangePassword,
				audience: users.audience,
				organisationId: users.organisationId,
				consentVersion: users.consentVersion,
				dateOfBirth: users.dateOfBirth,
				guardianConsentAt: users.guardianConsentAt
			},
			// The notice version everyone must have agreed to (privacy/standing.ts), in the same query.
			requiredVersion: requiredVersionSql,
			// The user's roles come with the session: almost every page asks for them (auth/staff.ts).
			roles: sql<
				RoleGrant[] | string
			>`(select coalesce(json_agg(json_build_object('role', ${roleAssignments.role}, 'organisationId', ${roleAssignments.organisationId})), '[]') from ${roleAssignments} where ${roleAssignments.userId} = ${users.id})`,
			// The bell's count, on every page: counted here, over the partial index of unread rows,
			// rather than in a second round trip.
			unread: sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('sessionId')))
		.prepare(name)
);

export async function validateSessionToken(
	db: Database,
	token: string,
	now = new Date()
): Promise<SessionValidation> {
	const sessionId = sessionIdFromToken(token);
	const [row] = await sessionQuery(db).execute({ sessionId });
	if (!row) return { session: null, user: null, roles: [], renewed: false, unread: 0 };
	const { session } = row;
	const { consentVersion, dateOfBirth, guardianConsentAt, ...rest } = row.user;
	const required = row.requiredVersion;
	const user: SessionUser = {
		...rest,
		privacyHold: privacyHold(
			{ consentVersion, dateOfBirth, guardianConsentAt },
			{
				requiredVersion: required === null || required === undefined ? null : Number(required),
				minorAge: config().privacy.minorAge,
				today: vietnamDay(now)
			}
		)
	};
	const roles = parsedJson<RoleGrant[]>(row.roles);
	if (now.getTime() >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, session.id));
		return { session: null, user: null, roles: [], renewed: false, unread: 0 };
	}
	let renewed = false;
	if (now.getTime() >= session.expiresAt.getTime() - SESSION_RENEW_BEFORE) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await db
			.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, session.id));
		await db.update(users).set({ lastActiveAt: now }).where(eq(users.id, user.id));
		renewed = true;
	}
	return { session, user, roles, renewed, unread: Number(row.unread) };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keep` (the device the user is on). */
export async function invalidateUserSessions(
	db: Database,
	userId: string,
	keep?: string
): Promise<void> {
	await db
		.delete(sessions)
		.where(
			keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId)
		);
}
