import { and, eq } from 'drizzle-orm';
import { courses, invitations } from '$db/schema';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { addMembers } from '../cohorts/members';
import { upsertEnrolment } from '../enrolment';

export type Answer = 'accept' | 'decline';

export type AnswerResult =
	| { ok: true; answer: Answer; courseSlug: string | null }
	| { ok: false; reason: 'not_found' | 'expired' };

/**
 * The invitee answers. Accepting joins the cohort (and so its courses) or enrols in the course, and
 * from then on the inviting organisation sees them there; declining only records the answer, which
 * the inviter is not shown. Only the invitee's own pending invitations can be answered.
 */
export async function answerInvitation(
	db: Database,
	userId: string,
	invitationId: string,
	answer: Answer
): Promise<AnswerResult> {
	return db.transaction(async (tx) => {
		const [invitation] = await tx
			.select()
			.from(invitations)
			.where(
				and(
					eq(invitations.id, invitationId),
					eq(invitations.userId, userId),
					eq(invitations.status, 'pending')
				)
			)
			.for('update');
		if (!invitation) return { ok: false, reason: 'not_found' };
		const now = new Date();
		const respond = (status: 'accepted' | 'declined' | 'expired') =>
			tx
				.update(invitations)
				.set({ status, respondedAt: status === 'expired' ? null : now })
				.where(eq(invitations.id, invitation.id));
		if (invitation.expiresAt <= now) {
			await respond('expired');
			return { ok: false, reason: 'expired' };
		}
		const target = { cohortId: invitation.cohortId, courseId: invitation.courseId };
		if (answer === 'decline') {
			await respond('declined');
			await recordAudit(tx, {
				actorId: userId,
				action: 'invitation.declined',
				subjectId: invitation.id,
				details: target
			});
			return { ok: true, answer, courseSlug: null };
		}
		await respond('accepted');
		let courseSlug: string | null = null;
		// Enrolled by whoever invited, as if they had added them: the invitation was their doing.
		if (invitation.cohortId) {
			await addMembers(tx, invitation.invitedBy, invitation.cohortId, [userId]);
		} else if (invitation.courseId) {
			await upsertEnrolment(tx, userId, invitation.courseId, 'staff', invitation.invitedBy);
			const [course] = await tx
				.select({ slug: courses.slug })
				.from(courses)
				.where(eq(courses.id, invitation.courseId));
			courseSlug = course?.slug ?? null;
		}
		await recordAudit(tx, {
			actorId: userId,
			action: 'invitation.accepted',
			subjectId: invitation.id,
			details: target
		});
		return { ok: true, answer, courseSlug };
	});
}
