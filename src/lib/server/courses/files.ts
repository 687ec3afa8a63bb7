import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A course's files, by path relative to its folder ('/' separators): the one shape shared by the
 * courses/ folder, the web editor's drafts, published versions and zip files.
 */
export type CourseFiles = Map<string, Uint8Array>;

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		// Hidden files (editor swap files, .DS_Store) are never part of a course.
		if (entry.name.startsWith('.')) return [];
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

/** Reads a course folder; an absent folder reads as no files. */
export function readCourseFolder(dir: string): CourseFiles {
	const files: CourseFiles = new Map();
	if (!existsSync(dir) || !statSync(dir).isDirectory()) return files;
	for (const path of filesUnder(dir).sort()) {
		files.set(relative(dir, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
	}
	return files;
}

/** SHA-256 over every path and its bytes, in path order: a new hash means a new version. */
export function hashCourseFiles(files: CourseFiles): string {
	const hash = createHash('sha256');
	for (const path of [...files.keys()].sort()) {
		hash.update(path);
		hash.update('\0');
		hash.update(files.get(path)!);
		hash.update('\0');
	}
	return hash.digest('hex');
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export const textOf = (bytes: Uint8Array) => decoder.decode(bytes);
export const bytesOf = (text: string) => encoder.encode(text);

/** Text files of the format: everything else (images, PDFs) is kept as bytes. */
export const isTextFile = (path: string) => /\.(md|ya?ml|svg|txt|csv)$/i.test(path);

/** Sorted copy, so two trees with the same content compare and serialise the same. */
export function sortedFiles(files: CourseFiles): CourseFiles {
	return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
