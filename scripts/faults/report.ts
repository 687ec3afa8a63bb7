// What the fault checks print: a line per step, then one PASS, FAIL or SKIP line per check with
// its figures, and the problems found under a FAIL. Also the clean-up list, run however the
// script ends, so no server, database or temporary directory outlives it.

export type Outcome = 'PASS' | 'FAIL' | 'SKIP';

export interface Verdict {
	name: string;
	outcome: Outcome;
	figures: string;
	problems: string[];
}

const verdicts: Verdict[] = [];
const started = performance.now();

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const elapsed = () => seconds(performance.now() - started);

export function step(text: string): void {
	console.log(`  · ${text}`);
}

export function heading(text: string): void {
	console.log(`\n── ${text} [+${elapsed()}]`);
}

/** Records a check's outcome: PASS when no problem was found. */
export function verdict(name: string, figures: string, problems: string[]): Verdict {
	const v: Verdict = { name, outcome: problems.length ? 'FAIL' : 'PASS', figures, problems };
	print(v);
	return v;
}

export function skip(name: string, reason: string): void {
	print({ name, outcome: 'SKIP', figures: reason, problems: [] });
}

function print(v: Verdict): void {
	verdicts.push(v);
	console.log(`${v.outcome} ${v.name}: ${v.figures}`);
	// A thousand identical problems say no more than the first few and a count.
	for (const p of v.problems.slice(0, 12)) console.log(`     ✗ ${p}`);
	if (v.problems.length > 12) console.log(`     … and ${v.problems.length - 12} more`);
}

export function summary(): { failed: number } {
	const count = (o: Outcome) => verdicts.filter((v) => v.outcome === o).length;
	console.log(
		`\n${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped in ${elapsed()}`
	);
	return { failed: count('FAIL') };
}

/** Collects a check's problems; `expect` adds one when a condition does not hold. */
export class Problems {
	readonly list: string[] = [];
	expect(condition: boolean, problem: string): void {
		if (!condition) this.list.push(problem);
	}
	add(problem: string): void {
		this.list.push(problem);
	}
}

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
let closing = false;

/** Whether the run is being cleaned up (finished or interrupted): start nothing new. */
export const isClosing = () => closing;

/**
 * Registers the undo of something just made; the returned function forgets it once undone. What
 * is made while the run is closing (a server spawned as an interruption arrived) is undone at once.
 */
export function onCleanup(cleanup: Cleanup): () => void {
	cleanups.add(cleanup);
	if (closing) void cleanUp();
	return () => cleanups.delete(cleanup);
}

let draining: Promise<void> = Promise.resolve();

/**
 * Runs every registered clean-up, newest first, one at a time however often it is called; a
 * failing one is reported and the rest still run.
 */
export function cleanUp(): Promise<void> {
	closing = true;
	draining = draining.then(async () => {
		while (cleanups.size) {
			const cleanup = [...cleanups].pop()!;
			cleanups.delete(cleanup);
			try {
				await cleanup();
			} catch (error) {
				console.error(
					`warning: clean-up failed: ${error instanceof Error ? error.message : error}`
				);
			}
		}
	});
	return draining;
}
