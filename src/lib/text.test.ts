import { describe, expect, it } from 'vitest';
import { fold } from './text';

describe('fold', () => {
	it('removes Vietnamese diacritics and đ', () => {
		expect(fold('Nguyễn Văn Đức')).toBe('nguyen van duc');
		expect(fold('Sản xuất sạch hơn')).toBe('san xuat sach hon');
	});
	it('collapses whitespace and works on composed and decomposed input alike', () => {
		const decomposed = 'Trần  Thị   Hồng'.normalize('NFD');
		expect(fold(decomposed)).toBe(fold('Trần Thị Hồng'));
		expect(fold(' a \t b ')).toBe('a b');
	});
});
