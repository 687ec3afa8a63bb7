import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import {
	copyTemplate,
	getTemplate,
	setTemplateArchived,
	updateTemplate
} from '$lib/server/workshops/templates';
import { getOrganisation } from '$lib/server/organisations';
import { ownerOptions, readTemplateForm, requireStaff } from '../owners.server';
import type { Actions, PageServerLoad } from './$types';

async function found(locals: App.Locals, id: string) {
	const actor = requireStaff(locals);
	const template = await getTemplate(locals.db, actor.scope, id);
	if (!template) error(404, m.error_not_found());
	return { actor, ...template };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { template, answered, mayEdit } = await found(locals, params.id);
	const organisation = template.organisationId
		? await getOrganisation(locals.db, template.organisationId)
		: undefined;
	return {
		organisationName: organisation?.name ?? null,
		template: {
			id: template.id,
			title: template.title,
			organisationId: template.organisationId,
			questions: template.questions,
			archived: template.archivedAt !== null
		},
		answered,
		mayEdit,
		owners: await ownerOptions(locals),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const { actor } = await found(locals, params.id);
		const read = readTemplateForm(await request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const result = await updateTemplate(locals.db, actor.scope, params.id, read.data);
		if (!result.ok) {
			if (result.reason === 'not_found') error(404, m.error_not_found());
			return fail(result.reason === 'answered' ? 409 : 403, {
				values: read.values,
				errors: {
					'':
						result.reason === 'answered'
							? m.ws_day_template_answered_refused()
							: m.ws_day_template_not_allowed()
				} as Record<string, string>
			});
		}
		return { saved: true };
	},

	archive: async ({ locals, params, request }) => {
		const { actor } = await found(locals, params.id);
		const archived = (await request.formData()).get('archived') === '1';
		const result = await setTemplateArchived(locals.db, actor.scope, params.id, archived);
		if (!result.ok)
			error(result.reason === 'not_found' ? 404 : 403, m.ws_day_template_not_allowed());
		return { archivedNow: archived };
	},

	copy: async ({ locals, params, request }) => {
		const { actor, template } = await found(locals, params.id);
		const owner = String((await request.formData()).get('owner') ?? '');
		const made = await copyTemplate(
			locals.db,
			actor,
			params.id,
			owner || null,
			m.ws_day_template_copy_title({ title: template.title }).slice(0, 200)
		);
		if (!made.ok) return fail(403, { copyRefused: m.ws_day_template_not_allowed() });
		redirect(303, localizeHref(`/workshops/surveys/${made.template.id}?saved`));
	}
};
