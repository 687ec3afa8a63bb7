import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { createTemplate } from '$lib/server/workshops/templates';
import { ownerOptions, readTemplateForm, requireStaff } from '../owners.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireStaff(locals);
	return { owners: await ownerOptions(locals) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const actor = requireStaff(locals);
		const form = await request.formData();
		const owner = String(form.get('owner') ?? '');
		const read = readTemplateForm(form);
		if (!read.ok) return fail(400, { values: read.values, owner, errors: read.errors });
		const made = await createTemplate(locals.db, actor, owner || null, read.data);
		if (!made.ok)
			return fail(403, {
				values: read.values,
				owner,
				errors: { owner: m.ws_day_template_not_allowed() } as Record<string, string>
			});
		redirect(303, localizeHref(`/workshops/surveys/${made.template.id}?saved`));
	}
};
