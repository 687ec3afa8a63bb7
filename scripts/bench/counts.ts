// A scenario's steps run once, in order, with fetch: for query counts (against a server started
// with BENCH_COUNT_QUERIES=1, which sends `x-query-count`) and for the time one request takes when
// nothing else is running. Counts are compared at two scales: one that grows with the data is an
// N+1 (or a loop of queries) to find.
import type { FlowContext, Scenario } from './scenarios';

export interface StepCount {
	scenario: string;
	step: string;
	status: number;
	/** Null when the response carried no count (the server does not count, or the step was skipped). */
	queries: number | null;
	ms: number;
}

export async function runOnce(origin: string, scenario: Scenario): Promise<StepCount[]> {
	const out: StepCount[] = [];
	const context: FlowContext = {};
	for (const step of scenario.steps) {
		const request = step.request(context);
		if (!request) {
			out.push({ scenario: scenario.name, step: step.label, status: 0, queries: null, ms: 0 });
			continue;
		}
		const sent = performance.now();
		const response = await fetch(origin + request.path, {
			method: request.method,
			headers: request.headers,
			body: request.body,
			redirect: 'manual'
		});
		const body = await response.text();
		const ms = performance.now() - sent;
		if (step.expect.includes(response.status))
			step.read?.(Object.fromEntries(response.headers), body, context);
		const header = response.headers.get('x-query-count');
		out.push({
			scenario: scenario.name,
			step: step.label,
			status: response.status,
			queries: header === null ? null : Number(header),
			ms
		});
	}
	return out;
}

/** Every counted scenario once (the ceilings do no database work by construction). */
export async function countQueries(origin: string, list: Scenario[]): Promise<StepCount[]> {
	const out: StepCount[] = [];
	for (const scenario of list) if (scenario.counted) out.push(...(await runOnce(origin, scenario)));
	return out;
}

export interface CountComparison {
	scenario: string;
	step: string;
	small: number | null;
	large: number | null;
	statuses: [number, number];
	equal: boolean;
}

/** Pairs the counts of the two scales step by step (the matrix's name says its size). */
export function compareCounts(small: StepCount[], large: StepCount[]): CountComparison[] {
	return small.map((s, i) => {
		const l = large[i];
		return {
			scenario: l?.scenario ?? s.scenario,
			step: s.step,
			small: s.queries,
			large: l?.queries ?? null,
			statuses: [s.status, l?.status ?? 0],
			equal: s.queries !== null && s.queries === l?.queries
		};
	});
}
