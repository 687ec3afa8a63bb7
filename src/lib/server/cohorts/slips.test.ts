import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '$testing/certificates';
import { renderSlipsPdf, SLIPS_PER_PAGE } from './slips';

const labels = {
	site: 'Sạch Hơn',
	title: 'Phiếu đăng nhập',
	identifier: 'Tên đăng nhập',
	password: 'Mật khẩu dùng một lần',
	address: 'Đăng nhập tại',
	note: 'Lần đầu đăng nhập, bạn sẽ đặt mật khẩu mới của riêng mình.'
};
const url = 'https://sxsh.example.vn/sign-in';
const slip = (i: number) => ({
	fullName: `Nguyễn Thị Ánh Tuyết ${i}`,
	identifier: `hs-k24a-${String(i).padStart(2, '0')}`,
	password: `abcd-efgh-${String(1000 + i).slice(-4)}`
});

describe('one-time password slips', () => {
	it('prints each learner’s name, username, password and the address, in Vietnamese', async () => {
		const bytes = await renderSlipsPdf([slip(1), slip(2)], url, labels);
		const text = (await pdfText(bytes)).normalize('NFC');
		for (const expected of [
			'Nguyễn Thị Ánh Tuyết 1',
			'hs-k24a-01',
			'abcd-efgh-1001',
			'hs-k24a-02',
			'Mật khẩu dùng một lần',
			url
		])
			expect(text).toContain(expected);
	});

	it('puts eight slips on an A4 page', async () => {
		const slips = Array.from({ length: SLIPS_PER_PAGE + 1 }, (_, i) => slip(i));
		const bytes = await renderSlipsPdf(slips, url, labels);
		const doc = await getDocument({ data: bytes }).promise;
		expect(doc.numPages).toBe(2);
		const page = await doc.getPage(1);
		const [, , width, height] = page.view;
		expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
	});
});
