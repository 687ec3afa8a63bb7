import { listTemplates } from '$lib/server/workshops/templates';
import { requireStaff } from './owners.server';
import type { PageServerLoad } from './$types';

/** The survey templates the viewer may use: the platform's and their organisations' own. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireStaff(locals);
	return { templates: await listTemplates(locals.db, actor.scope), admin: locals.scope.admin };
};
