import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { users, workshopAttendance, type User } from '$db/schema';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import { ensureNotice } from '$lib/server/privacy/notices';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { checkInCode, checkInSecret } from '$lib/server/workshops/checkin';
import { actions as checkInActions, load as checkInLoad } from '../checkin/[code]/+page.server';
import { actions as publicActions, load as publicLoad } from '../w/[id]/+page.server';
import { actions as planActions, load as planLoad } from './[id]/+page.server';
import { actions as listActions } from './+page.server';

/** A browser's cookies, as much of SvelteKit's Cookies as the pages use. */
function cookieJar() {
	const values = new Map<string, string>();
	return {
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name),
		serialize: () => ''
	};
}

/** The workshop pages' loads and actions, called as SvelteKit calls them. */
describe.each(testEngines)('workshop pages on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let trainer: App.Locals, outsider: App.Locals, learner: App.Locals;
	let learnerUser: User;
	let workshopId: string;

	const localsOf = async (user: User | null): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test'
		}) as App.Locals;

	async function post(
		action: (event: never) => unknown,
		locals: App.Locals,
		path: string,
		params: Record<string, string>,
		fields: Record<string, string | string[]> = {},
		cookies = cookieJar()
	) {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields))
			for (const value of [v].flat()) body.append(k, value);
		const url = `http://localhost${path}`;
		const request = new Request(url, { method: 'POST', body });
		try {
			return {
				result: await action({ locals, params, request, url: new URL(url), cookies } as never)
			};
		} catch (thrown) {
			return { thrown };
		}
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		// The notice a two-field account agrees to (its box is ticked in every post below).
		await ensureNotice(db);
		const orgA = (await createOrganisation(db, { name: 'Trung tâm A', kind: 'agency', area: null }))
			.id;
		const orgB = (
			await createOrganisation(db, { name: 'Công ty B', kind: 'enterprise', area: null })
		).id;
		const a = await makeUser(db);
		await grantRole(db, null, a.id, 'trainer', orgA);
		const b = await makeUser(db);
		await grantRole(db, null, b.id, 'manager', orgB);
		learnerUser = await makeUser(db, { fullName: 'Đặng Thị Tham Dự' });
		[trainer, outsider, learner] = await Promise.all([
			localsOf(a),
			localsOf(b),
			localsOf(learnerUser)
		]);
		const created = await post(
			listActions.create as never,
			trainer,
			'/workshops?/create',
			{},
			{
				title: 'Tập huấn kiểm toán năng lượng',
				organisationId: orgA,
				courseId: '',
				venue: 'Hội trường',
				area: '',
				capacity: '1',
				registrationMode: 'open',
				cohortId: ''
			}
		);
		expect(isRedirect(created.thrown)).toBe(true);
		workshopId = /\/workshops\/([0-9a-f-]{36})/.exec(
			(created.thrown as { location: string }).location
		)![1];
	});
	afterAll(async () => {
		await handle?.close();
	});

	it("gives another organisation's manager a 404 for the plan, and the public page nothing of a draft", async () => {
		const plan = await post(
			async (event: never) => planLoad(event),
			outsider,
			`/workshops/${workshopId}`,
			{ id: workshopId }
		);
		expect(isHttpError(plan.thrown) && plan.thrown.status).toBe(404);
		const change = await post(
			planActions.status as never,
			outsider,
			`/workshops/${workshopId}?/status`,
			{ id: workshopId },
			{ status: 'open' }
		);
		expect(isHttpError(change.thrown) && change.thrown.status).toBe(404);
		const draft = await post(
			async (event: never) => publicLoad(event),
			learner,
			`/w/${workshopId}`,
			{ id: workshopId }
		);
		expect(isHttpError(draft.thrown) && draft.thrown.status).toBe(404);
	});

	it('takes a session in Vietnam time, opens, seats one and puts the next on the waiting list', async () => {
		const added = await post(
			planActions.addSession as never,
			trainer,
			`/workshops/${workshopId}?/addSession`,
			{ id: workshopId },
			{ day: '2026-12-03', startTime: '08:00', endTime: '11:30' }
		);
		expect(JSON.stringify(added.result)).toContain('Đã thêm buổi học.');
		const page = (await planLoad({
			locals: trainer,
			params: { id: workshopId },
			url: new URL('http://localhost/')
		} as never)) as { sessions: { startsAt: Date }[] };
		// 08:00 in Vietnam is 01:00 UTC.
		expect(page.sessions[0].startsAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
		await post(
			planActions.status as never,
			trainer,
			`/workshops/${workshopId}?/status`,
			{ id: workshopId },
			{ status: 'open' }
		);

		const visitor = await post(
			publicActions.register as never,
			await localsOf(null),
			`/w/${workshopId}?/register`,
			{ id: workshopId }
		);
		expect(isRedirect(visitor.thrown) && visitor.thrown.location).toContain(
			`/sign-in?redirectTo=${encodeURIComponent(`/w/${workshopId}`)}`
		);
		const first = await post(
			publicActions.register as never,
			learner,
			`/w/${workshopId}?/register`,
			{ id: workshopId }
		);
		expect(first.result).toEqual({ registered: 'registered' });
		const other = await localsOf(await makeUser(db));
		const second = await post(
			publicActions.register as never,
			other,
			`/w/${workshopId}?/register`,
			{ id: workshopId }
		);
		expect(second.result).toEqual({ registered: 'waitlisted' });
	});

	it('records a check-in only on the POST, once, and refuses a forged code', async () => {
		// A session of today in Vietnam, added the way the form does.
		const now = new Date();
		const day = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
		await post(
			planActions.addSession as never,
			trainer,
			`/workshops/${workshopId}?/addSession`,
			{ id: workshopId },
			{ day, startTime: '00:00', endTime: '23:59' }
		);
		const page = (await planLoad({
			locals: trainer,
			params: { id: workshopId },
			url: new URL('http://localhost/')
		} as never)) as { sessions: { id: string; startsAt: Date; endsAt: Date }[] };
		const today = page.sessions.find((s) => s.startsAt <= now && s.endsAt >= now)!;
		expect(today).toBeDefined();
		const code = checkInCode(await checkInSecret(db), today, now)!;
		const shown = (await checkInLoad({
			locals: learner,
			params: { code },
			cookies: cookieJar(),
			url: new URL(`http://localhost/checkin/${code}`)
		} as never)) as {
			session: unknown;
		};
		expect(shown.session).not.toBeNull();
		const once = await post(checkInActions.checkIn as never, learner, `/checkin/${code}`, { code });
		const twice = await post(checkInActions.checkIn as never, learner, `/checkin/${code}`, {
			code
		});
		expect([once.result, twice.result]).toEqual([{ outcome: 'recorded' }, { outcome: 'already' }]);
		const forged = `${today.id}.AAAAAAAAAAAAAAAA`;
		const refused = await post(checkInActions.checkIn as never, learner, `/checkin/${forged}`, {
			code: forged
		});
		expect(refused.result).toEqual({ outcome: 'invalid_code' });
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('lets someone who scanned a fresh code sign in first: the browser keeps a pass for ten minutes, the address does not', async () => {
		const now = new Date();
		const page = (await planLoad({
			locals: trainer,
			params: { id: workshopId },
			url: new URL('http://localhost/')
		} as never)) as { sessions: { id: string; startsAt: Date; endsAt: Date }[] };
		const today = page.sessions.find((s) => s.startsAt <= now && s.endsAt >= now)!;
		const code = checkInCode(await checkInSecret(db), today, now)!;
		const phone = cookieJar();
		const visit = async (
			locals: App.Locals,
			jar = phone
		): Promise<{ data: { session: unknown } } | { thrown: unknown }> => {
			try {
				const data = await checkInLoad({
					locals,
					params: { code },
					cookies: jar,
					url: new URL(`http://localhost/checkin/${code}`)
				} as never);
				return { data: data as { session: unknown } };
			} catch (thrown) {
				return { thrown };
			}
		};

		// Signed out: the page offers to sign in and come back here, and leaves a pass behind.
		const first = await visit(await localsOf(null));
		expect('data' in first && first.data).toMatchObject({
			session: { workshopId },
			signIn: `/sign-in?redirectTo=${encodeURIComponent(`/checkin/${code}`)}`
		});
		expect(phone.get('checkin_pass')).toMatch(new RegExp(`^${today.id}\\.`));

		// Three minutes later the code on the screen has changed twice; this phone still gets in.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(now.getTime() + 3 * 60_000));
		const newcomer = await localsOf(await makeUser(db, { fullName: 'Người Mới Đăng Ký' }));
		const back = await visit(newcomer);
		expect('data' in back && back.data.session).toBeTruthy();
		const done = await post(
			checkInActions.checkIn as never,
			newcomer,
			`/checkin/${code}`,
			{ code },
			{},
			phone
		);
		expect(done.result).toEqual({ outcome: 'recorded' });

		// The same stale address on another phone (a photo passed on) is refused.
		const elsewhere = await localsOf(await makeUser(db));
		const other = cookieJar();
		const seen = await visit(elsewhere, other);
		expect('data' in seen && seen.data.session).toBeNull();
		const refused = await post(
			checkInActions.checkIn as never,
			elsewhere,
			`/checkin/${code}`,
			{ code },
			{},
			other
		);
		expect(refused.result).toEqual({ outcome: 'invalid_code' });

		// Nor does the pass open another session's address.
		const otherSession = `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.AAAAAAAAAAAAAAAA`;
		const wrong = await post(
			checkInActions.checkIn as never,
			elsewhere,
			`/checkin/${otherSession}`,
			{ code: otherSession },
			{},
			phone
		);
		expect(wrong.result).toEqual({ outcome: 'invalid_code' });

		// Past ten minutes the pass is spent too.
		vi.setSystemTime(new Date(now.getTime() + 11 * 60_000));
		const late = await post(
			checkInActions.checkIn as never,
			elsewhere,
			`/checkin/${code}`,
			{ code },
			{},
			phone
		);
		expect(late.result).toEqual({ outcome: 'invalid_code' });
	});

	it('makes an account in two fields on the check-in page, signs it in and records it present, once; a number with an account is asked to sign in', async () => {
		const now = new Date();
		const page = (await planLoad({
			locals: trainer,
			params: { id: workshopId },
			url: new URL('http://localhost/')
		} as never)) as { sessions: { id: string; startsAt: Date; endsAt: Date }[] };
		const today = page.sessions.find((s) => s.startsAt <= now && s.endsAt >= now)!;
		const code = checkInCode(await checkInSecret(db), today, now)!;
		const visitor = await localsOf(null);
		const phone = cookieJar();
		const number = `09${String(Date.now()).slice(-8)}`;
		const made = await post(
			checkInActions.quick as never,
			visitor,
			`/checkin/${code}?/quick`,
			{ code },
			{
				fullName: 'Phạm Thị Vãng Lai',
				contact: `+84 ${number.slice(1, 4)} ${number.slice(4)}`,
				agree: 'on'
			},
			phone
		);
		const result = made.result as {
			outcome: string;
			account: { identifier: string; password: string };
		};
		expect(result.outcome).toBe('recorded');
		expect(result.account.identifier).toBe(number);
		expect(result.account.password).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/i);
		expect(phone.get('session')).toBeTruthy();
		const [row] = await db.select().from(users).where(eq(users.username, number));
		expect(row.fullName).toBe('Phạm Thị Vãng Lai');
		// Agreed to the notice with the box beside the two fields.
		expect(row.consentVersion).toBe(1);
		const present = await db
			.select()
			.from(workshopAttendance)
			.where(
				and(eq(workshopAttendance.sessionId, today.id), eq(workshopAttendance.userId, row.id))
			);
		expect(present).toHaveLength(1);

		// The same number again, from another phone: no account is handed over, nothing is made.
		const again = await post(
			checkInActions.quick as never,
			await localsOf(null),
			`/checkin/${code}?/quick`,
			{ code },
			{ fullName: 'Ai Đó', contact: number, agree: 'on' },
			cookieJar()
		);
		// setError answers with the form under `form`; the page finds it by its id ('quick').
		const refused = (
			again.result as { data: { form: { id: string; errors: Record<string, string[]> } } }
		).data.form;
		expect(refused.id).toBe('quick');
		expect(refused.errors.contact).toEqual([
			'Số này đã có tài khoản. Hãy bấm «Tôi đã có tài khoản: đăng nhập» và dùng mật khẩu của bạn.'
		]);
		expect(await db.select().from(users).where(eq(users.username, number))).toHaveLength(1);

		// Something that is neither a phone number nor a username is refused where it was typed.
		const odd = await post(
			checkInActions.quick as never,
			await localsOf(null),
			`/checkin/${code}?/quick`,
			{ code },
			{ fullName: 'Ai Đó', contact: 'số của tôi', agree: 'on' },
			cookieJar()
		);
		expect(JSON.stringify(odd.result)).toContain('Không nhận ra số điện thoại');
	});

	it('registers a visitor on the public page with an account made in two fields, signed in at once', async () => {
		const phone = cookieJar();
		const number = `08${String(Date.now()).slice(-8)}`;
		const made = await post(
			publicActions.quick as never,
			await localsOf(null),
			`/w/${workshopId}?/quick`,
			{ id: workshopId },
			{ fullName: 'Võ Văn Đăng Ký Nhanh', contact: number, agree: 'on' },
			phone
		);
		// The one seat is taken by now: the new account waits on the list, as anyone would.
		expect(made.result).toMatchObject({
			registered: 'waitlisted',
			account: { identifier: number }
		});
		expect(phone.get('session')).toBeTruthy();
		const [row] = await db.select().from(users).where(eq(users.username, number));
		expect(row.fullName).toBe('Võ Văn Đăng Ký Nhanh');

		const again = await post(
			publicActions.quick as never,
			await localsOf(null),
			`/w/${workshopId}?/quick`,
			{ id: workshopId },
			{ fullName: 'Người Khác', contact: number, agree: 'on' },
			cookieJar()
		);
		expect(JSON.stringify(again.result)).toContain('Số này đã có tài khoản');
		expect(await db.select().from(users).where(eq(users.username, number))).toHaveLength(1);
	});
});
