import { audienceGroups } from '$lib/domain';
import { courseViewer } from '$lib/server/courses/access';
import { listCatalogue } from '$lib/server/courses/catalogue';
import { directiveItems } from '$lib/domain';
import type { PageServerLoad } from './$types';

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
	allowed.includes(value as T) ? (value as T) : undefined;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = {
		audience: pick(url.searchParams.get('audience'), audienceGroups),
		language: pick(url.searchParams.get('language'), ['vi', 'en'] as const),
		item: pick(url.searchParams.get('item'), directiveItems),
		q: (url.searchParams.get('q') ?? '').slice(0, 100).trim()
	};
	const viewer = await courseViewer(locals.db, locals.user, locals.scope);
	const courses = await listCatalogue(locals.db, filters, {
		userId: locals.user?.id ?? null,
		...viewer
	});
	return { filters, courses };
};
