import type PgBoss from 'pg-boss';
import { VIETNAM_TIME_ZONE } from '$lib/vietnam-time';
import { config, type RetentionConfig } from '../config';
import type { DatabaseHandle } from '../db';
import { jobQueue, QUEUES } from '../jobs/queue';
import { log } from '../log';
import { retentionSettings, runRetention } from './retention';

/** Every night at 02:00 in Vietnam: few people learn then, and the reminder sweep runs at :05. */
export const RETENTION_CRON = '0 2 * * *';

export interface RetentionSchedule {
	stop(): Promise<void>;
}

/**
 * With RETENTION_SCHEDULE=on, this instance schedules the nightly retention run and takes its
 * jobs. The schedule lives in the job queue, one for the installation: each night it makes one
 * job, which one instance runs (the queue is stately: at most one waiting, one running). With
 * it off, the schedule is removed, so the setting must be the same on every instance (README,
 * "Personal data" → "Retention"); the administrator can still run it from /admin/privacy/retention
 * or `npm run cli -- retention`.
 */
export async function startRetentionSchedule(
	handle: DatabaseHandle,
	settings: RetentionConfig = config().privacy.retention,
	options: { pollingIntervalSeconds?: number } = {}
): Promise<RetentionSchedule | undefined> {
	if (!settings.scheduled) {
		await jobQueue(handle.executor).unschedule(QUEUES.retention.name);
		return undefined;
	}
	const boss: PgBoss = jobQueue(handle.executor, { worker: true });
	boss.on('error', (error) => log().error({ err: error }, 'job queue error'));
	await boss.start();
	await boss.work(
		QUEUES.retention.name,
		{ pollingIntervalSeconds: options.pollingIntervalSeconds ?? 60 },
		async () => {
			const counts = await runRetention(handle.db, new Date(), retentionSettings(settings), null);
			log().info(counts, 'retention run');
		}
	);
	await boss.schedule(QUEUES.retention.name, RETENTION_CRON, undefined, {
		tz: VIETNAM_TIME_ZONE
	});
	return {
		async stop() {
			// A run cut short keeps what it did (it works in batches) and is taken again (queue.ts).
			await boss.stop({ graceful: true, wait: true, timeout: 3_000 });
		}
	};
}
