import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** The form for a code typed from paper: a GET form that lands on /verify/<code>. */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const code = url.searchParams.get('code')?.trim().slice(0, 64);
	if (code) redirect(303, localizeHref(`/verify/${encodeURIComponent(code)}`));
	setHeaders({ 'x-robots-tag': 'noindex' });
	return {};
};
