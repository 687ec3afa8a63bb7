import { textOf } from './files';

/** Images, PDFs and worksheets a course may hold, however they arrive (folder, zip, upload form). */
export const MAX_ASSET_BYTES = 5 * 1024 * 1024;

const starts = (bytes: Uint8Array, ...values: number[]) => values.every((v, i) => bytes[i] === v);

/** The file's real type from its first bytes: the name and the browser's claim are not trusted. */
export function detectType(
	bytes: Uint8Array
): 'png' | 'jpg' | 'gif' | 'webp' | 'svg' | 'pdf' | 'xlsx' | 'docx' | null {
	if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(bytes, 0xff, 0xd8, 0xff)) return 'jpg';
	if (starts(bytes, 0x47, 0x49, 0x46, 0x38)) return 'gif';
	if (starts(bytes, 0x52, 0x49, 0x46, 0x46) && textOf(bytes.subarray(8, 12)) === 'WEBP')
		return 'webp';
	if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
	// A workbook or a Word document is a zip whose entry names (stored in clear) include the parts
	// every .xlsx (or .docx) has.
	if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) {
		const names = textOf(bytes);
		if (!names.includes('[Content_Types].xml')) return null;
		if (names.includes('xl/workbook.xml')) return 'xlsx';
		if (names.includes('word/document.xml')) return 'docx';
		return null;
	}
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

const EXTENSIONS: Record<NonNullable<ReturnType<typeof detectType>>, string[]> = {
	png: ['png'],
	jpg: ['jpg', 'jpeg'],
	gif: ['gif'],
	webp: ['webp'],
	svg: ['svg'],
	pdf: ['pdf'],
	xlsx: ['xlsx'],
	docx: ['docx']
};

/** Types a course may carry: a Word document is something learners hand in, not course content. */
const COURSE_TYPES = new Set(['png', 'jpg', 'gif', 'webp', 'svg', 'pdf', 'xlsx']);

/** Whether a file name's extension is one of its detected type's (jpg or jpeg for a JPEG). */
export function extensionFits(type: NonNullable<ReturnType<typeof detectType>>, extension: string) {
	return EXTENSIONS[type].includes(extension.toLowerCase());
}

/**
 * What is wrong with a file a course carries besides its lessons and quizzes, or null: one rule for
 * every way a file enters a course (the courses folder, a zip import, the upload form). Its type is
 * read from its bytes and must match its extension; an SVG must not be able to run script.
 */
export function assetProblem(path: string, bytes: Uint8Array): string | null {
	const extension = path.split('.').pop()?.toLowerCase() ?? '';
	if (bytes.byteLength > MAX_ASSET_BYTES) return 'a file in a course is at most 5 MB';
	const type = detectType(bytes);
	if (!type || !COURSE_TYPES.has(type))
		return 'only images (PNG, JPEG, GIF, WebP, SVG), PDF and Excel (.xlsx) files can be part of a course';
	if (!extensionFits(type, extension))
		return `the file is ${type.toUpperCase()} but is named .${extension}`;
	if (type === 'svg' && unsafeSvg(textOf(bytes)))
		return 'this SVG could run script (script, event attributes or javascript: links)';
	return null;
}
