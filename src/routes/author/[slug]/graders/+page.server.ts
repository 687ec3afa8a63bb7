import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localise } from '$lib/localise';
import { graderChangeSchema, graderSchema } from '$lib/schemas/grading';
import { findUserByIdentifier } from '$lib/server/authoring/access';
import { appointGrader, courseGraderList, removeGrader } from '$lib/server/assignments/graders';
import { requireAuthor } from '../../access.server';
import type { Actions, PageServerLoad } from './$types';

/** The course, for its owners and the administrators; co-authors see the list only. */
async function requireAppointer(locals: App.Locals, url: URL, slug: string) {
	const found = await requireAuthor(locals, url, slug);
	if (found.access === 'coauthor') error(403, m.grading_graders_owner_only());
	return found;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course, access } = await requireAuthor(locals, url, params.slug);
	return {
		course: { slug: course.slug, title: localise(course.title) },
		appoints: access !== 'coauthor',
		graders: await courseGraderList(locals.db, course.id),
		form: await superValidate(zod4(graderSchema), { id: 'grader' })
	};
};

/** The row's buttons: which grader, and (for the lead button) whether they lead. */
async function changeOf(request: Request) {
	const data = await request.formData();
	return graderChangeSchema.safeParse({
		userId: String(data.get('userId') ?? ''),
		lead: data.get('lead') === 'true'
	});
}

export const actions: Actions = {
	appoint: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAppointer(locals, url, params.slug);
		const form = await superValidate(request, zod4(graderSchema), { id: 'grader' });
		if (!form.valid) return fail(400, { form });
		const target = await findUserByIdentifier(locals.db, form.data.identifier);
		if (!target) return setError(form, 'identifier', m.grading_graders_not_found());
		const result = await appointGrader(locals.db, {
			courseId: course.id,
			grader: target,
			lead: form.data.lead,
			actorId: user.id
		});
		if (!result.ok)
			return setError(form, 'identifier', m.grading_graders_not_trainer({ name: target.name }));
		form.data = { identifier: '', lead: false };
		return message(form, {
			type: 'success',
			text: result.changed
				? m.grading_graders_added({ name: target.name })
				: m.grading_graders_unchanged({ name: target.name })
		});
	},
	lead: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAppointer(locals, url, params.slug);
		const change = await changeOf(request);
		if (!change.success) error(400, m.error_not_found());
		const graders = await courseGraderList(locals.db, course.id);
		const grader = graders.find((g) => g.userId === change.data.userId);
		if (!grader) return fail(400, { rowError: m.grading_graders_not_grader() });
		const result = await appointGrader(locals.db, {
			courseId: course.id,
			grader: { id: grader.userId, isAdmin: grader.isAdmin },
			lead: change.data.lead,
			actorId: user.id
		});
		if (!result.ok)
			return fail(400, { rowError: m.grading_graders_not_trainer({ name: grader.name }) });
		return { rowMessage: m.grading_graders_lead_changed() };
	},
	remove: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAppointer(locals, url, params.slug);
		const change = await changeOf(request);
		if (!change.success) error(400, m.error_not_found());
		const removed = await removeGrader(locals.db, {
			courseId: course.id,
			userId: change.data.userId,
			actorId: user.id
		});
		if (!removed) return fail(400, { rowError: m.grading_graders_not_grader() });
		return { rowMessage: m.grading_graders_removed() };
	}
};
