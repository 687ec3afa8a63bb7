// Check 4: two instances started at the same moment on one PostgreSQL database, as behind a load
// balancer. Migrations must run once, a session made on one must work on the other, and sign-in
// throttling must count the failures made on both.
import { readFileSync } from 'node:fs';
import { count, eq, sql } from 'drizzle-orm';
import { courses, courseVersions } from '$db/schema';
import { createAccount } from '$lib/server/auth/accounts';
import { throttlePolicies } from '$lib/server/throttle/throttle';
import { seededAgreeToNotice } from '../../../tests/support/consent';
import { withDatabase, type Engine } from '../databases';
import { get, send, type Reply } from '../http';
import { heading, Problems, seconds, step, verdict } from '../report';
import { Site } from '../site';
import { newErrors } from './class';

const PASSWORD = 'hai-máy-chủ-một-cơ-sở-dữ-liệu';
const ACCOUNT_LIMIT = throttlePolicies['sign-in-account'].limit;
/** The sign-in page's sentences (messages/vi.json): wrong password, and too many failures. */
const INVALID = 'E-mail, tên đăng nhập hoặc mật khẩu chưa đúng.';
const THROTTLED = 'Bạn đã nhập sai quá nhiều lần.';

const signIn = (site: Site, identifier: string, password: string) =>
	send(site.origin, '/sign-in', {
		form: [
			['identifier', identifier],
			['password', password]
		]
	});

const sessionCookie = (reply: Reply) =>
	reply.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('session=') && c.length > 8);

export async function twoInstances(engine: Engine, ports: [number, number]): Promise<void> {
	const name = '4. two instances on one PostgreSQL';
	heading(`Check 4: two instances on one PostgreSQL database (ports ${ports.join(' and ')})`);
	const sites = ports.map((port) => new Site(engine, port));
	const [a, b] = sites;
	const problems = new Problems();
	try {
		// Both spawned in the same tick: their migrations and course syncs race for real.
		const ready = await Promise.all(sites.map((site) => site.start()));
		step(`both ready, in ${ready.map(seconds).join(' and ')}`);

		const journal = (
			JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as {
				entries: { tag: string; when: number }[];
			}
		).entries;
		const { applied, versions, users } = await withDatabase(engine, async (db) => {
			const rows = await db.execute(
				sql.raw('select hash, created_at from drizzle.__drizzle_migrations order by id')
			);
			const applied = (Array.isArray(rows) ? rows : []) as { hash: string; created_at: string }[];
			// The course sync runs at start too, under its own lock: one version per course.
			const versions = await db
				.select({ slug: courses.slug, count: count(courseVersions.id) })
				.from(courses)
				.leftJoin(courseVersions, eq(courseVersions.courseId, courses.id))
				.groupBy(courses.slug);
			const made = [];
			for (const who of ['Trần Văn Hai Máy', 'Lê Thị Sai Mật Khẩu']) {
				const result = await createAccount(db, {
					identifier: `faults-${made.length}-${Date.now()}@example.vn`,
					password: PASSWORD,
					fullName: who
				});
				if (!result.ok) throw new Error(`could not create an account: ${result.reason}`);
				made.push(result.user);
			}
			// As if they had signed up: each agreed to the privacy notice then.
			await seededAgreeToNotice(db);
			return { applied, versions, users: made };
		});
		const times = applied.map((m) => Number(m.created_at));
		const once = journal.every((e) => times.filter((t) => t === e.when).length === 1);
		problems.expect(
			once && applied.length === journal.length,
			`drizzle.__drizzle_migrations has ${applied.length} rows for ${journal.length} migrations`
		);
		step(`migrations table: ${applied.length} rows for ${journal.length} migrations`);
		const synced = versions.filter((v) => v.count === 1).length;
		problems.expect(
			synced === versions.length && synced > 0,
			`course versions after both synced: ${versions.map((v) => `${v.slug} ${v.count}`).join(', ')}`
		);
		step(`course sync: ${synced} of ${versions.length} courses with exactly one version`);

		const [traveller, guesser] = users;
		const signedIn = await signIn(a, traveller.email!, PASSWORD);
		const cookie = sessionCookie(signedIn);
		problems.expect(
			signedIn.status === 303 && cookie !== undefined,
			`sign-in on :${a.port} answered ${signedIn.status} without a session cookie`
		);
		const elsewhere = cookie ? await get(b.origin, '/account', cookie) : undefined;
		const knows = elsewhere?.status === 200 && elsewhere.body.includes(traveller.fullName);
		problems.expect(
			knows,
			`GET /account on :${b.port} with the cookie from :${a.port} answered ${elsewhere?.status}` +
				`${elsewhere?.location ? ` → ${elsewhere.location}` : ''}`
		);
		step(
			`signed in on :${a.port}; GET /account on :${b.port} with that cookie: ${elsewhere?.status}` +
				`${knows ? ` showing “${traveller.fullName}”` : ''}`
		);

		// Wrong passwords on alternate instances, then the right one: refused, wherever it lands.
		const tries: string[] = [];
		for (let i = 0; i < ACCOUNT_LIMIT + 2; i++) {
			const site = sites[i % 2];
			const right = i >= ACCOUNT_LIMIT;
			const reply = await signIn(site, guesser.email!, right ? PASSWORD : `sai-${PASSWORD}-${i}`);
			const expected = right ? { status: 429, text: THROTTLED } : { status: 400, text: INVALID };
			const ok = reply.status === expected.status && reply.body.includes(expected.text);
			tries.push(`${i + 1}:${site.port}→${reply.status}`);
			problems.expect(
				ok,
				`attempt ${i + 1} (${right ? 'right' : 'wrong'} password) on :${site.port} answered ` +
					`${reply.status}, expected ${expected.status} “${expected.text}”`
			);
		}
		step(`sign-in attempts (number:port→status): ${tries.join(', ')}`);
		for (const site of sites) for (const e of newErrors(site, 0)) problems.add(e);
		verdict(
			name,
			`started together in ${ready.map(seconds).join('/')}; ${applied.length} migration rows for ` +
				`${journal.length} migrations; ${synced}/${versions.length} courses synced once; session from :${a.port} ${knows ? 'works' : 'does not work'} on ` +
				`:${b.port}; ${tries.join(', ')} (limit ${ACCOUNT_LIMIT} failures)`,
			problems.list
		);
	} finally {
		await Promise.all(sites.map((site) => site.stop()));
	}
}
