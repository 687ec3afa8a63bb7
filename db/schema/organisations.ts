import { pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** The kinds of organisation the directive names (schools, agencies, enterprises, zones, area offices). */
export const organisationKinds = [
	'school',
	'agency',
	'enterprise',
	'industrial_zone',
	'area_office'
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisations = pgTable('organisations', {
	id: uuid().primaryKey().defaultRandom(),
	name: text().notNull(),
	kind: text({ enum: organisationKinds }).notNull(),
	/** An administrative unit from the configured list (AREAS); free text so the list can change. */
	area: text(),
	parentId: uuid().references((): AnyPgColumn => organisations.id, { onDelete: 'set null' }),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

export type Organisation = typeof organisations.$inferSelect;
