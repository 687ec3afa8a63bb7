import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { assignmentWorkSchema } from '$lib/schemas/assignment-work';
import { maxPoints } from '$lib/server/assignments/rubric';
import {
	definitionOf,
	dueAtFor,
	learnerView,
	saveWork,
	type NewFile
} from '$lib/server/assignments/submissions';
import { assignmentAccess } from './access';
import { refusalMessage } from './refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { course, assignment, enrolled } = await assignmentAccess(locals, params);
	const definition = definitionOf(assignment);
	const english = getLocale() === 'en' && Boolean(assignment.html.en);
	const view =
		enrolled && locals.user ? await learnerView(locals.db, assignment, locals.user.id) : null;
	const due = definition.due;
	const rounds = view?.rounds ?? [];
	const draft = rounds.at(-1)?.state === 'draft' ? rounds.at(-1)! : null;
	return {
		course: { slug: course.slug, title: course.title },
		assignment: {
			slug: assignment.slug,
			title: assignment.title,
			required: assignment.required,
			html: english ? assignment.html.en! : assignment.html.vi,
			contentLocale: english ? 'en' : 'vi',
			attachments: definition.attachments.map((a) => a.replace(/^\.\//, '')),
			handIn: definition.handIn,
			late: definition.late,
			resubmissions: definition.resubmissions,
			rubric: definition.rubric,
			maxPoints: maxPoints(definition.rubric)
		},
		/** The deadline: an instant for this learner (or a fixed date), else days after enrolling. */
		due: {
			at: view ? view.dueAt : dueAtFor(definition, null),
			days: due && 'daysAfterEnrolment' in due ? due.daysAfterEnrolment : null
		},
		mode: view
			? ('learner' as const)
			: locals.scope.staff
				? ('staff' as const)
				: ('visitor' as const),
		signedIn: Boolean(locals.user),
		work: view && {
			next: view.next,
			roundsLeft: view.roundsLeft,
			draft,
			/** Rounds handed in, newest first. */
			handedIn: rounds.filter((r) => r.state !== 'draft').reverse()
		}
	};
};

/** Saves the draft or hands it in: the text, the new files and the files taken out, in one go. */
async function work(event: RequestEvent<{ slug: string; assignment: string }>, handIn: boolean) {
	const { locals, params, request, url } = event;
	if (!locals.user)
		redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
	const { assignment, enrolled } = await assignmentAccess(locals, params);
	if (!enrolled) return fail(403, { error: m.assignment_enrol_first(), body: null });
	const formData = await request.formData();
	const form = await superValidate(formData, zod4(assignmentWorkSchema));
	const body = form.data.body ?? null;
	if (!form.valid)
		return fail(400, {
			error: form.errors.body?.[0] ?? m.error_summary(),
			body
		});
	const files: NewFile[] = [];
	for (const entry of formData.getAll('files')) {
		// A file input left empty still sends one nameless, empty entry.
		if (!(entry instanceof File) || (entry.size === 0 && entry.name === '')) continue;
		files.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
	}
	const definition = definitionOf(assignment);
	const result = await saveWork(locals.db, {
		assignment,
		userId: locals.user.id,
		body: definition.handIn.text === 'none' ? undefined : body,
		files,
		removeFileIds: form.data.removeFile,
		handIn
	});
	if (!result.ok) return fail(409, { error: refusalMessage(result, definition), body });
	return { done: handIn ? ('handedIn' as const) : ('saved' as const) };
}

export const actions: Actions = {
	save: (event) => work(event, false),
	handIn: (event) => work(event, true)
};
