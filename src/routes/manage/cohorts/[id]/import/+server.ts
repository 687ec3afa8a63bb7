import { importRoster } from '$lib/server/cohorts/import';
import { requireCohort } from '../../../access.server';
import { describeProblem, readRosterFile } from '../import.server';
import type { RequestHandler } from './$types';

/**
 * The import with progress, for the page's script: newline-delimited JSON, `{"done","total"}` as
 * accounts are created, then `{"result"}` with what the form action would have returned. Without
 * JavaScript the page posts to its `import` action instead.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { cohort, userId } = await requireCohort(locals, params.id);
	const file = await readRosterFile((await request.formData()).get('file'));
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (value: unknown) =>
				controller.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
			if ('error' in file) {
				send({ result: { importProblems: [file.error] } });
			} else {
				let last = 0;
				const result = await importRoster(
					locals.db,
					userId,
					cohort,
					file.rows,
					new Date(),
					(done, total) => {
						// Every 2% is enough for a bar, and keeps the stream small.
						if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
							last = done;
							send({ done, total });
						}
					}
				);
				send({
					result: result.ok
						? {
								imported: result.credentials.map(({ fullName, identifier, password }) => ({
									fullName,
									identifier,
									password
								}))
							}
						: { importProblems: result.problems.map(describeProblem) }
				});
			}
			controller.close();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }
	});
};
