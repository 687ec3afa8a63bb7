import { gradedCourseIds } from '$lib/server/assignments/access';
import { waitingCount } from '$lib/server/assignments/queue';
import { unreadCount } from '$lib/server/messages/inbox';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, request }) => {
	if (!locals.user) return { user: null, grading: null };
	const { scope } = locals;
	return {
		grading: await gradingLink(locals),
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

/**
 * The "Chấm bài" link and its count of waiting work, for those who grade (administrators, course
 * authors, appointed graders: all trainers). Learners and managers cost no query.
 */
async function gradingLink(locals: App.Locals): Promise<{ waiting: number } | null> {
	const user = locals.user;
	if (!user || !(locals.scope.writes || user.isAdmin)) return null;
	const ids = await gradedCourseIds(locals.db, user);
	if (ids !== null && ids.length === 0) return null;
	return { waiting: await waitingCount(locals.db, user) };
}
