import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { draftTree } from '$lib/server/authoring/drafts';
import { outlineOf } from '$lib/server/authoring/outline';
import type { Database } from '$lib/server/db';

/** The lesson's file in the draft for one language; an English file may not exist yet. */
export async function lessonFile(db: Database, courseId: string, slug: string, lang: 'vi' | 'en') {
	const outline = outlineOf(await draftTree(db, courseId));
	const lesson = outline.lessons.find((l) => l.slug === slug);
	if (!lesson) error(404, m.error_not_found());
	const path =
		lang === 'en' ? (lesson.enPath ?? lesson.path.replace(/\.md$/, '.en.md')) : lesson.path;
	return { lesson, path, exists: lang === 'vi' || lesson.enPath !== null, outline };
}

export const languageOf = (url: URL): 'vi' | 'en' =>
	url.searchParams.get('lang') === 'en' ? 'en' : 'vi';
