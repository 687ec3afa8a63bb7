import { readdirSync } from 'node:fs';
import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { createCourseSchema } from '$lib/schemas/authoring';
import { authoredCourses } from '$lib/server/authoring/access';
import { createCourse } from '$lib/server/authoring/courses';
import { importCourseZip } from '$lib/server/authoring/zip';
import { config } from '$lib/server/config';
import { describeProblems } from './problems.server';
import { requireWriter } from './access.server';
import type { Actions, PageServerLoad } from './$types';

const MAX_ZIP_BYTES = 20 * 1024 * 1024;

/** Folder names in courses/: a browser-written course may not take one, even before it is synced. */
function folderSlugs(): Set<string> {
	try {
		return new Set(
			readdirSync(config().coursesDir, { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.map((e) => e.name)
		);
	} catch {
		return new Set();
	}
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = await requireWriter(locals, url);
	return {
		courses: await authoredCourses(locals.db, user),
		isAdmin: user.isAdmin,
		form: await superValidate(zod4(createCourseSchema))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const user = await requireWriter(locals, url);
		const form = await superValidate(request, zod4(createCourseSchema));
		if (!form.valid) return fail(400, { form });
		const result = await createCourse(
			locals.db,
			{
				...form.data,
				enrolment: 'open',
				certificateEnabled: true,
				validityMonths: null,
				completeOnReachingEnd: false,
				listed: true
			},
			user.id,
			folderSlugs()
		);
		if (!result.ok) return setError(form, 'slug', m.author_error_slug_taken());
		redirect(303, localizeHref(`/author/${result.slug}`));
	},
	import: async ({ request, locals, url }) => {
		const user = await requireWriter(locals, url);
		const data = await request.formData();
		const file = data.get('file');
		const slug = String(data.get('slug') ?? '')
			.trim()
			.toLowerCase();
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { importError: m.author_import_no_file() });
		if (file.size > MAX_ZIP_BYTES) return fail(400, { importError: m.author_import_too_big() });
		const result = await importCourseZip(
			locals.db,
			new Uint8Array(await file.arrayBuffer()),
			{ slug: slug || undefined, fileName: file.name },
			user,
			folderSlugs()
		);
		if (result.ok) redirect(303, localizeHref(`/author/${result.slug}?imported=1`));
		if ('problems' in result)
			return fail(400, {
				importError: m.author_import_problems(),
				importProblems: describeProblems(result.problems)
			});
		const text = {
			slug_taken: m.author_error_slug_taken,
			slug_missing: m.author_import_slug_missing,
			not_an_author: m.author_import_not_author
		}[result.error]();
		return fail(400, { importError: text });
	}
};
