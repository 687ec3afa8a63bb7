import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { announcements, cohortMembers, workshopRegistrations } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import {
	ANNOUNCEMENT_BODY_MAX,
	ANNOUNCEMENT_SUBJECT_MAX,
	type MessageChannel
} from '$lib/messages';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { getCohort } from '../cohorts/cohorts';
import { workshopAccess, type WorkshopViewer } from '../workshops/access';
import { configuredChannels, notify, reachable } from './outbox';

/** Plain text as typed, one way: NFC, Unix line ends, no control characters but line breaks. */
const plain = (value: string) =>
	value
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
		.trim();

/** A manager's or trainer's announcement, as its form sends it (preview and send alike). */
export const announcementSchema = z.object({
	subject: z
		.string()
		.transform(plain)
		.pipe(
			z
				.string()
				.min(1, { error: () => m.announce_error_subject() })
				.max(ANNOUNCEMENT_SUBJECT_MAX, {
					error: () => m.announce_error_subject_long({ max: ANNOUNCEMENT_SUBJECT_MAX })
				})
		),
	body: z
		.string()
		.transform(plain)
		.pipe(
			z
				.string()
				.min(1, { error: () => m.announce_error_body() })
				.max(ANNOUNCEMENT_BODY_MAX, {
					error: () => m.announce_error_body_long({ max: ANNOUNCEMENT_BODY_MAX })
				})
		)
});
export type AnnouncementInput = z.output<typeof announcementSchema>;

/** To whom: a cohort's members, or the people holding a seat at a workshop. */
export type AnnouncementTarget = { cohortId: string } | { workshopId: string };

interface Audience {
	scope: 'cohort' | 'workshop';
	id: string;
	/** The cohort's name or the workshop's title: who the message is from, as people know it. */
	from: string;
	link: string;
	userIds: string[];
}

/**
 * Who would receive an announcement, or undefined when the sender may not send it (or the cohort or
 * workshop is not there): a cohort's members, by whoever may manage the cohort (cohorts.ts
 * getCohort, the one rule for cohorts); a workshop's registered participants, by its trainers and
 * planners (workshops/access.ts), once it is no longer a draft.
 */
export async function audienceOf(
	db: Database,
	viewer: WorkshopViewer,
	target: AnnouncementTarget
): Promise<Audience | undefined> {
	if (!viewer.user) return undefined;
	if ('cohortId' in target) {
		const cohort = await getCohort(db, viewer.scope, target.cohortId);
		if (!cohort) return undefined;
		const members = await db
			.select({ userId: cohortMembers.userId })
			.from(cohortMembers)
			.where(eq(cohortMembers.cohortId, cohort.id));
		return {
			scope: 'cohort',
			id: cohort.id,
			from: cohort.name,
			// The members' courses, the cohort's among them, are on their dashboard.
			link: '/dashboard',
			userIds: members.map((r) => r.userId)
		};
	}
	const access = await workshopAccess(db, viewer, target.workshopId);
	// A draft's people have not been told of it yet, and its page is not theirs to see.
	if (!access || !(access.plan || access.trainer) || access.workshop.status === 'draft')
		return undefined;
	const seated = await db
		.select({ userId: workshopRegistrations.userId })
		.from(workshopRegistrations)
		.where(
			and(
				eq(workshopRegistrations.workshopId, access.workshop.id),
				eq(workshopRegistrations.status, 'registered')
			)
		);
	return {
		scope: 'workshop',
		id: access.workshop.id,
		from: access.workshop.title,
		link: `/w/${access.workshop.id}`,
		userIds: seated.map((r) => r.userId)
	};
}

/** The audit kind of each scope; the subject is the cohort or the workshop. */
const AUDITED = {
	cohort: { action: 'announcement.sent_cohort' },
	workshop: { action: 'announcement.sent_workshop' }
} as const;

export interface AnnouncementPreview {
	subject: string;
	body: string;
	from: string;
	/** Everyone: the inbox reaches them all. */
	recipients: number;
	/**
	 * Per channel this installation has (e-mail, phone): how many would also get it there
	 * (reachable on it, and allowing announcements on it).
	 */
	channels: Partial<Record<MessageChannel, number>>;
}

/** Exactly what would be sent and to how many, before sending. */
export async function previewAnnouncement(
	db: Database,
	viewer: WorkshopViewer,
	target: AnnouncementTarget,
	input: AnnouncementInput,
	channels: readonly MessageChannel[] = configuredChannels()
): Promise<AnnouncementPreview | undefined> {
	const audience = await audienceOf(db, viewer, target);
	if (!audience) return undefined;
	const reach = await reachable(db, audience.userIds, channels);
	const on = (channel: MessageChannel) =>
		audience.userIds.filter((id) => reach.allows(id, 'announcement', channel)).length;
	return {
		subject: input.subject,
		body: input.body,
		from: audience.from,
		recipients: audience.userIds.length,
		channels: Object.fromEntries(channels.map((channel) => [channel, on(channel)]))
	};
}

/**
 * Sends it: the announcement is kept (with how many it went to), each recipient gets it in the
 * inbox and on the channels they allow, and the sending is audited (ids and the count only), all in
 * one transaction. Undefined when the sender may not send it; 'nobody' when there is no one to tell.
 */
export async function sendAnnouncement(
	db: Database,
	viewer: WorkshopViewer,
	target: AnnouncementTarget,
	input: AnnouncementInput,
	options: { now?: Date; channels?: readonly MessageChannel[] } = {}
): Promise<
	{ ok: true; id: string; recipients: number } | { ok: false; reason: 'nobody' } | undefined
> {
	const audience = await audienceOf(db, viewer, target);
	if (!audience) return undefined;
	if (audience.userIds.length === 0) return { ok: false, reason: 'nobody' };
	const now = options.now ?? new Date();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(announcements)
			.values({
				authorId: viewer.user!.id,
				scope: audience.scope,
				cohortId: audience.scope === 'cohort' ? audience.id : null,
				workshopId: audience.scope === 'workshop' ? audience.id : null,
				subject: input.subject,
				body: input.body,
				recipients: audience.userIds.length,
				createdAt: now
			})
			.returning({ id: announcements.id });
		await notify(
			tx,
			audience.userIds.map((userId) => ({
				userId,
				kind: 'announcement' as const,
				key: `announcement:${row.id}`,
				params: { subject: input.subject, body: input.body, from: audience.from },
				link: audience.link
			})),
			{ now, channels: options.channels }
		);
		await recordAudit(tx, {
			actorId: viewer.user!.id,
			...AUDITED[audience.scope],
			subjectId: audience.id,
			details: { announcementId: row.id, recipients: audience.userIds.length }
		});
		return { ok: true, id: row.id, recipients: audience.userIds.length } as const;
	});
}
