// The bench's command line: flags win over BENCH_* variables, which win over the defaults.

export type EngineChoice = 'pglite' | 'postgres';

/** How much data a seed writes. The brief's defaults are the platform's expected size. */
export interface SeedScale {
	organisations: number;
	cohorts: number;
	learners: number;
	/** Members of the one cohort that has all ten courses assigned (the matrix scenario). */
	matrixLearners: number;
	progress: number;
	attempts: number;
	certificates: number;
}

export interface BenchOptions {
	quick: boolean;
	/** Seconds of measurement per scenario, and of warm-up before it. */
	duration: number;
	warmup: number;
	connections: number;
	scale: SeedScale;
	/** Engines to run; PostgreSQL only when a server answers. */
	engines: EngineChoice[] | 'auto';
	/** Scenario names to run (all when empty). */
	only: string[];
	/** Skip the two-scale query counts. */
	skipCounts: boolean;
	/** Leave the full-scale database in place, to look into it afterwards. */
	keep: boolean;
	/** First port; the server, the bare node:http ceiling and the count servers take the next ones. */
	port: number;
	databaseUrl: string | undefined;
}

export const DEFAULT_SCALE: SeedScale = {
	organisations: 100,
	cohorts: 300,
	learners: 10_000,
	matrixLearners: 500,
	progress: 200_000,
	attempts: 50_000,
	certificates: 5_000
};

export const HELP = `npm run bench -- [options]

  --quick               3 s per scenario after a 1 s warm-up, a fifth of the data (a smoke run)
  --duration <s>        seconds measured per scenario (BENCH_DURATION, default 20)
  --warmup <s>          seconds of warm-up before each (BENCH_WARMUP, default 5)
  --connections <n>     concurrent connections (BENCH_CONNECTIONS, default 50)
  --scale <x>           multiply learners, progress, attempts and certificates
                        (BENCH_SCALE; 1, or 0.2 with --quick)
  --learners <n> --progress <n> --attempts <n> --certificates <n>
  --organisations <n> --cohorts <n> --matrix-learners <n>
  --engine <pglite|postgres|both>   default: PGlite, and PostgreSQL when one answers
  --only <a,b,…>        run only these scenarios (names as in the table)
  --skip-counts         do not compare query counts at two scales
  --keep                leave the full-scale database(s) in place and say where
  --port <n>            first port to use (default 4400; 4173 belongs to the tests)

PostgreSQL: BENCH_DATABASE_URL (a server where databases may be created), else
postgres://postgres@127.0.0.1:5432/postgres when it answers.`;

export class UsageError extends Error {}

function positive(name: string, raw: string | undefined, integer = true): number {
	const value = Number(raw);
	if (!raw || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
		throw new UsageError(
			`${name} must be a positive ${integer ? 'whole ' : ''}number (got "${raw}").`
		);
	return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
	const flags = new Map<string, string>();
	const switches = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return 'help';
		if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
		const [name, inline] = arg.slice(2).split('=', 2);
		if (['quick', 'skip-counts', 'keep'].includes(name)) switches.add(name);
		else if (inline !== undefined) flags.set(name, inline);
		else if (i + 1 < argv.length) flags.set(name, argv[++i]);
		else throw new UsageError(`--${name} needs a value.`);
	}
	const known = [
		...['duration', 'warmup', 'connections', 'scale', 'learners', 'progress', 'attempts'],
		...['certificates', 'organisations', 'cohorts', 'matrix-learners', 'engine', 'only', 'port']
	];
	for (const name of flags.keys())
		if (!known.includes(name)) throw new UsageError(`Unknown option --${name}.`);

	const quick = switches.has('quick');
	const pick = (flag: string, variable: string, fallback: number, integer = true) => {
		const raw = flags.get(flag) ?? env[variable];
		return raw === undefined ? fallback : positive(`--${flag}`, raw, integer);
	};
	// A smoke run seeds a fifth of the data, so both engines fit in about three minutes.
	const factor = pick('scale', 'BENCH_SCALE', quick ? 0.2 : 1, false);
	const scaled = (n: number) => Math.max(1, Math.round(n * factor));
	const learners = pick('learners', 'BENCH_LEARNERS', scaled(DEFAULT_SCALE.learners));
	const scale: SeedScale = {
		organisations: pick('organisations', 'BENCH_ORGANISATIONS', DEFAULT_SCALE.organisations),
		cohorts: pick('cohorts', 'BENCH_COHORTS', DEFAULT_SCALE.cohorts),
		learners,
		matrixLearners: pick(
			'matrix-learners',
			'BENCH_MATRIX_LEARNERS',
			Math.min(DEFAULT_SCALE.matrixLearners, Math.floor(learners / 20) || 1)
		),
		progress: pick('progress', 'BENCH_PROGRESS', scaled(DEFAULT_SCALE.progress)),
		attempts: pick('attempts', 'BENCH_ATTEMPTS', scaled(DEFAULT_SCALE.attempts)),
		certificates: pick('certificates', 'BENCH_CERTIFICATES', scaled(DEFAULT_SCALE.certificates))
	};
	if (scale.cohorts < 2) throw new UsageError('--cohorts must be at least 2.');
	if (scale.matrixLearners >= scale.learners)
		throw new UsageError('--matrix-learners must be fewer than --learners.');

	const engine = flags.get('engine') ?? env.BENCH_ENGINE ?? 'auto';
	if (!['pglite', 'postgres', 'both', 'auto'].includes(engine))
		throw new UsageError(`--engine must be pglite, postgres or both (got "${engine}").`);
	const port = pick('port', 'BENCH_PORT', 4400);
	if (port > 65_000) throw new UsageError('--port must leave room for ten ports below 65535.');
	if (port <= 4173 && port + 9 >= 4173)
		throw new UsageError('Ports near 4173 belong to the tests.');
	return {
		quick,
		duration: pick('duration', 'BENCH_DURATION', quick ? 3 : 20),
		warmup: pick('warmup', 'BENCH_WARMUP', quick ? 1 : 5),
		connections: pick('connections', 'BENCH_CONNECTIONS', 50),
		scale,
		engines:
			engine === 'auto'
				? 'auto'
				: engine === 'both'
					? ['pglite', 'postgres']
					: [engine as EngineChoice],
		only: (flags.get('only') ?? env.BENCH_ONLY ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		skipCounts: switches.has('skip-counts'),
		keep: switches.has('keep'),
		port,
		databaseUrl: env.BENCH_DATABASE_URL?.trim() || undefined
	};
}

/** The ×1 scale of the query-count comparison: a tenth of the benchmark's learners and activity. */
export function tenth(scale: SeedScale): SeedScale {
	const part = (n: number) => Math.max(1, Math.round(n / 10));
	return {
		...scale,
		learners: part(scale.learners),
		matrixLearners: part(scale.matrixLearners),
		progress: part(scale.progress),
		attempts: part(scale.attempts),
		certificates: part(scale.certificates)
	};
}
