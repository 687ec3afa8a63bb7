import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handleGuard, handleLocale } from './handles';
import { accessOf, routeAccess } from './route-access';

const ROUTES = join(process.cwd(), 'src/routes');

/** Every route id in src/routes: a folder with a page or an endpoint. */
function routeIds(dir = ROUTES): string[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.isFile() && /^\+(page|server)\b/.test(e.name))
		? ['/' + relative(ROUTES, dir).split('\\').join('/')]
		: [];
	return [
		...here.map((id) => (id === '/' ? id : id.replace(/\/$/, ''))),
		...entries.filter((e) => e.isDirectory()).flatMap((e) => routeIds(join(dir, e.name)))
	];
}

/** An address for a route id, its parameters filled in. */
const addressOf = (routeId: string) =>
	routeId
		.replace(/\[\.\.\.\w+\]/g, 'a/b')
		.replace(/\[\w+\]/g, '0a1b2c3d-0000-4000-8000-000000000000');

type User = {
	isAdmin: boolean;
	mustChangePassword: boolean;
	privacyHold?: 'consent' | 'guardian' | null;
};
const learner: User = { isAdmin: false, mustChangePassword: false };
const admin: User = { isAdmin: true, mustChangePassword: false };
const oneTime: User = { isAdmin: false, mustChangePassword: true };
const unagreed: User = { isAdmin: false, mustChangePassword: false, privacyHold: 'consent' };
const minor: User = { isAdmin: false, mustChangePassword: false, privacyHold: 'guardian' };

/** Runs the locale and guard handles as the hook sequence does; what the guard answered. */
async function guard(path: string, routeId: string | null, user: User | null, method = 'GET') {
	const url = new URL(path, 'http://localhost');
	const event = {
		url,
		request: new Request(url, { method }),
		route: { id: routeId },
		locals: { user }
	} as unknown as RequestEvent;
	try {
		await handleLocale({
			event,
			resolve: (e) => handleGuard({ event: e, resolve: async () => new Response('ok') })
		});
		return { passed: true };
	} catch (thrown) {
		if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
		if (isHttpError(thrown)) return { status: thrown.status };
		throw thrown;
	}
}

const all = routeIds();
const guarded = all.filter((id) => accessOf(id) !== 'public');
const languages = [
	{ name: 'Vietnamese', prefix: '' },
	{ name: 'English', prefix: '/en' }
];

describe('route access', () => {
	it('finds the routes, and each one falls under an entry of the table', () => {
		expect(all).toContain('/manage/cohorts/[id]');
		const entries = Object.keys(routeAccess);
		const unlisted = all.filter(
			(id) => !entries.some((e) => id === e || (e !== '/' && id.startsWith(e + '/')))
		);
		expect(unlisted).toEqual([]);
	});

	it('protects the signed-in areas, and only those', () => {
		for (const area of ['/account', '/dashboard', '/manage', '/author', '/admin']) {
			expect(guarded.filter((id) => id === area || id.startsWith(area + '/'))).not.toEqual([]);
		}
		expect(guarded).toContain('/courses/[slug]/quiz/[quiz]/[attempt]');
		expect(guarded).toContain('/w/[id]/survey');
		expect(guarded).toContain('/workshops/[id]/results');
		// The paper sign-in sheet names the registrants: signed in first, then workshopAccess.
		expect(guarded).toContain('/workshops/[id]/sessions/[sessionId]/sheet.pdf');
		expect(guarded).toContain('/workshops/[id]/sessions/[sessionId]/paper');
		// Closing a workshop and its class record (names, scores): signed in, then workshopAccess.
		expect(guarded).toContain('/workshops/[id]/close');
		expect(guarded).toContain('/workshops/[id]/dossier.zip');
		const opens = [
			...['/', '/sign-in', '/courses/[slug]', '/verify/[code]', '/language'],
			// Someone who cannot sign in asks for a reset link; an e-mail's unsubscribe link.
			...['/reset', '/unsubscribe/[token]']
		];
		for (const open of opens) {
			expect(accessOf(open), open).toBe('public');
		}
		// An address that is no route is left to the 404; an id missing from the table fails closed.
		expect(accessOf(null)).toBeNull();
		expect(accessOf('/somewhere-new')).toBe('user');
	});
});

describe.each(languages)('the guard in $name', ({ prefix }) => {
	it.each(guarded)('sends a signed-out reader of %s to sign in and back', async (routeId) => {
		const path = prefix + addressOf(routeId);
		const back = encodeURIComponent(`${path}?tab=1`);
		for (const method of ['GET', 'POST']) {
			expect(await guard(`${path}?tab=1`, routeId, null, method), method).toEqual({
				status: 303,
				location: `${prefix}/sign-in?redirectTo=${back}`
			});
		}
	});

	it.each(guarded.filter((id) => id !== '/account/new-password'))(
		'sends a reader of %s holding a one-time password to replace it',
		async (routeId) => {
			for (const method of ['GET', 'POST']) {
				expect(await guard(prefix + addressOf(routeId), routeId, oneTime, method)).toEqual({
					status: 303,
					location: `${prefix}/account/new-password`
				});
			}
		}
	);

	it('lets a one-time password be replaced, the reader leave or switch language', async () => {
		const newPassword = `${prefix}/account/new-password`;
		expect(await guard(newPassword, '/account/new-password', oneTime)).toEqual({ passed: true });
		expect(await guard(newPassword, '/account/new-password', oneTime, 'POST')).toEqual({
			passed: true
		});
		expect(await guard(`${prefix}/sign-out`, '/sign-out', oneTime, 'POST')).toEqual({
			passed: true
		});
		expect(await guard('/language', '/language', oneTime, 'POST')).toEqual({ passed: true });
		// Any other page, even a public one, waits for the new password.
		expect(await guard(`${prefix}/courses`, '/courses', oneTime)).toEqual({
			status: 303,
			location: newPassword
		});
	});

	it('sends someone who has not agreed to the notice to agree first, and back', async () => {
		const consent = `${prefix}/privacy/consent`;
		expect(await guard(`${prefix}/dashboard?x=1`, '/dashboard', unagreed)).toEqual({
			status: 303,
			location: `${consent}?redirectTo=${encodeURIComponent(`${prefix}/dashboard?x=1`)}`
		});
		// Public pages too; an action elsewhere is refused to the same page, not carried out.
		expect((await guard(`${prefix}/courses`, '/courses', unagreed)).status).toBe(303);
		expect(await guard(`${prefix}/account`, '/account', unagreed, 'POST')).toEqual({
			status: 303,
			location: consent
		});
		expect(await guard(`${prefix}/admin`, '/admin', { ...unagreed, isAdmin: true })).toEqual({
			status: 303,
			location: `${consent}?redirectTo=${encodeURIComponent(`${prefix}/admin`)}`
		});
		// A minor waits for a guardian's consent.
		expect((await guard(`${prefix}/dashboard`, '/dashboard', minor)).location).toMatch(
			new RegExp(`^${prefix}/privacy/guardian\\?`)
		);
		// The notice, leaving, the language, their data and their privacy page stay open.
		const open: [string, string][] = [
			['/privacy/consent', 'POST'],
			['/privacy', 'GET'],
			['/privacy/guardian', 'GET'],
			['/sign-out', 'POST'],
			['/language', 'POST'],
			['/account/data', 'GET'],
			['/account/privacy', 'POST'],
			['/account/privacy/requests', 'POST']
		];
		for (const [routeId, method] of open) {
			for (const who of [unagreed, minor]) {
				expect(await guard(prefix + routeId, routeId, who, method), routeId).toEqual({
					passed: true
				});
			}
		}
		// The one-time password still comes first.
		expect(
			await guard(`${prefix}/privacy/consent`, '/privacy/consent', {
				...unagreed,
				mustChangePassword: true
			})
		).toEqual({ status: 303, location: `${prefix}/account/new-password` });
		// …and its own page is not sent on to the notice (which would send it back, for ever).
		for (const who of [unagreed, minor]) {
			expect(
				await guard(`${prefix}/account/new-password`, '/account/new-password', {
					...who,
					mustChangePassword: true
				})
			).toEqual({ passed: true });
		}
	});

	it('keeps the administration to administrators', async () => {
		for (const routeId of guarded.filter((id) => accessOf(id) === 'admin')) {
			const path = prefix + addressOf(routeId);
			expect(await guard(path, routeId, learner), routeId).toEqual({ status: 403 });
			expect(await guard(path, routeId, admin), routeId).toEqual({ passed: true });
		}
		for (const routeId of guarded.filter((id) => accessOf(id) === 'user')) {
			expect(await guard(prefix + addressOf(routeId), routeId, learner)).toEqual({ passed: true });
		}
	});

	it('lets anyone reach the public pages', async () => {
		for (const routeId of all.filter((id) => accessOf(id) === 'public')) {
			expect(await guard(prefix + addressOf(routeId), routeId, null), routeId).toEqual({
				passed: true
			});
		}
	});
});
