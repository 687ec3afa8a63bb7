// `npm run bench`: measures the platform against two ceilings, on PGlite and (when one answers) on
// PostgreSQL.
//
//   npm run bench                       full run: 20 s per scenario at 50 connections, full data
//   npm run bench -- --quick            smoke run: 3 s per scenario, a fifth of the data (~3 min)
//   npm run bench -- --only lesson,verify --engine pglite --duration 10
//   npm run bench -- --keep             leave the full-scale databases to look into afterwards
//   npm run bench -- --help             every option (BENCH_* variables work too)
//
// For each engine: a fresh database (a PGlite directory in a temporary folder, or a database
// sachhon_bench_<random> created with BENCH_DATABASE_URL or on postgres://postgres@127.0.0.1:5432
// and dropped at the end) is migrated and synced with the courses by the built server itself, then
// seeded in bulk (scripts/bench/seed*.ts). Query counts per request are compared between a tenth of
// the data and all of it (BENCH_COUNT_QUERIES=1 makes the server send x-query-count); then the
// server is started plainly (`node build`, LOG_LEVEL=warn, ports 4400+) and every scenario runs
// with autocannon, next to a bare node:http server returning the lesson page's bytes and a
// SvelteKit route doing no database work (/bench/ceiling, served only under BENCH_CEILING=1).
// The last scenario imports a class of 2,000 (a manager's CSV) while learners read the lesson page,
// and compares the lesson's p95 with and without it (class-import.ts). Prints a table per engine,
// then issue 20's table with both engines side by side (goals.ts): each scenario's rate and p95 as a
// ratio to its own engine's SvelteKit ceiling, its goal, met or missed. Writes
// bench/results/<timestamp>-<engine>.json and <timestamp>-summary.json (not committed).
// Exits 1 when a query count differs between the two scales (an N+1 to find), 0 otherwise. The
// numbers are only comparable on one machine, against the ceilings measured in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAssets } from './assets';
import { runBurst } from './burst';
import { prepareCourses, type CourseFolder } from './courses';
import { compareCounts, countQueries, type CountComparison, type StepCount } from './counts';
import { createDatabase, findPostgres, type BenchDatabase } from './engines';
import { runLoad, type LoadResult } from './load';
import {
	HELP,
	parseOptions,
	tenth,
	UsageError,
	type BenchOptions,
	type EngineChoice
} from './options';
import { runAlongside } from './class-import';
import { missedLines, judge, sideBySide } from './goals';
import { checkLedger } from './quiz-ledger';
import { CEILINGS, machine, printReport, writeResults, type EngineReport } from './report';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { IMPORT_ROWS, scenarios, type Scenario } from './scenarios';
import { ADMIN, seed, type Seeded } from './seed';
import {
	ensureBuild,
	serverOrigin,
	startBareServer,
	startServer,
	type RunningServer
} from './server';

const cleanups: (() => Promise<void> | void)[] = [];

/** Runs `work`, then `undo` — also when the run is interrupted (Ctrl-C) or fails. */
async function using<T>(undo: () => Promise<void> | void, work: () => Promise<T>): Promise<T> {
	cleanups.push(undo);
	try {
		return await work();
	} finally {
		cleanups.splice(cleanups.lastIndexOf(undo), 1);
		await undo();
	}
}

const say = (text: string) =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

/** The scenarios --only names; under load the ceilings always, every ratio being to them. */
function selected(list: Scenario[], only: string[]): Scenario[] {
	if (only.length === 0) return list;
	return list.filter(
		(s) =>
			s.target === 'bare' ||
			s.name === CEILINGS.kit ||
			only.some((name) => s.name === name || s.name.startsWith(name))
	);
}

async function withServer<T>(
	options: BenchOptions,
	database: BenchDatabase,
	folder: CourseFolder,
	extra: Record<string, string>,
	work: (server: RunningServer) => Promise<T>,
	/** The database is dropped next: no need to let the server finish what is queued. */
	discard = false
): Promise<T> {
	const server = await startServer({
		port: options.port,
		database,
		coursesDir: folder.dir,
		admin: ADMIN,
		extra
	});
	return using(
		() => server.stop(discard),
		() => work(server)
	);
}

async function seedAt(
	database: BenchDatabase,
	options: BenchOptions,
	folder: CourseFolder,
	small: boolean
): Promise<Seeded> {
	const result = await seed(
		database,
		small ? tenth(options.scale) : options.scale,
		folder,
		serverOrigin(options.port)
	);
	const tables = Object.entries(result.counts).map(([table, n]) => `${table} ${n}`);
	say(
		`${database.engine}: seeded ${small ? '×1' : '×10'} in ${result.seconds.toFixed(1)} s (${tables.join(', ')})`
	);
	return result;
}

const COUNTING = { BENCH_COUNT_QUERIES: '1' };

async function benchEngine(
	engine: EngineChoice,
	options: BenchOptions,
	folder: CourseFolder,
	adminUrl: string | undefined
): Promise<EngineReport> {
	say(`${engine}: a fresh database; the server applies the migrations and syncs the courses`);
	const database = await createDatabase(engine, adminUrl);
	const drop = async () => {
		if (!options.keep) return database.drop();
		const where =
			'DATA_DIR' in database.env
				? `DATA_DIR=${database.env.DATA_DIR}`
				: `DATABASE_URL=${database.env.DATABASE_URL}`;
		say(`${engine}: kept the database: ${where} (courses in ${folder.dir} are removed)`);
	};
	return using(drop, async () => {
		await withServer(options, database, folder, {}, async () => undefined);
		let small: StepCount[] = [];
		if (!options.skipCounts) {
			const copy = await database.clone();
			small = await using(
				() => copy.drop(),
				async () => {
					const data = await seedAt(copy, options, folder, true);
					return withServer(options, copy, folder, COUNTING, (server) =>
						countQueries(
							server.origin,
							selected(scenarios(data, server.origin, 'count'), options.only)
						)
					);
				}
			);
		}
		const data = await seedAt(database, options, folder, false);
		let counts: CountComparison[] = [];
		if (!options.skipCounts) {
			const large = await withServer(options, database, folder, COUNTING, (server) =>
				countQueries(server.origin, selected(scenarios(data, server.origin, 'count'), options.only))
			);
			counts = compareCounts(small, large);
		}
		const measured = await measure(engine, options, database, folder, data);
		const { counts: rows, seconds, phases, scale } = data;
		return { engine, seed: { counts: rows, seconds, phases, scale }, counts, ...measured };
	});
}

/** The server with the ceiling route on, the bare node:http ceiling beside it, every scenario. */
async function measure(
	engine: EngineChoice,
	options: BenchOptions,
	database: BenchDatabase,
	folder: CourseFolder,
	data: Seeded
) {
	const scratch = mkdtempSync(join(tmpdir(), 'sachhon-bench-ceiling-'));
	const lessonFile = join(scratch, 'lesson.html');
	const ceiling = { BENCH_CEILING: '1', BENCH_CEILING_FILE: lessonFile };
	const onServer = async (server: RunningServer) => {
		// The signed-in lesson page's bytes, fetched once, are what both ceilings serve.
		const reader = { cookie: `${SESSION_COOKIE}=${data.tokens.readers[0]}` };
		const lesson = await fetch(server.origin + data.lessonPath, { headers: reader });
		if (!lesson.ok) throw new Error(`The lesson page answered ${lesson.status}.`);
		writeFileSync(lessonFile, new Uint8Array(await lesson.arrayBuffer()));
		const assets = await measureAssets(server, data);
		const bare = await startBareServer(options.port + 1, lessonFile);
		const run = await using(
			() => bare.stop(),
			() => runScenarios(engine, options, data, server, bare)
		);
		const warnings = server
			.output()
			.split('\n')
			.filter((line) => line.trim() && !line.startsWith('Listening on'))
			.join('\n');
		if (warnings) say(`${engine}: the server logged:\n${warnings.slice(-4000)}`);
		return { assets, ...run };
	};
	const { assets, results, ledgers } = await using(
		() => rmSync(scratch, { recursive: true, force: true }),
		// Stopped gracefully: the quiz flows' attempts are read from the database next.
		() => withServer(options, database, folder, ceiling, onServer)
	);
	for (const { result, ledger } of ledgers) {
		result.ledger = await checkLedger(ledger, database);
		const l = result.ledger;
		say(
			`${engine}: ${result.scenario}: ${l.startsAnswered} of ${l.startsSent} starts answered, ` +
				`${l.submitsAnswered} submits; ${l.inDatabase} attempts stored, ${l.lost} lost, ${l.doubled} doubled`
		);
	}
	return { assets, results };
}

async function runScenarios(
	engine: EngineChoice,
	options: BenchOptions,
	data: Seeded,
	server: RunningServer,
	bare: RunningServer
) {
	const results: LoadResult[] = [];
	const ledgers: { result: LoadResult; ledger: NonNullable<Scenario['ledger']> }[] = [];
	// A smoke run imports a fifth of the class, as it seeds a fifth of the data.
	const importRows = options.quick ? IMPORT_ROWS / 5 : IMPORT_ROWS;
	for (const scenario of selected(
		scenarios(data, server.origin, 'load', importRows),
		options.only
	)) {
		say(`${engine}: ${scenario.name}`);
		const target = scenario.target === 'bare' ? bare : server;
		// Waiting out a backlog is fairer than restarting; a smoke run has no time for it.
		const settle = options.quick ? 4 : 60;
		const result = scenario.burst
			? await runBurst(scenario, target, settle, options.quick)
			: scenario.alongside
				? await runAlongside(scenario, target, options, settle)
				: await runLoad(scenario, target, options, settle);
		results.push(result);
		if (scenario.ledger) ledgers.push({ result, ledger: scenario.ledger });
	}
	return { results, ledgers };
}

async function main(): Promise<number> {
	let options;
	try {
		options = parseOptions(process.argv.slice(2), process.env);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n\n${HELP}`);
		return 2;
	}
	if (options === 'help') {
		console.log(HELP);
		return 0;
	}
	const startedAt = new Date();
	const host = machine();
	ensureBuild();
	const adminUrl = await findPostgres(options.databaseUrl);
	const engines: EngineChoice[] =
		options.engines === 'auto' ? (adminUrl ? ['pglite', 'postgres'] : ['pglite']) : options.engines;
	if (engines.includes('postgres') && !adminUrl) throw new Error('No PostgreSQL answers.');
	if (!adminUrl) say('No PostgreSQL answers: PGlite only.');
	const folder = prepareCourses();
	const reports = await using(
		() => folder.remove(),
		async () => {
			const out: EngineReport[] = [];
			for (const engine of engines) {
				const report = await benchEngine(engine, options, folder, adminUrl);
				const file = writeResults(engine, startedAt, {
					machine: host,
					options: { ...options, databaseUrl: undefined },
					...report
				});
				printReport(report, options, host);
				say(`${engine}: results in ${file}`);
				out.push(report);
			}
			return out;
		}
	);
	const runs = reports.map(({ engine, results }) => ({ engine, results }));
	console.log(
		`\n=== Issue 20's table, both engines: req/s, p95 and req/s ÷ the same engine's SvelteKit` +
			` ceiling (measured in this run); every goal also asks for no error\n`
	);
	console.log(sideBySide(runs));
	const missed = missedLines(runs);
	console.log(missed.length ? `\nMissed:\n  ${missed.join('\n  ')}` : '\nEvery goal is met.');
	const summary = writeResults('summary', startedAt, {
		machine: host,
		options: { ...options, databaseUrl: undefined },
		verdicts: runs.flatMap((run) => judge(run.engine, run.results))
	});
	say(`the table's verdicts in ${summary}`);
	say(`done in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);
	return reports.some((r) => r.counts.some((c) => !c.equal)) ? 1 : 0;
}

process.once('SIGINT', () => {
	say('interrupted: stopping servers and dropping databases');
	cleanUp().finally(() => process.exit(130));
});

async function cleanUp() {
	while (cleanups.length) await cleanups.pop()!();
}

main().then(
	(code) => (process.exitCode = code),
	async (error: unknown) => {
		console.error(error);
		await cleanUp();
		process.exitCode = 1;
	}
);
