import { toXlsx } from '$lib/server/cohorts/export';
import { matrixRows } from '../matrix-export.server';
import type { RequestHandler } from './$types';
import { contentDisposition } from '$lib/server/http/content-disposition';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { cohort, rows, filename } = await matrixRows(locals, params.id);
	return new Response(toXlsx(cohort.name, rows), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': contentDisposition(`${filename}.xlsx`),
			'cache-control': 'private, no-store'
		}
	});
};
