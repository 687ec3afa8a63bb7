import { contentDisposition } from '../http/content-disposition';

/**
 * The files of a course that leave the server for its lessons: images, PDFs and worksheets, nothing else
 * (course.yaml holds enrolment keys, quiz files hold answers).
 */
const TYPES: Record<string, string> = {
	svg: 'image/svg+xml',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** Types a browser would open in place that must be saved instead (a worksheet is for Excel). */
const SAVED = new Set([TYPES.xlsx]);

/** The content type a course file is served with, or null when it is not served at all. */
export function servedFileType(path: string): string | null {
	const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1].toLowerCase() ?? '';
	return Object.hasOwn(TYPES, extension) ? TYPES[extension] : null;
}

/** Headers every served course file carries, whoever it is served to. */
export function servedFileHeaders(type: string, path: string): Record<string, string> {
	const name = path.split('/').pop() ?? path;
	return {
		'content-type': type,
		...(SAVED.has(type) ? { 'content-disposition': contentDisposition(name) } : {}),
		// An SVG opened on its own must not run script.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
		'x-content-type-options': 'nosniff'
	};
}

/** Whether an If-None-Match header names this strong ETag (or any: `*`). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === '*' || tag === etag);
}
