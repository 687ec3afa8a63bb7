import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { auditActions, listAuditEvents } from '$lib/server/audit/list';
import { auditKindLabel } from '$lib/server/audit/messages';
import { describeAuditEvents } from '$lib/server/audit/names';
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
	const events = await describeAuditEvents(locals.db, list.rows);
	return {
		actions: actions
			.map((value) => ({ value, label: auditKindLabel(value) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'vi')),
		filter: {
			action,
			actor,
			from: days.from ?? '',
			to: days.to ?? ''
		},
		events: events.map((e) => ({ id: e.id, at: e.at, action: e.action, sentence: e.sentence })),
		total: list.total,
		page: list.page,
		pages: list.pages
	};
};
