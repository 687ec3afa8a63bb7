/**
 * The trainer's list ("tap the names") for one session: who may use it, undoing a mistaken tap,
 * and the phone's offline taps synced. Recording itself is attendance.ts (recordAttendance,
 * walkIn, recordBatch), so a tap, a QR check-in and a replayed sync all meet the same rule.
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
	users,
	workshopAttendance,
	workshopRegistrations,
	workshopSessions,
	type Workshop
} from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { workshopAccess, type WorkshopViewer } from './access';
import {
	recordAttendance,
	recordBatch,
	walkIn,
	type BatchResult,
	type RecordOutcome,
	type WalkIn
} from './attendance';
import { withinCheckInWindow } from './checkin';

export interface RosterSession {
	workshop: Workshop;
	session: { id: string; startsAt: Date; endsAt: Date };
}

/**
 * The workshop and session of a roster address, when the viewer may take attendance at it;
 * undefined otherwise (the route answers 404 alike for "not yours" and "no such session").
 */
export async function rosterSession(
	db: Database,
	viewer: WorkshopViewer,
	workshopId: string,
	sessionId: string
): Promise<RosterSession | undefined> {
	const access = await workshopAccess(db, viewer, workshopId);
	if (!access?.takeAttendance) return undefined;
	if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return undefined;
	const [session] = await db
		.select({
			id: workshopSessions.id,
			startsAt: workshopSessions.startsAt,
			endsAt: workshopSessions.endsAt
		})
		.from(workshopSessions)
		.where(
			and(
				eq(workshopSessions.id, sessionId.toLowerCase()),
				eq(workshopSessions.workshopId, access.workshop.id)
			)
		);
	return session ? { workshop: access.workshop, session } : undefined;
}

/** Whether taps now fall outside the session's check-in window (recorded all the same, audited). */
export function outsideWindow(at: RosterSession, now: Date = new Date()): boolean {
	return !withinCheckInWindow(at.session, now);
}

/**
 * A closed workshop still takes a trainer's late taps (recordAttendance audits them, and a
 * certificate of attendance may follow), but nothing is undone there and no walk-in is added. So
 * for a cancelled one: a session held before it was cancelled may still need its record.
 */
export const isClosed = (at: RosterSession) =>
	at.workshop.status === 'closed' || at.workshop.status === 'cancelled';

/**
 * Which of these people have a registration at the workshop (in any state: one who cancelled and
 * came all the same is on the phone's list from before). A tap names one of them, never anyone else.
 */
async function registrants(db: Database, workshopId: string, ids: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.select({ userId: workshopRegistrations.userId })
		.from(workshopRegistrations)
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshopId),
				inArray(workshopRegistrations.userId, ids)
			)
		);
	return new Set(rows.map((r) => r.userId));
}

/** One tap on a registrant's name, now; 'not_found' for someone not on the workshop's list. */
export async function tap(
	db: Database,
	at: RosterSession,
	userId: string,
	by: string,
	now: Date = new Date()
): Promise<RecordOutcome> {
	if (!(await registrants(db, at.workshop.id, [userId])).has(userId)) return 'not_found';
	return recordAttendance(db, { sessionId: at.session.id, userId, method: 'tap', by, at: now });
}

export type WalkInTap =
	| {
			ok: true;
			userId: string;
			fullName: string;
			matched: boolean;
			password: string | null;
			outcome: RecordOutcome;
	  }
	| { ok: false; reason: 'contact_invalid' | 'name_missing' };

/** Someone who came without registering: found or given an account, and marked present. */
export async function walkInTap(
	db: Database,
	at: RosterSession,
	person: WalkIn,
	by: string,
	now: Date = new Date()
): Promise<WalkInTap> {
	const found = await walkIn(db, at.workshop.id, person, by);
	if (!found.ok) return found;
	const outcome = await tap(db, at, found.userId, by, now);
	const [user] = await db
		.select({ fullName: users.fullName })
		.from(users)
		.where(eq(users.id, found.userId));
	return { ...found, fullName: user?.fullName ?? person.fullName, outcome };
}

export type UndoOutcome = 'removed' | 'not_present' | 'not_a_tap';

/**
 * Takes back a mistaken tap, audited. Only a tap on the list: a QR check-in is the person's own
 * word and a paper sheet has its signature, so neither is undone from here. The registration the
 * tap may have made stays (they are on the list either way).
 */
export async function undoTap(
	db: Database,
	at: RosterSession,
	userId: string,
	by: string
): Promise<UndoOutcome> {
	return db.transaction(async (tx) => {
		const where = and(
			eq(workshopAttendance.sessionId, at.session.id),
			eq(workshopAttendance.userId, userId)
		);
		const [row] = await tx
			.select({ method: workshopAttendance.method, recordedAt: workshopAttendance.recordedAt })
			.from(workshopAttendance)
			.where(where)
			.for('update');
		if (!row) return 'not_present';
		if (row.method !== 'tap') return 'not_a_tap';
		await tx.delete(workshopAttendance).where(where);
		await recordAudit(tx, {
			actorId: by,
			action: 'workshop.attendance_removed',
			subjectId: userId,
			details: {
				workshopId: at.workshop.id,
				sessionId: at.session.id,
				recordedAt: row.recordedAt.toISOString()
			}
		});
		return 'removed';
	});
}

/** One entry of a phone's offline list, as the sync endpoint's schema gives it. */
export type SyncEntry =
	| { kind: 'tap'; userId: string; at: Date }
	| { kind: 'walkIn'; fullName: string; contact: string; at: Date };

export type SyncResult = BatchResult & { fullName?: string };

/**
 * A phone's offline taps and walk-ins, recorded as they would have been online, at the phone's
 * times. Replaying it (the answer was lost on the way back) records nothing twice: recordBatch's
 * taps answer 'already' and its walk-ins find the account the first sync made.
 */
export async function syncBatch(
	db: Database,
	at: RosterSession,
	clientBatchId: string,
	entries: SyncEntry[],
	by: string,
	now: Date = new Date()
): Promise<SyncResult[]> {
	const known = await registrants(
		db,
		at.workshop.id,
		entries.flatMap((e) => (e.kind === 'tap' ? [e.userId] : []))
	);
	const recordable = entries.filter((e) => e.kind === 'walkIn' || known.has(e.userId));
	const recorded = await recordBatch(
		db,
		at.session.id,
		recordable.map((e) =>
			e.kind === 'tap'
				? { userId: e.userId, at: e.at, batchId: clientBatchId }
				: {
						walkIn: { fullName: e.fullName, contact: e.contact },
						at: e.at,
						batchId: clientBatchId
					}
		),
		by,
		now
	);
	// In the phone's order; walk-ins are told apart by name there (a new one's password is handed over).
	let next = 0;
	return entries.map((entry): SyncResult => {
		if (entry.kind === 'tap' && !known.has(entry.userId))
			return { outcome: 'not_found', userId: entry.userId };
		const result = recorded[next++];
		return entry.kind === 'walkIn' ? { ...result, fullName: entry.fullName } : result;
	});
}
