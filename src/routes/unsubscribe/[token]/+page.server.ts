import { fail } from '@sveltejs/kit';
import { checkUnsubscribeToken, unsubscribe } from '$lib/server/messages/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

// The link in every e-mail that may be stopped (messages/unsubscribe.ts). No sign-in: the token is
// the authority. Opening it (a GET, which link checkers and previews also make) only asks; the
// button posts, and so does a mail program's own unsubscribe button (RFC 8058, a POST with
// `List-Unsubscribe=One-Click` from the provider's servers: hooks/cross-site.ts lets it through).

export const load: PageServerLoad = async ({ locals, params }) => {
	const target = await checkUnsubscribeToken(locals.db, params.token);
	return { target: target && { kind: target.kind, channel: target.channel } };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const target = await unsubscribe(locals.db, params.token);
		if (!target) return fail(400, { done: false as const });
		return { done: true as const, kind: target.kind, channel: target.channel };
	}
};
