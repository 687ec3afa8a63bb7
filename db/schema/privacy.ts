import { sql } from 'drizzle-orm';
import {
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import type { Localised } from './courses';

/**
 * Personal data (Law 91/2025/QH15, Decree 356/2025/NĐ-CP; README, "Personal data"). The kinds of
 * processing, their legal bases and periods live in src/lib/server/privacy/registry.ts.
 */

/** Who the controller is, as the notice names them; kept with each version of the notice. */
export type Controller = {
	name: string;
	address: string;
	email: string;
	phone: string;
	/** The person or unit answering for personal data protection. */
	contact: string;
};

/** The privacy notice; every version is kept, the highest is current. */
export const privacyNotices = pgTable('privacy_notices', {
	id: uuid().primaryKey().defaultRandom(),
	version: integer().notNull().unique(),
	/** Markdown as the administrator wrote it, per language. */
	body: jsonb().$type<Localised>().notNull(),
	/** The same, rendered once at publication (privacy/notices.ts). */
	html: jsonb().$type<Localised>().notNull(),
	controller: jsonb().$type<Controller>().notNull(),
	/** What changed from the version before, in a sentence, shown to those asked to agree again. */
	changes: text().notNull().default(''),
	/** Whether people who agreed to an earlier version must agree to this one before going on. */
	requiresConsent: boolean().notNull().default(true),
	publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	publishedBy: uuid().references(() => users.id, { onDelete: 'set null' })
});

export const consentPurposes = ['service', 'phone_messages'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentChannels = ['sign_up', 'first_sign_in', 'account', 'paper'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/**
 * Consent given or withdrawn, one row per act, never updated: the latest row per person and
 * purpose is the state, and the rows are the proof (when, to which notice, by which means).
 */
export const consentRecords = pgTable(
	'consent_records',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text({ enum: consentPurposes }).notNull(),
		/** true: given; false: withdrawn (or refused). */
		given: boolean().notNull(),
		noticeVersion: integer().notNull(),
		channel: text({ enum: consentChannels }).notNull(),
		/** Who entered it when it is not the person themselves (a paper form entered by staff). */
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('consent_records_user_idx').on(t.userId, t.purpose, t.recordedAt)]
);

export const guardianConsentMethods = ['paper', 'in_person', 'phone', 'email'] as const;
export type GuardianConsentMethod = (typeof guardianConsentMethods)[number];

/** A guardian's consent for a minor (Law 91/2025 Art. 24), recorded by staff or the administrator. */
export const guardianConsents = pgTable(
	'guardian_consents',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		guardianName: text().notNull(),
		/** A phone number or an e-mail address. */
		guardianContact: text().notNull(),
		/** Parent, guardian, other legal representative. */
		relationship: text().notNull(),
		consentedOn: date({ mode: 'string' }).notNull(),
		method: text({ enum: guardianConsentMethods }).notNull(),
		note: text(),
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		withdrawnAt: timestamp({ withTimezone: true })
	},
	(t) => [index('guardian_consents_user_idx').on(t.userId)]
);

export const dataRequestKinds = [
	'access',
	'correct',
	'export',
	'restrict',
	'delete',
	'withdraw'
] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];
export const dataRequestStatuses = ['open', 'done', 'refused', 'cancelled'] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];

/** A person's request about their data: a case with its legal deadline (privacy/requests.ts). */
export const dataRequests = pgTable(
	'data_requests',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text({ enum: dataRequestKinds }).notNull(),
		/** What the person asked, in their words (what to correct, which consent, ...). */
		details: text().notNull().default(''),
		channel: text({ enum: ['online', 'paper'] }).notNull(),
		receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** The reply owed within two working days (Decree 356/2025). */
		acknowledgeBy: timestamp({ withTimezone: true }).notNull(),
		acknowledgedAt: timestamp({ withTimezone: true }),
		dueAt: timestamp({ withTimezone: true }).notNull(),
		/** One extension, with its reason, as the decree allows. */
		extendedDueAt: timestamp({ withTimezone: true }),
		extensionReason: text(),
		status: text({ enum: dataRequestStatuses }).notNull().default('open'),
		/** The answer given to the person. */
		answer: text(),
		/** What was done, step by step (e.g. erased, exported, consent withdrawn). */
		actions: jsonb().$type<string[]>().notNull().default([]),
		closedAt: timestamp({ withTimezone: true }),
		handledBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** Staff who entered a request made on paper. */
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('data_requests_open_idx')
			.on(t.dueAt)
			.where(sql`${t.status} = 'open'`),
		index('data_requests_user_idx').on(t.userId, t.receivedAt)
	]
);

/** Days off besides weekends, for counting working days (vietnam-time.ts); edited by administrators. */
export const publicHolidays = pgTable('public_holidays', {
	day: date({ mode: 'string' }).primaryKey(),
	name: text().notNull()
});

export const breachStatuses = ['open', 'closed'] as const;

/** The register of personal data breaches (Law 91/2025 Art. 23), with its notification clock. */
export const dataBreaches = pgTable(
	'data_breaches',
	{
		id: uuid().primaryKey().defaultRandom(),
		title: text().notNull(),
		description: text().notNull(),
		occurredAt: timestamp({ withTimezone: true }),
		discoveredAt: timestamp({ withTimezone: true }).notNull(),
		/** Keys of registry.ts data categories. */
		dataCategories: jsonb().$type<string[]>().notNull().default([]),
		peopleAffected: integer(),
		peopleDescription: text().notNull().default(''),
		consequences: text().notNull().default(''),
		measures: text().notNull().default(''),
		authorityNotifiedAt: timestamp({ withTimezone: true }),
		authorityReference: text(),
		peopleNotifiedAt: timestamp({ withTimezone: true }),
		peopleNotice: text(),
		status: text({ enum: breachStatuses }).notNull().default('open'),
		closedAt: timestamp({ withTimezone: true }),
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('data_breaches_discovered_idx').on(t.discoveredAt)]
);

/** Each run of the retention job, dry or not, with what it found or did per rule. */
export const retentionRuns = pgTable('retention_runs', {
	id: uuid().primaryKey().defaultRandom(),
	dryRun: boolean().notNull(),
	/** The periods in force for this run (config RETENTION_*). */
	settings: jsonb().$type<Record<string, number>>().notNull(),
	/** Per rule: how many rows it found (dry run) or changed. */
	counts: jsonb().$type<Record<string, number>>().notNull(),
	startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	finishedAt: timestamp({ withTimezone: true }),
	/** null when the schedule ran it. */
	startedBy: uuid().references(() => users.id, { onDelete: 'set null' })
});
