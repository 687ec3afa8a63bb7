import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localise } from '$lib/localise';
import {
	audienceGroups,
	directiveItems as allDirectiveItems,
	type AudienceGroup,
	type DirectiveItem
} from '$lib/domain';
import { courseDetailsSchema } from '$lib/schemas/authoring';
import { metaOf, saveMeta } from '$lib/server/authoring/courses';
import { draftFile } from '$lib/server/authoring/drafts';
import { textOf } from '$lib/server/courses/files';
import { requireAuthor } from '../../access.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const file = await draftFile(locals.db, course.id, 'course.yaml');
	const values = metaOf(file ? textOf(file.content) : '');
	// Values course.yaml may hold but the form does not offer are left for publishing to report.
	const audiences = values.audiences.filter((a): a is AudienceGroup =>
		(audienceGroups as readonly string[]).includes(a)
	);
	const directiveItems = values.directiveItems.filter((i): i is DirectiveItem =>
		(allDirectiveItems as readonly string[]).includes(i)
	);
	return {
		course: { slug: course.slug, title: localise(course.title) },
		form: await superValidate(
			{ ...values, audiences, directiveItems, revision: file?.revision ?? 0 },
			zod4(courseDetailsSchema),
			{
				errors: false
			}
		)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(courseDetailsSchema));
		if (!form.valid) return fail(400, { form });
		const saved = await saveMeta(locals.db, course.id, form.data, form.data.revision, user.id);
		if (!saved.ok) {
			const theirs = saved.current ? metaOf(textOf(saved.current.content)) : null;
			if (saved.current) form.data.revision = saved.current.revision;
			form.message = {
				type: 'error',
				text: m.author_settings_conflict({
					name: saved.current?.updatedByName ?? m.author_someone()
				})
			};
			return fail(409, { form, theirs });
		}
		form.data.revision = saved.revision;
		form.message = { type: 'success', text: m.author_settings_saved() };
		return { form };
	}
};
