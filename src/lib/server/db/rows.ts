import type { SQL } from 'drizzle-orm';
import type { Database } from './index';

/** Rows of a raw query: postgres.js returns them as the result, PGlite as `{ rows }`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}
