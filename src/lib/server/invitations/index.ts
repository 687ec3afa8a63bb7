import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { cohorts, courses, invitations, organisations, users } from '$db/schema';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';
import { parseIdentifier } from '../auth/identifier';
import { recordAudit } from '../audit';
import { reachOf, withinReach } from '../organisations/reach';

/** How long an invitation waits for an answer. */
export const INVITATION_DAYS = 14;

/** What an invitation is for: a cohort (of its organisation), or a course on an organisation's behalf. */
export type InvitationTarget =
	{ organisationId: string; cohortId: string } | { organisationId: string; courseId: string };

/**
 * What adding someone by identifier comes to. `reached`: the account is within the staff member's
 * reach and may be added directly. `invited`: anything else — another organisation's account, or no
 * account at all; the caller must answer both the same way, and is given nothing to tell them apart.
 * `not_found` only for administrators, who see everyone anyway.
 */
export type ReachOrInvite =
	| { kind: 'reached'; user: { id: string; fullName: string } }
	| { kind: 'invited' }
	| { kind: 'not_found' };

/**
 * Finds the account an identifier names and either hands it over (within reach) or invites it to
 * `target` (which only an administrator, who never invites, may leave out).
 */
export async function reachOrInvite(
	db: Database,
	scope: StaffScope,
	actorId: string,
	target: InvitationTarget | null,
	raw: string
): Promise<ReachOrInvite> {
	const identifier = parseIdentifier(raw);
	const reach = await reachOf(db, scope);
	const [account] = await db
		.select({ id: users.id, fullName: users.fullName, within: withinReach(reach) })
		.from(users)
		.where(
			identifier.kind === 'email'
				? eq(users.email, identifier.value)
				: eq(users.username, identifier.value)
		);
	if (account?.within)
		return { kind: 'reached', user: { id: account.id, fullName: account.fullName } };
	if (reach.everyone) return { kind: 'not_found' };
	// Only administrators may leave out whom the invitation comes from: they never invite.
	if (!target) throw new Error('a manager or trainer invites on behalf of an organisation');
	await recordInvitation(db, actorId, target, identifier.value, account?.id ?? null);
	return { kind: 'invited' };
}

function sameTarget(target: InvitationTarget): SQL {
	return 'cohortId' in target
		? eq(invitations.cohortId, target.cohortId)
		: and(
				eq(invitations.courseId, target.courseId),
				eq(invitations.organisationId, target.organisationId)
			)!;
}

/** Unanswered and declined look alike to the inviter: a decline is the invitee's own business. */
const OPEN = ['pending', 'declined'] as const;

/**
 * Records an invitation, whether or not the identifier names an account, so that what the inviter
 * sees afterwards (the list of open invitations) does not tell them either. An open invitation for
 * the same identifier and target stands until it expires: asking again sends nothing new, so
 * someone who declined is not asked again and again.
 */
async function recordInvitation(
	db: Database,
	actorId: string,
	target: InvitationTarget,
	identifier: string,
	userId: string | null
): Promise<void> {
	const now = new Date();
	await db.transaction(async (tx) => {
		const same = and(sameTarget(target), eq(invitations.identifier, identifier));
		// A pending invitation past its expiry gives way to the new one (the unique index holds one).
		await tx
			.update(invitations)
			.set({ status: 'expired' })
			.where(and(same, eq(invitations.status, 'pending'), lte(invitations.expiresAt, now)));
		const [open] = await tx
			.select({ id: invitations.id })
			.from(invitations)
			.where(and(same, inArray(invitations.status, OPEN), gt(invitations.expiresAt, now)));
		if (open) return;
		const [row] = await tx
			.insert(invitations)
			.values({
				...target,
				invitedBy: actorId,
				identifier,
				userId,
				expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000)
			})
			// Two requests at once: the unique index keeps one, and the other has nothing to add.
			.onConflictDoNothing()
			.returning({ id: invitations.id });
		if (row)
			await recordAudit(tx, {
				actorId,
				action: 'invitation.sent',
				subjectId: row.id,
				details: {
					organisationId: target.organisationId,
					cohortId: 'cohortId' in target ? target.cohortId : null,
					courseId: 'courseId' in target ? target.courseId : null,
					userId
				}
			});
	});
}

/** Whose invitations an inviter sees: one cohort's, or a course's sent by some organisations. */
export type SentBy = { cohortId: string } | { courseId: string; organisationIds: string[] | 'all' };

function sentBy(where: SentBy): SQL | false {
	if ('cohortId' in where) return eq(invitations.cohortId, where.cohortId);
	if (where.organisationIds === 'all') return eq(invitations.courseId, where.courseId);
	if (where.organisationIds.length === 0) return false;
	return and(
		eq(invitations.courseId, where.courseId),
		inArray(invitations.organisationId, where.organisationIds)
	)!;
}

/**
 * Invitations not yet accepted and not expired, for the inviter: the identifier they typed and
 * dates, nothing else (not even whether an account answers to it).
 */
export async function openInvitations(db: Database, where: SentBy) {
	const condition = sentBy(where);
	if (condition === false) return [];
	return db
		.select({
			id: invitations.id,
			identifier: invitations.identifier,
			createdAt: invitations.createdAt,
			expiresAt: invitations.expiresAt
		})
		.from(invitations)
		.where(and(condition, inArray(invitations.status, OPEN), gt(invitations.expiresAt, new Date())))
		.orderBy(desc(invitations.createdAt), asc(invitations.identifier));
}

/** Withdraws an open invitation of the cohort or course the inviter is looking at. */
export async function withdrawInvitation(
	db: Database,
	actorId: string,
	where: SentBy,
	invitationId: string
): Promise<boolean> {
	const condition = sentBy(where);
	if (condition === false) return false;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(invitations)
			.set({ status: 'withdrawn', respondedAt: new Date() })
			.where(and(condition, eq(invitations.id, invitationId), inArray(invitations.status, OPEN)))
			.returning({ id: invitations.id });
		if (row) await recordAudit(tx, { actorId, action: 'invitation.withdrawn', subjectId: row.id });
		return row !== undefined;
	});
}

/** The invitations waiting for this user's answer: who invites them, to what, until when. */
export function invitationsFor(db: Database, userId: string) {
	return db
		.select({
			id: invitations.id,
			organisationName: organisations.name,
			cohortName: cohorts.name,
			courseTitle: courses.title,
			expiresAt: invitations.expiresAt
		})
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.leftJoin(cohorts, eq(cohorts.id, invitations.cohortId))
		.leftJoin(courses, eq(courses.id, invitations.courseId))
		.where(
			and(
				eq(invitations.userId, userId),
				eq(invitations.status, 'pending'),
				gt(invitations.expiresAt, new Date())
			)
		)
		.orderBy(desc(invitations.createdAt));
}

/**
 * A condition on `users`: the learner accepted an invitation to this course from one of these
 * organisations, and so agreed to be seen there though they are not its people.
 */
export function acceptedCourseInvitation(courseId: string, organisationIds: string[]): SQL {
	if (organisationIds.length === 0) return sql`false`;
	return sql`exists (select 1 from ${invitations} where ${invitations.userId} = ${users.id}
		and ${invitations.courseId} = ${courseId}::uuid and ${invitations.status} = 'accepted'
		and ${inArray(invitations.organisationId, organisationIds)})`;
}
