import { asc, eq } from 'drizzle-orm';
import { organisations, type OrganisationKind } from '$db/schema';
import type { Database } from '../db';

export interface NewOrganisation {
	name: string;
	kind: OrganisationKind;
	area: string | null;
	parentId?: string | null;
}

export async function createOrganisation(db: Database, input: NewOrganisation) {
	const [organisation] = await db
		.insert(organisations)
		.values({ ...input, name: input.name.normalize('NFC').trim() })
		.returning();
	return organisation;
}

export function listOrganisations(db: Database) {
	return db.select().from(organisations).orderBy(asc(organisations.name));
}

export async function getOrganisation(db: Database, id: string) {
	const [organisation] = await db.select().from(organisations).where(eq(organisations.id, id));
	return organisation;
}
