import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { certificatesOf } from '$lib/server/certificates/queries';
import { config } from '$lib/server/config';
import { dashboard } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, localizeHref('/sign-in?redirectTo=%2Fdashboard'));
	const [progress, certificates] = await Promise.all([
		dashboard(locals.db, locals.user.id),
		certificatesOf(locals.db, locals.user.id)
	]);
	// Share links point at the public address, which may differ from the one this request came by.
	return { ...progress, certificates, origin: config().origin ?? url.origin };
};
