import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm';

/**
 * `npm run bench` counts database queries per request to find N+1 patterns: with
 * BENCH_COUNT_QUERIES=1 every query made while a request is handled is counted and the total is sent
 * back as `x-query-count`. Off by default, and then nothing is installed: no logger, no handle.
 * Read here rather than in config.ts because it is a measuring switch, not a setting of the platform.
 */
export const countingQueries = process.env.BENCH_COUNT_QUERIES === '1';

const perRequest = new AsyncLocalStorage<{ queries: number }>();

/** Drizzle calls this for every query it sends, in the caller's async context (transactions too). */
export const queryCounter: Logger | undefined = countingQueries
	? {
			logQuery() {
				const counter = perRequest.getStore();
				if (counter) counter.queries++;
			}
		}
	: undefined;

/** Runs `work` (a request) with a fresh counter; queries outside any request are not counted. */
export function withQueryCount<T>(work: (counter: { queries: number }) => Promise<T>): Promise<T> {
	const counter = { queries: 0 };
	return perRequest.run(counter, () => work(counter));
}
