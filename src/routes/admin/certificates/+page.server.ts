import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	certificateFilters,
	expiringCertificates,
	listCertificates,
	type CertificateFilter
} from '$lib/server/certificates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const raw = url.searchParams.get('status') ?? 'all';
	const filter: CertificateFilter = (certificateFilters as readonly string[]).includes(raw)
		? (raw as CertificateFilter)
		: 'all';
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	const now = new Date();
	const [list, expiring] = await Promise.all([
		listCertificates(locals.db, { q, filter, page, now }),
		expiringCertificates(locals.db, 90, now, 50)
	]);
	return { q, filter, ...list, expiring };
};
