import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical';

describe('JSON canonicalization (RFC 8785)', () => {
	it('serialises the RFC example exactly', () => {
		const input = JSON.parse(
			'{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
				'"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
				'"literals":[null,true,false]}'
		);
		expect(canonicalize(input)).toBe(
			'{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
				'"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
		);
	});

	it('sorts members by UTF-16 code units, as the RFC example shows', () => {
		const input = JSON.parse(
			'{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
				'"1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control",' +
				'"\\u00f6":"Latin Small Letter O With Diaeresis"}'
		);
		// Read the order from the text: Object.keys would put the integer-like "1" first.
		const keys = [...canonicalize(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((k) =>
			JSON.parse(`"${k[1]}"`)
		);
		expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
	});

	it('keeps Vietnamese text as it is and ignores key order and undefined members', () => {
		const a = { b: 'Nguyễn Thị Ánh Tuyết', a: [1, { y: 2, x: 1 }], c: undefined };
		const b = { a: [1, { x: 1, y: 2 }], b: 'Nguyễn Thị Ánh Tuyết' };
		expect(canonicalize(a)).toBe('{"a":[1,{"x":1,"y":2}],"b":"Nguyễn Thị Ánh Tuyết"}');
		expect(canonicalize(a)).toBe(canonicalize(b));
	});

	it('refuses what JSON cannot hold', () => {
		expect(() => canonicalize(Number.NaN)).toThrow(TypeError);
		expect(() => canonicalize([undefined])).toThrow(TypeError);
		expect(() => canonicalize(new Date())).toThrow(TypeError);
	});
});
