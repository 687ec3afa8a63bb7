import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { MAX_SYNC_BYTES, rosterSyncSchema } from '$lib/schemas/workshop-roster';
import { config } from '$lib/server/config';
import { isSameSiteOrigin } from '$lib/server/hooks/cross-site';
import { rosterSession, syncBatch } from '$lib/server/workshops/roster';
import { viewerOf } from '../../../../../options.server';
import type { RequestHandler } from './$types';

/**
 * The trainer's phone sends the taps and walk-ins it kept offline (JSON, see rosterSyncSchema).
 * JSON is no form post, so the cross-site hook lets it by: the origin is checked here instead.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	if (!isSameSiteOrigin(request.headers.get('origin'), url, config().origin))
		error(403, m.error_cross_site_post());
	if (!locals.user) error(401, m.error_forbidden());
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase();
	if (type !== 'application/json') error(415, m.error_invalid());
	if (Number(request.headers.get('content-length') ?? 0) > MAX_SYNC_BYTES)
		error(413, m.error_invalid());
	const at = await rosterSession(locals.db, viewerOf(locals), params.id, params.sessionId);
	if (!at) error(404, m.error_not_found());
	const body = await request.text();
	if (body.length > MAX_SYNC_BYTES) error(413, m.error_invalid());
	let parsed;
	try {
		parsed = rosterSyncSchema.safeParse(JSON.parse(body));
	} catch {
		error(400, m.error_invalid());
	}
	if (!parsed.success) error(400, m.error_invalid());
	const { clientBatchId, entries } = parsed.data;
	const results = await syncBatch(locals.db, at, clientBatchId, entries, locals.user.id);
	return json({ clientBatchId, results });
};
