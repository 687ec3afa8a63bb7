import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { courses, users, type User } from '$db/schema';
import { grantRole } from '$lib/server/auth/roles';
import { staffScope } from '$lib/server/auth/staff';
import { syncCourses } from '$lib/server/courses/sync';
import { createTestDatabase, testEngines } from '$lib/server/db/test-helpers';
import type { Database, DatabaseHandle } from '$lib/server/db';
import { createOrganisation } from '$lib/server/organisations';
import { makeUser } from '$testing/factories';
import {
	actions as dashboardActions,
	load as dashboardLoad
} from '../../../dashboard/+page.server';
import { actions, load } from './+page.server';

const fixture = fileURLToPath(
	new URL('../../../../lib/server/courses/fixtures/good/mini-course', import.meta.url)
);
const SLUG = 'khoa-ghi-danh';

/** Enrolling by identifier on /courses/<slug>/learners, as a trainer of another organisation. */
describe.each(testEngines)('enrolling by identifier on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let orgA: string, orgB: string;
	let trainer: App.Locals;
	let learner: User;

	const localsOf = async (user: User): Promise<App.Locals> =>
		({
			db,
			engine,
			user,
			session: null,
			scope: await staffScope(db, user),
			requestId: 'test',
			unread: 0
		}) as App.Locals;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-learners-'));
		cpSync(fixture, join(root, SLUG), { recursive: true });
		await syncCourses(db, root, 'test');
		const org = async (name: string) =>
			(await createOrganisation(db, { name, kind: 'school', area: null })).id;
		[orgA, orgB] = [await org('Trường A'), await org('Trường B')];
		const user = await makeUser(db);
		await grantRole(db, null, user.id, 'trainer', orgA);
		trainer = await localsOf(user);
		learner = await makeUser(db, {
			identifier: 'hs-truong-b',
			fullName: 'Huỳnh Thị Ánh Tuyết',
			organisationId: orgB
		});
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function enrol(locals: App.Locals, fields: Record<string, string>) {
		const url = `http://localhost/courses/${SLUG}/learners?/enrol`;
		const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
		return JSON.stringify(
			await actions.enrol({ locals, params: { slug: SLUG }, request, url: new URL(url) } as never)
		);
	}
	const page = async (locals = trainer) =>
		JSON.stringify(await load({ locals, params: { slug: SLUG } } as never));

	it("invites another organisation's learner and names no one, whether the account exists or not", async () => {
		const count = await db.$count(users);
		const known = await enrol(trainer, { identifier: 'hs-truong-b' });
		const unknown = await enrol(trainer, { identifier: 'hs-khong-co' });
		expect(known).toBe(unknown);
		expect(known).toContain('Họ chỉ được ghi danh khi đồng ý');
		expect(known).not.toContain('Tuyết');
		expect(await db.$count(users)).toBe(count);
		const shown = await page();
		expect(shown).not.toContain('Tuyết');
		expect(shown).not.toContain(learner.id);
		// Only what the trainer typed, in the list of invitations.
		expect(shown).toContain('"identifier":"hs-truong-b"');
		expect(shown).toContain('"identifier":"hs-khong-co"');
	});

	it('shows the learner to the trainer once they accept, and enrols them', async () => {
		// Invited here: the test above must still find its learner unnamed, whatever the order.
		const joining = await makeUser(db, {
			identifier: 'hs-truong-b-dong-y',
			fullName: 'Trần Văn Nhận Lời',
			organisationId: orgB
		});
		await enrol(trainer, { identifier: 'hs-truong-b-dong-y' });
		const own = await localsOf(joining);
		const board = (await dashboardLoad({ locals: own, url: new URL('http://x/') } as never)) as {
			invitations: { id: string; organisationName: string }[];
		};
		expect(board.invitations).toMatchObject([{ organisationName: 'Trường A' }]);
		const accepted = await dashboardActions.accept({
			locals: own,
			request: new Request('http://localhost/dashboard?/accept', {
				method: 'POST',
				body: new URLSearchParams({ invitationId: board.invitations[0].id })
			})
		} as never);
		expect(accepted).toMatchObject({ invitation: { ok: true } });
		expect(await page()).toContain('Trần Văn Nhận Lời');
	});

	it('asks someone working for two organisations which one invites, and only among theirs', async () => {
		const user = await makeUser(db);
		await grantRole(db, null, user.id, 'manager', orgA);
		await grantRole(db, null, user.id, 'trainer', orgB);
		const both = await localsOf(user);
		const shown = JSON.parse(await page(both)) as { organisationOptions: { label: string }[] };
		expect(shown.organisationOptions.map((o) => o.label)).toEqual(['Trường A', 'Trường B']);
		const elsewhere = (
			await createOrganisation(db, { name: 'Trường C', kind: 'school', area: null })
		).id;
		const refused = await enrol(both, { identifier: 'hs-x', organisationId: elsewhere });
		expect(refused).toContain('Hãy chọn đơn vị.');
	});

	it("keeps another organisation's own course out of reach: no page, no enrolling", async () => {
		await db.update(courses).set({ organisationId: orgB }).where(eq(courses.slug, SLUG));
		try {
			const refused = async (work: () => Promise<unknown>) =>
				work().then(
					() => null,
					(thrown: unknown) => (isHttpError(thrown) ? thrown.status : thrown)
				);
			expect(await refused(() => page())).toBe(404);
			expect(await refused(() => enrol(trainer, { identifier: 'hs-truong-b' }))).toBe(404);
		} finally {
			await db.update(courses).set({ organisationId: null }).where(eq(courses.slug, SLUG));
		}
	});
});
