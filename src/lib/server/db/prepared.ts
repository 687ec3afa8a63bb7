import type { Database } from './index';

/**
 * The hot paths' queries, built once per database handle and sent as named prepared statements:
 * PostgreSQL plans them once per connection (postgres.js names each statement the first time a
 * connection runs it) instead of on every request, and the query builder's work is done once.
 * The one home for this rule: a hot query is declared with `preparedQuery` and run through it.
 *
 * A transaction is a handle of its own: its queries are built (and prepared on its connection) for
 * as long as it lives, which is right but gains nothing; hot paths run outside transactions.
 */
export function preparedQuery<Q>(name: string, build: (db: Database, name: string) => Q) {
	const built = new WeakMap<Database, Q>();
	PREPARED_NAMES.add(name);
	return (db: Database): Q => {
		let query = built.get(db);
		if (!query) built.set(db, (query = build(db, name)));
		return query;
	};
}

/** Every name declared, so that a test can tell a forgotten or duplicated declaration. */
export const PREPARED_NAMES = new Set<string>();

/**
 * A json/jsonb value computed in SQL (json_agg, json_build_object): postgres.js hands it over as
 * text under Drizzle, PGlite already parsed.
 */
export function parsedJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
