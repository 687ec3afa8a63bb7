import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { config } from '$lib/server/config';
import { localPath } from '$lib/server/http/local-path';
import { isMinor, whomToAsk } from '$lib/server/privacy/guardians';
import { vietnamDay } from '$lib/vietnam-time';
import type { PageServerLoad } from './$types';

/**
 * A minor's page (Law 91/2025 Art. 24): the guard (hooks/route-access.ts, privacy/standing.ts)
 * sends a learner under the configured age here until their school records a guardian's consent.
 * Nothing is asked of them and nothing stored: it says what happens and whom to ask.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) error(401, m.error_forbidden());
	const [me] = await locals.db
		.select({ dateOfBirth: users.dateOfBirth, guardianConsentAt: users.guardianConsentAt })
		.from(users)
		.where(eq(users.id, locals.user.id));
	const minorAge = config().privacy.minorAge;
	const minor = isMinor(me?.dateOfBirth, vietnamDay(new Date()), minorAge);
	return {
		minorAge,
		state: !minor ? 'not_needed' : me.guardianConsentAt ? 'recorded' : 'waiting',
		guardianConsentAt: me?.guardianConsentAt ?? null,
		ask: minor && !me.guardianConsentAt ? await whomToAsk(locals.db, locals.user.id) : null,
		/** Where the guard stopped them, to go on once the consent is recorded. */
		onwards: localPath(url.searchParams.get('redirectTo'), localizeHref('/courses'))
	} as const;
};
