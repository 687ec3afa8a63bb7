// Tables on the terminal and JSON under bench/results/ (not committed; .gitignore has /bench/results).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import type { PageAssets } from './assets';
import type { CountComparison } from './counts';
import type { LoadResult } from './load';
import { tenth, type BenchOptions, type EngineChoice } from './options';
import type { Seeded } from './seed';

export interface Machine {
	os: string;
	cpu: string;
	cores: number;
	memoryGiB: number;
	node: string;
}

export interface EngineReport {
	engine: EngineChoice;
	seed: Pick<Seeded, 'counts' | 'seconds' | 'phases' | 'scale'>;
	counts: CountComparison[];
	assets: PageAssets[];
	results: LoadResult[];
}

export function machine(): Machine {
	const list = cpus();
	return {
		os: `${osType()} ${release()}`,
		cpu: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		node: process.version
	};
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], body: (string | number)[][]): string {
	const cells = [header, ...body.map((row) => row.map(String))];
	const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
	const line = (row: string[]) =>
		row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	return [
		line(header),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...cells.slice(1).map(line)
	].join('\n');
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export const CEILINGS = { bare: 'ceiling: node:http', kit: 'ceiling: SvelteKit' } as const;

export function loadTable(results: LoadResult[]): string {
	const rate = (name: string) => results.find((r) => r.scenario === name)?.requestsPerSecond;
	const bare = rate(CEILINGS.bare);
	const kit = rate(CEILINGS.kit);
	const ratio = (value: number, ceiling: number | undefined) =>
		ceiling ? fixed(value / ceiling, 3) : '—';
	return table(
		[
			...['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak MiB'],
			...['÷node:http', '÷SvelteKit', 'alone ms', 'note']
		],
		results.map((r) => {
			const answered = r.requests > 0;
			const ms = (n: number) => (answered ? fixed(n) : '—');
			const notes = [
				r.unit ? `${fixed(r.unitsPerSecond ?? 0, 1)} ${r.unit}/s` : '',
				answered ? '' : `no answer within ${fixed(r.seconds, 0)} s`,
				r.settled.restarted ? 'server restarted before (backlog)' : '',
				r.records ? `${r.records.found} of ${r.records.expected} recorded` : '',
				r.alongside
					? `${r.alongside.label}: ${r.alongside.detail} in ${fixed(r.alongside.seconds, 0)} s; ` +
						`p95 ${fixed(r.alongside.alone.p95, 0)} ms before, ${fixed(r.alongside.during.p95, 0)} during` +
						` (×${fixed(r.alongside.p95Ratio, 2)})`
					: '',
				r.ledger ? `attempts: ${r.ledger.lost} lost, ${r.ledger.doubled} doubled` : '',
				...Object.entries(r.errorKinds).map(([kind, n]) => `${n}× ${kind}`)
			];
			return [
				r.scenario,
				fixed(r.requestsPerSecond),
				ms(r.latencyMs.p50),
				ms(r.latencyMs.p95),
				ms(r.latencyMs.p99),
				r.errors + (r.timeouts ? ` (${r.timeouts} timeouts)` : ''),
				fixed(r.peakMemoryMiB, 0),
				ratio(r.requestsPerSecond, bare),
				ratio(r.requestsPerSecond, kit),
				fixed(r.aloneMs),
				notes.filter(Boolean).join('; ')
			];
		})
	);
}

export function countTable(rows: CountComparison[], scales: [string, string]): string {
	return table(
		['scenario', 'step', `queries ${scales[0]}`, `queries ${scales[1]}`, 'statuses', 'same'],
		rows.map((r) => [
			r.scenario,
			r.step.length > 48 ? `${r.step.slice(0, 45)}…` : r.step,
			r.small ?? '—',
			r.large ?? '—',
			r.statuses.join('/'),
			r.equal ? 'yes' : 'NO'
		])
	);
}

export function assetTable(pages: PageAssets[]): string {
	const kb = (n: number) => fixed(n / 1024, 1);
	return table(
		[
			...['page (KiB; gzip unless raw)', 'html raw', 'html', 'js files', 'js', 'inline js'],
			...['css files', 'css', 'inline css', 'js+css']
		],
		pages.map((p) => [
			p.page,
			kb(p.html),
			kb(p.htmlGzip),
			p.jsFiles,
			kb(p.jsGzip),
			kb(p.inlineJsGzip),
			p.cssFiles,
			kb(p.cssGzip),
			kb(p.inlineCssGzip),
			kb(p.jsGzip + p.inlineJsGzip + p.cssGzip + p.inlineCssGzip)
		])
	);
}

/** bench/results/<timestamp>-<engine>.json; returns its path. */
export function writeResults(
	engine: string,
	startedAt: Date,
	data: Record<string, unknown>
): string {
	const dir = join('bench', 'results');
	mkdirSync(dir, { recursive: true });
	const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
	const file = join(dir, `${stamp}-${engine}.json`);
	writeFileSync(
		file,
		JSON.stringify({ engine, startedAt: startedAt.toISOString(), ...data }, null, '\t') + '\n'
	);
	return file;
}

export function printReport(report: EngineReport, options: BenchOptions, host: Machine) {
	const s = report.seed.scale;
	console.log(
		`\n=== ${report.engine} — ${host.cpu} ×${host.cores}, ${host.memoryGiB} GiB, Node ${host.node}` +
			`\n    ${options.connections} connections, ${options.warmup} s warm-up, ${options.duration} s per scenario;` +
			` ${s.learners} learners, ${report.seed.counts.lesson_progress} progress rows,` +
			` ${report.seed.counts.quiz_attempts} attempts, ${report.seed.counts.certificates} certificates\n`
	);
	console.log(loadTable(report.results));
	if (report.counts.length) {
		console.log(
			`\nQueries per request (×1 = ${tenth(s).learners} learners, ×10 = ${s.learners}):\n`
		);
		console.log(countTable(report.counts, ['×1', '×10']));
		const differing = report.counts.filter((c) => !c.equal);
		console.log(
			differing.length
				? `\nQUERY COUNTS DIFFER between scales: ${differing.map((c) => `${c.scenario} (${c.step}: ${c.small} → ${c.large})`).join('; ')}`
				: '\nEvery query count is the same at both scales.'
		);
	}
	console.log(`\nJavaScript and CSS shipped at load (gzip):\n\n${assetTable(report.assets)}`);
}
