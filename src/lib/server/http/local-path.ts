/**
 * Where to send a reader back to after signing in or switching language: only a path on this site.
 *
 * Browsers normalise an address before following it (WHATWG URL): tabs and newlines vanish, `\` is
 * read as `/`, so `/\t/evil.example` or `/\\evil.example` become `//evil.example`, another site. The
 * value is therefore parsed the way a browser parses it, against a placeholder origin, and kept only
 * when it stays on that origin; what is returned is the normalised path, never the raw text.
 */
const PLACEHOLDER = 'http://sach-hon.invalid';

export function localPath(value: string | null | undefined, fallback: string): string {
	if (!value || !value.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(value, PLACEHOLDER);
	} catch {
		return fallback;
	}
	if (url.origin !== PLACEHOLDER) return fallback;
	const path = url.pathname + url.search + url.hash;
	// The normalised path must itself stay a path: `//host` would be another site.
	return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
