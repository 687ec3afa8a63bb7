import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { organisationSchema } from '$lib/schemas/admin';
import { organisationParentSchema } from '$lib/schemas/cohorts';
import { config } from '$lib/server/config';
import {
	createOrganisation,
	getOrganisation,
	listOrganisations,
	setParent
} from '$lib/server/organisations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return {
		organisations: await listOrganisations(locals.db),
		areas: config().areas,
		form: await superValidate(zod4(organisationSchema))
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		if (!locals.user?.isAdmin) error(403, m.error_forbidden());
		const form = await superValidate(request, zod4(organisationSchema));
		if (!form.valid) return fail(400, { form });
		if (form.data.area && !config().areas.includes(form.data.area)) {
			return setError(form, 'area', m.error_invalid());
		}
		if (form.data.parentId && !(await getOrganisation(locals.db, form.data.parentId))) {
			return setError(form, 'parentId', m.error_invalid());
		}
		const created = await createOrganisation(locals.db, {
			name: form.data.name,
			kind: form.data.kind,
			area: form.data.area || null,
			parentId: form.data.parentId || null
		});
		return message(form, { type: 'success', text: m.admin_orgs_created({ name: created.name }) });
	},
	parent: async ({ request, locals }) => {
		if (!locals.user?.isAdmin) error(403, m.error_forbidden());
		const form = await superValidate(request, zod4(organisationParentSchema));
		if (!form.valid || !form.data.organisationId) return fail(400, { parentError: true });
		const result = await setParent(locals.db, form.data.organisationId, form.data.parentId || null);
		if (!result.ok) return fail(400, { parentError: true });
		return { parentSaved: true };
	}
};
