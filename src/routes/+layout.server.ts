import { staffScope } from '$lib/server/auth/staff';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user && {
		fullName: locals.user.fullName,
		isAdmin: locals.user.isAdmin,
		/** A manager, trainer or administrator: the "Quản lý lớp" link. */
		manages: locals.user.isAdmin || (await staffScope(locals.db, locals.user)).staff
	}
});
