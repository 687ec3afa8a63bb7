import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { fail, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { consentRecords, users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { consentSchema } from '$lib/schemas/privacy-consent';
import type { Database } from '$lib/server/db';
import { localPath } from '$lib/server/http/local-path';
import { configuredChannels } from '$lib/server/messages/outbox';
import { recordAgreement } from '$lib/server/privacy/consent';
import { currentNotice } from '$lib/server/privacy/notices';
import type { Actions, PageServerLoad } from './$types';

/** The version the person agreed to before, and whether they were ever asked about phone messages. */
async function standingOf(db: Database, userId: string) {
	const [row] = await db
		.select({ consentVersion: users.consentVersion })
		.from(users)
		.where(eq(users.id, userId));
	const asked = await db
		.select({ id: consentRecords.id })
		.from(consentRecords)
		.where(and(eq(consentRecords.userId, userId), eq(consentRecords.purpose, 'phone_messages')))
		.limit(1);
	return {
		consentVersion: row?.consentVersion ?? null,
		// The optional box is offered once; afterwards it is given or withdrawn on /account/privacy.
		askPhone: configuredChannels().includes('phone') && asked.length === 0
	};
}

const onwards = (url: URL) =>
	localPath(url.searchParams.get('redirectTo'), localizeHref('/dashboard'));

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	if (user.privacyHold !== 'consent') redirect(303, onwards(url));
	const notice = await currentNotice(locals.db);
	if (!notice) error(404, m.privacy_notice_none());
	const standing = await standingOf(locals.db, user.id);
	const lang = getLocale() === 'en' ? 'en' : 'vi';
	return {
		form: await superValidate(zod4(consentSchema)),
		version: notice.version,
		html: notice.html[lang] ?? notice.html.vi,
		publishedAt: notice.publishedAt,
		changes: notice.changes,
		again: standing.consentVersion !== null,
		askPhone: standing.askPhone
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const user = locals.user!;
		const form = await superValidate(request, zod4(consentSchema));
		if (!form.valid) return fail(400, { form });
		const notice = await currentNotice(locals.db);
		if (!notice) error(404, m.privacy_notice_none());
		const standing = await standingOf(locals.db, user.id);
		await recordAgreement(locals.db, {
			userId: user.id,
			noticeVersion: notice.version,
			channel: standing.consentVersion === null ? 'first_sign_in' : 'account',
			phoneMessages: standing.askPhone ? form.data.phoneMessages : null
		});
		redirect(303, onwards(url));
	}
};
