import { and, asc, eq, inArray, min, sql } from 'drizzle-orm';
import {
	cohortMembers,
	users,
	workshopRegistrations,
	workshops,
	workshopSessions,
	type Workshop
} from '$db/schema';
import type { RegistrationSource, RegistrationStatus } from '$lib/workshops';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { tellRegistered } from './messages';

export type RegisterResult =
	| { ok: true; status: 'registered' | 'waitlisted'; already: boolean }
	| { ok: false; reason: 'not_found' | 'not_open' | 'invitation_only' | 'not_in_cohort' };

/** Whether a workshop takes registrations at all (a draft from staff only): not once over or cancelled. */
export const takesRegistrations = (workshop: Pick<Workshop, 'status'>) =>
	workshop.status === 'open' || workshop.status === 'draft';

/** Locks the workshop's row: registrations to one workshop then happen one after another. */
async function lockWorkshop(tx: Database, workshopId: string): Promise<Workshop | undefined> {
	const [workshop] = await tx
		.select()
		.from(workshops)
		.where(eq(workshops.id, workshopId))
		.for('update');
	return workshop;
}

/** Seats taken (registrations that hold a seat). */
export async function registeredCount(tx: Database, workshopId: string): Promise<number> {
	const [row] = await tx
		.select({ n: sql<number>`count(*)::int` })
		.from(workshopRegistrations)
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshopId),
				eq(workshopRegistrations.status, 'registered')
			)
		);
	return row.n;
}

/**
 * Registers someone for a workshop: a seat while there are any, else the waiting list. Under a lock
 * on the workshop's row, so 150 people at once never take more seats than there are.
 *
 * `source` 'self' is the person themself: the workshop must be open, and by invitation only staff
 * add people, for a cohort only its members may. Staff ('staff', 'cohort') may also add people to a
 * draft; a walk-in ('walk_in') is in the room, so is given a seat even when the workshop is full.
 * Registering again while registered or waiting changes nothing (`already`); after cancelling it is
 * a new request, at the back of the queue.
 */
export async function register(
	db: Database,
	workshopId: string,
	userId: string,
	source: RegistrationSource,
	by: string | null = source === 'self' ? userId : null
): Promise<RegisterResult> {
	return db.transaction(async (tx) => {
		const workshop = await lockWorkshop(tx, workshopId);
		if (!workshop) return { ok: false, reason: 'not_found' };
		if (!takesRegistrations(workshop)) return { ok: false, reason: 'not_open' };
		if (source === 'self') {
			if (workshop.status !== 'open') return { ok: false, reason: 'not_open' };
			if (workshop.registrationMode === 'invitation')
				return { ok: false, reason: 'invitation_only' };
			if (workshop.registrationMode === 'cohort') {
				const member = workshop.cohortId
					? await tx
							.select({ userId: cohortMembers.userId })
							.from(cohortMembers)
							.where(
								and(eq(cohortMembers.cohortId, workshop.cohortId), eq(cohortMembers.userId, userId))
							)
					: [];
				if (member.length === 0) return { ok: false, reason: 'not_in_cohort' };
			}
		}
		const [existing] = await tx
			.select({ status: workshopRegistrations.status })
			.from(workshopRegistrations)
			.where(
				and(
					eq(workshopRegistrations.workshopId, workshopId),
					eq(workshopRegistrations.userId, userId)
				)
			);
		if (existing?.status === 'registered') return { ok: true, status: 'registered', already: true };
		// A walk-in waiting for a seat is in the room: they get one.
		if (existing?.status === 'waitlisted' && source !== 'walk_in')
			return { ok: true, status: 'waitlisted', already: true };
		const full =
			source !== 'walk_in' &&
			workshop.capacity !== null &&
			(await registeredCount(tx, workshopId)) >= workshop.capacity;
		const status: RegistrationStatus = full ? 'waitlisted' : 'registered';
		const [made] = await tx
			.insert(workshopRegistrations)
			.values({ workshopId, userId, status, source, registeredBy: by })
			.onConflictDoUpdate({
				target: [workshopRegistrations.workshopId, workshopRegistrations.userId],
				set: { status, source, registeredBy: by, registeredAt: sql`now()` }
			})
			.returning({ registeredAt: workshopRegistrations.registeredAt });
		// A walk-in is in the room: a confirmation would tell them nothing.
		if (source !== 'walk_in')
			await tellRegistered(tx, workshop, [{ userId, status, registeredAt: made.registeredAt }]);
		return { ok: true, status, already: false };
	});
}

/**
 * Gives free seats to the longest waiting, in the order they asked, and tells them; returns who
 * got one.
 */
async function promote(tx: Database, workshop: Workshop): Promise<string[]> {
	const seated = await seatWaiting(tx, workshop);
	await tellRegistered(
		tx,
		workshop,
		seated.map((r) => ({ ...r, status: 'registered' as const }))
	);
	return seated.map((r) => r.userId);
}

async function seatWaiting(
	tx: Database,
	workshop: Workshop
): Promise<{ userId: string; registeredAt: Date }[]> {
	const seated = {
		userId: workshopRegistrations.userId,
		registeredAt: workshopRegistrations.registeredAt
	};
	if (workshop.capacity === null) {
		const all = await tx
			.update(workshopRegistrations)
			.set({ status: 'registered' })
			.where(
				and(
					eq(workshopRegistrations.workshopId, workshop.id),
					eq(workshopRegistrations.status, 'waitlisted')
				)
			)
			.returning(seated);
		return all;
	}
	const free = workshop.capacity - (await registeredCount(tx, workshop.id));
	if (free <= 0) return [];
	const next = await tx
		.select({ userId: workshopRegistrations.userId })
		.from(workshopRegistrations)
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshop.id),
				eq(workshopRegistrations.status, 'waitlisted')
			)
		)
		.orderBy(asc(workshopRegistrations.registeredAt), asc(workshopRegistrations.userId))
		.limit(free);
	if (next.length === 0) return [];
	return tx
		.update(workshopRegistrations)
		.set({ status: 'registered' })
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshop.id),
				inArray(
					workshopRegistrations.userId,
					next.map((r) => r.userId)
				)
			)
		)
		.returning(seated);
}

/**
 * Cancels a registration (or a place on the waiting list); a seat freed goes to the first waiting.
 * Returns whether anything was cancelled and who was given the seat (to tell them).
 */
export async function cancel(
	db: Database,
	workshopId: string,
	userId: string,
	by: string | null = userId
): Promise<{ cancelled: boolean; promoted: string[] }> {
	return db.transaction(async (tx) => {
		const workshop = await lockWorkshop(tx, workshopId);
		if (!workshop) return { cancelled: false, promoted: [] };
		const [row] = await tx
			.update(workshopRegistrations)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(workshopRegistrations.workshopId, workshopId),
					eq(workshopRegistrations.userId, userId),
					inArray(workshopRegistrations.status, ['registered', 'waitlisted'])
				)
			)
			.returning({ userId: workshopRegistrations.userId });
		if (!row) return { cancelled: false, promoted: [] };
		if (by !== null && by !== userId)
			await recordAudit(tx, {
				actorId: by,
				action: 'workshop.registration_cancelled',
				subjectId: userId,
				details: { workshopId }
			});
		return { cancelled: true, promoted: await promote(tx, workshop) };
	});
}

/**
 * Seats freed by a larger capacity go to the waiting list: call after raising it (plan.ts does).
 */
export async function fillFreedSeats(db: Database, workshopId: string): Promise<string[]> {
	return db.transaction(async (tx) => {
		const workshop = await lockWorkshop(tx, workshopId);
		return workshop ? promote(tx, workshop) : [];
	});
}

/**
 * Registers every member of a cohort (a manager's class), seats first and then the waiting list,
 * in one transaction; members already registered or waiting are left as they are. The caller has
 * checked, with workshopAccess and cohorts' getCohort, that the manager may do both.
 */
export async function registerCohort(
	db: Database,
	workshopId: string,
	cohortId: string,
	by: string
): Promise<
	| { ok: true; registered: number; waitlisted: number; already: number }
	| { ok: false; reason: 'not_found' | 'not_open' }
> {
	return db.transaction(async (tx) => {
		const workshop = await lockWorkshop(tx, workshopId);
		if (!workshop) return { ok: false, reason: 'not_found' };
		if (!takesRegistrations(workshop)) return { ok: false, reason: 'not_open' };
		const members = await tx
			.select({ userId: cohortMembers.userId, addedAt: cohortMembers.addedAt })
			.from(cohortMembers)
			.where(eq(cohortMembers.cohortId, cohortId))
			.orderBy(asc(cohortMembers.addedAt), asc(cohortMembers.userId));
		if (members.length === 0) return { ok: true, registered: 0, waitlisted: 0, already: 0 };
		const current = await tx
			.select({ userId: workshopRegistrations.userId, status: workshopRegistrations.status })
			.from(workshopRegistrations)
			.where(
				and(
					eq(workshopRegistrations.workshopId, workshopId),
					inArray(
						workshopRegistrations.userId,
						members.map((m) => m.userId)
					)
				)
			);
		const active = new Set(current.filter((r) => r.status !== 'cancelled').map((r) => r.userId));
		const toAdd = members.filter((m) => !active.has(m.userId));
		let free =
			workshop.capacity === null
				? Infinity
				: workshop.capacity - (await registeredCount(tx, workshopId));
		let registered = 0;
		let waitlisted = 0;
		const rows = toAdd.map((m) => {
			const status: RegistrationStatus = free > 0 ? 'registered' : 'waitlisted';
			if (status === 'registered') {
				free--;
				registered++;
			} else waitlisted++;
			return { workshopId, userId: m.userId, status, source: 'cohort' as const, registeredBy: by };
		});
		for (let i = 0; i < rows.length; i += 500) {
			const made = await tx
				.insert(workshopRegistrations)
				.values(rows.slice(i, i + 500))
				.onConflictDoUpdate({
					target: [workshopRegistrations.workshopId, workshopRegistrations.userId],
					set: {
						status: sql`excluded.status`,
						source: sql`excluded.source`,
						registeredBy: sql`excluded.registered_by`,
						registeredAt: sql`now()`
					}
				})
				.returning({
					userId: workshopRegistrations.userId,
					status: workshopRegistrations.status,
					registeredAt: workshopRegistrations.registeredAt
				});
			await tellRegistered(
				tx,
				workshop,
				made.map((r) => ({ ...r, status: r.status as 'registered' | 'waitlisted' }))
			);
		}
		if (rows.length > 0)
			await recordAudit(tx, {
				actorId: by,
				action: 'workshop.cohort_registered',
				subjectId: workshopId,
				details: { cohortId, registered, waitlisted }
			});
		return { ok: true, registered, waitlisted, already: members.length - toAdd.length };
	});
}

/** The workshop's registrations with their status, seats first, each queue in its order. */
export async function registrations(db: Database, workshopId: string) {
	return db
		.select()
		.from(workshopRegistrations)
		.where(eq(workshopRegistrations.workshopId, workshopId))
		.orderBy(asc(workshopRegistrations.status), asc(workshopRegistrations.registeredAt));
}

/**
 * A participant's own workshops for their dashboard: those they are registered for or waiting for,
 * open, closed or cancelled (drafts never), with the first session's start (null before sessions are planned).
 */
export async function myWorkshops(db: Database, userId: string) {
	return db
		.select({
			workshopId: workshops.id,
			title: workshops.title,
			venue: workshops.venue,
			workshopStatus: workshops.status,
			status: workshopRegistrations.status,
			firstStartsAt: min(workshopSessions.startsAt)
		})
		.from(workshopRegistrations)
		.innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
		.leftJoin(workshopSessions, eq(workshopSessions.workshopId, workshops.id))
		.where(
			and(
				eq(workshopRegistrations.userId, userId),
				inArray(workshopRegistrations.status, ['registered', 'waitlisted']),
				inArray(workshops.status, ['open', 'closed', 'cancelled'])
			)
		)
		.groupBy(workshops.id, workshopRegistrations.status)
		.orderBy(sql`min(${workshopSessions.startsAt}) desc nulls first`);
}

/**
 * The planner's list: each registration with the person's name and account (username or e-mail),
 * seats first, each queue in its order. Only for those workshopAccess lets plan it.
 */
export async function registrationList(db: Database, workshopId: string) {
	const rows = await db
		.select({
			userId: workshopRegistrations.userId,
			status: workshopRegistrations.status,
			source: workshopRegistrations.source,
			registeredAt: workshopRegistrations.registeredAt,
			fullName: users.fullName,
			username: users.username,
			email: users.email
		})
		.from(workshopRegistrations)
		.innerJoin(users, eq(users.id, workshopRegistrations.userId))
		.where(eq(workshopRegistrations.workshopId, workshopId))
		.orderBy(asc(workshopRegistrations.status), asc(workshopRegistrations.registeredAt));
	return rows.map(({ username, email, ...r }) => ({ ...r, account: username ?? email ?? '' }));
}
