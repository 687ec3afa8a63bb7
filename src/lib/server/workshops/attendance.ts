import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import {
	users,
	workshopAttendance,
	workshopRegistrations,
	workshopSessions,
	workshops
} from '$db/schema';
import { USERNAME_PATTERN } from '$lib/domain';
import { fold } from '$lib/text';
import { phoneAsUsername, type AttendanceMethod } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { createAccount } from '../auth/accounts';
import { parseIdentifier } from '../auth/identifier';
import { staffScope } from '../auth/staff';
import { oneTimePassword } from '../cohorts/import';
import { workshopAccess } from './access';
import {
	DEFAULT_CHECK_IN_WINDOW,
	verifyCheckIn,
	withinCheckInWindow,
	type CheckInWindow
} from './checkin';
import { afterAttendance } from './close';
import { register } from './registration';

export type RecordOutcome = 'recorded' | 'already' | 'outside_window' | 'not_found';

export interface AttendanceInput {
	sessionId: string;
	userId: string;
	method: AttendanceMethod;
	/** Who records it: the person themself (QR), a trainer, staff; null for the system. */
	by: string | null;
	/** When they were seen (for an offline list, the time on the trainer's phone). */
	at: Date;
	/** The offline batch it came in, if any. */
	batchId?: string | null;
}

/** Whether `by` may record attendance for this workshop at any time (its trainers and planners). */
async function mayOverride(db: Database, by: string | null, workshopId: string): Promise<boolean> {
	if (!by) return false;
	const [user] = await db
		.select({ id: users.id, isAdmin: users.isAdmin })
		.from(users)
		.where(eq(users.id, by));
	if (!user) return false;
	const access = await workshopAccess(db, { user, scope: await staffScope(db, user) }, workshopId);
	return access?.takeAttendance ?? false;
}

/**
 * Marks someone present at a session, once: recording it again (a second scan, a second tap, a
 * replayed sync) changes nothing and answers 'already'. Refused outside the session's check-in
 * window, except when `by` is one of the workshop's trainers or planners, which is audited. The
 * person becomes registered if they were not (they came). Whether `by` may record for others at all
 * is the route's question (workshopAccess(...).takeAttendance); this guards the time.
 */
export async function recordAttendance(
	db: Database,
	input: AttendanceInput,
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): Promise<RecordOutcome> {
	const [session] = await db
		.select({
			id: workshopSessions.id,
			workshopId: workshopSessions.workshopId,
			startsAt: workshopSessions.startsAt,
			endsAt: workshopSessions.endsAt,
			status: workshops.status
		})
		.from(workshopSessions)
		.innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
		.where(eq(workshopSessions.id, input.sessionId));
	if (!session) return 'not_found';
	// A closed (or cancelled) workshop takes only its trainers' and planners' corrections, audited.
	const closed = session.status === 'closed' || session.status === 'cancelled';
	const inWindow = withinCheckInWindow(session, input.at, window) && !closed;
	if (!inWindow && !(await mayOverride(db, input.by, session.workshopId))) return 'outside_window';
	return db.transaction(async (tx) => {
		const inserted = await tx
			.insert(workshopAttendance)
			.values({
				sessionId: session.id,
				userId: input.userId,
				method: input.method,
				recordedBy: input.by,
				recordedAt: input.at,
				clientBatchId: input.batchId ?? null
			})
			.onConflictDoNothing()
			.returning({ userId: workshopAttendance.userId });
		if (inserted.length === 0) return 'already';
		const source = input.by === input.userId ? 'self' : 'walk_in';
		await tx
			.insert(workshopRegistrations)
			.values({
				workshopId: session.workshopId,
				userId: input.userId,
				status: 'registered',
				source,
				registeredBy: input.by
			})
			.onConflictDoUpdate({
				target: [workshopRegistrations.workshopId, workshopRegistrations.userId],
				set: { status: 'registered' },
				setWhere: ne(workshopRegistrations.status, 'registered')
			});
		if (!inWindow)
			await recordAudit(tx, {
				actorId: input.by,
				...(closed
					? { action: 'workshop.attendance_after_close' }
					: { action: 'workshop.attendance_outside_window' }),
				subjectId: input.userId,
				details: {
					sessionId: session.id,
					workshopId: session.workshopId,
					method: input.method,
					at: input.at.toISOString()
				}
			});
		await afterAttendance(tx, session.workshopId, input.userId, new Date());
		return 'recorded';
	});
}

/**
 * A participant's own check-in with the rotating code they scanned (checkin.ts): 'invalid_code'
 * for a code that is old, tampered or malformed, else as recordAttendance. A closed workshop takes
 * no more check-ins.
 */
export async function checkIn(
	db: Database,
	secret: Buffer,
	code: string,
	userId: string,
	now: Date,
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): Promise<RecordOutcome | 'invalid_code' | 'closed'> {
	const sessionId = verifyCheckIn(secret, code, now);
	if (!sessionId) return 'invalid_code';
	return checkInTo(db, sessionId, userId, now, window);
}

/**
 * The same for a session already vouched for: by a fresh code, or by the pass its holder got from
 * one before signing in (checkin.ts).
 */
export async function checkInTo(
	db: Database,
	sessionId: string,
	userId: string,
	now: Date,
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): Promise<RecordOutcome | 'closed'> {
	const [row] = await db
		.select({ status: workshops.status })
		.from(workshopSessions)
		.innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
		.where(eq(workshopSessions.id, sessionId));
	if (!row) return 'not_found';
	if (row.status === 'closed' || row.status === 'cancelled') return 'closed';
	return recordAttendance(db, { sessionId, userId, method: 'qr', by: userId, at: now }, window);
}

export interface WalkIn {
	fullName: string;
	/** A phone number, a username or an e-mail address. */
	contact: string;
}

export type WalkInResult =
	| {
			ok: true;
			userId: string;
			/** An existing account was found by the phone number, username or e-mail given. */
			matched: boolean;
			/** For a new account: the one-time password to hand to the person (shown once). */
			password: string | null;
	  }
	| { ok: false; reason: 'contact_invalid' | 'name_missing' };

/** The identifier a walk-in's contact stands for: a phone number is kept as the username. */
export function walkInIdentifier(contact: string): string | null {
	const phone = phoneAsUsername(contact);
	if (phone) return phone;
	const id = parseIdentifier(contact);
	if (id.kind === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(id.value) ? id.value : null;
	return USERNAME_PATTERN.test(id.value) ? id.value : null;
}

async function findByIdentifier(db: Database, identifier: string) {
	const [user] = await db
		.select({ id: users.id })
		.from(users)
		.where(identifier.includes('@') ? eq(users.email, identifier) : eq(users.username, identifier));
	return user;
}

/**
 * Someone who came without registering, given in two fields. An account with that phone number
 * (kept as a username), username or e-mail is theirs and is used, never duplicated; otherwise one
 * is made with a one-time password. Either way they get a seat (they are in the room).
 */
export async function walkIn(
	db: Database,
	workshopId: string,
	person: WalkIn,
	by: string
): Promise<WalkInResult> {
	const identifier = walkInIdentifier(person.contact);
	if (!identifier) return { ok: false, reason: 'contact_invalid' };
	let matched = true;
	let password: string | null = null;
	let user = await findByIdentifier(db, identifier);
	if (!user) {
		if (!person.fullName.trim()) return { ok: false, reason: 'name_missing' };
		password = oneTimePassword();
		const created = await createAccount(db, {
			identifier,
			password,
			fullName: person.fullName,
			mustChangePassword: true
		});
		if (created.ok) {
			user = { id: created.user.id };
			matched = false;
			await recordAudit(db, {
				actorId: by,
				action: 'workshop.walk_in_account_created',
				subjectId: user.id,
				details: { workshopId }
			});
		} else {
			// Made meanwhile by another device's sync of the same walk-in: that account is theirs.
			user = await findByIdentifier(db, identifier);
			password = null;
			if (!user) return { ok: false, reason: 'contact_invalid' };
		}
	}
	await register(db, workshopId, user.id, 'walk_in', by);
	return { ok: true, userId: user.id, matched, password };
}

export interface BatchEntry {
	/** A registrant tapped on the list… */
	userId?: string;
	/** …or a walk-in added on the phone. */
	walkIn?: WalkIn;
	/** When the tap was made, on the phone. */
	at: Date;
	/** The id the phone gave the batch (a UUID or similar); the same on every replay. */
	batchId: string;
}

export type BatchResult =
	| { outcome: RecordOutcome; userId: string; password?: string | null }
	| { outcome: 'walk_in_invalid'; reason: 'contact_invalid' | 'name_missing' };

/**
 * The trainer's offline list synced: each tap recorded as it would have been online, at the time
 * it was made (a time ahead of the server's clock counts as now). Replaying a batch changes nothing:
 * taps are 'already', walk-ins find the account their first sync made. The caller has checked that
 * `by` may take attendance (workshopAccess(...).takeAttendance).
 */
export async function recordBatch(
	db: Database,
	sessionId: string,
	entries: BatchEntry[],
	by: string,
	now: Date = new Date(),
	window: CheckInWindow = DEFAULT_CHECK_IN_WINDOW
): Promise<BatchResult[]> {
	const [session] = await db
		.select({ workshopId: workshopSessions.workshopId })
		.from(workshopSessions)
		.where(eq(workshopSessions.id, sessionId));
	if (!session) return entries.map(() => ({ outcome: 'not_found' as const, userId: '' }));
	const results: BatchResult[] = [];
	for (const entry of entries) {
		const at = entry.at.getTime() > now.getTime() ? now : entry.at;
		let userId = entry.userId;
		let password: string | null | undefined;
		if (!userId && entry.walkIn) {
			const found = await walkIn(db, session.workshopId, entry.walkIn, by);
			if (!found.ok) {
				results.push({ outcome: 'walk_in_invalid', reason: found.reason });
				continue;
			}
			userId = found.userId;
			password = found.password;
		}
		if (!userId) {
			results.push({ outcome: 'walk_in_invalid', reason: 'contact_invalid' });
			continue;
		}
		const outcome = await recordAttendance(
			db,
			{ sessionId, userId, method: 'tap', by, at, batchId: entry.batchId },
			window
		);
		results.push({ outcome, userId, ...(password !== undefined ? { password } : {}) });
	}
	return results;
}

export interface NameCandidate {
	userId: string;
	fullName: string;
	/** Username or e-mail, to tell two people of one name apart. */
	identifier: string;
}

export type NameMatch =
	| { typed: string; match: 'exact'; user: NameCandidate }
	| { typed: string; match: 'ambiguous'; candidates: NameCandidate[] }
	| { typed: string; match: 'none' };

/**
 * A paper sheet typed back: each name matched against the workshop's registrants (not cancelled),
 * ignoring case, diacritics and spacing (the one text fold). One account: exact; several: the page
 * asks which; none: a walk-in to add.
 */
export async function matchNames(
	db: Database,
	workshopId: string,
	typed: string[]
): Promise<NameMatch[]> {
	const people = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			email: users.email,
			username: users.username
		})
		.from(workshopRegistrations)
		.innerJoin(users, eq(users.id, workshopRegistrations.userId))
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshopId),
				or(
					eq(workshopRegistrations.status, 'registered'),
					eq(workshopRegistrations.status, 'waitlisted')
				)
			)
		)
		.orderBy(users.fullName, users.id);
	const byName = new Map<string, NameCandidate[]>();
	for (const p of people) {
		const key = fold(p.fullName);
		const candidate = {
			userId: p.userId,
			fullName: p.fullName,
			identifier: p.username ?? p.email ?? ''
		};
		byName.set(key, [...(byName.get(key) ?? []), candidate]);
	}
	return typed.map((name) => {
		const found = byName.get(fold(name)) ?? [];
		if (found.length === 1) return { typed: name, match: 'exact', user: found[0] };
		if (found.length > 1) return { typed: name, match: 'ambiguous', candidates: found };
		return { typed: name, match: 'none' };
	});
}

/** Who attended each of the workshop's sessions (for the trainer's list and the class record). */
export async function attendanceOf(db: Database, workshopId: string) {
	return db
		.select({
			sessionId: workshopAttendance.sessionId,
			userId: workshopAttendance.userId,
			method: workshopAttendance.method,
			recordedAt: workshopAttendance.recordedAt
		})
		.from(workshopAttendance)
		.innerJoin(workshopSessions, eq(workshopSessions.id, workshopAttendance.sessionId))
		.where(eq(workshopSessions.workshopId, workshopId));
}

export interface RosterEntry {
	userId: string;
	fullName: string;
	/** Username (a walk-in's phone number) or e-mail, to tell two people of one name apart. */
	identifier: string;
	status: 'registered' | 'waitlisted';
	/** Folded name and identifier (the one text fold): search it with fold(query), diacritics ignored. */
	searchKey: string;
	/** How their attendance at this session was taken, or null while not present. */
	present: AttendanceMethod | null;
}

/**
 * The trainer's list for one session: everyone registered or waiting, by name, with whether they are
 * present. The page (and its offline copy) filters it with fold() from src/lib/text.ts.
 */
export async function sessionRoster(db: Database, sessionId: string): Promise<RosterEntry[]> {
	const [session] = await db
		.select({ workshopId: workshopSessions.workshopId })
		.from(workshopSessions)
		.where(eq(workshopSessions.id, sessionId));
	if (!session) return [];
	const people = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			username: users.username,
			email: users.email,
			status: workshopRegistrations.status
		})
		.from(workshopRegistrations)
		.innerJoin(users, eq(users.id, workshopRegistrations.userId))
		.where(
			and(
				eq(workshopRegistrations.workshopId, session.workshopId),
				inArray(workshopRegistrations.status, ['registered', 'waitlisted'])
			)
		)
		.orderBy(asc(users.fullName), asc(users.id));
	const present = new Map(
		(
			await db
				.select({ userId: workshopAttendance.userId, method: workshopAttendance.method })
				.from(workshopAttendance)
				.where(eq(workshopAttendance.sessionId, sessionId))
		).map((a) => [a.userId, a.method])
	);
	return people.map((p) => {
		const identifier = p.username ?? p.email ?? '';
		return {
			userId: p.userId,
			fullName: p.fullName,
			identifier,
			status: p.status === 'waitlisted' ? 'waitlisted' : 'registered',
			searchKey: fold(`${p.fullName} ${identifier}`),
			present: present.get(p.userId) ?? null
		};
	});
}
