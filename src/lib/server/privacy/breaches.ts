import { desc, eq } from 'drizzle-orm';
import { dataBreaches } from '$db/schema';
import { recordAudit } from '../audit';
import type { Database } from '../db';

/**
 * The register of personal data breaches (Law 91/2025/QH15 Art. 23; Decree 356/2025/NĐ-CP Art. 28,
 * notified on its Form 08): what happened, what data and people, what was done, and when the
 * authority and the people were told, with the legal clock.
 */

/**
 * The authority (the Ministry of Public Security's Department of Cybersecurity and High-Tech Crime
 * Prevention, A05) is to be notified no later than 72 hours after the breach is discovered
 * (Law 91/2025/QH15, Art. 23(1)). One place for the figure and its source.
 */
export const AUTHORITY_DEADLINE = {
	hours: 72,
	article: { vi: 'Khoản 1 Điều 23 Luật 91/2025/QH15', en: 'Law 91/2025/QH15, Art. 23(1)' }
} as const;

const HOUR_MS = 3_600_000;

export type Breach = typeof dataBreaches.$inferSelect;

/** What the incident form records (schemas/breach.ts gives it, parsed). */
export interface BreachInput {
	title: string;
	description: string;
	occurredAt: Date | null;
	discoveredAt: Date;
	dataCategories: string[];
	peopleAffected: number | null;
	peopleDescription: string;
	consequences: string;
	measures: string;
}

/** Where the authority's notification stands, at `now`. */
export type BreachClock =
	| { state: 'running'; deadline: Date; msLeft: number }
	| { state: 'overdue'; deadline: Date; msLate: number }
	| { state: 'notified'; deadline: Date; notifiedAt: Date; late: boolean };

/** The deadline to notify the authority, counted from discovery, and where it stands at `now`. */
export function breachClock(
	breach: Pick<Breach, 'discoveredAt' | 'authorityNotifiedAt'>,
	now: Date
): BreachClock {
	const deadline = new Date(breach.discoveredAt.getTime() + AUTHORITY_DEADLINE.hours * HOUR_MS);
	if (breach.authorityNotifiedAt) {
		return {
			state: 'notified',
			deadline,
			notifiedAt: breach.authorityNotifiedAt,
			late: breach.authorityNotifiedAt.getTime() > deadline.getTime()
		};
	}
	const left = deadline.getTime() - now.getTime();
	return left > 0
		? { state: 'running', deadline, msLeft: left }
		: { state: 'overdue', deadline, msLate: -left };
}

/** The register, newest discovery first. */
export async function listBreaches(db: Database): Promise<Breach[]> {
	return db.select().from(dataBreaches).orderBy(desc(dataBreaches.discoveredAt));
}

export async function getBreach(db: Database, id: string): Promise<Breach | undefined> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await db.select().from(dataBreaches).where(eq(dataBreaches.id, id));
	return row;
}

/** Records a new incident; audited with its id only. */
export async function recordBreach(
	db: Database,
	actorId: string,
	input: BreachInput
): Promise<Breach> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(dataBreaches)
			.values({ ...input, recordedBy: actorId })
			.returning();
		await recordAudit(tx, { actorId, action: 'breach.recorded', subjectId: row.id });
		return row;
	});
}

/** One change to an incident and its audit event (the action written out, for the audit test's scan). */
async function change(
	db: Database,
	{ actorId, id, action }: { actorId: string; id: string; action: string },
	values: Partial<typeof dataBreaches.$inferInsert>
): Promise<Breach | undefined> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(dataBreaches)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(dataBreaches.id, id))
			.returning();
		if (row) await recordAudit(tx, { actorId, action, subjectId: row.id });
		return row;
	});
}

/** Corrects or completes what was recorded. */
export function updateBreach(db: Database, actorId: string, id: string, input: BreachInput) {
	return change(db, { actorId, id, action: 'breach.updated' }, input);
}

/** The authority was told: when, and the reference it gave (or the portal's receipt). */
export function recordAuthorityNotice(
	db: Database,
	actorId: string,
	id: string,
	notice: { notifiedAt: Date; reference: string }
) {
	return change(
		db,
		{ actorId, id, action: 'breach.authority_notified' },
		{ authorityNotifiedAt: notice.notifiedAt, authorityReference: notice.reference || null }
	);
}

/** The people affected were told: when, and how (letter, e-mail, message, ...). */
export function recordPeopleNotice(
	db: Database,
	actorId: string,
	id: string,
	notice: { notifiedAt: Date; how: string }
) {
	return change(
		db,
		{ actorId, id, action: 'breach.people_notified' },
		{ peopleNotifiedAt: notice.notifiedAt, peopleNotice: notice.how }
	);
}

/** Closes the incident (dealt with); it stays in the register. */
export function closeBreach(db: Database, actorId: string, id: string) {
	return change(
		db,
		{ actorId, id, action: 'breach.closed' },
		{ status: 'closed', closedAt: new Date() }
	);
}

/** Opens a closed incident again (new facts). */
export function reopenBreach(db: Database, actorId: string, id: string) {
	return change(db, { actorId, id, action: 'breach.reopened' }, { status: 'open', closedAt: null });
}
