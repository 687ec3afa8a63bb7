import { asc, eq } from 'drizzle-orm';
import { organisations, type OrganisationKind } from '$db/schema';
import type { Database } from '../db';
import { withDescendants } from './tree';

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

export type SetParentResult = { ok: true } | { ok: false; reason: 'not_found' | 'cycle' };

/** Sets or clears the parent organisation, refusing a loop (an organisation under itself). */
export async function setParent(
	db: Database,
	id: string,
	parentId: string | null
): Promise<SetParentResult> {
	if (!(await getOrganisation(db, id))) return { ok: false, reason: 'not_found' };
	if (parentId) {
		if (!(await getOrganisation(db, parentId))) return { ok: false, reason: 'not_found' };
		if ((await withDescendants(db, [id])).includes(parentId)) return { ok: false, reason: 'cycle' };
	}
	await db.update(organisations).set({ parentId }).where(eq(organisations.id, id));
	return { ok: true };
}
