import { unreadCount } from '$lib/server/messages/inbox';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, request }) => {
	if (!locals.user) return { user: null };
	const { scope } = locals;
	return {
		user: {
			fullName: locals.user.fullName,
			isAdmin: locals.user.isAdmin,
			/** A manager, trainer or administrator: the "Quản lý lớp" link. */
			manages: scope.staff,
			/** A trainer or administrator: the "Soạn khóa học" link. */
			writes: scope.writes,
			/** A reviewer who is not an administrator: the "Duyệt khóa học" link (admins: admin menu). */
			reviews: scope.reviews && !scope.admin,
			/**
			 * The bell's count, read with the session (hooks); counted again after a form action,
			 * which may just have marked messages read.
			 */
			unread:
				request.method === 'GET' ? locals.unread : await unreadCount(locals.db, locals.user.id)
		}
	};
};
