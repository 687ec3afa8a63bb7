import { error, redirect } from '@sveltejs/kit';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { breachInput, breachSchema } from '$lib/schemas/breach';
import { recordBreach } from '$lib/server/privacy/breaches';
import { categoryOptions } from '../categories.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return {
		form: await superValidate(zod4(breachSchema)),
		categories: categoryOptions()
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		if (!locals.user?.isAdmin) error(403, m.error_forbidden());
		const form = await superValidate(request, zod4(breachSchema));
		if (!form.valid) return fail(400, { form });
		const breach = await recordBreach(locals.db, locals.user.id, breachInput(form.data));
		redirect(303, localizeHref(`/admin/privacy/breaches/${breach.id}?recorded=1`));
	}
};
