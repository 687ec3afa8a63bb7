import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { qrPath } from '$lib/server/certificates/qr';
import { config } from '$lib/server/config';
import { workshopAccess } from '$lib/server/workshops/access';
import { sessionRoster } from '$lib/server/workshops/attendance';
import { checkInCode, checkInSecret, secondsToNextCode } from '$lib/server/workshops/checkin';
import { sessionsOf } from '$lib/server/workshops/plan';
import type { PageServerLoad } from './$types';

/**
 * The trainer's screen for one session: the rotating check-in code as a big QR code and its link,
 * renewed at each step (the page reloads itself), and who is present so far.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(
		locals.db,
		{ user: locals.user, scope: locals.scope },
		params.id
	);
	if (!access || !access.takeAttendance) error(404, m.error_not_found());
	const session = (await sessionsOf(locals.db, access.workshop.id)).find(
		(s) => s.id === params.sessionId.toLowerCase()
	);
	if (!session) error(404, m.error_not_found());
	const now = new Date();
	const secret = await checkInSecret(locals.db, config().certificates.signingKey);
	const code =
		access.workshop.status === 'closed' || access.workshop.status === 'cancelled'
			? null
			: checkInCode(secret, session, now);
	const link = code ? `${config().origin ?? url.origin}/checkin/${code}` : null;
	const roster = await sessionRoster(locals.db, session.id);
	return {
		workshop: { id: access.workshop.id, title: access.workshop.title },
		session: { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt },
		link,
		qr: link ? qrPath(link) : null,
		state: code ? 'open' : now < session.startsAt ? 'not_yet' : 'ended',
		refreshSeconds: secondsToNextCode(now),
		total: roster.length,
		present: roster
			.filter((r) => r.present)
			.map((r) => ({ userId: r.userId, fullName: r.fullName }))
	};
};
