// The goals of issue 20, scenario by scenario, and the table that sets both engines side by side:
// per scenario its rate and p95 on each engine, as a ratio to that engine's SvelteKit ceiling
// measured in the same run, and whether the goal is met. Every goal also asks for no error.
import type { LoadResult } from './load';
import type { EngineChoice } from './options';
import { CEILINGS, table } from './report';

export interface GoalInput {
	result: LoadResult;
	/** The same engine's SvelteKit ceiling, from the same run. */
	ceiling: LoadResult | undefined;
	engine: EngineChoice;
}

export interface Goal {
	/** The scenario's name, or the start of it ("matrix" for "matrix 500×10"). */
	scenario: string;
	text: string;
	/** The figure the goal turns on, for the table ("p95 1.8× ceiling's"). */
	measure(input: GoalInput): string;
	/** Why the goal is missed; empty when it is met. */
	missed(input: GoalInput): string[];
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** Rate ÷ the engine's SvelteKit ceiling, or undefined without a ceiling. */
export function ceilingRatio({ result, ceiling }: GoalInput): number | undefined {
	return ceiling && ceiling.requestsPerSecond > 0
		? result.requestsPerSecond / ceiling.requestsPerSecond
		: undefined;
}

function atLeast(share: number | Record<EngineChoice, number>) {
	return (input: GoalInput): string[] => {
		const want = typeof share === 'number' ? share : share[input.engine];
		const ratio = ceilingRatio(input);
		if (ratio === undefined) return ['no SvelteKit ceiling in this run'];
		return ratio >= want ? [] : [`${f(ratio, 3)} of the ceiling, under ${f(want)}`];
	};
}

function noErrors({ result }: GoalInput): string[] {
	return result.errors === 0 && result.requests > 0
		? []
		: [result.requests > 0 ? `${result.errors} errors` : 'no answer'];
}

const LESSON_SHARE = { postgres: 0.5, pglite: 0.33 };

export const GOALS: Goal[] = [
	{
		scenario: 'lesson',
		text: '≥ 0.50 PG, ≥ 0.33 PGlite; p95 ≤ 2× ceiling’s',
		measure: ({ result, ceiling }) =>
			ceiling ? `p95 ${f(result.latencyMs.p95 / ceiling.latencyMs.p95, 1)}× ceiling’s` : '—',
		missed: (input) => {
			const out = atLeast(LESSON_SHARE)(input);
			const { result, ceiling } = input;
			if (ceiling && result.latencyMs.p95 > 2 * ceiling.latencyMs.p95)
				out.push(`p95 ${f(result.latencyMs.p95, 0)} ms > 2 × ${f(ceiling.latencyMs.p95, 0)} ms`);
			return out;
		}
	},
	{ scenario: 'catalogue', text: '≥ 0.50', measure: () => '', missed: atLeast(0.5) },
	{ scenario: 'dashboard', text: '≥ 0.40', measure: () => '', missed: atLeast(0.4) },
	{
		scenario: 'quiz flow',
		text: '≥ 0.35 per request; none lost or doubled',
		measure: ({ result }) =>
			result.ledger ? `lost ${result.ledger.lost}, doubled ${result.ledger.doubled}` : 'unchecked',
		missed: (input) => {
			const out = atLeast(0.35)(input);
			const ledger = input.result.ledger;
			if (!ledger) out.push('attempts not checked against the database');
			else if (ledger.lost || ledger.doubled)
				out.push(`${ledger.lost} attempts lost, ${ledger.doubled} doubled`);
			return out;
		}
	},
	{
		scenario: 'matrix',
		text: 'alone ≤ 50 ms; ≥ 100 req/s',
		measure: ({ result }) => `alone ${f(result.aloneMs, 0)} ms`,
		missed: ({ result }) => [
			...(result.aloneMs <= 50 ? [] : [`alone ${f(result.aloneMs, 0)} ms > 50`]),
			...(result.requestsPerSecond >= 100 ? [] : [`${f(result.requestsPerSecond, 0)} req/s < 100`])
		]
	},
	{
		scenario: 'report',
		text: 'alone ≤ 150 ms; no error at 50 connections',
		measure: ({ result }) => `alone ${f(result.aloneMs, 0)} ms`,
		missed: ({ result }) =>
			result.aloneMs <= 150 ? [] : [`alone ${f(result.aloneMs, 0)} ms > 150`]
	},
	{ scenario: 'certificate pdf', text: '≥ 0.50', measure: () => '', missed: atLeast(0.5) },
	{
		scenario: '150 check-ins',
		text: 'all 150 recorded within 2 min',
		measure: ({ result }) =>
			result.records ? `${result.records.found}/${result.records.expected} recorded` : '—',
		missed: ({ result }) =>
			result.records && result.records.found === result.records.expected
				? []
				: ['not every check-in recorded']
	},
	{
		scenario: 'class import',
		text: 'lesson p95 during ≤ 2× alone; all imported',
		measure: ({ result }) =>
			result.alongside
				? `p95 ${f(result.alongside.alone.p95, 0)}→${f(result.alongside.during.p95, 0)} ms, ${f(result.alongside.p95Ratio, 1)}×; import ${f(result.alongside.seconds, 0)} s`
				: '—',
		missed: ({ result }) => {
			const work = result.alongside;
			if (!work) return ['the import did not run'];
			return [
				...(work.p95Ratio <= 2 ? [] : [`lesson p95 ${f(work.p95Ratio, 1)}× alone's`]),
				...(work.ok ? [] : [work.detail]),
				...(work.alone.errors ? [`${work.alone.errors} errors before the import`] : [])
			];
		}
	}
];

export function goalOf(scenario: string): Goal | undefined {
	return GOALS.find((g) => scenario === g.scenario || scenario.startsWith(g.scenario));
}

export interface Verdict {
	scenario: string;
	engine: EngineChoice;
	goal: string;
	met: boolean;
	measure: string;
	/** Why it is missed (errors included). */
	reasons: string[];
}

/** Every scenario of one engine's run with a goal, judged. */
export function judge(engine: EngineChoice, results: LoadResult[]): Verdict[] {
	const ceiling = results.find((r) => r.scenario === CEILINGS.kit);
	return results.flatMap((result) => {
		const goal = goalOf(result.scenario);
		if (!goal) return [];
		const input = { result, ceiling, engine };
		const reasons = [...goal.missed(input), ...noErrors(input)];
		return [
			{
				scenario: result.scenario,
				engine,
				goal: goal.text,
				met: reasons.length === 0,
				measure: goal.measure(input),
				reasons
			}
		];
	});
}

const ENGINE_NAMES: Record<EngineChoice, string> = { postgres: 'PG', pglite: 'PGlite' };

/**
 * The table for every engine of the run, side by side (PostgreSQL first): rate, p95, rate
 * ÷ that engine's SvelteKit ceiling, the figure the goal turns on, met or missed; the goal last.
 */
type Run = { engine: EngineChoice; results: LoadResult[] };

/** PostgreSQL first, as the table. */
const inOrder = (runs: Run[]) =>
	[...runs].sort((a, b) => (a.engine === 'postgres' ? -1 : b.engine === 'postgres' ? 1 : 0));

export function sideBySide(runs: Run[]): string {
	const order = inOrder(runs);
	const names: string[] = [];
	for (const run of order)
		for (const r of run.results) if (!names.includes(r.scenario)) names.push(r.scenario);
	const verdicts = new Map(order.map((run) => [run.engine, judge(run.engine, run.results)]));
	const header = ['scenario'];
	for (const { engine } of order) {
		const e = ENGINE_NAMES[engine];
		header.push(`${e} req/s`, `${e} p95 ms`, `${e} ÷SvelteKit`, `${e} measure`, `${e} goal`);
	}
	header.push('goal');
	const body = names.map((name) => {
		const row: string[] = [name];
		for (const run of order) {
			const result = run.results.find((r) => r.scenario === name);
			const verdict = verdicts.get(run.engine)!.find((v) => v.scenario === name);
			if (!result) {
				row.push('—', '—', '—', '', '');
				continue;
			}
			const ceiling = run.results.find((r) => r.scenario === CEILINGS.kit);
			const ratio = ceilingRatio({ result, ceiling, engine: run.engine });
			const answered = result.requests > 0;
			row.push(
				f(result.requestsPerSecond, 0),
				answered ? f(result.latencyMs.p95, 0) : '—',
				ratio === undefined ? '—' : f(ratio, 3),
				verdict?.measure ?? '',
				verdict ? (verdict.met ? 'met' : 'MISSED') : ''
			);
		}
		row.push(goalOf(name)?.text ?? (name.startsWith('ceiling') ? 'reference' : '— (no goal)'));
		return row;
	});
	return table(header, body);
}

/** The misses, one line each, under the table. */
export function missedLines(runs: Run[]): string[] {
	return inOrder(runs).flatMap((run) =>
		judge(run.engine, run.results)
			.filter((v) => !v.met)
			.map((v) => `${ENGINE_NAMES[v.engine]} ${v.scenario}: ${v.reasons.join('; ')}`)
	);
}
