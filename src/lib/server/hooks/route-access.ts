/**
 * Who may reach which route: one table keyed by SvelteKit route id, which is the address without
 * its language prefix (`/en/manage` and `/manage` are both the route `/manage`). Matching the
 * request's path instead once let every English address slip past the guard.
 *
 * The guard only decides whether someone must sign in (or be an administrator) first; every load
 * and action still checks that this user may touch the resource it names.
 */

export type Access = 'public' | 'user' | 'admin';

/**
 * A route id and everything under it; the longest matching entry wins. Every route must fall under
 * an entry (route-access.test.ts walks src/routes to make sure); one that does not is treated as
 * needing a signed-in user, so a forgotten entry fails closed.
 */
export const routeAccess: Readonly<Record<string, Access>> = {
	'/': 'public',
	'/.well-known': 'public',
	'/bench': 'public',
	'/certificates': 'public',
	'/course-files': 'public',
	'/courses': 'public',
	// A quiz attempt is the learner's own: signing in comes first.
	'/courses/[slug]/quiz/[quiz]/[attempt]': 'user',
	'/healthz': 'public',
	'/language': 'public',
	'/reset': 'public',
	'/sign-in': 'public',
	'/sign-out': 'public',
	'/sign-up': 'public',
	'/statistics': 'public',
	// The unsubscribe link in e-mails: its token is the authority, no sign-in (messages/unsubscribe.ts).
	'/unsubscribe': 'public',
	'/verify': 'public',
	'/account': 'user',
	'/dashboard': 'user',
	// A person's own messages (issue 17); each one is checked to be theirs (messages/inbox.ts).
	'/inbox': 'user',
	// Staff only; each load and action then checks the organisation (routes/manage/access.server.ts).
	'/manage': 'user',
	// Trainers and administrators; routes/author/access.server.ts checks which.
	'/author': 'user',
	// Administrators and reviewers; routes/review/access.server.ts checks which.
	'/review': 'user',
	// Workshops (issue 16): planners and trainers; each load and action asks workshops/access.ts.
	'/workshops': 'user',
	// Grading assignment work (issue 18): each load and action asks assignments/access.ts.
	'/grading': 'user',
	// Files handed in and marked-up copies: the learner's, their graders' and administrators' only.
	'/submissions': 'user',
	// A workshop's public page, shared on posters and in Zalo groups; registering needs an account.
	'/w': 'public',
	// A participant's satisfaction survey: their own answer, once (workshops/survey.ts).
	'/w/[id]/survey': 'user',
	// A participant's check-in link from the trainer's screen. A signed-out visitor may sign in and
	// come back, or make an account there in two fields; a pass outlives the code meanwhile
	// (workshops/checkin.ts). Checking in itself still needs an account.
	'/checkin': 'public',
	'/admin': 'admin',
	// The privacy notice, every version (issue 19); agreeing to it and a minor's page need a user.
	'/privacy': 'public',
	'/privacy/consent': 'user',
	'/privacy/guardian': 'user'
};

/** Routes someone holding a one-time password may still use: replacing it, or leaving. */
const openToOneTimePassword = new Set(['/account/new-password', '/sign-out']);

/**
 * Routes someone held by the privacy notice (privacy/standing.ts) may still use: the notice and
 * agreeing to it, leaving, the language, downloading their data, and their privacy page with its
 * requests (to withdraw or ask for deletion instead of agreeing).
 */
const openWhileHeld = ['/privacy', '/sign-out', '/language', '/account/data', '/account/privacy'];

const within = (routeId: string, entry: string) =>
	routeId === entry || (entry !== '/' && routeId.startsWith(entry + '/'));

/** The access a route needs; null for a request that matched no route (it will be a 404). */
export function accessOf(routeId: string | null): Access | null {
	if (routeId === null) return null;
	let best: string | undefined;
	for (const entry of Object.keys(routeAccess)) {
		if (within(routeId, entry) && (!best || entry.length > best.length)) best = entry;
	}
	return best ? routeAccess[best] : 'user';
}

export type GuardDecision =
	'pass' | 'sign-in' | 'new-password' | 'privacy-consent' | 'privacy-guardian' | 'forbidden';

export interface GuardRequest {
	routeId: string | null;
	method: string;
	user: {
		isAdmin: boolean;
		mustChangePassword: boolean;
		privacyHold?: 'consent' | 'guardian' | null;
	} | null;
}

/** What the guard does with a request, before any load or action runs. */
export function guardDecision({ routeId, method, user }: GuardRequest): GuardDecision {
	const access = accessOf(routeId);
	const guarded = access === 'user' || access === 'admin';
	if (guarded && !user) return 'sign-in';
	// A one-time password is replaced before anything else, whatever the area. Posts elsewhere
	// (the language switch on the new-password page) go through.
	if (
		user?.mustChangePassword &&
		!(routeId && openToOneTimePassword.has(routeId)) &&
		(guarded || method === 'GET')
	) {
		return 'new-password';
	}
	// Then the privacy notice (or a minor's guardian): every page and action waits, anywhere, but
	// the page replacing a one-time password (sending it to the notice sent them back: a loop).
	if (
		user?.privacyHold &&
		routeId !== null &&
		!openToOneTimePassword.has(routeId) &&
		!openWhileHeld.some((entry) => within(routeId, entry))
	) {
		return user.privacyHold === 'consent' ? 'privacy-consent' : 'privacy-guardian';
	}
	if (access === 'admin' && !user?.isAdmin) return 'forbidden';
	return 'pass';
}
