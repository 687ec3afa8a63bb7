import { audienceGroups } from '$lib/domain';
import { ANONYMOUS, courseViewer } from '$lib/server/courses/access';
import { sharedCache } from '$lib/server/cache';
import { listCatalogue } from '$lib/server/courses/catalogue';
import { directiveItems } from '$lib/domain';
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { suggestedEnrolSchema } from '$lib/schemas/courses';
import { suggestedCourses } from '$lib/server/courses/suggest';
import { enrolSelf, getCourseBySlug } from '$lib/server/enrolment';
import type { Actions, PageServerLoad } from './$types';

/** The catalogue as anonymous readers see it, by language and filters (lib/server/cache.ts). */
const anonymousCatalogue = sharedCache<Awaited<ReturnType<typeof listCatalogue>>>({
	ttlMs: 10_000,
	max: 200
});

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
	allowed.includes(value as T) ? (value as T) : undefined;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = {
		audience: pick(url.searchParams.get('audience'), audienceGroups),
		language: pick(url.searchParams.get('language'), ['vi', 'en'] as const),
		item: pick(url.searchParams.get('item'), directiveItems),
		q: (url.searchParams.get('q') ?? '').slice(0, 100).trim()
	};
	const courses = locals.user
		? await listCatalogue(locals.db, filters, {
				userId: locals.user.id,
				...(await courseViewer(locals.db, locals.user, locals.scope))
			})
		: // The same for every anonymous reader: kept a few seconds, and forgotten on a publish.
			await anonymousCatalogue.get(locals.db, `${getLocale()} ${JSON.stringify(filters)}`, () =>
				listCatalogue(locals.db, filters, { userId: null, ...ANONYMOUS })
			);
	// A learner who has started nothing (just signed up, say) is offered their group's courses first.
	const browsing = Object.values(filters).some(Boolean);
	const suggestions =
		locals.user && !browsing ? suggestedCourses(courses, locals.user.audience) : [];
	return { filters, courses, suggestions, audience: locals.user?.audience ?? null };
};

export const actions: Actions = {
	/** Enrolling in a suggested course: on to its page, which shows where to begin. */
	enrol: async ({ locals, request }) => {
		if (!locals.user) redirect(303, localizeHref('/sign-in?redirectTo=%2Fcourses'));
		const input = suggestedEnrolSchema.safeParse(Object.fromEntries(await request.formData()));
		const course = input.success ? await getCourseBySlug(locals.db, input.data.slug) : undefined;
		if (!course) return fail(404, { enrolError: m.error_not_found() });
		const result = await enrolSelf(locals.db, locals.user.id, course);
		// A course asking for a key (or closed since) says so on its own page.
		redirect(303, localizeHref(`/courses/${course.slug}${result.ok ? '?enrolled' : ''}`));
	}
};
