import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { lessonSchema } from '$lib/schemas/authoring';
import { draftFile, saveDraftFile } from '$lib/server/authoring/drafts';
import { lessonFileText, readLessonFile } from '$lib/server/authoring/outline';
import { previewLesson } from '$lib/server/authoring/preview';
import { bytesOf, textOf } from '$lib/server/courses/files';
import { localise } from '$lib/localise';
import { requireAuthor } from '../../../access.server';
import { describeProblems } from '../../../problems.server';
import { languageOf, lessonFile } from './lesson.server';
import type { Actions, PageServerLoad } from './$types';

const filesBase = (slug: string) => `/author/${slug}/draft-files`;

async function render(slug: string, path: string, text: string, lang: 'vi' | 'en') {
	const preview = await previewLesson(slug, `${slug}/${path}`, text, lang, filesBase(slug));
	return { html: preview.html, problems: describeProblems(preview.problems) };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const lang = languageOf(url);
	const { lesson, path, exists, outline } = await lessonFile(
		locals.db,
		course.id,
		params.lesson,
		lang
	);
	const file = exists ? await draftFile(locals.db, course.id, path) : null;
	const fields = file
		? readLessonFile(textOf(file.content))
		: { title: '', minutes: lesson.minutes ?? 15, required: true, body: '' };
	const form = await superValidate(
		{ ...fields, revision: file?.revision ?? 0 },
		zod4(lessonSchema),
		{
			errors: false
		}
	);
	return {
		course: { slug: course.slug, title: localise(course.title) },
		lesson: { slug: lesson.slug, viTitle: lesson.title, path },
		lang,
		exists: Boolean(file),
		images: outline.assets.map((a) => a.path).filter((p) => /\.(png|jpe?g|gif|webp|svg)$/i.test(p)),
		preview: file
			? await render(course.slug, path, textOf(file.content), lang)
			: { html: null, problems: [] },
		form
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const lang = languageOf(url);
		const { path } = await lessonFile(locals.db, course.id, params.lesson, lang);
		const form = await superValidate(request, zod4(lessonSchema));
		if (!form.valid) return fail(400, { form });
		const text = lessonFileText(form.data, form.data.body);
		const { revision, overwriteRevision } = form.data;
		// 0 means "new file" (no revision yet); an overwrite saves over the revision the author saw.
		const base =
			overwriteRevision !== 0
				? overwriteRevision === -1
					? null
					: overwriteRevision
				: revision === 0
					? null
					: revision;
		const saved = await saveDraftFile(locals.db, course.id, path, bytesOf(text), base, user.id);
		const preview = await render(course.slug, path, text, lang);
		form.data.overwriteRevision = 0;
		if (!saved.ok) {
			const theirs = saved.current;
			return fail(409, {
				form,
				preview,
				conflict: theirs
					? {
							...readLessonFile(textOf(theirs.content)),
							revision: theirs.revision,
							by: theirs.updatedByName,
							at: theirs.updatedAt.toISOString()
						}
					: { removed: true as const }
			});
		}
		form.data.revision = saved.revision;
		form.message = { type: 'success', text: m.author_lesson_saved() };
		return { form, preview };
	},
	preview: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const lang = languageOf(url);
		const { path } = await lessonFile(locals.db, course.id, params.lesson, lang);
		const form = await superValidate(request, zod4(lessonSchema));
		return {
			form,
			preview: await render(course.slug, path, lessonFileText(form.data, form.data.body), lang)
		};
	}
};
