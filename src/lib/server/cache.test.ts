import { describe, expect, it } from 'vitest';
import { forgetShared, sharedCache } from './cache';
import type { Database } from './db';

/** Stand-ins for two database handles: the cache only tells them apart. */
const one = {} as Database;
const two = {} as Database;

function counting() {
	let calls = 0;
	return {
		compute: (value: string) => async () => {
			calls++;
			return `${value}#${calls}`;
		},
		calls: () => calls
	};
}

describe('sharedCache', () => {
	it('serves an entry until it expires, per key and per database', async () => {
		let clock = 0;
		const cache = sharedCache<string>({ ttlMs: 1000, now: () => clock });
		const c = counting();
		expect(await cache.get(one, 'vi', c.compute('a'))).toBe('a#1');
		clock = 999;
		expect(await cache.get(one, 'vi', c.compute('a'))).toBe('a#1');
		expect(await cache.get(one, 'en', c.compute('b'))).toBe('b#2');
		expect(await cache.get(two, 'vi', c.compute('c'))).toBe('c#3');
		clock = 1000;
		expect(await cache.get(one, 'vi', c.compute('a'))).toBe('a#4');
	});

	it('computes a missing entry once for requests that ask at the same moment', async () => {
		const cache = sharedCache<string>({ ttlMs: 1000 });
		const c = counting();
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => cache.get(one, 'k', c.compute('x')))
		);
		expect(answers).toEqual(Array(5).fill('x#1'));
		expect(c.calls()).toBe(1);
	});

	it('forgets everything when a course is published, even an entry still being computed', async () => {
		const cache = sharedCache<string>({ ttlMs: 60_000 });
		const c = counting();
		await cache.get(one, 'k', c.compute('x'));
		forgetShared();
		expect(await cache.get(one, 'k', c.compute('x'))).toBe('x#2');
		let finish: (value: string) => void = () => {};
		const slow = cache.get(one, 'slow', () => new Promise<string>((r) => (finish = r)));
		forgetShared();
		finish('before the publish');
		expect(await slow).toBe('before the publish');
		expect(await cache.get(one, 'slow', c.compute('after'))).toBe('after#3');
	});

	it('does not remember a failure, and keeps at most `max` entries', async () => {
		const cache = sharedCache<string>({ ttlMs: 60_000, max: 2 });
		const c = counting();
		await expect(cache.get(one, 'k', () => Promise.reject(new Error('down')))).rejects.toThrow();
		expect(await cache.get(one, 'k', c.compute('k'))).toBe('k#1');
		await cache.get(one, 'l', c.compute('l'));
		await cache.get(one, 'm', c.compute('m'));
		// 'k', the oldest, made room for 'm'.
		expect(await cache.get(one, 'k', c.compute('k'))).toBe('k#4');
		expect(await cache.get(one, 'm', c.compute('m'))).toBe('m#3');
	});
});
