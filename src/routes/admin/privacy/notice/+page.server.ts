import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { noticeSchema } from '$lib/schemas/privacy-consent';
import {
	currentNotice,
	defaultController,
	noticeVersions,
	publishNotice
} from '$lib/server/privacy/notices';
import type { Actions, PageServerLoad } from './$types';

// The administration's guard (hooks/route-access.ts) lets only administrators this far.
export const load: PageServerLoad = async ({ locals }) => {
	const current = await currentNotice(locals.db);
	const controller = current?.controller ?? defaultController();
	// The form starts from the version in force: editing it and publishing makes the next one.
	const form = await superValidate(
		{
			bodyVi: current?.body.vi ?? '',
			bodyEn: current?.body.en ?? '',
			...controller,
			changes: '',
			requiresConsent: false
		},
		zod4(noticeSchema),
		{ errors: false }
	);
	return {
		form,
		nextVersion: (current?.version ?? 0) + 1,
		versions: await noticeVersions(locals.db)
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(noticeSchema));
		if (!form.valid) return fail(400, { form });
		const d = form.data;
		const notice = await publishNotice(locals.db, {
			body: { vi: d.bodyVi, en: d.bodyEn },
			controller: {
				name: d.name,
				address: d.address,
				email: d.email,
				phone: d.phone,
				contact: d.contact
			},
			changes: d.changes,
			requiresConsent: d.requiresConsent,
			publishedBy: locals.user!.id
		});
		form.data.changes = '';
		form.data.requiresConsent = false;
		return message(form, {
			type: 'success',
			text: m.privacy_notice_admin_published({ version: notice.version })
		});
	}
};
