import { plainLetters } from '$lib/text';

/**
 * The one Content-Disposition header of every download (RFC 6266): `filename=` in plain ASCII for
 * old clients ("CĐ Điện công nghiệp K24A" → "CD-Dien-cong-nghiep-K24A", the text fold with its case
 * kept), and the exact name in `filename*=UTF-8''…` (RFC 5987), which browsers prefer.
 */
export function contentDisposition(
	fileName: string,
	kind: 'attachment' | 'inline' = 'attachment'
): string {
	const exact = safeName(fileName);
	return `${kind}; filename="${asciiName(exact)}"; filename*=UTF-8''${encodeRfc5987(exact)}`;
}

/** Neither a path nor control characters: a name is only ever a name. */
function safeName(fileName: string): string {
	const name = fileName
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f/\\]+/g, '-')
		.trim();
	return name.replace(/^\.+/, '') || 'tai-ve';
}

/** Letters, digits, dots, dashes and underscores; any run of anything else a single dash. */
export function asciiName(fileName: string): string {
	const ascii = plainLetters(fileName)
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-*\.-*/g, '.')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '');
	return ascii.startsWith('.') || ascii === '' ? `tai-ve${ascii}` : ascii;
}

/** RFC 5987 attr-chars stay, everything else is percent-encoded UTF-8. */
function encodeRfc5987(text: string): string {
	return encodeURIComponent(text).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}
