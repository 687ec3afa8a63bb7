import { describe, expect, it } from 'vitest';
import { calculatorNumber, numberForInput, readNumber, type NumberReading } from './number-input';

const n = (value: number): NumberReading => ({ kind: 'number', value });
const either = (whole: number, decimal: number): NumberReading => ({
	kind: 'ambiguous',
	readings: [whole, decimal]
});
const invalid: NumberReading = { kind: 'invalid' };
const empty: NumberReading = { kind: 'empty' };

// typed, read by a Vietnamese reader, read by an English reader
const table: [string, NumberReading, NumberReading][] = [
	// Plain numbers and signs.
	['42', n(42), n(42)],
	['-2', n(-2), n(-2)],
	['+7', n(7), n(7)],
	['− 3,5', n(-3.5), n(-3.5)],
	['  3,25  ', n(3.25), n(3.25)],
	['0', n(0), n(0)],
	['-0', n(0), n(0)],
	// A leading 0 never opens a thousands group: the three-decimal answers of the issue.
	['0,125', n(0.125), n(0.125)],
	['0.125', n(0.125), n(0.125)],
	['-0,125', n(-0.125), n(-0.125)],
	['-0.125', n(-0.125), n(-0.125)],
	['00.125', n(0.125), n(0.125)],
	// The language's own decimal mark is a decimal mark.
	['1,250', n(1.25), either(1250, 1.25)],
	['1.250', either(1250, 1.25), n(1.25)],
	['-1.250', either(-1250, -1.25), n(-1.25)],
	['12,500', n(12.5), either(12500, 12.5)],
	['999.999', either(999999, 999.999), n(999.999)],
	// The other language's mark where only a decimal fits: not three digits after it, or a head
	// that cannot open a group.
	['3.25', n(3.25), n(3.25)],
	['3,25', n(3.25), n(3.25)],
	['1.2', n(1.2), n(1.2)],
	['1,2345', n(1.2345), n(1.2345)],
	['1234.567', n(1234.567), n(1234.567)],
	['1234,567', n(1234.567), n(1234.567)],
	// Grouped thousands: two marks of a kind, or both kinds, read the same in both languages.
	['1.250.000', n(1250000), n(1250000)],
	['1,250,000', n(1250000), n(1250000)],
	['-1.250.000', n(-1250000), n(-1250000)],
	['1.250.000,5', n(1250000.5), n(1250000.5)],
	['1,250,000.5', n(1250000.5), n(1250000.5)],
	['1.250,75', n(1250.75), n(1250.75)],
	['1,250.75', n(1250.75), n(1250.75)],
	// Spaces group thousands; what follows them is the decimal part.
	['1 250 000', n(1250000), n(1250000)],
	['1\u00a0250\u202f000', n(1250000), n(1250000)],
	['1 250', n(1250), n(1250)],
	['1 250,5', n(1250.5), n(1250.5)],
	['1 250.5', n(1250.5), n(1250.5)],
	['-1 250 000', n(-1250000), n(-1250000)],
	// A mark with nothing on one side.
	['.5', n(0.5), n(0.5)],
	[',5', n(0.5), n(0.5)],
	['.500', n(0.5), n(0.5)],
	['5.', n(5), n(5)],
	['5,', n(5), n(5)],
	// Full-width digits (some phone keyboards) read as digits.
	['３,２５', n(3.25), n(3.25)],
	// Not numbers.
	['', empty, empty],
	['   ', empty, empty],
	['1e3', invalid, invalid],
	['1E-2', invalid, invalid],
	['abc', invalid, invalid],
	['3,25 năm', invalid, invalid],
	['12%', invalid, invalid],
	['3.2.1', invalid, invalid],
	['1,2,3', invalid, invalid],
	['1.25.000', invalid, invalid],
	['0.250.000', invalid, invalid],
	['1,250.000.5', invalid, invalid],
	['1.2,3', invalid, invalid],
	['1,250.5.', invalid, invalid],
	['12 50', invalid, invalid],
	['1 2 3', invalid, invalid],
	['.', invalid, invalid],
	[',', invalid, invalid],
	['-', invalid, invalid],
	['--5', invalid, invalid],
	['5-', invalid, invalid],
	['0x10', invalid, invalid],
	['Infinity', invalid, invalid],
	['9'.repeat(400), invalid, invalid]
];

describe('reading a typed number', () => {
	it.each(table)('%j → vi %j, en %j', (typed, vi, en) => {
		expect(readNumber(typed, 'vi')).toEqual(vi);
		expect(readNumber(typed, 'en')).toEqual(en);
	});

	it('writes numbers for a field so that they read back the same, in either language', () => {
		expect(numberForInput(2.125, 'vi')).toBe('2,125');
		expect(numberForInput(2.125, 'en')).toBe('2.125');
		expect(numberForInput(1300000, 'vi')).toBe('1300000');
		expect(numberForInput(1e-7, 'vi')).toBe('0,0000001');
		for (const value of [2.125, 0.05, 0.125, 1300000, -3, 70, 1250, 1e-7, 0.1 + 0.2])
			for (const locale of ['vi', 'en'] as const)
				expect(readNumber(numberForInput(value, locale), locale)).toEqual(n(value));
	});
});

describe('a number typed into a calculator', () => {
	it('reads the reader’s format, taking the whole number where two readings are possible', () => {
		expect(calculatorNumber('50.000.000', 'vi')).toBe(50_000_000);
		expect(calculatorNumber('50,000,000', 'en')).toBe(50_000_000);
		expect(calculatorNumber('1,5', 'vi')).toBe(1.5);
		expect(calculatorNumber('1.5', 'en')).toBe(1.5);
		expect(calculatorNumber('1.250', 'vi')).toBe(1250);
		expect(calculatorNumber('', 'vi')).toBeNull();
		expect(calculatorNumber('abc', 'en')).toBeNull();
	});
});
