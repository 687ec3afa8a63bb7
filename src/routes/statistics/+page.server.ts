import { formatPeriod, parsePeriod, periodOf } from '$lib/server/reports/period';
import { cachedPublicStatistics } from '$lib/server/reports/public';
import { periodChoices } from '$lib/server/reports/request';
import type { PageServerLoad } from './$types';

/** Public, aggregate figures only; groups of fewer than five learners are withheld. */
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const period = parsePeriod(url.searchParams.get('period')) ?? periodOf(new Date());
	setHeaders({ 'cache-control': 'public, max-age=300' });
	return {
		stats: await cachedPublicStatistics(locals.db, period),
		periodValue: formatPeriod(period),
		periods: periodChoices()
	};
};
