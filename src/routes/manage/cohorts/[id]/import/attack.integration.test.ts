import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { scopeOf } from '$lib/server/auth/staff';
import { createCohort } from '$lib/server/cohorts/cohorts';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import {
	CLASS_HEADER,
	farCellWorkbook,
	inlineRow,
	workbook
} from '$lib/server/intake/test-workbooks';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import { GET as healthz } from '../../../../healthz/+server';
import { actions } from '../+page.server';
import { POST } from './+server';

// The workbooks of the security review (issue 13) posted to the class import as a manager would:
// refused at once in the reader's language, and the server answers /healthz straight after.

describe.each(testEngines)('attack workbooks posted to the class import on %s', (engine) => {
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
			name: 'Trường C',
			kind: 'school',
			area: ''
		});
		const cohort = await createCohort(db, scope, admin.id, {
			organisationId: organisation.id,
			name: '10A3',
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

	/** Runs `run` on a request posting `bytes` as lop.xlsx, at the reader's address (its language). */
	async function post<T>(
		prefix: string,
		path: string,
		bytes: Uint8Array,
		run: (event: RequestEvent) => T | Promise<T>
	): Promise<T> {
		const body = new FormData();
		body.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'lop.xlsx'));
		const url = `http://localhost${prefix}/manage/cohorts/${cohortId}${path}`;
		let value: T | undefined;
		await paraglideMiddleware(new Request(url, { method: 'POST' }), async () => {
			const event = {
				locals,
				params: { id: cohortId },
				request: new Request(url, { method: 'POST', body }),
				url: new URL(url)
			} as unknown as RequestEvent;
			value = await run(event);
			return new Response();
		});
		return value as T;
	}

	const streamed = (prefix: string, bytes: Uint8Array) =>
		post(prefix, '/import', bytes, async (event) => {
			const response = await POST(event as Parameters<typeof POST>[0]);
			const lines = (await response.text()).trim().split('\n');
			return JSON.parse(lines.at(-1)!);
		});

	const health = async () =>
		(await healthz({ locals } as unknown as Parameters<typeof healthz>[0])).status;

	for (const { prefix, locale } of [
		{ prefix: '', locale: 'vi' },
		{ prefix: '/en', locale: 'en' }
	] as const) {
		it(`refuses the 1.6 KB workbook with a cell at XFD1048576, then /healthz answers (${locale})`, async () => {
			const problem = m.import_error_beyond_bounds(
				{ cell: 'XFD1048576', column: 'AD', row: 2001, learners: 2000 },
				{ locale }
			);
			expect(await streamed(prefix, farCellWorkbook())).toEqual({
				result: { importProblems: [problem], status: 400 }
			});
			const action = await post(prefix, '?/import', farCellWorkbook(), (event) =>
				actions.import(event as Parameters<typeof actions.import>[0])
			);
			expect(action).toMatchObject({ status: 400, data: { importProblems: [problem] } });
			expect(await health()).toBe(200);
		});
	}

	it('refuses 12,000 rows at row 2,002 and imports a class list from a workbook', async () => {
		const rows = Array.from({ length: 12_000 }, (_, i) => inlineRow(i + 2, [`Học Viên ${i}`]));
		const big = workbook(inlineRow(1, CLASS_HEADER) + rows.join(''));
		const refused = await streamed('', big);
		expect(refused.result.importProblems[0]).toContain('A2002');
		expect(await health()).toBe(200);

		const tag = randomBytes(3).toString('hex');
		const usernames = [`xlsx-${tag}-01`, `xlsx-${tag}-02`];
		const good = workbook(
			inlineRow(1, CLASS_HEADER) +
				inlineRow(2, ['Lê Thị Mai', usernames[0], '05/09/2010', 'Học sinh']) +
				inlineRow(3, ['Võ Văn Tư', usernames[1], '2010-01-02', 'Học sinh'])
		);
		const imported = await streamed('', good);
		expect(imported.result.imported.map((c: { identifier: string }) => c.identifier)).toEqual(
			usernames
		);
		const stored = await db.select().from(users).where(inArray(users.username, usernames));
		expect(stored).toHaveLength(2);
	});
});
