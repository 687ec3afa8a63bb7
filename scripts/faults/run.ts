// `npm run test:faults`: faults and concurrency against the built server (issue 7). Each check
// prints what it did and a PASS, FAIL or SKIP line with its figures; exit 1 on any FAIL.
//
//   1. a class of 500 starts an exam at once, with more starts than the attempt limit
//   2. 500 hand-ins at once, then each twice more at once; fresh attempts handed in twice at once
//   3. kill -9 of the server during a burst of hand-ins, on PostgreSQL and on PGlite
//   4. two instances on one PostgreSQL: migrations once, shared sessions and sign-in throttling
//
// PostgreSQL: a database of its own on TEST_DATABASE_URL's server (else postgres@127.0.0.1:5432),
// dropped at the end; without PostgreSQL its checks are skipped. Checks 1 and 2 run on PostgreSQL,
// where requests really run in parallel (PGlite serialises every query); on PGlite when PostgreSQL
// is missing, or on both with --all-engines. Other options: --class-size N (default 500), and
// --only 1,3 to run some checks (1 and 2 run together).
//
// Run as `node --import tsx`, not through the tsx command: tsx's own parent process SIGKILLs a busy
// child that does not acknowledge an interrupt within milliseconds, which would leave servers and
// databases behind.
import { classExam } from './checks/class-exam';
import { crashDuringHandIns } from './checks/crash';
import { twoInstances } from './checks/two-instances';
import { pgliteEngine, postgresEngine, postgresProblem } from './databases';
import { cleanUp, heading, isClosing, skip, step, summary, verdict } from './report';
import { ensureBuild, freePort } from './server';

const INSTANCE_PORTS = [4510, 4511];

function option(name: string): string | undefined {
	const at = process.argv.indexOf(name);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

/** A check that throws is a FAIL with its message; the next check still runs. */
async function attempt(name: string, check: () => Promise<void>): Promise<void> {
	if (isClosing()) return;
	try {
		await check();
	} catch (error) {
		// An interruption makes servers vanish mid-check: that is no finding.
		if (isClosing()) return;
		verdict(name, 'stopped by an error', [
			error instanceof Error ? (error.stack ?? error.message) : String(error)
		]);
	}
}

async function main(): Promise<number> {
	const size = Number(option('--class-size') ?? 500);
	const allEngines = process.argv.includes('--all-engines');
	const only = option('--only')?.split(',');
	if (!Number.isInteger(size) || size < 3 || only?.some((c) => !['1', '2', '3', '4'].includes(c))) {
		console.error(
			'usage: npm run test:faults -- [--only 1,2,3,4] [--class-size N] [--all-engines]'
		);
		return 2;
	}
	const wanted = (...checks: string[]) => !only || checks.some((c) => only.includes(c));
	heading('Setup');
	ensureBuild();
	const noPostgres = await postgresProblem();
	step(noPostgres ?? 'PostgreSQL answers: its checks run on a database made for this run');
	const port = () => freePort(4500, INSTANCE_PORTS);

	/** Runs a check on PostgreSQL, or says why it is skipped. */
	const onPostgres = (name: string, check: () => Promise<void>) =>
		noPostgres ? skip(name, noPostgres) : attempt(name, check);

	if (wanted('1', '2')) {
		await onPostgres('1–2 on PostgreSQL', async () =>
			classExam(await postgresEngine(), await port(), size)
		);
		if (noPostgres || allEngines) {
			await attempt('1–2 on PGlite', async () => classExam(pgliteEngine(), await port(), size));
		}
	}
	if (wanted('3')) {
		await onPostgres('3. kill -9 during hand-ins (PostgreSQL)', async () =>
			crashDuringHandIns(await postgresEngine(), await port())
		);
		await attempt('3. kill -9 during hand-ins (PGlite)', async () =>
			crashDuringHandIns(pgliteEngine(), await port())
		);
	}
	if (wanted('4')) {
		await onPostgres('4. two instances on one PostgreSQL', async () => {
			const first = await freePort(INSTANCE_PORTS[0]);
			await twoInstances(await postgresEngine(), [first, await freePort(first + 1)]);
		});
	}
	return summary().failed ? 1 : 0;
}

let finishing: Promise<never> | undefined;
/** Cleans up once and exits with the first code asked for (an interruption's, if it came first). */
function finish(code: number): Promise<never> {
	finishing ??= (async () => {
		if (code > 128) console.log(`\nInterrupted: stopping servers, dropping databases…`);
		await cleanUp();
		process.exit(code);
	})();
	return finishing;
}
// Servers, databases and temporary directories go however the run ends.
process.on('SIGINT', () => void finish(130));
process.on('SIGTERM', () => void finish(143));

main().then(finish, async (error: unknown) => {
	console.error(error);
	await finish(1);
});
