import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { cohorts } from './cohorts';
import { courses } from './courses';
import { organisations } from './organisations';

/**
 * pending until the invitee answers; expired is written when someone acts on a pending invitation
 * past its expiry (reads treat a pending one past expiresAt as expired already).
 */
export const invitationStatuses = [
	'pending',
	'accepted',
	'declined',
	'withdrawn',
	'expired'
] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * An invitation to join a cohort or a course, sent when a manager or trainer adds by identifier
 * someone outside the organisations they may see. The invitee decides; nothing about them is shown
 * to the organisation before they accept.
 */
export const invitations = pgTable(
	'invitations',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The organisation inviting: the cohort's, or the one the trainer invites a learner for. */
		organisationId: uuid()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** Exactly one of cohortId and courseId is set. */
		cohortId: uuid().references(() => cohorts.id, { onDelete: 'cascade' }),
		courseId: uuid().references(() => courses.id, { onDelete: 'cascade' }),
		invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/**
		 * The e-mail address or username as the inviter typed it (lower-cased): the only thing about the
		 * invitee the inviting organisation is shown.
		 */
		identifier: text().notNull(),
		/**
		 * The account the identifier named when the invitation was sent, if any. An identifier naming
		 * no account is recorded all the same (with no user), so the inviter's list cannot tell them apart;
		 * such an invitation reaches nobody and expires.
		 */
		userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
		status: text({ enum: invitationStatuses }).notNull().default('pending'),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		/** When the invitee accepted or declined, or the inviter withdrew it. */
		respondedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		check('invitations_one_target', sql`(${t.cohortId} is null) <> (${t.courseId} is null)`),
		// One open invitation per identifier and cohort, or per identifier, course and organisation.
		uniqueIndex('invitations_cohort_pending_unique')
			.on(t.cohortId, t.identifier)
			.where(sql`${t.status} = 'pending' and ${t.cohortId} is not null`),
		uniqueIndex('invitations_course_pending_unique')
			.on(t.courseId, t.organisationId, t.identifier)
			.where(sql`${t.status} = 'pending' and ${t.courseId} is not null`),
		index('invitations_user_idx').on(t.userId),
		index('invitations_cohort_idx').on(t.cohortId),
		index('invitations_course_idx').on(t.courseId)
	]
);

export type Invitation = typeof invitations.$inferSelect;
