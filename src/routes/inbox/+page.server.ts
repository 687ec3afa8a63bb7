import { fail, redirect } from '@sveltejs/kit';
import type { MessageKind, MessageParams } from '$lib/messages';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { inboxItemSchema } from '$lib/schemas/inbox';
import { localPath } from '$lib/server/http/local-path';
import { listInbox, markAllRead, markRead } from '$lib/server/messages/inbox';
import { renderMessage } from '$lib/server/messages/render';
import type { Actions, PageServerLoad } from './$types';

function requireUser(locals: App.Locals) {
	if (!locals.user) redirect(303, localizeHref('/sign-in'));
	return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1;
	const inbox = await listInbox(locals.db, user.id, { page });
	const locale = getLocale();
	return {
		messages: inbox.rows.map((row) => {
			const rendered = renderMessage(row.kind, row.params, locale);
			return {
				id: row.id,
				subject: rendered.subject,
				lines: rendered.lines,
				/** The button that opens where the message leads, when it leads somewhere. */
				open: destination(row) ? (rendered.action?.label ?? m.inbox_open_link()) : null,
				createdAt: row.createdAt,
				unread: row.readAt === null
			};
		}),
		total: inbox.total,
		page: inbox.page,
		pages: inbox.pages
	};
};

/** Where a message leads: the link stored with it, else its kind's usual page. */
function destination(message: { kind: MessageKind; params: MessageParams; link: string | null }) {
	return (
		message.link ?? renderMessage(message.kind, message.params, getLocale()).action?.path ?? null
	);
}

async function itemId(request: Request) {
	const parsed = inboxItemSchema.safeParse(Object.fromEntries(await request.formData()));
	return parsed.success ? parsed.data.id : null;
}

export const actions: Actions = {
	/** Opening a message marks it read, then goes where it leads. */
	open: async ({ request, locals }) => {
		const user = requireUser(locals);
		const id = await itemId(request);
		const message = id ? await markRead(locals.db, user.id, id) : null;
		if (!message) return fail(404, { problem: m.inbox_not_found() });
		redirect(303, localizeHref(localPath(destination(message), '/inbox')));
	},
	read: async ({ request, locals }) => {
		const user = requireUser(locals);
		const id = await itemId(request);
		const message = id ? await markRead(locals.db, user.id, id) : null;
		if (!message) return fail(404, { problem: m.inbox_not_found() });
		return { done: m.inbox_marked() };
	},
	readAll: async ({ locals }) => {
		const user = requireUser(locals);
		await markAllRead(locals.db, user.id);
		return { done: m.inbox_marked_all() };
	}
};
