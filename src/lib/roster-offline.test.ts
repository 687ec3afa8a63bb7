import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	enqueue,
	queuedTaps,
	randomBatchId,
	readQueue,
	ROSTER_PATH,
	syncQueue,
	writeQueue,
	type QueuedEntry
} from './roster-offline';

/** The browser's localStorage, as far as the queue uses it. */
class MemoryStorage {
	private items = new Map<string, string>();
	getItem = (key: string) => this.items.get(key) ?? null;
	setItem = (key: string, value: string) => void this.items.set(key, value);
	removeItem = (key: string) => void this.items.delete(key);
}

const SESSION = '6f1c1a8e-0d0b-4f55-9a0e-3d2b8c1e7a10';
const tap = (userId: string): QueuedEntry => ({ kind: 'tap', userId, at: '2026-12-03T01:05:00Z' });

afterEach(() => vi.unstubAllGlobals());

describe('the offline queue', () => {
	it('adds taps to the open batch, and starts a new one once a batch is sealed', () => {
		let q = enqueue([], tap('a'));
		q = enqueue(q, tap('b'));
		expect(q).toHaveLength(1);
		expect(q[0].entries).toHaveLength(2);
		q = enqueue([{ ...q[0], sealed: true }], tap('c'));
		expect(q.map((b) => b.entries.length)).toEqual([2, 1]);
		expect(q[1].clientBatchId).not.toBe(q[0].clientBatchId);
		expect([...queuedTaps(q)]).toEqual(['a', 'b', 'c']);
		expect(randomBatchId()).toMatch(/^[0-9a-f]{32}$/);
	});

	it('resends the very same batch after a network failure, and keeps taps made meanwhile apart', async () => {
		const storage = new MemoryStorage() as unknown as Storage;
		writeQueue(storage, SESSION, enqueue([], tap('a')));
		const sent: { clientBatchId: string; entries: QueuedEntry[] }[] = [];
		vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
			sent.push(JSON.parse(String(init.body)));
			// A tap while the batch is on its way, then the network drops.
			writeQueue(storage, SESSION, enqueue(readQueue(storage, SESSION), tap('b')));
			throw new TypeError('Failed to fetch');
		});
		expect(await syncQueue(storage, SESSION, '/sync')).toEqual({ state: 'offline' });
		const kept = readQueue(storage, SESSION);
		expect(
			kept.map((b) => [b.sealed, b.entries.map((e) => (e as { userId: string }).userId)])
		).toEqual([
			[true, ['a']],
			[false, ['b']]
		]);

		vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
			const body = JSON.parse(String(init.body));
			sent.push(body);
			const results = body.entries.map(() => ({ outcome: 'recorded' }));
			return new Response(JSON.stringify({ results }), { status: 200 });
		});
		expect(await syncQueue(storage, SESSION, '/sync')).toEqual({
			state: 'done',
			recorded: 2,
			walkIns: [],
			refused: 0
		});
		expect(sent[1]).toEqual(sent[0]);
		expect(readQueue(storage, SESSION)).toEqual([]);
	});

	it('drops a batch the server refuses outright, and stops at a signed-out answer', async () => {
		const storage = new MemoryStorage() as unknown as Storage;
		writeQueue(storage, SESSION, enqueue([], tap('a')));
		vi.stubGlobal('fetch', async () => new Response('{}', { status: 401 }));
		expect(await syncQueue(storage, SESSION, '/sync')).toEqual({ state: 'signed_out' });
		expect(readQueue(storage, SESSION)).toHaveLength(1);
		vi.stubGlobal('fetch', async () => new Response('{}', { status: 404 }));
		expect(await syncQueue(storage, SESSION, '/sync')).toMatchObject({ state: 'done', refused: 1 });
		expect(readQueue(storage, SESSION)).toEqual([]);
	});

	it('keeps only roster pages, in either language', () => {
		const roster = `/workshops/${SESSION}/sessions/${SESSION}/roster`;
		expect(ROSTER_PATH.test(roster)).toBe(true);
		expect(ROSTER_PATH.test(`/en${roster}`)).toBe(true);
		expect(ROSTER_PATH.test(`${roster}/sync`)).toBe(false);
		expect(ROSTER_PATH.test(`${roster}/__data.json`)).toBe(false);
		expect(ROSTER_PATH.test(`/workshops/${SESSION}`)).toBe(false);
	});
});
