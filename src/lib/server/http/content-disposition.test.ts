import { describe, expect, it } from 'vitest';
import { asciiName, contentDisposition } from './content-disposition';

describe('download names', () => {
	it('keeps a class name: ASCII in filename, the exact name in filename*', () => {
		const header = contentDisposition('tien-do-CĐ Điện công nghiệp K24A.xlsx');
		expect(header).toMatch(
			/^attachment; filename="tien-do-CD-Dien-cong-nghiep-K24A\.xlsx"; filename\*=UTF-8''tien-do-C%C4%90%20/
		);
		const exact = decodeURIComponent(header.split("UTF-8''")[1]);
		expect(exact).toBe('tien-do-CĐ Điện công nghiệp K24A.xlsx');
	});

	it('folds to plain ASCII with single dashes and keeps the extension', () => {
		expect(asciiName('Báo cáo — 6 tháng đầu năm (2026).xlsx')).toBe(
			'Bao-cao-6-thang-dau-nam-2026.xlsx'
		);
		expect(asciiName('Đ.pdf')).toBe('D.pdf');
		expect(asciiName('Chứng chỉ .pdf')).toBe('Chung-chi.pdf');
		expect(asciiName('漢字.csv')).toBe('tai-ve.csv');
		expect(asciiName('')).toBe('tai-ve');
	});

	it('never lets a name carry a path, quotes or a header break', () => {
		const header = contentDisposition('../a"b\r\nSet-Cookie: x=1/..\\c.csv');
		expect(header).not.toMatch(/[\r\n]/);
		const ascii = /filename="([^"]*)"/.exec(header)?.[1];
		expect(ascii).toMatch(/^[A-Za-z0-9._-]+$/);
		expect(header).not.toContain('/');
		expect(decodeURIComponent(header.split("UTF-8''")[1])).not.toMatch(/[/\\\r\n]/);
	});

	it('encodes the characters RFC 5987 does not allow bare', () => {
		expect(contentDisposition("it's (1).pdf", 'inline')).toBe(
			`inline; filename="it-s-1.pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`
		);
	});
});
