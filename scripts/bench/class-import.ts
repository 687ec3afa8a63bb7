// A class of 2,000 imported at once while learners read lessons: the lesson page under load alone,
// then under the same load while a manager imports a class list (the cohort page's `import` form
// action, posted as a browser does without JavaScript). The import hashes one password per row:
// the lesson page's p95 should not move by more than 2× while it runs.
import { randomBytes } from 'node:crypto';
import { runLoad, type LoadResult, type LoadSettings } from './load';
import type { Scenario } from './scenarios';
import type { RunningServer } from './server';

/** What a scenario does beside its load: work that takes its own time (an import). */
export interface Alongside {
	/** What the work is, for the table's note. */
	label: string;
	/** Does the work once, against the server at `origin`. */
	run(origin: string): Promise<AlongsideOutcome>;
}

export interface AlongsideOutcome {
	/** Whether the work did all it should (every row imported). */
	ok: boolean;
	/** What it did, in a few words ("2000 of 2000 imported"). */
	detail: string;
}

/** The scenario's result: the load during the work, the same load before it, and their ratio. */
export interface AlongsideResult {
	label: string;
	ok: boolean;
	detail: string;
	/** Seconds the work took, under the load. */
	seconds: number;
	alone: { requestsPerSecond: number; p95: number; errors: number };
	during: { requestsPerSecond: number; p95: number; errors: number };
	/** During ÷ alone: the p95's factor (goal ≤ 2). */
	p95Ratio: number;
}

/** A class list of `rows` adult learners whose usernames no earlier run used (the header first). */
export function classListCsv(rows: number, tag = randomBytes(3).toString('hex')) {
	const usernames = Array.from(
		{ length: rows },
		(_, i) => `nhap-${tag}-${String(i + 1).padStart(4, '0')}`
	);
	const lines = usernames.map(
		(name, i) => `Học viên nhập ${String(i + 1).padStart(4, '0')},${name},05/09/1995,Người lao động`
	);
	const csv = ['Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng', ...lines].join('\n');
	return { usernames, csv: csv + '\n' };
}

/**
 * The manager's import of a class of `rows` into the cohort: the form the cohort page shows,
 * multipart, to `?/import`, as without JavaScript; the page it answers lists every learner imported
 * with their one-time password.
 */
export function classImport(
	rows: number,
	cohortId: string,
	managerCookie: string,
	timeoutSeconds = 900
): Alongside {
	return {
		label: `a manager imports ${rows} learners`,
		async run(origin) {
			const { usernames, csv } = classListCsv(rows);
			const form = new FormData();
			form.set('file', new File([csv], 'lop-2000.csv', { type: 'text/csv' }));
			const response = await fetch(`${origin}/manage/cohorts/${cohortId}?/import`, {
				method: 'POST',
				body: form,
				headers: { accept: 'text/html', origin, cookie: managerCookie },
				redirect: 'manual',
				signal: AbortSignal.timeout(timeoutSeconds * 1000)
			});
			const body = await response.text();
			const listed = usernames.filter((name) => body.includes(name)).length;
			return {
				ok: response.status === 200 && listed === rows,
				detail: `${listed} of ${rows} imported (${response.status})`
			};
		}
	};
}

/**
 * The scenario's load alone (a normal run, the time alone included), then the same load from the
 * moment the work starts until it ends.
 */
export async function runAlongside(
	scenario: Scenario,
	server: RunningServer,
	settings: LoadSettings,
	settleSeconds: number
): Promise<LoadResult> {
	const work = scenario.alongside;
	if (!work) throw new Error(`${scenario.name} has no work alongside.`);
	const alone = await runLoad(scenario, server, settings, settleSeconds);
	const started = performance.now();
	const running = work.run(server.origin).catch((error: unknown): AlongsideOutcome => ({
		ok: false,
		detail: error instanceof Error ? error.message : String(error)
	}));
	const during = await runLoad(scenario, server, settings, settleSeconds, running);
	const outcome = await running;
	const seconds = (performance.now() - started) / 1000;
	const brief = (r: LoadResult) => ({
		requestsPerSecond: r.requestsPerSecond,
		p95: r.latencyMs.p95,
		errors: r.errors
	});
	return {
		...during,
		aloneMs: alone.aloneMs,
		settled: alone.settled,
		alongside: {
			label: work.label,
			...outcome,
			seconds,
			alone: brief(alone),
			during: brief(during),
			p95Ratio: alone.latencyMs.p95 > 0 ? during.latencyMs.p95 / alone.latencyMs.p95 : 0
		}
	};
}
