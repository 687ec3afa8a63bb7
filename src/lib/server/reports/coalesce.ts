/**
 * Shares a run among the callers that wait for it, without ever handing out a result computed before
 * the caller asked: at most one run per key at a time, and calls made while it runs share the next
 * one, which starts when it ends. Fifty identical reports requested at once cost two runs, and each
 * caller still sees every write committed before its call (the shared run starts after all of its
 * callers arrived). Nothing is kept once a run has ended: this is not a cache. (PGlite answers on
 * the server's own thread, so concurrent requests there seldom arrive together and share little.)
 */
export function coalescing<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
	/** A run not started yet, which callers may still join. */
	const waiting = new Map<string, Promise<T>>();
	/** Settles when the latest run of a key has ended, however it ended. */
	const ended = new Map<string, Promise<void>>();

	return (key, work) => {
		const joined = waiting.get(key);
		if (joined) return joined;
		const run: Promise<T> = (ended.get(key) ?? Promise.resolve()).then(() => {
			// From here on, a new caller may have missed what this run reads: it waits for the next.
			if (waiting.get(key) === run) waiting.delete(key);
			return work();
		});
		waiting.set(key, run);
		const end = run.then(
			() => {},
			() => {}
		);
		ended.set(key, end);
		void end.then(() => {
			if (ended.get(key) === end) ended.delete(key);
		});
		return run;
	};
}
