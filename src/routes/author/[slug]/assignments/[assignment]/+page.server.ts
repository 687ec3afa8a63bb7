import { error, fail } from '@sveltejs/kit';
import { localise } from '$lib/localise';
import { m } from '$lib/paraglide/messages';
import {
	applyRowIntent,
	assignmentFormFrom,
	intentOf,
	type AssignmentForm
} from '$lib/schemas/assignment-editor';
import {
	assignmentValues,
	checkAssignment,
	libraryRubric,
	libraryRubrics,
	openAssignment,
	readAssignmentText,
	saveRubricToLibrary,
	withRubric,
	writeAssignment,
	type FieldErrors
} from '$lib/server/authoring/assignments';
import { draftTree } from '$lib/server/authoring/drafts';
import { lessonFileText, outlineOf } from '$lib/server/authoring/outline';
import { previewLesson } from '$lib/server/authoring/preview';
import { servedFileType } from '$lib/server/courses/served-files';
import { getOrganisation } from '$lib/server/organisations';
import { requireAuthor } from '../../../access.server';
import { describeProblems } from '../../../problems.server';
import type { Actions, PageServerLoad } from './$types';

async function requireAssignment(locals: App.Locals, url: URL, params: Record<string, string>) {
	const { user, course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const assignment = await openAssignment(locals.db, course.id, params.assignment);
	if (!assignment) error(404, m.error_not_found());
	return { user, course, assignment };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user, course, assignment } = await requireAssignment(locals, url, params);
	const [outline, library, organisation] = await Promise.all([
		draftTree(locals.db, course.id).then(outlineOf),
		libraryRubrics(locals.db, user),
		course.organisationId ? getOrganisation(locals.db, course.organisationId) : undefined
	]);
	const values = assignmentValues(assignment.data);
	const served = outline.assets.map((a) => a.path).filter((p) => servedFileType(p));
	return {
		course: { slug: course.slug, title: localise(course.title) },
		slug: assignment.slug,
		path: assignment.path,
		revision: assignment.revision,
		syntaxError: assignment.syntaxError,
		created: url.searchParams.has('created'),
		values,
		lessons: outline.lessons.map((l) => ({ slug: l.slug, title: l.title || l.slug })),
		// Files attached by hand that are not served stay listed, so saving does not drop them.
		files: [...new Set([...served, ...values.attachments])],
		library,
		organisation: organisation?.name ?? null
	};
};

type Outcome = {
	values: AssignmentForm;
	errors?: FieldErrors;
	notice?: string;
	error?: string;
	/** After a conflict: the other person's revision, so saving again writes over it on purpose. */
	revision?: number;
	preview?: {
		language: 'vi' | 'en';
		html: string | null;
		problems: { line: number; text: string }[];
	}[];
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const { user, course, assignment } = await requireAssignment(locals, url, params);
		const formData = await request.formData();
		const values = assignmentFormFrom(formData);
		const intent = intentOf(String(formData.get('intent') ?? ''));

		const rows = applyRowIntent(values, intent);
		if (rows) return { values: rows, notice: m.editor_assignment_rows_changed() } satisfies Outcome;

		if (intent.kind === 'use') {
			const rubric = await libraryRubric(locals.db, user, intent.rubricId);
			if (!rubric) return fail(404, { values, error: m.editor_assignment_library_not_found() });
			return {
				values: withRubric(values, rubric),
				notice: m.editor_assignment_library_copied()
			} satisfies Outcome;
		}

		if (intent.kind === 'library') {
			const saved = await saveRubricToLibrary(locals.db, {
				title: values.libraryTitle,
				form: values,
				organisationId: course.organisationId,
				userId: user.id
			});
			if (!saved.ok)
				return fail(400, {
					values,
					errors: saved.errors,
					error: m.editor_assignment_library_not_saved()
				} satisfies Outcome);
			return {
				values: { ...values, libraryTitle: '' },
				notice: m.editor_assignment_library_saved({ title: values.libraryTitle.trim() })
			} satisfies Outcome;
		}

		if (intent.kind === 'preview') {
			const preview: NonNullable<Outcome['preview']> = [];
			for (const language of ['vi', 'en'] as const) {
				const body = language === 'vi' ? values.instructionsVi : values.instructionsEn;
				if (!body.trim()) continue;
				const text = lessonFileText(
					{ title: values.titleVi || '-', minutes: 1, required: true },
					body
				);
				const shown = await previewLesson(
					course.slug,
					`${course.slug}/${assignment.path}`,
					text,
					language,
					`/author/${course.slug}/draft-files`
				);
				preview.push({
					language,
					html: shown.html,
					// The preview's lines count the lesson head it was given; the author sees the body's.
					problems: describeProblems(shown.problems).map((p) => ({
						line: Math.max(1, p.line - 5),
						text: p.text
					}))
				});
			}
			return { values, preview } satisfies Outcome;
		}

		const checked = checkAssignment(values);
		if (!checked.ok)
			return fail(400, {
				values,
				errors: checked.errors,
				error: m.editor_assignment_not_saved()
			} satisfies Outcome);
		const base = Number(formData.get('revision'));
		if (!Number.isInteger(base) || base < 1) error(400, m.error_invalid());
		const saved = await writeAssignment(
			locals.db,
			course.id,
			assignment.slug,
			checked.definition,
			base,
			user.id
		);
		if (!saved.ok) {
			if (!saved.current) error(404, m.error_not_found());
			return fail(409, {
				values,
				revision: saved.current.revision,
				error: m.editor_assignment_conflict({
					name: saved.current.updatedByName ?? m.editor_assignment_someone()
				})
			} satisfies Outcome);
		}
		return {
			values: assignmentValues(readAssignmentText(saved.text).data),
			notice: m.editor_assignment_saved()
		} satisfies Outcome;
	}
};
