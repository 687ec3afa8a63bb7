/**
 * Parsing an upload a slice at a time. A parser is a generator that yields after each slice of its
 * input; `inSlices` resumes it after a pause for the event loop, so a large or hostile file never
 * holds the server for more than one slice, and gives up at a deadline. A slice of 16 K characters
 * (about 300 cells of sheet XML) measured at most 1.5–6 ms of CPU time on our two-core machines.
 *
 * Why not a worker thread: the same bounded slices that readZip already uses are enough once every
 * limit is enforced while reading (nothing is ever walked that the limits do not allow), they run
 * unchanged under Vitest and in the built server, and a worker would need an entry file of its own
 * that the adapter's bundle does not emit.
 */

/** Characters (or bytes) of input between two pauses. */
export const SLICE = 16 * 1024;

export const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export type Sliced<T> = Generator<void, T, void>;

/** Runs a sliced parser with a pause between slices; 'too_slow' once `deadline` (ms epoch) passes. */
export async function inSlices<T>(parse: Sliced<T>, deadline: number): Promise<T | 'too_slow'> {
	for (;;) {
		const step = parse.next();
		if (step.done) return step.value;
		if (Date.now() > deadline) {
			parse.return(undefined as T);
			return 'too_slow';
		}
		await pause();
	}
}

/** Runs a sliced parser to its end at once: for text the server already trusts (tests, fixtures). */
export function atOnce<T>(parse: Sliced<T>): T {
	for (;;) {
		const step = parse.next();
		if (step.done) return step.value;
	}
}
