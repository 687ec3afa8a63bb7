import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { mayReview } from '$lib/server/authoring/review';

/** An administrator or a reviewer; anyone else is sent to sign in or turned away. */
export function requireReviewer(locals: App.Locals, url: URL) {
	if (!locals.user)
		redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
	if (!mayReview(locals.scope)) error(403, m.error_forbidden());
	return locals.user;
}
