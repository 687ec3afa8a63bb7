import { error, json } from '@sveltejs/kit';
import { lessonSchema } from '$lib/schemas/authoring';
import { lessonFileText } from '$lib/server/authoring/outline';
import { previewLesson } from '$lib/server/authoring/preview';
import { requireAuthor } from '../../../../access.server';
import { describeProblems } from '../../../../problems.server';
import { languageOf, lessonFile } from '../lesson.server';
import type { RequestHandler } from './$types';

/** The live preview beside the editor: the lesson as learners would see it, and its problems. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
	const lang = languageOf(url);
	const { path } = await lessonFile(locals.db, course.id, params.lesson, lang);
	const parsed = lessonSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400);
	const text = lessonFileText(parsed.data, parsed.data.body);
	const preview = await previewLesson(
		course.slug,
		`${course.slug}/${path}`,
		text,
		lang,
		`/author/${course.slug}/draft-files`
	);
	return json({ html: preview.html, problems: describeProblems(preview.problems) });
};
