import { fail } from '@sveltejs/kit';
import { version as build } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { diffCourseFiles, filesAt, listVersions } from '$lib/server/authoring/history';
import { draftDiffersFromPublished, rollback } from '$lib/server/authoring/publish';
import { restoreForReview } from '$lib/server/authoring/review';
import { versionsWithFiles } from '$lib/server/courses/versions';
import type { Database } from '$lib/server/db';
import { requireAuthor } from '../../access.server';
import { parseRef, type Ref } from '$lib/components/diff/diff-view';
import type { Actions, PageServerLoad } from './$types';

async function compare(db: Database, courseId: string, from: Ref, to: Ref) {
	const [before, after] = await Promise.all([
		filesAt(db, courseId, from),
		filesAt(db, courseId, to)
	]);
	return before && after ? diffCourseFiles(before, after) : null;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { course } = await requireAuthor(locals, url, params.slug);
	const [rows, stored] = await Promise.all([
		listVersions(locals.db, course.id),
		versionsWithFiles(locals.db, course.id)
	]);
	const currentHash = rows.find((v) => v.id === course.currentVersionId)?.contentHash;
	// Only a course edited in the browser has a draft, and only its versions can be restored.
	const editable = course.origin === 'editor';
	const versions = rows.map(({ id, number, createdAt, note, publishedByName, contentHash }) => ({
		number,
		createdAt,
		note,
		publishedByName,
		current: id === course.currentVersionId,
		hasFiles: stored.has(id),
		/** A version with the content learners see already has nothing to restore. */
		restorable: editable && stored.has(id) && contentHash !== currentHash
	}));
	const current = versions.find((v) => v.current) ?? null;
	const comparable = (ref: Ref | null): ref is Ref =>
		ref === 'draft' ? editable : versions.some((v) => v.number === ref && v.hasFiles);

	const query = url.searchParams;
	const [from, to] = [parseRef(query.get('from')), parseRef(query.get('to'))];
	const comparison =
		from !== null && to !== null
			? {
					from,
					to,
					diffs:
						comparable(from) && comparable(to)
							? await compare(locals.db, course.id, from, to)
							: null
				}
			: null;

	const restoring = parseRef(query.get('restore'));
	const restore =
		typeof restoring === 'number' && versions.some((v) => v.number === restoring && v.restorable)
			? {
					number: restoring,
					next: (versions[0]?.number ?? 0) + 1,
					currentNumber: current?.number ?? null,
					draftChanged: await draftDiffersFromPublished(locals.db, course.id)
				}
			: null;

	// What the draft changes; for a course from the folder, what its latest version changed.
	const previous = versions.find((v) => current && v.number < current.number && v.hasFiles);
	const defaults = {
		from: editable ? (current?.number ?? null) : (previous?.number ?? current?.number ?? null),
		to: editable ? ('draft' as const) : (current?.number ?? null)
	};

	return {
		course: {
			slug: course.slug,
			title: course.title,
			/** Restoring sends for review (province-wide) instead of publishing (one organisation's). */
			reviewed: course.organisationId === null
		},
		versions,
		editable,
		comparison,
		defaults,
		restore
	};
};

const refused = (status: number, error: string, problems: string[] = []) =>
	fail(status, { rollback: { error, problems } });

export const actions: Actions = {
	rollback: async ({ locals, url, params, request }) => {
		const { user, course } = await requireAuthor(locals, url, params.slug, { edit: true });
		const number = parseRef(String((await request.formData()).get('number') ?? ''));
		if (typeof number !== 'number') return refused(400, m.error_invalid());
		const note = m.author_history_rollback_note({ number });
		if (course.organisationId === null) {
			// A province-wide course's content reaches learners only through review, restored or not.
			const sent = await restoreForReview(locals.db, course.id, number, user.id, note);
			if (sent.ok)
				return { rollback: { restored: m.author_history_restored_for_review({ number }) } };
			if ('notFound' in sent) return refused(404, m.author_history_restore_not_found({ number }));
			if ('unchanged' in sent || 'alreadyWaiting' in sent)
				return refused(409, m.author_history_restore_unchanged({ number }));
			return refused(
				422,
				m.author_history_restore_problems({ number }),
				sent.problems.map((p) => `${p.file}:${p.line} — ${p.message}`)
			);
		}
		const result = await rollback(locals.db, course.id, number, user.id, build, note);
		if (result.ok)
			return { rollback: { restored: m.author_history_restored({ number, next: result.number }) } };
		if ('notFound' in result) return refused(404, m.author_history_restore_not_found({ number }));
		if ('unchanged' in result) return refused(409, m.author_history_restore_unchanged({ number }));
		return refused(
			422,
			m.author_history_restore_problems({ number }),
			result.problems.map((p) => `${p.file}:${p.line} — ${p.message}`)
		);
	}
};
