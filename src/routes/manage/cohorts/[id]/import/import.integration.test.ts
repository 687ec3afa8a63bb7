import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { scopeOf } from '$lib/server/auth/staff';
import { createCohort } from '$lib/server/cohorts/cohorts';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { actions } from '../+page.server';
import { POST } from './+server';

/** A failure injected in the import's transaction, after the accounts are inserted; the log. */
const probe = vi.hoisted(() => ({ failMembers: false, logged: [] as string[] }));
vi.mock('$lib/server/log', () => {
	const line = (_fields: unknown, message: string) => void probe.logged.push(message);
	return { log: () => ({ error: line, warn: line, info: line, debug: line }) };
});
vi.mock('$lib/server/cohorts/members', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/server/cohorts/members')>();
	return {
		...actual,
		addMembers: (...args: Parameters<typeof actual.addMembers>) => {
			if (probe.failMembers) throw new Error('injected: the database went away');
			return actual.addMembers(...args);
		}
	};
});

/** A class list of two learners whose usernames no other test uses, so none sees another's. */
function classList() {
	const tag = randomBytes(3).toString('hex');
	const usernames = [`stream-${tag}-01`, `stream-${tag}-02`];
	const csv =
		'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
		`Lê Thị Mai,${usernames[0]},05/09/2010,Học sinh\n` +
		`Võ Văn Tư,${usernames[1]},05/09/2010,Học sinh\n`;
	return { usernames, csv };
}

describe.each(testEngines)('the class import route on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let locals: App.Locals;
	let cohortId: string;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		const admin = await makeUser(db, { isAdmin: true });
		const scope = scopeOf(admin, []);
		const organisation = await createOrganisation(db, {
			name: 'Trường B',
			kind: 'school',
			area: ''
		});
		const cohort = await createCohort(db, scope, admin.id, {
			organisationId: organisation.id,
			name: '10A2',
			year: 2026
		});
		cohortId = cohort!.id;
		locals = {
			db,
			engine,
			user: admin,
			session: null,
			scope,
			requestId: 'test',
			unread: 0
		} as App.Locals;
	});
	afterAll(() => handle?.close());

	/** A request to the route at the reader's address, run as the hooks run it (with its language). */
	function request<T>(
		prefix: string,
		path: string,
		csv: string,
		run: (event: RequestEvent) => T | Promise<T>
	) {
		const body = new FormData();
		body.set('file', new File([csv], 'lop.csv', { type: 'text/csv' }));
		const url = `http://localhost${prefix}/manage/cohorts/${cohortId}${path}`;
		return paraglideMiddleware(new Request(url, { method: 'POST' }), async () => {
			const event = {
				locals,
				params: { id: cohortId },
				request: new Request(url, { method: 'POST', body }),
				url: new URL(url)
			} as unknown as RequestEvent;
			return { value: await run(event) } as unknown as Response;
		}) as unknown as Promise<{ value: T }>;
	}

	const imported = async (usernames: string[]) =>
		(await db.select().from(users).where(inArray(users.username, usernames))).length;

	for (const { prefix, locale } of [
		{ prefix: '', locale: 'vi' },
		{ prefix: '/en', locale: 'en' }
	] as const) {
		it(`streams a failure part-way as a message in the reader's language (${locale})`, async () => {
			probe.failMembers = true;
			const { usernames, csv } = classList();
			const { value: lines } = await request(prefix, '/import', csv, async (event) => {
				const response = await POST(event as Parameters<typeof POST>[0]);
				expect(response.status).toBe(200);
				return (await response.text())
					.trim()
					.split('\n')
					.map((l) => JSON.parse(l));
			});
			expect(lines.at(-1)).toEqual({
				result: { importProblems: [m.import_error_server({}, { locale })], status: 500 }
			});
			expect(await imported(usernames)).toBe(0);
			expect(probe.logged.at(-1)).toBe('class import failed');
		});

		it(`answers the form without JavaScript the same way (${locale})`, async () => {
			probe.failMembers = true;
			const { usernames, csv } = classList();
			const { value: outcome } = await request(prefix, '?/import', csv, (event) =>
				actions.import(event as Parameters<typeof actions.import>[0])
			);
			expect(outcome).toMatchObject({
				status: 500,
				data: { importProblems: [m.import_error_server({}, { locale })] }
			});
			expect(await imported(usernames)).toBe(0);
		});
	}

	it('imports, with progress, once the failure is gone', async () => {
		probe.failMembers = false;
		const { usernames, csv } = classList();
		const { value: lines } = await request('/en', '/import', csv, async (event) => {
			const response = await POST(event as Parameters<typeof POST>[0]);
			return (await response.text())
				.trim()
				.split('\n')
				.map((l) => JSON.parse(l));
		});
		expect(lines[0]).toEqual({ done: 1, total: 2 });
		expect(lines.at(-1).result.imported.map((c: { identifier: string }) => c.identifier)).toEqual(
			usernames
		);
		expect(await imported(usernames)).toBe(2);
	});
});
