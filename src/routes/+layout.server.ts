import { unreadCount } from '$lib/server/messages/inbox';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
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
			/** The bell's count: one indexed count, part of the load every view already makes. */
			unread: await unreadCount(locals.db, locals.user.id)
		}
	};
};
