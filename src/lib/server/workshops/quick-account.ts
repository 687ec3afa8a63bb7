/**
 * An account made in two fields on a workshop's pages (its public page, a check-in link), for
 * someone in a hall with a phone and no time for a form: their name, and a phone number (kept as
 * the username, as for walk-ins) or a username or e-mail. The password is made for them and shown
 * once; they are signed in on that phone at once, so most never need it.
 *
 * An identifier that already has an account is never signed in to from here (that would hand the
 * account to whoever typed the number): the person is asked to sign in with their password.
 */
import type { User } from '$db/schema';
import { getLocale } from '$lib/paraglide/runtime';
import type { Database } from '../db';
import { createAccount } from '../auth/accounts';
import { oneTimePassword } from '../cohorts/import';
import { walkInIdentifier, type WalkIn } from './attendance';

export type QuickAccountResult =
	| { ok: true; user: User; identifier: string; password: string }
	| { ok: false; reason: 'contact_invalid' | 'taken' };

/** `language`: what messages reach them in; by default the language of the page they used. */
export async function quickAccount(
	db: Database,
	person: WalkIn,
	language: 'vi' | 'en' = getLocale()
): Promise<QuickAccountResult> {
	const identifier = walkInIdentifier(person.contact);
	if (!identifier) return { ok: false, reason: 'contact_invalid' };
	const password = oneTimePassword();
	const created = await createAccount(db, {
		identifier,
		password,
		fullName: person.fullName,
		language
	});
	if (!created.ok) {
		if (created.reason === 'taken') return { ok: false, reason: 'taken' };
		// A made password the policy refuses would be a defect here, not the person's doing.
		throw new Error(`a made password was refused: ${created.reason}`);
	}
	return { ok: true, user: created.user, identifier, password };
}
