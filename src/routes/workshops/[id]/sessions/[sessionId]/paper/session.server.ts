import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { workshopAccess } from '$lib/server/workshops/access';
import { sessionsOf } from '$lib/server/workshops/plan';

/**
 * The workshop and one of its sessions, for those who take its attendance (its trainers and
 * planners); 404 for anyone else, as for a session that is not the workshop's. The sheet and the
 * type-back screen both ask here.
 */
export async function paperSession(locals: App.Locals, params: { id: string; sessionId: string }) {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(
		locals.db,
		{ user: locals.user, scope: locals.scope },
		params.id
	);
	if (!access || !access.takeAttendance) error(404, m.error_not_found());
	const sessions = await sessionsOf(locals.db, access.workshop.id);
	const index = sessions.findIndex((s) => s.id === params.sessionId.toLowerCase());
	if (index < 0) error(404, m.error_not_found());
	return {
		access,
		user: locals.user,
		session: sessions[index],
		/** "Buổi 2/3" when the workshop has several sessions. */
		ordinal: sessions.length > 1 ? { n: index + 1, of: sessions.length } : null
	};
}
