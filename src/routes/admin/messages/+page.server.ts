import { error, fail } from '@sveltejs/kit';
import { deliveryStatuses, messageChannels, type DeliveryStatus } from '$lib/messages';
import type { MessageChannel } from '$lib/messages';
import { m } from '$lib/paraglide/messages';
import { inboxItemSchema } from '$lib/schemas/inbox';
import { canResend, listDeliveries, resendDelivery } from '$lib/server/messages/log';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals);
	const p = url.searchParams;
	const status = (deliveryStatuses as readonly string[]).includes(p.get('status') ?? '')
		? (p.get('status') as DeliveryStatus)
		: '';
	const channel = (messageChannels as readonly string[]).includes(p.get('channel') ?? '')
		? (p.get('channel') as MessageChannel)
		: '';
	const page = Number.parseInt(p.get('page') ?? '1', 10) || 1;
	const list = await listDeliveries(locals.db, { status, channel, page });
	return {
		filter: { status, channel },
		rows: list.rows.map((r) => ({ ...r, resendable: canResend(r) })),
		counts: list.counts,
		total: list.total,
		page: list.page,
		pages: list.pages
	};
};

export const actions: Actions = {
	resend: async ({ request, locals }) => {
		const admin = requireAdmin(locals);
		const parsed = inboxItemSchema.safeParse(Object.fromEntries(await request.formData()));
		const resent = parsed.success && (await resendDelivery(locals.db, parsed.data.id, admin.id));
		if (!resent) return fail(400, { problem: m.deliveries_not_resendable() });
		return { done: m.deliveries_resent() };
	}
};
