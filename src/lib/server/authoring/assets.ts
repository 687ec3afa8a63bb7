import { textOf } from '../courses/files';
import type { Database } from '../db';
import { draftTree, saveDraftFile } from './drafts';
import { slugFrom, uniqueSlug } from './outline';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadError = 'type' | 'size' | 'empty' | 'unsafe_svg';

const starts = (bytes: Uint8Array, ...values: number[]) => values.every((v, i) => bytes[i] === v);

/** The file's real type from its first bytes: the name and the browser's claim are not trusted. */
export function detectType(
	bytes: Uint8Array
): 'png' | 'jpg' | 'gif' | 'webp' | 'svg' | 'pdf' | null {
	if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(bytes, 0xff, 0xd8, 0xff)) return 'jpg';
	if (starts(bytes, 0x47, 0x49, 0x46, 0x38)) return 'gif';
	if (starts(bytes, 0x52, 0x49, 0x46, 0x46) && textOf(bytes.subarray(8, 12)) === 'WEBP')
		return 'webp';
	if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
	const head = textOf(bytes.subarray(0, 4096))
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
		return 'svg';
	return null;
}

/** Numeric character references decoded, as an XML parser would before running anything. */
const decodeReferences = (text: string) =>
	text.replace(/&#(x[0-9a-f]+|[0-9]+);?/gi, (_, code: string) => {
		const n = code[0].toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : Number(code);
		return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
	});

/**
 * An SVG that could run script when opened on its own is refused, whatever headers it is served with.
 * Elements and attributes may carry a namespace prefix (`<svg:script>`, `<h:script>`) and addresses
 * may be spelled with character references or control characters (`&#106;avascript:`,
 * `java&#9;script:`); entity declarations and style sheets processing instructions are refused outright.
 */
export function unsafeSvg(text: string): boolean {
	const decoded = decodeReferences(text);
	// eslint-disable-next-line no-control-regex -- control characters are what hides a scheme
	const squeezed = decoded.replace(/[\u0000-\u0020]+/g, '');
	return (
		/<!ENTITY|<\?xml-stylesheet/i.test(text) ||
		/<([\w.-]+:)?(script|foreignObject|iframe|embed|object|handler|listener)[\s/>]/i.test(
			decoded
		) ||
		/[\s/"'](?:[\w.-]+:)?on[a-z]+\s*=/i.test(decoded) ||
		/(?:^|[\s"'])(?:[\w.-]+:)?href\s*=\s*["']?\s*data:/i.test(decoded) ||
		/(?:java|vb)script:/i.test(squeezed)
	);
}

/** Checks an uploaded image or PDF and adds it under images/ with a clean, unused name. */
export async function uploadAsset(
	db: Database,
	courseId: string,
	fileName: string,
	bytes: Uint8Array,
	userId: string
): Promise<{ ok: true; path: string } | { ok: false; error: UploadError }> {
	if (bytes.byteLength === 0) return { ok: false, error: 'empty' };
	if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: 'size' };
	const type = detectType(bytes);
	if (!type) return { ok: false, error: 'type' };
	if (type === 'svg' && unsafeSvg(textOf(bytes))) return { ok: false, error: 'unsafe_svg' };
	const taken = new Set(
		[...(await draftTree(db, courseId)).keys()]
			.filter((p) => p.startsWith('images/'))
			.map((p) => p.slice('images/'.length).replace(/\.[a-z]+$/, ''))
	);
	const name = slugFrom(fileName.replace(/\.[A-Za-z0-9]+$/, ''));
	// Someone may upload a file of the same name at the same moment: then take the next free name.
	for (;;) {
		const path = `images/${uniqueSlug(name, taken)}.${type}`;
		const saved = await saveDraftFile(db, courseId, path, bytes, null, userId);
		if (saved.ok) return { ok: true, path };
		taken.add(path.slice('images/'.length).replace(/\.[a-z]+$/, ''));
	}
}
