import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { version } from '../../../package.json';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		await locals.db.execute(sql`select 1`);
		return json(
			{ status: 'ok', db: locals.engine, version },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json({ status: 'unavailable', db: locals.engine, version }, { status: 503 });
	}
};
