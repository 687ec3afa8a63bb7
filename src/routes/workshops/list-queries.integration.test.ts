// The staff member's list of workshops (/workshops) shows each workshop's first session in a fixed
// number of queries, however many workshops there are (it once asked for each one's sessions).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, DatabaseHandle, Engine } from '$lib/server/db';

// The counter's switch is read when its module loads, as in the server: set it first, then import.
vi.stubEnv('BENCH_COUNT_QUERIES', '1');
const { withQueryCount } = await import('$lib/server/bench/query-count');
const { createTestDatabase, testEngines } = await import('$lib/server/db/test-helpers');
const { workshops, workshopSessions } = await import('$db/schema');
const { grantRole } = await import('$lib/server/auth/roles');
const { staffScope } = await import('$lib/server/auth/staff');
const { createOrganisation } = await import('$lib/server/organisations');
const { makeUser } = await import('$testing/factories');
const { plannedWorkshops } = await import('$lib/server/workshops/plan');
const { load } = await import('./+page.server');

describe.each(testEngines)("a staff member's workshops on %s", (engine: Engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let organisationId: string;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		organisationId = (
			await createOrganisation(db, { name: 'Trung tâm Khuyến công', kind: 'agency', area: null })
		).id;
	});
	afterAll(async () => {
		await handle?.close();
		vi.unstubAllEnvs();
	});

	/** A workshop with sessions starting on these days (08:00–11:00 in Vietnam), in that order. */
	async function workshop(title: string, days: string[]) {
		const [row] = await db.insert(workshops).values({ title, organisationId }).returning();
		for (const day of days)
			await db.insert(workshopSessions).values({
				workshopId: row.id,
				startsAt: new Date(`${day}T01:00:00Z`),
				endsAt: new Date(`${day}T04:00:00Z`)
			});
		return row.id;
	}

	it('gives each workshop its first session, in queries that do not grow with the list', async () => {
		const user = await makeUser(db, { audience: 'manager' });
		await grantRole(db, null, user.id, 'manager', organisationId);
		const scope = await staffScope(db, user);
		const viewer = { user, scope };
		const locals = {
			db,
			engine,
			user,
			session: null,
			scope,
			requestId: 'test',
			unread: 0
		} as App.Locals;
		const counted = () =>
			withQueryCount(async (counter) => {
				const list = await plannedWorkshops(db, viewer);
				const listed = counter.queries;
				const page = (await load({ locals } as Parameters<typeof load>[0])) as {
					workshops: { id: string; first: unknown }[];
				};
				return { list, listed, page, queries: counter.queries - listed };
			});

		// Sessions added out of order: the first is the earliest, not the first added.
		const threeDays = await workshop('Lớp tư vấn viên', ['2026-12-09', '2026-12-07', '2026-12-08']);
		const few = await counted();
		expect(few.list.map((w) => w.firstSession)).toEqual([
			{ startsAt: new Date('2026-12-07T01:00:00Z'), endsAt: new Date('2026-12-07T04:00:00Z') }
		]);

		const unplanned = await workshop('Chưa có ngày', []);
		for (let i = 0; i < 8; i++) await workshop(`Hội thảo ${i}`, [`2027-01-1${i}`, `2027-02-1${i}`]);
		const many = await counted();
		expect(many.list).toHaveLength(10);
		expect(many.listed).toBe(few.listed);
		expect(many.page.workshops).toHaveLength(10);
		expect(many.queries).toBe(few.queries);
		expect(many.page.workshops.find((w) => w.id === threeDays)?.first).toEqual(
			few.list[0].firstSession
		);
		const byId = new Map(many.list.map((w) => [w.id, w.firstSession]));
		expect(byId.get(unplanned)).toBeNull();
		expect(byId.get(threeDays)?.startsAt).toEqual(new Date('2026-12-07T01:00:00Z'));
		expect(many.list.find((w) => w.title === 'Hội thảo 3')?.firstSession).toEqual({
			startsAt: new Date('2027-01-13T01:00:00Z'),
			endsAt: new Date('2027-01-13T04:00:00Z')
		});
	});
});
