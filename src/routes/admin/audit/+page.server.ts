import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { auditActions, listAuditEvents } from '$lib/server/audit/list';
import { dayRange } from '$lib/vietnam-time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const p = url.searchParams;
	const actions = await auditActions(locals.db);
	const action = actions.includes(p.get('action') ?? '') ? p.get('action')! : '';
	const actor = (p.get('actor') ?? '').trim().slice(0, 100);
	// Whole days in Vietnam: "to 30/6" takes in all of 30 June there.
	const days = dayRange(p.get('from'), p.get('to'));
	const page = Number.parseInt(p.get('page') ?? '1', 10) || 1;
	const list = await listAuditEvents(locals.db, {
		action,
		actor,
		from: days.start ?? undefined,
		until: days.end ?? undefined,
		page
	});
	return {
		actions,
		filter: {
			action,
			actor,
			from: days.from ?? '',
			to: days.to ?? ''
		},
		...list
	};
};
