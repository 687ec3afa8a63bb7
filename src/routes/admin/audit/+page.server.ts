import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { auditActions, listAuditEvents, vietnamDayStart } from '$lib/server/audit/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const p = url.searchParams;
	const actions = await auditActions(locals.db);
	const action = actions.includes(p.get('action') ?? '') ? p.get('action')! : '';
	const actor = (p.get('actor') ?? '').trim().slice(0, 100);
	const from = vietnamDayStart(p.get('from'));
	const until = vietnamDayStart(p.get('to'), 1);
	const page = Number.parseInt(p.get('page') ?? '1', 10) || 1;
	const list = await listAuditEvents(locals.db, {
		action,
		actor,
		from: from ?? undefined,
		until: until ?? undefined,
		page
	});
	return {
		actions,
		filter: {
			action,
			actor,
			from: from ? p.get('from')! : '',
			to: until ? p.get('to')! : ''
		},
		...list
	};
};
