import { staffScope } from '$lib/server/auth/staff';
import { mayWriteCourses } from '$lib/server/authoring/access';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	if (!locals.user) return { user: null };
	const manages = locals.user.isAdmin || (await staffScope(locals.db, locals.user)).staff;
	return {
		user: {
			fullName: locals.user.fullName,
			isAdmin: locals.user.isAdmin,
			/** A manager, trainer or administrator: the "Quản lý lớp" link. */
			manages,
			/** A trainer or administrator: the "Soạn khóa học" link. */
			writes: manages && (await mayWriteCourses(locals.db, locals.user))
		}
	};
};
