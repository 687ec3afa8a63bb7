import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	messageSettings,
	parsePreferences,
	preferenceGroups,
	savePreferences
} from '$lib/server/messages/preferences';
import type { Actions, PageServerLoad } from './$types';

/** A person's own preferences only: there is no other person's id to name here. */
function requireUser(locals: App.Locals) {
	if (!locals.user) redirect(303, localizeHref('/sign-in'));
	return locals.user;
}

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const settings = await messageSettings(locals.db, user.id);
	return {
		groups: preferenceGroups.map((g) => ({ group: g.group, kinds: [...g.kinds] })),
		...settings
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const user = requireUser(locals);
		const input = parsePreferences(await request.formData());
		const saved = await savePreferences(locals.db, user.id, input);
		return { saved: saved ? m.msgprefs_saved() : m.msgprefs_nothing_to_save() };
	}
};
