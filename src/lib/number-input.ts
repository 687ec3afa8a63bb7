import type { Locale } from '$lib/paraglide/runtime';

// The one place a number someone typed (a learner's answer, an author's field) is read. Shared with
// the browser, so plain TypeScript.
//
// Vietnamese writes 0,125 and 1.250.000 (decimal comma, thousands dots); English writes 0.125 and
// 1,250,000. People also type the other language's way: many phone keypads offer only ".", and a
// Vietnamese reader on the English pages keeps the decimal comma. So the reader's language decides
// only where the text allows two readings, and then we ask rather than guess. The rules:
//
// 1. Spaces (also no-break and thin ones) group thousands: "1 250 000". After space groups, a "." or
//    "," is the decimal mark: "1 250,5" and "1 250.5" are 1250.5.
// 2. Both marks: the last one, written once, is the decimal mark; the other groups thousands in
//    threes: "1.250.000,5" and "1,250,000.5" are 1250000.5 in either language.
// 3. One mark written twice or more can only group thousands: "1.250.000" and "1,250,000" are
//    1250000 in either language; "3.2.1" is not a number.
// 4. One mark written once:
//    - with nothing before it (".5") or after it ("5."), it is a decimal mark: 0.5, 5;
//    - if it is the language's decimal mark (vi ",", en "."), it is one: vi "1,250" is 1.25;
//    - if it is the language's thousands mark (vi ".", en ","), it could be either when exactly three
//      digits follow and what comes before could open a group (one to three digits, not starting
//      with 0: a leading 0 never opens a thousands group). vi "1.250" is 1250 or 1.25: AMBIGUOUS,
//      and so is en "1,250". Otherwise only the decimal reading is possible: vi "3.25" and
//      "0.125", en "3,25" and "0,125" are 3.25 and 0.125.
// 5. A sign (-, − or +) may lead. Nothing else is read: no exponents ("1e3"), units or letters.

export type NumberReading =
	| { kind: 'number'; value: number }
	/** Nothing typed. */
	| { kind: 'empty' }
	/** Two readings: a whole number with a thousands group, and a decimal (in that order). */
	| { kind: 'ambiguous'; readings: [whole: number, decimal: number] }
	| { kind: 'invalid' };

const decimalMark = (locale: Locale) => (locale === 'vi' ? ',' : '.');
/** One to three digits that may open a thousands group: never a leading 0. */
const GROUP_HEAD = /^[1-9]\d{0,2}$/;
const INVALID: NumberReading = { kind: 'invalid' };

function value(negative: boolean, whole: string, fraction = ''): NumberReading {
	const n = Number(`${whole || '0'}.${fraction || '0'}`);
	if (!Number.isFinite(n)) return INVALID;
	return { kind: 'number', value: negative && n !== 0 ? -n : n };
}

/** "1.250.000" grouped by `mark` → "1250000"; null when the groups are not thousands. */
function ungroup(text: string, mark: string): string | null {
	const [head, ...groups] = text.split(mark);
	if (!GROUP_HEAD.test(head) || groups.length === 0) return null;
	return groups.every((g) => /^\d{3}$/.test(g)) ? head + groups.join('') : null;
}

/** Reads a number as a reader of `locale` types it; see the rules above. */
export function readNumber(raw: string, locale: Locale): NumberReading {
	let text = raw.normalize('NFKC').trim();
	if (text === '') return { kind: 'empty' };
	const sign = /^([-−+])\s*/.exec(text);
	const negative = sign !== null && sign[1] !== '+';
	if (sign) text = text.slice(sign[0].length);
	if (!/^[\d.,\s]*\d[\d.,\s]*$/.test(text)) return INVALID;

	if (/\s/.test(text)) {
		const spaced = /^(\d+(?:\s+\d+)+)(?:[.,](\d*))?$/.exec(text);
		const whole = spaced ? ungroup(spaced[1].replace(/\s+/g, ' '), ' ') : null;
		return whole === null ? INVALID : value(negative, whole, spaced![2]);
	}

	const dots = text.split('.').length - 1;
	const commas = text.split(',').length - 1;
	if (dots === 0 && commas === 0) return value(negative, text);
	if (dots > 0 && commas > 0) {
		const at = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
		const fraction = text.slice(at + 1);
		if (!/^\d*$/.test(fraction)) return INVALID;
		const whole = ungroup(text.slice(0, at), text[at] === '.' ? ',' : '.');
		return whole === null ? INVALID : value(negative, whole, fraction);
	}
	const mark = dots > 0 ? '.' : ',';
	if (dots + commas > 1) {
		const whole = ungroup(text, mark);
		return whole === null ? INVALID : value(negative, whole);
	}
	const [before, after] = text.split(mark);
	if (mark !== decimalMark(locale) && after.length === 3 && GROUP_HEAD.test(before)) {
		const whole = value(negative, before + after);
		const decimal = value(negative, before, after);
		if (whole.kind === 'number' && decimal.kind === 'number')
			return { kind: 'ambiguous', readings: [whole.value, decimal.value] };
	}
	return value(negative, before, after);
}

/**
 * A number as a reader of `locale` would type it, reading back as the same number: the language's
 * decimal mark and no thousands grouping ("2,125" for a Vietnamese author, "2.125" for an English one).
 */
export function numberForInput(n: number, locale: Locale): string {
	// String(n) is the shortest exact form, but writes very small and very large numbers with an
	// exponent ("1e-7"), which is not read.
	const plain = /e/i.test(String(n))
		? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
		: String(n);
	return plain.replace('.', decimalMark(locale));
}

/**
 * A number typed into a lesson's live calculator, or null while the text is no number yet. Where two
 * readings are possible (vi "1.250", en "1,250") the whole number is taken: it is what the language
 * writes that way, and a calculator cannot stop to ask.
 */
export function calculatorNumber(raw: string, locale: Locale): number | null {
	const reading = readNumber(raw, locale);
	if (reading.kind === 'number') return reading.value;
	if (reading.kind === 'ambiguous') return reading.readings[0];
	return null;
}
