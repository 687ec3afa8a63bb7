import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import {
	cohortMembers,
	cohorts,
	guardianConsents,
	organisations,
	roleAssignments,
	users,
	type GuardianConsentMethod
} from '$db/schema';
import { ageOn, type CalendarDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';
import { recordAudit } from '../audit';
import { mayReach, reachOf, withinReach } from '../organisations/reach';

/**
 * Minors and their guardians' consent (Law 91/2025/QH15 Art. 24: a child's legal representative
 * exercises the child's rights; the Law on Children 2016 Art. 1: a child is under 16). Below the
 * configured age (config().privacy.minorAge), a learner waits on the guardian consent page until
 * their school's manager records a guardian's consent, collected on paper, in person, by phone or
 * by e-mail (privacy/standing.ts holds them; this module is what staff do about it).
 */

import { minorBornAfter } from './standing';

export { isMinor, minorBornAfter } from './standing';

export interface GuardianConsentInput {
	userId: string;
	guardianName: string;
	guardianContact: string;
	relationship: string;
	consentedOn: CalendarDay;
	method: GuardianConsentMethod;
	note?: string | null;
	recordedBy: string;
}

export type GuardianResult = { ok: true; id: string } | { ok: false; reason: 'not_found' };

/**
 * Records a guardian's consent for a learner: a row in guardian_consents (the proof), the learner's
 * guardianConsentAt set (what lets them learn), an audit entry with ids only. With `scope`, a learner
 * outside the staff member's reach is not found; without it (inside an import whose accounts were
 * just made for the manager's own class) the caller has checked.
 */
export async function recordGuardianConsent(
	db: Database,
	input: GuardianConsentInput,
	scope?: StaffScope
): Promise<GuardianResult> {
	if (scope && !(await mayReach(db, scope, input.userId)))
		return { ok: false, reason: 'not_found' };
	const work = async (tx: Database): Promise<GuardianResult> => {
		const now = new Date();
		const [row] = await tx
			.insert(guardianConsents)
			.values({
				userId: input.userId,
				guardianName: input.guardianName.normalize('NFC').trim(),
				guardianContact: input.guardianContact.trim(),
				relationship: input.relationship.normalize('NFC').trim(),
				consentedOn: input.consentedOn,
				method: input.method,
				note: input.note?.trim() || null,
				recordedBy: input.recordedBy,
				recordedAt: now
			})
			.returning({ id: guardianConsents.id });
		await tx.update(users).set({ guardianConsentAt: now }).where(eq(users.id, input.userId));
		await recordAudit(tx, {
			actorId: input.recordedBy,
			action: 'guardian_consent.recorded',
			subjectId: input.userId,
			details: { consentId: row.id, method: input.method }
		});
		return { ok: true, id: row.id };
	};
	return db.transaction((tx) => work(tx));
}

/**
 * Withdraws one recorded consent (the guardian took it back, or it was entered in error). When no
 * other consent of that learner stands, their guardianConsentAt is cleared and the guard holds them
 * again. The row stays, with withdrawnAt, as the record of what was consented and when.
 */
export async function withdrawGuardianConsent(
	db: Database,
	input: { consentId: string; actorId: string },
	scope?: StaffScope
): Promise<GuardianResult> {
	if (!/^[0-9a-f-]{36}$/i.test(input.consentId)) return { ok: false, reason: 'not_found' };
	const [consent] = await db
		.select({ userId: guardianConsents.userId, withdrawnAt: guardianConsents.withdrawnAt })
		.from(guardianConsents)
		.where(eq(guardianConsents.id, input.consentId));
	if (!consent || consent.withdrawnAt) return { ok: false, reason: 'not_found' };
	if (scope && !(await mayReach(db, scope, consent.userId)))
		return { ok: false, reason: 'not_found' };
	return db.transaction(async (tx): Promise<GuardianResult> => {
		const now = new Date();
		const changed = await tx
			.update(guardianConsents)
			.set({ withdrawnAt: now })
			.where(and(eq(guardianConsents.id, input.consentId), isNull(guardianConsents.withdrawnAt)))
			.returning({ id: guardianConsents.id });
		if (changed.length === 0) return { ok: false, reason: 'not_found' };
		const standing = await tx
			.select({ id: guardianConsents.id })
			.from(guardianConsents)
			.where(
				and(eq(guardianConsents.userId, consent.userId), isNull(guardianConsents.withdrawnAt))
			);
		if (standing.length === 0)
			await tx.update(users).set({ guardianConsentAt: null }).where(eq(users.id, consent.userId));
		await recordAudit(tx, {
			actorId: input.actorId,
			action: 'guardian_consent.withdrawn',
			subjectId: consent.userId,
			details: { consentId: input.consentId }
		});
		return { ok: true, id: input.consentId };
	});
}

export type GuardianConsent = typeof guardianConsents.$inferSelect;

/** Every guardian consent recorded for a learner, standing ones first, newest first. */
export async function guardianConsentOf(db: Database, userId: string): Promise<GuardianConsent[]> {
	const rows = await db
		.select()
		.from(guardianConsents)
		.where(eq(guardianConsents.userId, userId))
		.orderBy(desc(guardianConsents.recordedAt));
	return [...rows.filter((r) => !r.withdrawnAt), ...rows.filter((r) => r.withdrawnAt)];
}

export interface MinorRow {
	userId: string;
	fullName: string;
	identifier: string;
	dateOfBirth: CalendarDay;
	age: number;
	organisationName: string | null;
	cohorts: { id: string; name: string }[];
	/** When a guardian's consent was recorded; null while the learner waits for it. */
	guardianConsentAt: Date | null;
}

export interface MinorQuery {
	today: CalendarDay;
	minorAge: number;
	/** Only the members of this class. */
	cohortId?: string;
	/** Only those still waiting for a guardian's consent. */
	awaiting?: boolean;
}

/**
 * The minors within the staff member's reach (routes/manage: their organisations and those beneath;
 * administrators everyone), youngest last, by name, with their classes and whether a guardian's
 * consent is recorded. Erased accounts are not listed.
 */
export async function minorsInReach(
	db: Database,
	scope: StaffScope,
	query: MinorQuery
): Promise<MinorRow[]> {
	const reach = await reachOf(db, scope);
	const conditions = [
		withinReach(reach),
		gt(users.dateOfBirth, minorBornAfter(query.today, query.minorAge)),
		isNull(users.anonymisedAt)
	];
	if (query.awaiting) conditions.push(isNull(users.guardianConsentAt));
	if (query.cohortId) {
		if (!/^[0-9a-f-]{36}$/i.test(query.cohortId)) return [];
		const members = db
			.select({ userId: cohortMembers.userId })
			.from(cohortMembers)
			.where(eq(cohortMembers.cohortId, query.cohortId));
		conditions.push(inArray(users.id, members));
	}
	const rows = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			email: users.email,
			username: users.username,
			dateOfBirth: users.dateOfBirth,
			organisationName: organisations.name,
			guardianConsentAt: users.guardianConsentAt
		})
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(...conditions))
		.orderBy(asc(users.fullName), asc(users.id));
	if (rows.length === 0) return [];
	const classes = await db
		.select({ userId: cohortMembers.userId, id: cohorts.id, name: cohorts.name })
		.from(cohortMembers)
		.innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
		.where(
			inArray(
				cohortMembers.userId,
				rows.map((r) => r.userId)
			)
		)
		.orderBy(asc(cohorts.name));
	return rows.map((r) => ({
		userId: r.userId,
		fullName: r.fullName,
		identifier: r.username ?? r.email ?? '',
		dateOfBirth: r.dateOfBirth!,
		age: ageOn(r.dateOfBirth!, query.today),
		organisationName: r.organisationName,
		cohorts: classes.filter((c) => c.userId === r.userId).map(({ id, name }) => ({ id, name })),
		guardianConsentAt: r.guardianConsentAt
	}));
}

/** The minors in reach still waiting for a guardian's consent. */
export function minorsAwaitingConsent(
	db: Database,
	scope: StaffScope,
	query: Omit<MinorQuery, 'awaiting'>
): Promise<MinorRow[]> {
	return minorsInReach(db, scope, { ...query, awaiting: true });
}

export interface WhomToAsk {
	organisationName: string | null;
	/** The managers of the learner's own organisation, with the e-mail they signed up with. */
	managers: { fullName: string; email: string | null }[];
}

/** Who collects the guardian's form for this learner: their organisation and its managers. */
export async function whomToAsk(db: Database, userId: string): Promise<WhomToAsk> {
	const [user] = await db
		.select({ organisationId: users.organisationId, organisationName: organisations.name })
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.id, userId));
	if (!user?.organisationId) return { organisationName: null, managers: [] };
	const managers = await db
		.select({ fullName: users.fullName, email: users.email })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(
			and(
				eq(roleAssignments.organisationId, user.organisationId),
				eq(roleAssignments.role, 'manager'),
				isNull(users.anonymisedAt)
			)
		)
		.orderBy(asc(users.fullName));
	return { organisationName: user.organisationName, managers };
}
