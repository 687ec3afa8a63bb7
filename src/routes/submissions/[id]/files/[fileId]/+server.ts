import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { submissionAccess } from '$lib/server/assignments/access';
import { submissionFileHeaders } from '$lib/server/assignments/files';
import { fileOf } from '$lib/server/assignments/submissions';
import type { RequestHandler } from './$types';

/**
 * A file of a submission, to whoever may see it (assignments/access.ts): its learner their own work
 * always and the grader's marked-up file once the round is decided; the course's graders any file of
 * work handed in. Everyone else gets 404, as for what does not exist.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const access = await submissionAccess(locals.db, locals.user, params.id);
	if (!access) error(404, m.error_not_found());
	const file = await fileOf(locals.db, access.submission.id, params.fileId);
	if (!file) error(404, m.error_not_found());
	const decided = access.submission.state === 'returned' || access.submission.state === 'graded';
	if (access.as === 'learner' && file.kind === 'feedback' && !decided)
		error(404, m.error_not_found());
	return new Response(file.content as Uint8Array<ArrayBuffer>, {
		headers: submissionFileHeaders(file.type, file.name)
	});
};
