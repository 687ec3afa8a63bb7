import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	announcementSchema,
	previewAnnouncement,
	sendAnnouncement,
	type AnnouncementTarget
} from '$lib/server/messages/announcements';

// "Gửi thông báo" on a cohort's page and a workshop's: the same two actions on both (the page has
// already turned away whoever may not see it; announcements.ts asks again who may send).

const viewerOf = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });

/** The empty form for the page's load. */
export const announceForm = () => superValidate(zod4(announcementSchema), { id: 'announce' });

/** ?/announcePreview: exactly what would be sent, and to how many on which channels. */
export async function announcePreview(
	locals: App.Locals,
	request: Request,
	target: AnnouncementTarget
) {
	const form = await superValidate(request, zod4(announcementSchema), { id: 'announce' });
	if (!form.valid) return fail(400, { announce: form });
	const preview = await previewAnnouncement(locals.db, viewerOf(locals), target, form.data);
	if (!preview) error(404, m.error_not_found());
	return { announce: form, announcePreview: preview };
}

/** ?/announceSend: sends the text as previewed. */
export async function announceSend(
	locals: App.Locals,
	request: Request,
	target: AnnouncementTarget
) {
	const form = await superValidate(request, zod4(announcementSchema), { id: 'announce' });
	if (!form.valid) return fail(400, { announce: form });
	const sent = await sendAnnouncement(locals.db, viewerOf(locals), target, form.data);
	if (!sent) error(404, m.error_not_found());
	if (!sent.ok) return message(form, { type: 'error', text: m.announce_nobody() }, { status: 409 });
	form.data = { subject: '', body: '' };
	return message(form, { type: 'success', text: m.announce_sent({ count: sent.recipients }) });
}
