/**
 * JSON Canonicalization Scheme (RFC 8785): object members sorted by their UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript serialises them. The same statement always gives the
 * same bytes, whatever order the database or a file kept its keys in, so a signature over those bytes
 * can be checked anywhere. Members whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalize(value: unknown): string {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') {
		return JSON.stringify(value);
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError('JCS cannot represent ' + value);
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) {
		return `[${value.map((item) => {
			if (item === undefined) throw new TypeError('JCS cannot represent undefined in an array');
			return canonicalize(item);
		})}]`;
	}
	if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const members = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			// The default sort compares UTF-16 code units, which is what RFC 8785 asks for.
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`);
		return `{${members.join(',')}}`;
	}
	throw new TypeError(`JCS cannot represent a ${typeof value}`);
}

/** The canonical form's UTF-8 bytes: what is hashed and signed. */
export function canonicalBytes(value: unknown): Buffer {
	return Buffer.from(canonicalize(value), 'utf8');
}
