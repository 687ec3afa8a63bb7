import { eq } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { workshops, workshopSessions } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { checkIn } from '$lib/server/workshops/attendance';
import { checkInSecret, verifyCheckIn } from '$lib/server/workshops/checkin';
import type { Actions, PageServerLoad } from './$types';

/** The session a code names while it is fresh, with its workshop's title; null once it has expired. */
async function sessionOf(locals: App.Locals, code: string) {
	const secret = await checkInSecret(locals.db, config().certificates.signingKey);
	const sessionId = verifyCheckIn(secret, code, new Date());
	if (!sessionId) return null;
	const [row] = await locals.db
		.select({
			workshopId: workshops.id,
			title: workshops.title,
			startsAt: workshopSessions.startsAt,
			endsAt: workshopSessions.endsAt
		})
		.from(workshopSessions)
		.innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
		.where(eq(workshopSessions.id, sessionId));
	return row ?? null;
}

/**
 * A participant's check-in link (the trainer's QR code): one button, because recording attendance
 * is a write and a GET (a link preview, a prefetch) must not make one.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.user) error(401, m.error_forbidden());
	return { session: await sessionOf(locals, params.code), fullName: locals.user.fullName };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		if (!locals.user) error(401, m.error_forbidden());
		const secret = await checkInSecret(locals.db, config().certificates.signingKey);
		const outcome = await checkIn(locals.db, secret, params.code, locals.user.id, new Date());
		return { outcome };
	}
};
