import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { currentNotice, noticeVersion, noticeVersions } from '$lib/server/privacy/notices';
import type { PageServerLoad } from './$types';

/** The notice in force, or an earlier version (?version=N), with the list of all versions. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const asked = url.searchParams.get('version');
	const current = await currentNotice(locals.db);
	if (!current) error(404, m.privacy_notice_none());
	let notice = current;
	if (asked !== null) {
		const version = Number(asked);
		const found =
			Number.isInteger(version) && version > 0 && (await noticeVersion(locals.db, version));
		if (!found) error(404, m.privacy_notice_not_found());
		notice = found;
	}
	const lang = getLocale() === 'en' ? 'en' : 'vi';
	return {
		version: notice.version,
		publishedAt: notice.publishedAt,
		html: notice.html[lang] ?? notice.html.vi,
		current: notice.version === current.version,
		currentVersion: current.version,
		versions: await noticeVersions(locals.db)
	};
};
