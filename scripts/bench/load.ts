// Runs one scenario under load with autocannon, after the server has finished the previous one's
// queued requests and after timing the scenario alone. Every response time of the measured part is
// kept to compute the percentiles (autocannon's own table has no p95).
import autocannon from 'autocannon';
import type { AlongsideResult } from './class-import';
import type { LedgerCheck } from './quiz-ledger';
import type { RunningServer } from './server';
import { runOnce } from './counts';
import type { FlowContext, Scenario } from './scenarios';

export interface LoadSettings {
	connections: number;
	duration: number;
	warmup: number;
}

/** How many times a scenario runs alone (one request at a time) for its unloaded time. */
const ALONE_RUNS = 3;
/** Seconds of load at most while waiting for other work (runLoad's `until`). */
const UNTIL_AT_MOST = 900;

export interface LoadResult {
	scenario: string;
	requests: number;
	seconds: number;
	requestsPerSecond: number;
	/** Completed flows per second, for scenarios with a unit (quiz submissions). */
	unitsPerSecond?: number;
	unit?: string;
	latencyMs: { p50: number; p95: number; p99: number; max: number };
	/** Unexpected statuses (non-2xx, or not what a flow step expects), connection errors, timeouts. */
	errors: number;
	timeouts: number;
	/** Statuses of the whole run, warm-up included. */
	statuses: Record<string, number>;
	/** Connection errors of the measured part, by message. */
	errorKinds: Record<string, number>;
	peakMemoryMiB: number;
	/** Median time of one request (or one whole flow) with nothing else running. */
	aloneMs: number;
	/** Seconds waited for the previous scenario's queued requests, and whether the server restarted. */
	settled: { seconds: number; restarted: boolean };
	/** A burst's records (burst.ts): found on the server after the wave, against those expected. */
	records?: { expected: number; found: number };
	/** The load before and during work alongside it (class-import.ts). */
	alongside?: AlongsideResult;
	/** Quiz flows: attempts lost or doubled, from the database after the run (quiz-ledger.ts). */
	ledger?: LedgerCheck;
}

export function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return 0;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

/** What the measured part of a run saw (responses before the warm-up's end are not counted). */
interface Tally {
	measuring: boolean;
	responses: number;
	non2xx: number;
	unexpected: number;
	errors: number;
	timeouts: number;
	completed: number;
	times: number[];
	/** Connection errors by message. */
	kinds: Record<string, number>;
}

type Requests = NonNullable<autocannon.Options['requests']>;

function requestsOf(scenario: Scenario, tally: Tally): Requests {
	const last = scenario.steps.length - 1;
	return scenario.steps.map((step, index) => ({
		setupRequest: (request, context) => {
			const made = step.request(context as FlowContext);
			return made ? { ...request, ...made } : (undefined as unknown as typeof request);
		},
		// Only for flows: autocannon keeps response bodies only for steps with onResponse.
		...(scenario.steps.length > 1
			? {
					onResponse: (status: number, body: string, context: unknown, headers?: unknown) => {
						const flow = context as FlowContext;
						if (!step.expect.includes(status)) {
							if (tally.measuring) tally.unexpected++;
							// The rest of this flow cannot go on: the next request starts another.
							for (const key of Object.keys(flow)) delete flow[key];
							return;
						}
						step.read?.((headers ?? {}) as Record<string, string>, body, flow);
						if (index === last && tally.measuring) tally.completed++;
					}
				}
			: {})
	}));
}

/**
 * One autocannon run of warm-up plus measurement: a separate warm-up run would leave its last
 * requests (one per connection) queued on the server, eating into the measured seconds.
 */
export async function runLoad(
	scenario: Scenario,
	server: RunningServer,
	settings: LoadSettings,
	settleSeconds: number,
	/**
	 * Load for as long as this work lasts instead (class-import.ts): no settling, no time alone, no
	 * warm-up; the load stops when the work ends.
	 */
	until?: Promise<unknown>
): Promise<LoadResult> {
	const settled = until ? { seconds: 0, restarted: false } : await server.settle(settleSeconds);
	const alone: number[] = [];
	for (let i = 0; i < (until ? 0 : ALONE_RUNS); i++)
		alone.push((await runOnce(server.origin, scenario)).reduce((sum, step) => sum + step.ms, 0));
	if (until) settings = { ...settings, warmup: 0, duration: UNTIL_AT_MOST };

	const tally: Tally = {
		measuring: settings.warmup === 0,
		...{ responses: 0, non2xx: 0, unexpected: 0, errors: 0, timeouts: 0, completed: 0 },
		times: [],
		kinds: {}
	};
	let measuredFrom = performance.now();
	if (tally.measuring) server.resetPeak();
	const warm = setTimeout(() => {
		tally.measuring = true;
		measuredFrom = performance.now();
		server.resetPeak();
	}, settings.warmup * 1000);
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{
				url: server.origin,
				connections: settings.connections,
				duration: settings.warmup + settings.duration,
				timeout: 30,
				requests: requestsOf(scenario, tally)
			},
			(error, done) => (error ? reject(error) : resolve(done))
		);
		void until?.finally(() => instance.stop());
		instance.on('response', (_client, status, _bytes, ms) => {
			if (!tally.measuring) return;
			tally.responses++;
			tally.times.push(ms);
			if (status < 200 || status > 299) tally.non2xx++;
		});
		instance.on('reqError', (error: Error) => {
			if (!tally.measuring) return;
			tally.errors++;
			tally.kinds[error.message] = (tally.kinds[error.message] ?? 0) + 1;
			if (error.message === 'request timed out') tally.timeouts++;
		});
	});
	clearTimeout(warm);
	const seconds = (performance.now() - measuredFrom) / 1000;
	const sorted = Float64Array.from(tally.times).sort();
	const flow = scenario.steps.length > 1;
	const statuses: Record<string, number> = {};
	for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {}))
		statuses[code] = count ?? 0;
	return {
		scenario: scenario.name,
		requests: tally.responses,
		seconds,
		requestsPerSecond: tally.responses / seconds,
		...(scenario.unit ? { unit: scenario.unit, unitsPerSecond: tally.completed / seconds } : {}),
		latencyMs: {
			p50: percentile(sorted, 50),
			p95: percentile(sorted, 95),
			p99: percentile(sorted, 99),
			max: sorted.length ? sorted[sorted.length - 1] : 0
		},
		// Flows expect redirects, so their errors are the statuses no step expected.
		errors: (flow ? tally.unexpected : tally.non2xx) + tally.errors,
		timeouts: tally.timeouts,
		statuses,
		errorKinds: tally.kinds,
		peakMemoryMiB: server.peakMiB(),
		aloneMs: alone.length ? alone.sort((a, b) => a - b)[Math.floor(alone.length / 2)] : 0,
		settled
	};
}
