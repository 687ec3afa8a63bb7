import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { SheetRow } from './paper';
import {
	BLANK_HEIGHT,
	HEADER_HEIGHT,
	MIN_BLANK_ROWS,
	paginateSheet,
	renderSheetPdf,
	SIGNATURE_HEIGHT,
	type SheetLabels
} from './sheet';

const labels: SheetLabels = {
	site: 'Sạch Hơn',
	heading: 'DANH SÁCH KÝ TÊN THAM DỰ',
	organisation: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp',
	workshop: 'Tập huấn sản xuất sạch hơn trong chế biến thủy sản',
	when: 'Buổi 1/2: 03/12/2026, 08:00–11:30',
	venue: 'Địa điểm: Hội trường Sở Công Thương',
	columns: {
		row: 'STT',
		name: 'Họ và tên',
		unit: 'Đơn vị',
		contact: 'Điện thoại / tên đăng nhập',
		signature: 'Chữ ký'
	},
	walkInNote: 'Người chưa đăng ký: ghi họ tên và số điện thoại vào dòng trống.',
	total: 'Tổng số người có mặt: ........',
	trainer: 'GIẢNG VIÊN',
	trainerNote: '(Ký và ghi rõ họ tên)',
	page: (page, pages) => `Trang ${page}/${pages}`
};

const person = (i: number, fullName = `Nguyễn Văn Học Viên Số ${i}`): SheetRow => ({
	row: i + 1,
	userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	fullName,
	organisation: i % 3 === 0 ? null : 'Công ty TNHH Chế biến Thủy sản Cửu Long',
	account: '091•••678'
});

/** Each page's text, the items joined by spaces. */
async function pagesText(bytes: Uint8Array): Promise<string[]> {
	const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
	const pages: string[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str : ''))
				.join(' ')
				.normalize('NFC')
		);
	}
	await doc.destroy();
	return pages;
}

describe('the sign-in sheet’s pages', () => {
	const space = { first: 600, other: 700 };

	it('puts the registrants in order, at least ten blank rows, and fills the last page up to the signature', () => {
		const heights = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 41 : BLANK_HEIGHT));
		const pages = paginateSheet(heights, space);
		// Every registrant once, in order, and no page holds more than its height.
		expect(
			pages.flatMap((p) => Array.from({ length: p.to - p.from }, (_, k) => p.from + k))
		).toEqual(heights.map((_, i) => i));
		pages.forEach((p, i) => {
			const used =
				HEADER_HEIGHT +
				heights.slice(p.from, p.to).reduce((a, b) => a + b, 0) +
				p.blanks * BLANK_HEIGHT +
				(i === pages.length - 1 ? SIGNATURE_HEIGHT : 0);
			expect(used).toBeLessThanOrEqual(i === 0 ? space.first : space.other);
		});
		const blanks = pages.reduce((n, p) => n + p.blanks, 0);
		expect(blanks).toBeGreaterThanOrEqual(MIN_BLANK_ROWS);
		// The last page has no room left for one more blank row above the signature.
		const last = pages.at(-1)!;
		const left =
			space.other -
			HEADER_HEIGHT -
			heights.slice(last.from, last.to).reduce((a, b) => a + b, 0) -
			last.blanks * BLANK_HEIGHT;
		expect(left).toBeGreaterThanOrEqual(SIGNATURE_HEIGHT);
		expect(left).toBeLessThan(SIGNATURE_HEIGHT + BLANK_HEIGHT);
	});

	it('counts rows per page: 20 on the first, 23 on the others, for rows of 28 points', () => {
		const pages = paginateSheet(Array(50).fill(28), space);
		// (600 − 30) / 28 = 20.3 and (700 − 30) / 28 = 23.9.
		expect(pages.map((p) => p.to - p.from)).toEqual([20, 23, 7]);
		expect(pages[2].blanks).toBe(Math.floor((700 - 30 - 7 * 28 - SIGNATURE_HEIGHT) / 28));
	});

	it('makes a page of blank rows for a workshop nobody registered for yet', () => {
		const pages = paginateSheet([], space);
		expect(pages).toHaveLength(1);
		expect(pages[0].blanks).toBe(Math.floor((600 - 30 - SIGNATURE_HEIGHT) / BLANK_HEIGHT));
	});
});

describe('the sign-in sheet PDF', () => {
	it('lists every registrant on A4 pages numbered “Trang n/N”, the header on each, long names wrapped', async () => {
		const long = 'Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh Ngọc Diệp Bảo Châu';
		const rows = [...Array.from({ length: 44 }, (_, i) => person(i)), person(44, long)];
		const bytes = await renderSheetPdf(rows, labels);
		const pages = await pagesText(bytes);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		// A name too wide for its column goes on in the line below, every word kept.
		const all = pages.join(' ').replace(/\s+/g, ' ');
		for (const row of rows) expect(all).toContain(row.fullName);
		expect(pages.join('\n')).toContain('Tôn Nữ Hoàng Thị Phương');
		pages.forEach((text, i) => {
			expect(text).toContain(`Trang ${i + 1}/${pages.length}`);
			expect(text).toContain('Chữ ký');
			expect(text).toContain('STT');
		});
		expect(pages[0]).toContain('DANH SÁCH KÝ TÊN THAM DỰ');
		expect(pages[0]).toContain('03/12/2026, 08:00–11:30');
		expect(pages[0]).toContain('TRUNG TÂM KHUYẾN CÔNG');
		expect(pages.at(-1)).toContain('GIẢNG VIÊN');
		// Rows numbered 1… through the registrants and at least ten blank rows after them.
		const numbers = all.match(/\b\d{1,3}\b/g)!.map(Number);
		for (let n = 1; n <= rows.length + MIN_BLANK_ROWS; n++) expect(numbers).toContain(n);
		const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
		const [, , width, height] = (await doc.getPage(1)).view;
		expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
		await doc.destroy();
	});
});
