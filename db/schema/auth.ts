import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

import { audienceGroups, organisationRoles } from '../../src/lib/domain';

export {
	audienceGroups,
	organisationRoles,
	type AudienceGroup,
	type OrganisationRole
} from '../../src/lib/domain';

export const users = pgTable(
	'users',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Stored lower-cased; students often have none, so either this or username is set. */
		email: text(),
		/** Stored lower-cased. */
		username: text(),
		passwordHash: text().notNull(),
		/** Exactly as it will be printed on certificates (Vietnamese diacritics kept, NFC). */
		fullName: text().notNull(),
		/** Folded name, e-mail and username (see src/lib/text.ts) for diacritic-insensitive search. */
		searchKey: text().notNull().default(''),
		dateOfBirth: date({ mode: 'string' }),
		audience: text({ enum: audienceGroups }).notNull().default('other'),
		organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
		area: text(),
		/** The language messages reach them in (e-mail, phone): the one they last chose on the site. */
		language: text({ enum: ['vi', 'en'] })
			.notNull()
			.default('vi'),
		isAdmin: boolean().notNull().default(false),
		/** Set for accounts created with a one-time password: the first sign-in must choose a new one. */
		mustChangePassword: boolean().notNull().default(false),
		/**
		 * The privacy notice version this person last agreed to for the service (privacy/consent.ts
		 * keeps it with consent_records); null until they have. The guard asks for a newer one.
		 */
		consentVersion: integer(),
		/** For a minor: when a guardian's consent was recorded (privacy/guardians.ts); null if none. */
		guardianConsentAt: timestamp({ withTimezone: true }),
		/** Processing restricted at the person's request (privacy/requests.ts): no messages go out. */
		restrictedAt: timestamp({ withTimezone: true }),
		/** When the person's data was erased: the row stays, without identity, for the reports. */
		anonymisedAt: timestamp({ withTimezone: true }),
		/** The last sign-in or session renewal: the retention job's measure of an inactive account. */
		lastActiveAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email_unique').on(t.email),
		uniqueIndex('users_username_unique').on(t.username),
		index('users_full_name_idx').on(t.fullName),
		index('users_created_at_idx').on(t.createdAt),
		index('users_last_active_idx')
			.on(t.lastActiveAt)
			.where(sql`${t.anonymisedAt} is null`),
		check('users_identifier_present', sql`${t.email} is not null or ${t.username} is not null`)
	]
);

/** Roles scoped to an organisation; administrator is the platform-wide flag on users. */
export const roleAssignments = pgTable(
	'role_assignments',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text({ enum: organisationRoles }).notNull(),
		organisationId: uuid()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('role_assignments_unique').on(t.userId, t.role, t.organisationId)]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const passwordResets = pgTable(
	'password_resets',
	{
		/** SHA-256 (hex) of the token in the link. */
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		usedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('password_resets_user_idx')
			.on(t.userId)
			.where(sql`${t.usedAt} is null`)
	]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type RoleAssignment = typeof roleAssignments.$inferSelect;
