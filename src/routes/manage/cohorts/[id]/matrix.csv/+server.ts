import { toCsv } from '$lib/server/cohorts/export';
import { matrixRows } from '../matrix-export.server';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http/content-disposition';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { rows, filename } = await matrixRows(locals, params.id);
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': contentDisposition(`${filename}.csv`),
			'cache-control': 'private, no-store'
		}
	});
};
