import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { markingOf } from '$lib/schemas/grading';
import { saveMarking, type Decision, type MarkingResult } from '$lib/server/assignments/grading';
import type { Actions, PageServerLoad } from './$types';
import { gradingPage, requireGrader } from './view.server';

export const load: PageServerLoad = async ({ locals, params }) =>
	gradingPage(locals, params.submission);

/** Why the marking was not saved, in the grader's language. */
function refusalText(result: Extract<MarkingResult, { ok: false }>): string {
	if (result.reason === 'file') {
		const r = result.refusal;
		if (r.reason === 'empty') return m.grading_refused_file_empty();
		if (r.reason === 'too_large') return m.grading_refused_file_too_large({ mb: r.maxMegabytes });
		return m.grading_refused_file_type();
	}
	return {
		not_grader: m.error_not_found,
		not_handed_in: m.grading_refused_not_handed_in,
		incomplete: m.grading_refused_incomplete,
		no_rounds_left: m.grading_refused_no_rounds_left,
		blind_pending: m.grading_refused_blind_pending,
		not_lead: m.grading_refused_not_lead,
		already_marked: m.grading_refused_already_marked
	}[result.reason]();
}

/** One form, three buttons: save a draft, return for revision, or finish grading. */
const mark =
	(decide: Decision | null) =>
	async ({
		request,
		locals,
		params
	}: {
		request: Request;
		locals: App.Locals;
		params: { submission: string };
	}) => {
		const { user, submission } = await requireGrader(locals, params.submission);
		const data = await request.formData();
		const marking = markingOf(data);
		const file = data.get('feedback');
		const feedbackFile =
			file instanceof File && file.size > 0 && file.name !== ''
				? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
				: null;
		const result = await saveMarking(locals.db, {
			grader: user,
			submissionId: submission.id,
			marking: { ...marking, decide, feedbackFile }
		});
		// What was typed comes back with the refusal, so nothing is lost.
		if (!result.ok) return fail(400, { refusal: refusalText(result), values: marking });
		const done = !decide
			? m.grading_saved()
			: !result.decided
				? m.grading_blind_saved()
				: decide === 'graded'
					? m.grading_decided_graded()
					: m.grading_decided_returned();
		return { done };
	};

export const actions: Actions = {
	save: mark(null),
	return: mark('returned'),
	grade: mark('graded')
};
