import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { queryRows } from '../db/rows';

/**
 * The organisations named and every one beneath them, as a subquery of ids: the one definition of
 * an organisation's tree, used by whom a staff member may reach, the report's scopes and the check
 * that refuses a loop of parents.
 */
export function organisationTree(ids: string[]): SQL {
	if (ids.length === 0) return sql`(select null::uuid as id where false)`;
	const list = sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	return sql`(with recursive tree(id) as (
		select id from organisations where id in (${list})
		union select o.id from organisations o join tree t on o.parent_id = t.id
	) select id from tree)`;
}

/** The ids of the organisations named and of every one beneath them. */
export async function withDescendants(db: Database, ids: string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const rows = await queryRows<{ id: string }>(db, sql`select id from ${organisationTree(ids)} t`);
	return rows.map((r) => r.id);
}
