import { error } from '@sveltejs/kit';
import { desc } from 'drizzle-orm';
import { privacyNotices } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { AUTHORITY_DEADLINE, breachClock, getBreach } from '$lib/server/privacy/breaches';
import { reportIssuer } from '$lib/server/reports/print';
import { categoryOptions } from '../../categories.server';
import type { PageServerLoad } from './$types';

/** A draft of the notification to the authority (Decree 356/2025 Form 08), filled from the register. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const breach = await getBreach(locals.db, params.breach);
	if (!breach) error(404, m.error_not_found());
	const [notice] = await locals.db
		.select({ controller: privacyNotices.controller })
		.from(privacyNotices)
		.orderBy(desc(privacyNotices.version))
		.limit(1);
	return {
		breach,
		clock: breachClock(breach, new Date()),
		deadline: AUTHORITY_DEADLINE,
		categories: categoryOptions(),
		controller: notice?.controller ?? null,
		issuer: reportIssuer(),
		origin: config().origin ?? null
	};
};
