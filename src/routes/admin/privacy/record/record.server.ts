import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { processingRecord } from '$lib/server/privacy/record';
import { reportIssuer } from '$lib/server/reports/print';

/** The record of processing for an administrator's page (the record, its print, the DPIA). */
export async function loadRecord(locals: App.Locals) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return {
		record: await processingRecord(locals.db, config()),
		issuer: reportIssuer()
	};
}
