import { eq } from 'drizzle-orm';
import { error, type Cookies } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { workshops, workshopSessions } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { checkInTo } from '$lib/server/workshops/attendance';
import { quickAccountWithConsent } from '$lib/server/privacy/consent';
import { quickAccountSchema } from '$lib/schemas/privacy-consent';
import { currentNotice } from '$lib/server/privacy/notices';
import {
	checkInPass,
	checkInSecret,
	PASS_MINUTES,
	verifyCheckIn,
	verifyCheckInPass
} from '$lib/server/workshops/checkin';
import type { Actions, PageServerLoad } from './$types';

/** The pass a fresh code leaves in the browser (workshops/checkin.ts), for this route only. */
const PASS_COOKIE = 'checkin_pass';

const secret = (locals: App.Locals) => checkInSecret(locals.db, config().certificates.signingKey);

/**
 * The session this request may check in to: the code in the address while it is fresh (which
 * also renews the browser's pass), else the pass a fresh code left here before the holder went to
 * sign in. Null when neither holds.
 */
async function vouchedSession(locals: App.Locals, cookies: Cookies, code: string) {
	const key = await secret(locals);
	const now = new Date();
	const fresh = verifyCheckIn(key, code, now);
	if (fresh) {
		cookies.set(PASS_COOKIE, checkInPass(key, fresh, now), {
			path: '/checkin',
			httpOnly: true,
			sameSite: 'lax',
			secure: config().secureCookies,
			maxAge: PASS_MINUTES * 60
		});
		return fresh;
	}
	// Only for the session the address names: a pass is no way into another session's check-in.
	const passed = verifyCheckInPass(key, cookies.get(PASS_COOKIE), now);
	return passed && passed === code.split('.')[0].toLowerCase() ? passed : null;
}

/** The session's workshop title and times, for the page. */
async function sessionDetails(locals: App.Locals, sessionId: string) {
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
 * is a write and a GET (a link preview, a prefetch) must not make one. Someone signed out may sign
 * in (and come back) or make an account here in two fields; the pass set here keeps the way open
 * after the code itself has changed on the screen. Setting that cookie is all this GET changes.
 */
export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
	const sessionId = await vouchedSession(locals, cookies, params.code);
	const [session, quick, notice] = await Promise.all([
		sessionId ? sessionDetails(locals, sessionId) : null,
		superValidate(zod4(quickAccountSchema), { id: 'quick' }),
		currentNotice(locals.db)
	]);
	return {
		session,
		fullName: locals.user?.fullName ?? null,
		signIn: localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`),
		quick,
		noticeVersion: notice?.version ?? 1
	};
};

// Named actions only: SvelteKit refuses a default action beside named ones.
export const actions: Actions = {
	checkIn: async ({ locals, params, cookies }) => {
		if (!locals.user) error(401, m.error_forbidden());
		const sessionId = await vouchedSession(locals, cookies, params.code);
		if (!sessionId) return { outcome: 'invalid_code' as const };
		const outcome = await checkInTo(locals.db, sessionId, locals.user.id, new Date());
		return { outcome };
	},

	/** Two fields, an account, signed in on this phone, and present: one press in the hall. */
	quick: async ({ locals, params, cookies, request }) => {
		const form = await superValidate(request, zod4(quickAccountSchema), { id: 'quick' });
		if (locals.user) return { quick: form, outcome: 'signed_in' as const };
		if (!form.valid) return fail(400, { quick: form });
		const sessionId = await vouchedSession(locals, cookies, params.code);
		if (!sessionId) return { quick: form, outcome: 'invalid_code' as const };
		const made = await quickAccountWithConsent(locals.db, form.data);
		if (!made.ok)
			return setError(
				form,
				'contact',
				made.reason === 'taken' ? m.workshops_quick_taken() : m.workshop_error_contact_invalid()
			);
		const token = generateSessionToken();
		const session = await createSession(locals.db, token, made.user.id);
		setSessionCookie(cookies, token, session.expiresAt);
		const outcome = await checkInTo(locals.db, sessionId, made.user.id, new Date());
		return {
			quick: form,
			outcome,
			account: { identifier: made.identifier, password: made.password }
		};
	}
};
