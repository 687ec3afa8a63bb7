import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { version } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import {
	addLessonSchema,
	addQuizSchema,
	authorSchema,
	moduleSchema,
	publishSchema
} from '$lib/schemas/authoring';
import {
	courseAuthorList,
	findUserByIdentifier,
	mayWriteCourses
} from '$lib/server/authoring/access';
import { uploadAsset } from '$lib/server/authoring/assets';
import { MAX_ASSET_BYTES } from '$lib/server/courses/assets';
import {
	addAuthor,
	addLesson,
	addModule,
	addQuiz,
	move,
	reassignOwner,
	removeAuthor,
	removeFile,
	removeLesson,
	removeModule,
	renameModule,
	takeOverCourse
} from '$lib/server/authoring/courses';
import { draftTree } from '$lib/server/authoring/drafts';
import { diffCourseFiles } from '$lib/server/authoring/history';
import { outlineOf } from '$lib/server/authoring/outline';
import {
	latestReview,
	publishableOrganisations,
	publishToOrganisation,
	submitForReview
} from '$lib/server/authoring/review';
import { getOrganisation } from '$lib/server/organisations';
import { versionFiles } from '$lib/server/courses/versions';
import { config } from '$lib/server/config';
import { readCourseFolder } from '$lib/server/courses/files';
import { join } from 'node:path';
import { requireAuthor } from '../access.server';
import { describeProblems } from '../problems.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { course, access, user } = await requireAuthor(locals, url, params.slug);
	const [draft, published, authors, review, organisations, audience] = await Promise.all([
		draftTree(locals.db, course.id),
		course.currentVersionId ? versionFiles(locals.db, course.currentVersionId) : new Map(),
		courseAuthorList(locals.db, course.id),
		latestReview(locals.db, course.id),
		publishableOrganisations(locals.db, user.id, course),
		course.organisationId ? getOrganisation(locals.db, course.organisationId) : undefined
	]);
	const editable = course.origin === 'editor';
	const outline = outlineOf(editable ? draft : published);
	return {
		course: {
			slug: course.slug,
			title: course.title,
			status: course.status,
			origin: course.origin,
			published: Boolean(course.currentVersionId),
			/** The organisation whose members alone see it; null: the province-wide catalogue. */
			organisation: audience ? audience.name : null
		},
		review,
		organisations,
		access,
		isAdmin: user.isAdmin,
		editable,
		outline,
		changes: editable
			? diffCourseFiles(published, draft).map((d) => ({ path: d.path, status: d.status }))
			: [],
		authors,
		imported: url.searchParams.has('imported'),
		maxUploadMb: MAX_ASSET_BYTES / 1024 / 1024,
		lessonForm: await superValidate(zod4(addLessonSchema), { id: 'lesson' }),
		moduleForm: await superValidate(zod4(moduleSchema), { id: 'module' }),
		quizForm: await superValidate(zod4(addQuizSchema), { id: 'quiz' }),
		publishForm: await superValidate(
			{ scope: course.organisationId ?? 'province' },
			zod4(publishSchema),
			{ id: 'publish', errors: false }
		),
		authorForm: await superValidate(zod4(authorSchema), { id: 'author' })
	};
};

const field = async (request: Request) => {
	const data = await request.formData();
	return (name: string) => String(data.get(name) ?? '');
};

export const actions: Actions = {
	publish: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(publishSchema), { id: 'publish' });
		if (!form.valid) return fail(400, { publishForm: form });
		const { note, scope } = form.data;
		if (scope === 'province') {
			// Province-wide, a version goes to a reviewer first (README, "Course review").
			const sent = await submitForReview(locals.db, course.id, user.id, note);
			if (sent.ok) {
				form.data.note = '';
				const text = sent.replaced ? m.author_review_resubmitted() : m.author_review_submitted();
				return message(form, { type: 'success', text });
			}
			if ('unchanged' in sent)
				return message(form, { type: 'error', text: m.author_review_unchanged() }, { status: 400 });
			if ('alreadyWaiting' in sent)
				return message(
					form,
					{ type: 'error', text: m.author_review_already_waiting() },
					{ status: 400 }
				);
			return fail(400, { publishForm: form, publishProblems: describeProblems(sent.problems) });
		}
		const result = await publishToOrganisation(locals.db, course.id, user.id, scope, version, note);
		if (result.ok) {
			form.data.note = '';
			const organisation = (await getOrganisation(locals.db, scope))?.name ?? '';
			return message(form, {
				type: 'success',
				text: m.author_published_to_organisation({ number: result.number, organisation })
			});
		}
		if ('reason' in result) return setError(form, 'scope', m.author_review_scope_refused());
		if ('unchanged' in result)
			return message(form, { type: 'error', text: m.author_publish_unchanged() }, { status: 400 });
		return fail(400, { publishForm: form, publishProblems: describeProblems(result.problems) });
	},
	addLesson: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(addLessonSchema), { id: 'lesson' });
		if (!form.valid) return fail(400, { lessonForm: form });
		const result = await addLesson(
			locals.db,
			course.id,
			{
				title: form.data.title,
				minutes: form.data.minutes,
				moduleFolder: form.data.moduleFolder || null
			},
			user.id
		);
		if (!result.ok) return setError(form, 'moduleFolder', m.author_error_conflict_structure());
		return message(form, {
			type: 'success',
			text: m.author_lesson_added({ title: form.data.title })
		});
	},
	addModule: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(moduleSchema), { id: 'module' });
		if (!form.valid) return fail(400, { moduleForm: form });
		const title = {
			vi: form.data.titleVi,
			...(form.data.titleEn ? { en: form.data.titleEn } : {})
		};
		if (form.data.folder) {
			const saved = await renameModule(locals.db, course.id, form.data.folder, title, user.id);
			if (!saved.ok) return setError(form, 'titleVi', m.author_error_conflict_structure());
			return message(form, { type: 'success', text: m.author_module_renamed() });
		}
		await addModule(locals.db, course.id, title, user.id);
		return message(form, { type: 'success', text: m.author_module_added({ title: title.vi }) });
	},
	removeModule: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const get = await field(request);
		const result = await removeModule(locals.db, course.id, get('folder'));
		if (!result.ok)
			return fail(400, {
				outlineError:
					result.error === 'not_empty' ? m.author_module_not_empty() : m.error_not_found()
			});
		return { outlineMessage: m.author_module_removed() };
	},
	removeLesson: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const get = await field(request);
		if (!(await removeLesson(locals.db, course.id, get('lesson'))))
			return fail(404, { outlineError: m.error_not_found() });
		return { outlineMessage: m.author_lesson_removed() };
	},
	move: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const get = await field(request);
		const direction = get('direction') === 'up' ? 'up' : 'down';
		const target = get('module') ? { module: get('module') } : { lesson: get('lesson') };
		await move(locals.db, course.id, target, direction);
		return { moved: `${get('module') || get('lesson')}-${direction}` };
	},
	addQuiz: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const form = await superValidate(request, zod4(addQuizSchema), { id: 'quiz' });
		if (!form.valid) return fail(400, { quizForm: form });
		const result = await addQuiz(locals.db, course.id, form.data.title, user.id);
		if (!result.ok) return setError(form, 'title', m.author_error_conflict_structure());
		return message(form, {
			type: 'success',
			text: m.author_quiz_added({ title: form.data.title })
		});
	},
	removeFile: async ({ request, locals, params, url }) => {
		const { course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const get = await field(request);
		await removeFile(locals.db, course.id, get('path'));
		return { outlineMessage: m.author_file_removed({ path: get('path') }) };
	},
	upload: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug, { edit: true });
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { uploadError: m.author_upload_no_file() });
		const result = await uploadAsset(
			locals.db,
			course.id,
			file.name,
			new Uint8Array(await file.arrayBuffer()),
			user.id
		);
		if (!result.ok) {
			const text = {
				type: m.author_upload_type,
				size: () => m.author_upload_size({ mb: MAX_ASSET_BYTES / 1024 / 1024 }),
				empty: m.author_upload_no_file,
				unsafe_svg: m.author_upload_unsafe_svg
			}[result.error]();
			return fail(400, { uploadError: text });
		}
		return { uploaded: result.path };
	},
	addAuthor: async ({ request, locals, params, url }) => {
		const { course, user, access } = await requireAuthor(locals, url, params.slug);
		const form = await superValidate(request, zod4(authorSchema), { id: 'author' });
		if (!form.valid) return fail(400, { authorForm: form });
		if (access === 'coauthor') error(403, m.author_owner_only());
		const target = await findUserByIdentifier(locals.db, form.data.identifier);
		if (!target) return setError(form, 'identifier', m.author_author_not_found());
		if (!(await mayWriteCourses(locals.db, target)))
			return setError(form, 'identifier', m.author_author_not_trainer({ name: target.name }));
		if (form.data.role === 'owner') {
			if (!user.isAdmin) error(403, m.author_admin_only());
			await reassignOwner(locals.db, course.id, target.id, user.id);
		} else {
			await addAuthor(locals.db, course.id, target.id, 'coauthor', user.id);
		}
		form.data.identifier = '';
		return message(form, { type: 'success', text: m.author_author_added({ name: target.name }) });
	},
	removeAuthor: async ({ request, locals, params, url }) => {
		const { course, user, access } = await requireAuthor(locals, url, params.slug);
		const get = await field(request);
		if (access === 'coauthor' && get('userId') !== user.id) error(403, m.author_owner_only());
		if (!(await removeAuthor(locals.db, course.id, get('userId'), user.id)))
			return fail(400, { authorsError: m.author_last_owner() });
		return { authorsMessage: m.author_author_removed() };
	},
	makeOwner: async ({ request, locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug);
		if (!user.isAdmin) error(403, m.author_admin_only());
		const get = await field(request);
		await reassignOwner(locals.db, course.id, get('userId'), user.id);
		return { authorsMessage: m.author_owner_changed() };
	},
	takeOver: async ({ locals, params, url }) => {
		const { course, user } = await requireAuthor(locals, url, params.slug);
		if (!user.isAdmin) error(403, m.author_admin_only());
		await takeOverCourse(
			locals.db,
			course.id,
			user,
			readCourseFolder(join(config().coursesDir, course.slug))
		);
		return { outlineMessage: m.author_taken_over() };
	}
};
