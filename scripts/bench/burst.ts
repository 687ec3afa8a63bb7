// A wave of people, each doing a scenario's flow once, arriving at random within a few minutes:
// how a hall checks in, which autocannon's endless loop of connections does not model. Every
// request's time is kept; the confirmation each person sees is checked, and what the wave added
// to what the server holds (the attendance rows, as the trainer's screen lists them).
import { percentile, type LoadResult } from './load';
import type { FlowContext, Scenario } from './scenarios';
import type { RunningServer } from './server';

/** Arrival instants (ms from the start) of `people` within `seconds`, sorted: a seeded uniform draw. */
export function arrivals(people: number, seconds: number, seed = 16): number[] {
	let state = seed;
	const next = () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
	return Array.from({ length: people }, () => Math.floor(next() * seconds * 1000)).sort(
		(a, b) => a - b
	);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBurst(
	scenario: Scenario,
	server: RunningServer,
	settleSeconds: number,
	quick: boolean
): Promise<LoadResult> {
	const burst = scenario.burst;
	if (!burst) throw new Error(`${scenario.name} is not a burst.`);
	const settled = await server.settle(settleSeconds);
	const before = await burst.records(server.origin);
	server.resetPeak();
	const seconds = quick ? Math.min(burst.seconds, 15) : burst.seconds;
	const times: number[] = [];
	const confirmTimes: number[] = [];
	const statuses: Record<string, number> = {};
	const errorKinds: Record<string, number> = {};
	let errors = 0;
	let confirmed = 0;
	/** The first person's whole flow, before anyone else arrives: the time of one alone. */
	let firstFlowMs = 0;
	const last = scenario.steps.length - 1;
	const started = performance.now();

	async function person(at: number, index: number) {
		await sleep(Math.max(0, at - (performance.now() - started)));
		const flowStart = performance.now();
		const context: FlowContext = {};
		for (const step of scenario.steps) {
			const request = step.request(context);
			if (!request) return;
			const sent = performance.now();
			try {
				const response = await fetch(server.origin + request.path, {
					method: request.method,
					headers: request.headers,
					body: request.body,
					redirect: 'manual',
					signal: AbortSignal.timeout(30_000)
				});
				const body = await response.text();
				const ms = performance.now() - sent;
				times.push(ms);
				statuses[response.status] = (statuses[response.status] ?? 0) + 1;
				if (!step.expect.includes(response.status)) {
					errors++;
					return;
				}
				step.read?.(Object.fromEntries(response.headers), body, context);
				if (step === scenario.steps[last]) {
					if (index === 0) firstFlowMs = performance.now() - flowStart;
					confirmTimes.push(ms);
					if (burst!.confirmed(body)) confirmed++;
					else errorKinds['no confirmation'] = (errorKinds['no confirmation'] ?? 0) + 1;
				}
			} catch (error) {
				errors++;
				const kind = error instanceof Error ? error.message : String(error);
				errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
				return;
			}
		}
	}

	await Promise.all(arrivals(burst.people, seconds).map((at, i) => person(at, i)));
	const elapsed = (performance.now() - started) / 1000;
	const sorted = Float64Array.from(confirmTimes).sort();
	const records = {
		expected: burst.people,
		found: (await burst.records(server.origin)) - before
	};
	const missing = burst.people - confirmed;
	return {
		scenario: scenario.name,
		requests: times.length,
		seconds: elapsed,
		requestsPerSecond: times.length / elapsed,
		unit: 'people',
		unitsPerSecond: confirmed / elapsed,
		// The confirmation is what a person waits for: its times are the scenario's latency.
		latencyMs: {
			p50: percentile(sorted, 50),
			p95: percentile(sorted, 95),
			p99: percentile(sorted, 99),
			max: sorted.length ? sorted[sorted.length - 1] : 0
		},
		errors: errors + Math.max(0, missing - errors),
		timeouts: errorKinds['The operation was aborted due to timeout'] ?? 0,
		statuses,
		errorKinds: {
			...errorKinds,
			...(records.found !== records.expected
				? { [`${records.found} records, not ${records.expected}`]: 1 }
				: {})
		},
		peakMemoryMiB: server.peakMiB(),
		aloneMs: firstFlowMs,
		settled,
		records
	};
}
