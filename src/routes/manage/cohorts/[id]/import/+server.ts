import { requireCohort } from '../../../access.server';
import { readRosterFile, runImport, type ImportOutcome } from '../import.server';
import type { RequestHandler } from './$types';

/**
 * The import with progress, for the page's script: newline-delimited JSON, `{"done","total"}` as
 * passwords are hashed, then `{"result"}` with what the form action would have returned, failures
 * included (runImport turns them into a message). Without JavaScript the page posts to its
 * `import` action instead.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { cohort, userId } = await requireCohort(locals, params.id);
	const file = await readRosterFile((await request.formData()).get('file'));
	const encoder = new TextEncoder();
	// The reader went away: nobody would ever see the new passwords, so nothing is imported.
	const abandoned = new AbortController();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (value: unknown) => {
				if (!abandoned.signal.aborted) {
					controller.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
				}
			};
			let last = 0;
			const result: ImportOutcome =
				'error' in file
					? { importProblems: [file.error], status: 400 }
					: await runImport(locals, userId, cohort, file.rows, {
							signal: abandoned.signal,
							onProgress: (done, total) => {
								// Every 2% is enough for a bar, and keeps the stream small.
								if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
									last = done;
									send({ done, total });
								}
							}
						});
			send({ result });
			if (!abandoned.signal.aborted) controller.close();
		},
		cancel() {
			abandoned.abort();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }
	});
};
