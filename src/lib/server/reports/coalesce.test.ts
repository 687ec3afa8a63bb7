import { describe, expect, it } from 'vitest';
import { coalescing } from './coalesce';

/** A run the test finishes by hand; `version` is what the run "read" when it started. */
function harness() {
	let version = 0;
	const runs: { version: number; finish: () => void; fail: (e: Error) => void }[] = [];
	const work = () =>
		new Promise<number>((resolve, reject) => {
			const read = version;
			runs.push({ version: read, finish: () => resolve(read), fail: reject });
		});
	const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
	return { runs, work, tick, write: () => ++version };
}

describe('coalescing', () => {
	it('runs a lone call at once', async () => {
		const { runs, work, tick } = harness();
		const run = coalescing<number>();
		const result = run('a', work);
		await tick();
		expect(runs).toHaveLength(1);
		runs[0].finish();
		expect(await result).toBe(0);
	});

	it('lets the calls made during a run share the next one, started after it', async () => {
		const { runs, work, tick } = harness();
		const run = coalescing<number>();
		const first = run('a', work);
		await tick();
		const later = Array.from({ length: 49 }, () => run('a', work));
		await tick();
		expect(runs).toHaveLength(1);
		runs[0].finish();
		await first;
		await tick();
		expect(runs).toHaveLength(2);
		runs[1].finish();
		await Promise.all(later);
		expect(runs).toHaveLength(2);
	});

	it('never answers a call with what was read before it', async () => {
		const { runs, work, tick, write } = harness();
		const run = coalescing<number>();
		const before = run('a', work);
		await tick();
		// A write commits, then someone asks: the run already under way must not answer them.
		const written = write();
		const after = run('a', work);
		runs[0].finish();
		expect(await before).toBe(0);
		await tick();
		runs[1].finish();
		expect(await after).toBe(written);
	});

	it('gives a failure to the calls that shared the run, and runs again afterwards', async () => {
		const { runs, work, tick } = harness();
		const run = coalescing<number>();
		const first = run('a', work);
		await tick();
		const shared = [run('a', work), run('a', work)];
		runs[0].finish();
		await first;
		await tick();
		runs[1].fail(new Error('connection lost'));
		for (const call of shared) await expect(call).rejects.toThrow('connection lost');
		const again = run('a', work);
		await tick();
		expect(runs).toHaveLength(3);
		runs[2].finish();
		expect(await again).toBe(0);
	});

	it('keeps keys apart', async () => {
		const { runs, work, tick } = harness();
		const run = coalescing<number>();
		const a = run('a', work);
		const b = run('b', work);
		await tick();
		expect(runs).toHaveLength(2);
		runs.forEach((r) => r.finish());
		await Promise.all([a, b]);
	});
});
