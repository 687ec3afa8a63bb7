import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle, Engine } from '../db';

// The switch is read when the module loads, as in the server: set it first, then import.
vi.stubEnv('BENCH_COUNT_QUERIES', '1');
const { withQueryCount } = await import('./query-count');
const { createTestDatabase, testEngines } = await import('../db/test-helpers');
const { sql } = await import('drizzle-orm');
const { users } = await import('$db/schema');

describe.each(testEngines)('query counter on %s', (engine: Engine) => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});
	afterAll(async () => {
		await handle.close();
		vi.unstubAllEnvs();
	});

	it('counts every query of a request, inside transactions too, and nothing outside', async () => {
		const { db } = handle;
		await db.select().from(users);
		const counted = await withQueryCount(async (counter) => {
			await db.select().from(users);
			await db.execute(sql`select 1`);
			await db.transaction(async (tx) => {
				await tx.select().from(users);
				await tx.select().from(users);
			});
			return counter.queries;
		});
		expect(counted).toBe(4);
	});

	it('keeps concurrent requests apart', async () => {
		const { db } = handle;
		const request = (queries: number) =>
			withQueryCount(async (counter) => {
				for (let i = 0; i < queries; i++) await db.execute(sql`select ${i}`);
				return counter.queries;
			});
		expect(await Promise.all([request(1), request(3), request(2)])).toEqual([1, 3, 2]);
	});
});
