import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { pause } from './slices';

/**
 * Reading a zip someone uploaded (a course, a workbook): every limit is enforced on the bytes
 * actually inflated, while inflating, never on the sizes the archive declares — an archive can
 * declare 1 KB and inflate to 60 MB. The archive is fed to the inflater in small slices with a pause
 * for the event loop between them, so no upload holds the server for more than a few milliseconds at
 * a time, and the whole read stops at a time limit.
 */
export interface ZipLimits {
	/** Files in the archive (directories not counted). */
	files: number;
	/** Inflated bytes in all. */
	bytes: number;
	/** Inflated ÷ compressed, checked once more than 1 MB is out: a bomb compresses ~1000:1. */
	ratio: number;
	/** Wall time for the whole read, pauses included. */
	ms: number;
}

export type ZipRefusal = 'not_a_zip' | 'too_many_files' | 'too_large' | 'ratio' | 'too_slow';

export type ZipRead =
	{ ok: true; entries: Map<string, Uint8Array> } | { ok: false; reason: ZipRefusal };

/** 4 KB of input inflates to at most ~4 MB (deflate tops out near 1032:1): a few ms per slice. */
const SLICE = 4096;
const RATIO_AFTER = 1024 * 1024;

/** The end record (PK\x05\x06) within the last 22 bytes plus the longest comment. */
function hasEndRecord(bytes: Uint8Array): boolean {
	const last = bytes.length - 22;
	for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
		if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6)
			return true;
	}
	return false;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(length);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

/**
 * The archive's files by path. `wanted` (by name) skips files without inflating them: they still
 * count towards `files`, never towards `bytes`.
 */
export async function readZip(
	bytes: Uint8Array,
	limits: ZipLimits,
	wanted: (name: string) => boolean = () => true
): Promise<ZipRead> {
	// A zip starts with a local file header (or is an empty archive's end record) and ends with
	// the end-of-central-directory record: without it the archive was cut short.
	const magic = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (!magic || !hasEndRecord(bytes)) return { ok: false, reason: 'not_a_zip' };
	const started = Date.now();
	const entries = new Map<string, Uint8Array>();
	let refused: ZipRefusal | null = null;
	let count = 0;
	let inflated = 0;
	let consumed = 0;
	let begun = 0;
	const open: UnzipFile[] = [];
	const stop = (reason: ZipRefusal) => {
		refused ??= reason;
		for (const file of open) file.terminate();
	};
	const unzip = new Unzip((file) => {
		if (refused || file.name.endsWith('/')) return;
		if (++count > limits.files) return stop('too_many_files');
		if (!wanted(file.name)) return;
		const chunks: Uint8Array[] = [];
		let size = 0;
		open.push(file);
		begun++;
		file.ondata = (error, data, final) => {
			if (refused) return;
			if (error) return stop('not_a_zip');
			size += data.length;
			inflated += data.length;
			chunks.push(data);
			// More than the header declares: a damaged or forged archive, refused at once.
			if (file.originalSize && size > file.originalSize) return stop('not_a_zip');
			if (inflated > limits.bytes) return stop('too_large');
			if (inflated > RATIO_AFTER && inflated > limits.ratio * Math.max(consumed, 1))
				return stop('ratio');
			if (!final) return;
			// A size that differs from the declared one is a damaged (or forged) archive.
			if (file.originalSize && size !== file.originalSize) return stop('not_a_zip');
			entries.set(file.name, concat(chunks, size));
		};
		file.start();
	});
	unzip.register(UnzipPassThrough);
	unzip.register(UnzipInflate);
	try {
		for (let at = 0; at < bytes.length && !refused; at += SLICE) {
			const slice = bytes.subarray(at, at + SLICE);
			consumed += slice.length;
			unzip.push(slice, at + SLICE >= bytes.length);
			if (Date.now() - started > limits.ms) stop('too_slow');
			await pause();
		}
	} catch {
		return { ok: false, reason: refused ?? 'not_a_zip' };
	}
	if (refused) return { ok: false, reason: refused };
	// A truncated archive leaves a file unfinished: not a zip we can trust.
	return entries.size === begun ? { ok: true, entries } : { ok: false, reason: 'not_a_zip' };
}
