import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { newAssignmentSchema } from '$lib/schemas/assignment-editor';
import { createAssignment, removeAssignment } from '$lib/server/authoring/assignments';
import { draftTree } from '$lib/server/authoring/drafts';
import { outlineOf } from '$lib/server/authoring/outline';
import { requireAuthor } from '../../access.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const outline = outlineOf(await draftTree(locals.db, course.id));
	return {
		course: { slug: course.slug, title: localise(course.title) },
		assignments: outline.assignments,
		removed: url.searchParams.has('removed'),
		form: await superValidate(zod4(newAssignmentSchema), { id: 'assignment' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(newAssignmentSchema), { id: 'assignment' });
		if (!form.valid) return fail(400, { form });
		const created = await createAssignment(locals.db, course.id, form.data.title, user.id);
		if (!created.ok) return setError(form, 'title', m.author_error_conflict_structure());
		redirect(303, localizeHref(`/author/${course.slug}/assignments/${created.slug}?created`));
	},
	remove: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const slug = String((await request.formData()).get('assignment') ?? '');
		if (!(await removeAssignment(locals.db, course.id, slug)))
			return fail(404, { error: m.error_not_found() });
		redirect(303, localizeHref(`/author/${course.slug}/assignments?removed`));
	}
};
