import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { cohorts } from './cohorts';
import { workshops } from './workshops';

import {
	announcementScopes,
	deliveryStatuses,
	messageChannels,
	messageKinds,
	type MessageParams
} from '../../src/lib/messages';

export {
	announcementScopes,
	deliveryStatuses,
	messageChannels,
	messageKinds,
	type AnnouncementScope,
	type DeliveryStatus,
	type MessageChannel,
	type MessageKind,
	type MessageParams
} from '../../src/lib/messages';

/**
 * The in-app inbox: the one channel everyone has. A row per person and message, written in the
 * transaction of the event that causes it; `key` makes a message once per person however often
 * the event or the reminder sweep runs.
 */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text({ enum: messageKinds }).notNull(),
		/** e.g. 'course_assigned:<cohort>:<course>', 'course_due:7:<cohort>:<course>'. */
		key: text().notNull(),
		/** What the text needs, no more: titles, dates, counts; never another person's data. */
		params: jsonb().$type<MessageParams>().notNull(),
		/** Where the message leads, a path on this site. */
		link: text(),
		/** A reminder: sent outside the platform in the day's digest, not on its own. */
		inDigest: boolean().notNull().default(false),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp({ withTimezone: true })
	},
	(t) => [
		uniqueIndex('notifications_user_key_unique').on(t.userId, t.key),
		index('notifications_user_created_idx').on(t.userId, t.createdAt),
		index('notifications_unread_idx')
			.on(t.userId)
			.where(sql`${t.readAt} is null`)
	]
);

/**
 * The outbox of messages leaving the platform (e-mail, phone), one row per message, person and
 * channel, written in the event's transaction together with its job; the worker claims a row
 * before sending, so a message is sent once however many workers compete.
 */
export const deliveries = pgTable(
	'deliveries',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Unique per message, person and channel: '<notification key>:<channel>' or a digest's. */
		key: text().notNull(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		channel: text({ enum: messageChannels }).notNull(),
		/** 'digest' for the day's reminders. */
		kind: text().notNull(),
		/** The inbox message it carries; null for a digest, a password reset or a phone code. */
		notificationId: uuid().references(() => notifications.id, { onDelete: 'set null' }),
		/** What a message without an inbox row needs (a reset link); cleared once sent. */
		params: jsonb().$type<MessageParams>(),
		status: text({ enum: deliveryStatuses }).notNull().default('queued'),
		attempts: integer().notNull().default(0),
		/** Not before: quiet hours (21:00–07:00 in Vietnam) hold a message until morning. */
		notBefore: timestamp({ withTimezone: true }).notNull(),
		/** While a worker sends; a crashed worker's claim lapses and the job's retry takes over. */
		lockedUntil: timestamp({ withTimezone: true }),
		lastError: text(),
		/** The transport's id of the sent message (Message-ID, the gateway's msg_id). */
		providerId: text(),
		sentAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('deliveries_key_unique').on(t.key),
		index('deliveries_status_created_idx').on(t.status, t.createdAt),
		index('deliveries_user_idx').on(t.userId),
		index('deliveries_notification_idx').on(t.notificationId)
	]
);

/** A person's choice per kind of message and channel; no row means the default (src/lib/messages.ts). */
export const messagePreferences = pgTable(
	'message_preferences',
	{
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text().notNull(),
		channel: text({ enum: messageChannels }).notNull(),
		enabled: boolean().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] })]
);

/** A person's phone number for Zalo/SMS messages: used only once verified and consented to. */
export const phoneNumbers = pgTable(
	'phone_numbers',
	{
		userId: uuid()
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** E.164, e.g. +84912345678. */
		number: text().notNull(),
		verifiedAt: timestamp({ withTimezone: true }),
		/** When the person agreed to receive messages on it (Decree 356/2025: consent recorded). */
		consentAt: timestamp({ withTimezone: true }),
		/** SHA-256 (hex) of the pending verification code; null once verified. */
		codeHash: text(),
		codeExpiresAt: timestamp({ withTimezone: true }),
		codeAttempts: integer().notNull().default(0),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('phone_numbers_number_idx').on(t.number)]
);

/** A manager's or trainer's plain-text message to a cohort or a workshop's participants. */
export const announcements = pgTable(
	'announcements',
	{
		id: uuid().primaryKey().defaultRandom(),
		authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
		scope: text({ enum: announcementScopes }).notNull(),
		cohortId: uuid().references(() => cohorts.id, { onDelete: 'cascade' }),
		workshopId: uuid().references(() => workshops.id, { onDelete: 'cascade' }),
		subject: text().notNull(),
		body: text().notNull(),
		recipients: integer().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('announcements_cohort_idx').on(t.cohortId),
		index('announcements_workshop_idx').on(t.workshopId)
	]
);

export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type Announcement = typeof announcements.$inferSelect;

/**
 * The Zalo Official Account's tokens, renewed by the platform (src/lib/server/messages/zalo-token.ts):
 * an access token lasts about 25 hours and each refresh token works once, so the newest pair is kept
 * here, one row per Zalo app, and renewed under a row lock so two instances never spend it twice.
 */
export const zaloTokens = pgTable('zalo_tokens', {
	appId: text().primaryKey(),
	accessToken: text(),
	refreshToken: text().notNull(),
	/** When the access token stops working; renewed a few minutes before. */
	accessExpiresAt: timestamp({ withTimezone: true }),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});
