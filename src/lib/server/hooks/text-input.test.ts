import { describe, expect, it } from 'vitest';
import { formHasNul, hasNul } from './text-input';

describe('hasNul', () => {
	it.each([
		['a\0b', true],
		['Nguyễn Văn A', false],
		[{ q: 'x\0' }, true],
		[{ ['k\0']: 'v' }, true],
		[{ answers: [['1', 'b\0']] }, true],
		[{ answers: [['1', 'b']], n: 3, ok: true, none: null }, false]
	])('%j → %s', (value, expected) => {
		expect(hasNul(value)).toBe(expected);
	});
});

describe('formHasNul', () => {
	it('finds NUL in a value, a name and a file name, not in a file’s bytes', () => {
		const clean = new FormData();
		clean.set('fullName', 'Lê Thị Mai');
		clean.set('file', new File([new Uint8Array([0, 0, 0])], 'lop-10a1.xlsx'));
		expect(formHasNul(clean)).toBe(false);

		for (const [name, value] of [
			['fullName', 'Lê\0'],
			['x\0', 'y']
		]) {
			const data = new FormData();
			data.set(name, value);
			expect(formHasNul(data)).toBe(true);
		}
		const file = new FormData();
		file.set('file', new File(['a'], 'lop\0.csv'));
		expect(formHasNul(file)).toBe(true);
	});
});
