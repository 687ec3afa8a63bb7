import { getLocale } from '$lib/paraglide/runtime';

/** What a comparison names: a version by its number, or the draft. */
export type Ref = number | 'draft';

/** A ref from the address (`3`, `draft`); anything else is no ref. */
export function parseRef(value: string | null | undefined): Ref | null {
	if (value === 'draft') return 'draft';
	if (!value || !/^[1-9][0-9]{0,6}$/.test(value)) return null;
	return Number(value);
}

/** A file size as people read it: "850 B", "1,5 KB", "12 KB", "3,4 MB". */
export function formatSize(bytes: number, locale: 'vi' | 'en' = getLocale()): string {
	const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
	const [value, unit] =
		bytes < 1024
			? [bytes, 'B']
			: bytes < 1024 * 1024
				? [bytes / 1024, 'KB']
				: [bytes / (1024 * 1024), 'MB'];
	const digits = unit !== 'B' && value < 10 ? 1 : 0;
	return `${new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value)} ${unit}`;
}

type NumberedLine = { oldLine?: number; newLine?: number };

/** The lines a hunk spans before and after the change; null on a side it has no lines on. */
export function hunkRanges(lines: NumberedLine[]) {
	const span = (numbers: (number | undefined)[]) => {
		const present = numbers.filter((n): n is number => n !== undefined);
		return present.length ? { from: present[0], to: present[present.length - 1] } : null;
	};
	return { before: span(lines.map((l) => l.oldLine)), after: span(lines.map((l) => l.newLine)) };
}

/** How many files a comparison adds, removes and changes. */
export function diffCounts(diffs: { status: 'added' | 'removed' | 'changed' }[]) {
	const counts = { added: 0, removed: 0, changed: 0 };
	for (const d of diffs) counts[d.status]++;
	return counts;
}
