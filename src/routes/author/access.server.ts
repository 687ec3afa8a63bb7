import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { authoringAccess, type AuthoringAccess } from '$lib/server/authoring/access';
import { courseBySlug } from '$lib/server/authoring/courses';

type Locals = App.Locals;

/** A trainer or administrator; anyone else is sent to sign in or turned away. */
export async function requireWriter(locals: Locals, url: URL) {
	if (!locals.user)
		redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
	if (!locals.scope.writes) error(403, m.author_forbidden());
	return locals.user;
}

/**
 * The course, if this user may work on it in the editor: its owners, co-authors and administrators.
 * Anyone else finds no such course. `edit` also requires that the course is edited in the browser
 * (a course from the courses/ folder is read-only until an administrator takes it over).
 */
export async function requireAuthor(
	locals: Locals,
	url: URL,
	slug: string,
	options: { edit?: boolean } = {}
): Promise<{
	user: NonNullable<Locals['user']>;
	course: NonNullable<Awaited<ReturnType<typeof courseBySlug>>>;
	access: AuthoringAccess;
}> {
	const user = await requireWriter(locals, url);
	const course = await courseBySlug(locals.db, slug);
	if (!course) error(404, m.error_not_found());
	const access = await authoringAccess(locals.db, user, course.id);
	if (!access) error(404, m.error_not_found());
	if (options.edit && course.origin !== 'editor') error(409, m.author_files_origin());
	return { user, course, access };
}
