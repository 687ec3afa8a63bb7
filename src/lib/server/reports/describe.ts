import { inArray } from 'drizzle-orm';
import { organisations } from '$db/schema';
import type { Database } from '../db';
import type { ReportScope } from './report';

/** What a page needs to name the scope; the kind is named by the page, in the reader's language. */
export type ScopeDescription =
	| { type: 'all' }
	| { type: 'area'; area: string }
	| { type: 'kind'; kind: string }
	| { type: 'organisations'; names: string[] };

export async function describeScope(db: Database, scope: ReportScope): Promise<ScopeDescription> {
	if (scope.type === 'all' || scope.type === 'area' || scope.type === 'kind') return scope;
	const ids = scope.type === 'organisation' ? [scope.organisationId] : scope.organisationIds;
	if (ids.length === 0) return { type: 'organisations', names: [] };
	const rows = await db
		.select({ name: organisations.name })
		.from(organisations)
		.where(inArray(organisations.id, ids))
		.orderBy(organisations.name);
	return { type: 'organisations', names: rows.map((r) => r.name) };
}
