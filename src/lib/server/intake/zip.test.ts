import { deflateSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip, type ZipLimits } from './zip';

const LIMITS: ZipLimits = { files: 100, bytes: 20 * 1024 * 1024, ratio: 100, ms: 10_000 };

/**
 * A zip whose headers declare `declared` bytes for each entry while the data inflates to far more:
 * the attack that passed a limit counting declared sizes.
 */
function lyingZip(entries: number, inflatedSize: number, declared = 1024): Uint8Array {
	const data = deflateSync(new Uint8Array(inflatedSize), { level: 9 });
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (let i = 0; i < entries; i++) {
		const name = strToU8(`c/${i}.md`);
		const local = new Uint8Array(30 + name.length);
		const v = new DataView(local.buffer);
		v.setUint32(0, 0x04034b50, true);
		v.setUint16(4, 20, true);
		v.setUint16(8, 8, true); // deflate
		v.setUint32(18, data.length, true);
		v.setUint32(22, declared, true);
		v.setUint16(26, name.length, true);
		local.set(name, 30);
		const entry = new Uint8Array(46 + name.length);
		const c = new DataView(entry.buffer);
		c.setUint32(0, 0x02014b50, true);
		c.setUint16(6, 20, true);
		c.setUint16(10, 8, true);
		c.setUint32(20, data.length, true);
		c.setUint32(24, declared, true);
		c.setUint16(28, name.length, true);
		c.setUint32(42, offset, true);
		entry.set(name, 46);
		parts.push(local, data);
		central.push(entry);
		offset += local.length + data.length;
	}
	const centralSize = central.reduce((n, e) => n + e.length, 0);
	const end = new Uint8Array(22);
	const e = new DataView(end.buffer);
	e.setUint32(0, 0x06054b50, true);
	e.setUint16(8, entries, true);
	e.setUint16(10, entries, true);
	e.setUint32(12, centralSize, true);
	e.setUint32(16, offset, true);
	const all = [...parts, ...central, end];
	const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of all) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** How many times the event loop let other work run while `work` went on: deterministic, no clock. */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
	let turns = 0;
	let running = true;
	const turn = () => {
		if (!running) return;
		turns++;
		setImmediate(turn);
	};
	setImmediate(turn);
	const result = await work();
	running = false;
	return { result, turns };
}

describe('readZip', () => {
	it('reads deflated and stored files exactly', async () => {
		const png = new Uint8Array(5000).map((_, i) => (i * 7919) % 251);
		const bytes = zipSync({
			'c/course.yaml': strToU8('title: Sạch hơn\n'.repeat(50)),
			'c/images/a.png': [png, { level: 0 }],
			'c/empty/': new Uint8Array(0)
		});
		const read = await readZip(bytes, LIMITS);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect([...read.entries.keys()].sort()).toEqual(['c/course.yaml', 'c/images/a.png']);
		expect(read.entries.get('c/images/a.png')).toEqual(png);
		expect(new TextDecoder().decode(read.entries.get('c/course.yaml'))).toBe(
			'title: Sạch hơn\n'.repeat(50)
		);
	});

	it('refuses an archive whose files inflate beyond what its headers declare, at once', async () => {
		// Declared 1 KB each, inflating to 8 MB each: the attack that passed a declared-size limit.
		const bomb = lyingZip(3, 8 * 1024 * 1024);
		const { result, turns } = await loopTurnsDuring(() => readZip(bomb, { ...LIMITS, ratio: 1e9 }));
		expect(result).toEqual({ ok: false, reason: 'not_a_zip' });
		// Stopped within the first slices (one pause each), not after inflating all 24 MB.
		expect(turns).toBeLessThan(5);
	});

	it('stops at the real inflated size when the headers tell the truth', async () => {
		const noise = (n: number) => new Uint8Array(n).map(() => Math.floor(Math.random() * 256));
		const big = zipSync({ 'c/a.png': noise(12e6), 'c/b.png': noise(12e6) }, { level: 0 });
		expect(await readZip(big, LIMITS)).toEqual({ ok: false, reason: 'too_large' });
	});

	it('refuses a ratio no course has, long before the size limit', async () => {
		const zeros = zipSync({ 'c/a.md': new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
		expect(zeros.length).toBeLessThan(100 * 1024);
		const read = await readZip(zeros, { ...LIMITS, bytes: 100 * 1024 * 1024 });
		expect(read).toEqual({ ok: false, reason: 'ratio' });
	});

	it('lets the event loop turn between slices while it inflates', async () => {
		const text = new Uint8Array(8 * 1024 * 1024).map((_, i) => 97 + ((i * 31) % 26));
		const archive = zipSync({ 'c/a.md': text });
		const { result, turns } = await loopTurnsDuring(() =>
			readZip(archive, { ...LIMITS, ratio: 1e9 })
		);
		expect(result.ok).toBe(true);
		// One pause per 4 KB slice of the archive: other requests are served in between.
		expect(turns).toBeGreaterThanOrEqual(Math.floor(archive.length / 4096));
	});

	it('refuses too many files, a file that is not a zip and a truncated zip', async () => {
		const many = zipSync(
			Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`c/${i}.md`, strToU8('x')]))
		);
		expect(await readZip(many, { ...LIMITS, files: 4 })).toEqual({
			ok: false,
			reason: 'too_many_files'
		});
		expect(await readZip(strToU8('title: x'), LIMITS)).toEqual({
			ok: false,
			reason: 'not_a_zip'
		});
		const whole = zipSync({
			'c/a.md': new Uint8Array(200_000).map(() => Math.floor(Math.random() * 256))
		});
		expect(await readZip(whole.subarray(0, 5000), LIMITS)).toEqual({
			ok: false,
			reason: 'not_a_zip'
		});
	});

	it('skips unwanted files without inflating them', async () => {
		const bytes = zipSync({
			'c/a.md': strToU8('a'),
			'__MACOSX/c/._a.md': new Uint8Array(5 * 1024 * 1024)
		});
		const read = await readZip(bytes, { ...LIMITS, bytes: 1024 }, (n) => !n.startsWith('__MACOSX'));
		expect(read.ok && [...read.entries.keys()]).toEqual(['c/a.md']);
	});
});
