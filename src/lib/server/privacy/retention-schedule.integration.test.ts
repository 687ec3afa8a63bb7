import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionRuns } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { DatabaseHandle } from '../db';
import { queryRows } from '../db/rows';
import { jobQueue, QUEUES } from '../jobs/queue';
import { RETENTION_CRON, startRetentionSchedule } from './retention-schedule';

const SETTINGS = {
	inactiveYears: 5,
	attemptYears: 5,
	submissionYears: 5,
	logYears: 2,
	messageMonths: 12
};

describe.each(testEngines)('the nightly retention run on %s', (engine) => {
	let handle: DatabaseHandle;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
	});

	afterAll(async () => {
		await handle?.close();
	});

	const schedules = () =>
		queryRows<{ cron: string; timezone: string }>(
			handle.db,
			sql`select cron, timezone from pgboss.schedule where name = ${QUEUES.retention.name}`
		);

	it('is scheduled at 02:00 Vietnam time when on, runs its job, and is unscheduled when off', async () => {
		const schedule = await startRetentionSchedule(
			handle,
			{ ...SETTINGS, scheduled: true },
			{ pollingIntervalSeconds: 0.5 }
		);
		expect(schedule).toBeDefined();
		try {
			expect(await schedules()).toEqual([{ cron: RETENTION_CRON, timezone: 'Asia/Ho_Chi_Minh' }]);
			// What the schedule does at 02:00: a job in the queue, taken by this instance.
			await jobQueue(handle.executor).send(QUEUES.retention.name, {});
			let runs: (typeof retentionRuns.$inferSelect)[] = [];
			for (let i = 0; i < 100 && !runs.some((r) => r.finishedAt); i++) {
				await new Promise((r) => setTimeout(r, 100));
				runs = await handle.db.select().from(retentionRuns);
			}
			expect(runs).toHaveLength(1);
			expect(runs[0]).toMatchObject({ dryRun: false, startedBy: null, settings: SETTINGS });
			expect(runs[0].finishedAt).not.toBeNull();
		} finally {
			await schedule?.stop();
		}

		expect(await startRetentionSchedule(handle, { ...SETTINGS, scheduled: false })).toBeUndefined();
		expect(await schedules()).toEqual([]);
	});
});
