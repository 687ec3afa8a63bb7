import { pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

import { organisationKinds } from '../../src/lib/domain';

export { organisationKinds, type OrganisationKind } from '../../src/lib/domain';

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
