import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import type { AudienceGroup } from '../../src/lib/domain';
import {
	attendanceMethods,
	registrationModes,
	registrationSources,
	registrationStatuses,
	workshopStatuses
} from '../../src/lib/workshops';
import { users } from './auth';
import { cohorts } from './cohorts';
import { courses } from './courses';
import { organisations } from './organisations';

export {
	attendanceMethods,
	registrationModes,
	registrationSources,
	registrationStatuses,
	workshopStatuses
} from '../../src/lib/workshops';

/** An in-person training: a seminar, a commune's awareness session, a three-day class. */
export const workshops = pgTable(
	'workshops',
	{
		id: uuid().primaryKey().defaultRandom(),
		title: text().notNull(),
		/** The course it belongs to (a blended course), or none for a stand-alone workshop. */
		courseId: uuid().references(() => courses.id, { onDelete: 'set null' }),
		/** Whose workshop it is: its managers and trainers plan it and see its people. */
		organisationId: uuid()
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		venue: text().notNull().default(''),
		/** An administrative unit from the configured list (AREAS), as on organisations; for the report. */
		area: text(),
		/** Seats; null for no limit. Registrations beyond it go on the waiting list. */
		capacity: integer(),
		/** The audience groups it is meant for (src/lib/domain.ts); empty for anyone. */
		audiences: text()
			.array()
			.$type<AudienceGroup[]>()
			.notNull()
			.default(sql`'{}'::text[]`),
		registrationMode: text({ enum: registrationModes }).notNull().default('open'),
		/** The cohort whose members may register, when registrationMode is 'cohort'. */
		cohortId: uuid().references(() => cohorts.id, { onDelete: 'set null' }),
		status: text({ enum: workshopStatuses }).notNull().default('draft'),
		createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('workshops_organisation_idx').on(t.organisationId),
		index('workshops_course_idx').on(t.courseId),
		check('workshops_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`)
	]
);

/** One sitting of a workshop: a three-day class has three. Instants; shown in Vietnam time. */
export const workshopSessions = pgTable(
	'workshop_sessions',
	{
		id: uuid().primaryKey().defaultRandom(),
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull()
	},
	(t) => [
		index('workshop_sessions_workshop_idx').on(t.workshopId, t.startsAt),
		check('workshop_sessions_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/** Who trains at a workshop: they take attendance, and may record it late with an audit entry. */
export const workshopTrainers = pgTable(
	'workshop_trainers',
	{
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId] }),
		index('workshop_trainers_user_idx').on(t.userId)
	]
);

/** One person's place at a workshop; cancelled rows stay, so a return keeps no second row. */
export const workshopRegistrations = pgTable(
	'workshop_registrations',
	{
		workshopId: uuid()
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text({ enum: registrationStatuses }).notNull(),
		source: text({ enum: registrationSources }).notNull(),
		/** Who added them, when not themself. */
		registeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** When they (last) asked for a place: the waiting list is served in this order. */
		registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId] }),
		index('workshop_registrations_queue_idx').on(t.workshopId, t.status, t.registeredAt),
		index('workshop_registrations_user_idx').on(t.userId)
	]
);

/** Present at a session; one row per person and session however often it is recorded. */
export const workshopAttendance = pgTable(
	'workshop_attendance',
	{
		sessionId: uuid()
			.notNull()
			.references(() => workshopSessions.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		method: text({ enum: attendanceMethods }).notNull(),
		/** Who recorded it: the person themself for a QR check-in, else the trainer or staff. */
		recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
		/** When they were seen: for an offline list, the time on the trainer's phone, not of the sync. */
		recordedAt: timestamp({ withTimezone: true }).notNull(),
		/** The offline batch it came in, so a replayed sync can be recognised; null when online. */
		clientBatchId: text()
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.userId] }),
		index('workshop_attendance_user_idx').on(t.userId)
	]
);

export type Workshop = typeof workshops.$inferSelect;
export type WorkshopSession = typeof workshopSessions.$inferSelect;
export type WorkshopRegistration = typeof workshopRegistrations.$inferSelect;
export type WorkshopAttendance = typeof workshopAttendance.$inferSelect;
