import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { cohorts, organisations, type Cohort } from '$db/schema';
import type { Database } from '../db';
import type { StaffScope } from '../auth/staff';

export interface NewCohort {
	organisationId: string;
	name: string;
	year: number;
	term?: string | null;
	startsOn?: string | null;
	endsOn?: string | null;
}

/** The cohorts a staff scope may see: all for administrators, their organisations' otherwise. */
function visible(scope: StaffScope): SQL | undefined | false {
	if (scope.admin) return undefined;
	if (scope.organisationIds.length === 0) return false;
	return inArray(cohorts.organisationId, scope.organisationIds);
}

/** Whether this scope may manage an organisation's cohorts and people. */
export function mayManage(scope: StaffScope, organisationId: string): boolean {
	return scope.admin || scope.organisationIds.includes(organisationId);
}

export async function createCohort(
	db: Database,
	scope: StaffScope,
	actorId: string,
	input: NewCohort
): Promise<Cohort | undefined> {
	if (!mayManage(scope, input.organisationId)) return undefined;
	const [cohort] = await db
		.insert(cohorts)
		.values({ ...input, name: input.name.normalize('NFC').trim(), createdBy: actorId })
		.returning();
	return cohort;
}

/** A cohort the scope may see, or undefined, whether it does not exist or belongs elsewhere (a 404). */
export async function getCohort(
	db: Database,
	scope: StaffScope,
	id: string
): Promise<(Cohort & { organisationName: string }) | undefined> {
	const where = visible(scope);
	if (where === false || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await db
		.select({ cohort: cohorts, organisationName: organisations.name })
		.from(cohorts)
		.innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
		.where(and(eq(cohorts.id, id), where));
	return row && { ...row.cohort, organisationName: row.organisationName };
}

export async function listCohorts(db: Database, scope: StaffScope) {
	const where = visible(scope);
	if (where === false) return [];
	return db
		.select({ cohort: cohorts, organisationName: organisations.name })
		.from(cohorts)
		.innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
		.where(where)
		.orderBy(desc(cohorts.year), asc(cohorts.name))
		.then((rows) => rows.map((r) => ({ ...r.cohort, organisationName: r.organisationName })));
}
