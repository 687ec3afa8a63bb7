import { and, asc, eq, inArray } from 'drizzle-orm';
import { workshopRegistrations, workshopSessions, type Workshop } from '$db/schema';
import type { RegistrationStatus } from '$lib/workshops';
import type { Database } from '../db';
import { notify } from '../messages/outbox';

// What a workshop's people are told, always in the transaction of the event (messages/outbox.ts).

type Told = Pick<Workshop, 'id' | 'title' | 'venue' | 'status'>;

/** A registration as the confirmation needs it: `registeredAt` tells one request from a later one. */
export interface RegistrationMade {
	userId: string;
	status: Extract<RegistrationStatus, 'registered' | 'waitlisted'>;
	registeredAt: Date;
}

/** When the first session starts (an ISO instant), or null before sessions are planned. */
async function firstStart(tx: Database, workshopId: string): Promise<string | null> {
	const [first] = await tx
		.select({ startsAt: workshopSessions.startsAt })
		.from(workshopSessions)
		.where(eq(workshopSessions.workshopId, workshopId))
		.orderBy(asc(workshopSessions.startsAt))
		.limit(1);
	return first ? first.startsAt.toISOString() : null;
}

async function about(tx: Database, workshop: Told) {
	return {
		workshop: workshop.title,
		workshopId: workshop.id,
		startsAt: await firstStart(tx, workshop.id),
		venue: workshop.venue
	};
}

/**
 * Confirms registrations: a seat, or a place on the waiting list, and later the seat given from
 * it. Once per request and outcome (`workshop_registered:<workshop>:<status>:<registered at>`):
 * registering again after cancelling is a new request and is confirmed again. A draft's people are
 * told when it opens (tellOpened): until then its page is not theirs to see.
 */
export async function tellRegistered(
	tx: Database,
	workshop: Told,
	made: readonly RegistrationMade[]
): Promise<void> {
	if (made.length === 0 || workshop.status !== 'open') return;
	const params = await about(tx, workshop);
	await notify(
		tx,
		made.map((r) => ({
			userId: r.userId,
			kind: 'workshop_registered' as const,
			key: `workshop_registered:${workshop.id}:${r.status}:${r.registeredAt.getTime()}`,
			params: { ...params, waitlisted: r.status === 'waitlisted' },
			link: `/w/${workshop.id}`
		}))
	);
}

async function activeRegistrations(
	tx: Database,
	workshopId: string,
	statuses: RegistrationStatus[]
) {
	return tx
		.select({
			userId: workshopRegistrations.userId,
			status: workshopRegistrations.status,
			source: workshopRegistrations.source,
			registeredAt: workshopRegistrations.registeredAt
		})
		.from(workshopRegistrations)
		.where(
			and(
				eq(workshopRegistrations.workshopId, workshopId),
				inArray(workshopRegistrations.status, statuses)
			)
		);
}

/** A draft just opened: everyone staff registered meanwhile is told now (walk-ins were there). */
export async function tellOpened(tx: Database, workshop: Told): Promise<void> {
	const rows = await activeRegistrations(tx, workshop.id, ['registered', 'waitlisted']);
	await tellRegistered(
		tx,
		workshop,
		rows
			.filter((r) => r.source !== 'walk_in')
			.map((r) => ({ ...r, status: r.status as RegistrationMade['status'] }))
	);
}

/**
 * The sessions' times or the venue changed: those holding a seat are told the workshop as it now
 * is. Each change is its own message (the key has its moment), so a second change tells them too.
 */
export async function tellChanged(tx: Database, workshop: Told, now = new Date()): Promise<void> {
	if (workshop.status !== 'open') return;
	const rows = await activeRegistrations(tx, workshop.id, ['registered']);
	if (rows.length === 0) return;
	const params = await about(tx, workshop);
	await notify(
		tx,
		rows.map((r) => ({
			userId: r.userId,
			kind: 'workshop_changed' as const,
			key: `workshop_changed:${workshop.id}:${now.getTime()}`,
			params,
			link: `/w/${workshop.id}`
		})),
		{ now }
	);
}

/** The workshop is cancelled: everyone holding a seat or waiting is told why, once. */
export async function tellCancelled(
	tx: Database,
	workshop: Told,
	reason: string,
	now = new Date()
): Promise<void> {
	const rows = await activeRegistrations(tx, workshop.id, ['registered', 'waitlisted']);
	await notify(
		tx,
		rows.map((r) => ({
			userId: r.userId,
			kind: 'workshop_cancelled' as const,
			key: `workshop_cancelled:${workshop.id}`,
			params: { workshop: workshop.title, workshopId: workshop.id, reason },
			link: `/w/${workshop.id}`
		})),
		{ now }
	);
}
