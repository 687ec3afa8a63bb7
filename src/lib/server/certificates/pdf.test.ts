import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderCertificatePdf } from './pdf';
import { pdfText, sampleStatement } from '$testing/certificates';

describe('certificate PDF', () => {
	const url = 'https://sxsh.example.vn/verify/K7QM4XR9TZ2B';

	it('prints the certificate in Vietnamese, diacritics intact', async () => {
		const bytes = await renderCertificatePdf(sampleStatement(), url);
		const text = (await pdfText(bytes)).normalize('NFC');
		for (const expected of [
			'GIẤY CHỨNG NHẬN',
			'HOÀN THÀNH KHÓA HỌC',
			'Nguyễn Thị Ánh Tuyết',
			'Ngày sinh: 12/05/1990',
			'Công ty TNHH Chế biến Dừa Lương Quới',
			'Đánh giá sản xuất sạch hơn dành cho tư vấn viên',
			'Phiên bản 3',
			'24 giờ',
			'Ngày hoàn thành: 04/03/2026',
			'có giá trị đến hết ngày 04/03/2029',
			'TRUNG TÂM KHUYẾN CÔNG',
			'Vĩnh Long, ngày 05 tháng 03 năm 2026',
			'GIÁM ĐỐC',
			'Trần Văn Bình',
			'Số: SH-2026-000123',
			'Số vào sổ: 123',
			url,
			'K7QM-4XR9-TZ2B'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('prints the graded practicum under the course, clear of the signature', async () => {
		const statement = sampleStatement({
			holder: {
				name: 'Nguyễn Thị Ánh Tuyết',
				dateOfBirth: '1990-05-12',
				organisation:
					'Công ty TNHH Chế biến Dừa Lương Quới, ấp Thạnh Phú, xã Lương Quới, tỉnh Vĩnh Long'
			},
			assessments: [
				{
					title: {
						vi: 'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật',
						en: 'Practicum: a cleaner production assessment report of a real facility'
					},
					points: 18,
					maxPoints: 21,
					gradedAt: '2026-03-02T03:00:00.000Z'
				}
			]
		});
		const bytes = await renderCertificatePdf(statement, url);
		const text = (await pdfText(bytes)).normalize('NFC');
		expect(text).toContain(
			'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật — đạt 18/21 điểm'
		);
		expect(text).not.toContain('Bài thực hành: Bài thực hành');
		expect(text).toContain('Đánh giá sản xuất sạch hơn dành cho tư vấn viên');

		// Every line stays on the page; the validity note stays above the place and date of issue.
		const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
		const items = (await (await doc.getPage(1)).getTextContent()).items.flatMap((item) =>
			'str' in item && item.str.trim()
				? [{ str: item.str.normalize('NFC'), y: item.transform[5] }]
				: []
		);
		await doc.destroy();
		for (const item of items) {
			expect(item.y).toBeGreaterThan(30);
			expect(item.y).toBeLessThan(595 - 30);
		}
		const at = (part: string) => items.find((i) => i.str.includes(part))!.y;
		expect(at('có giá trị đến')).toBeGreaterThan(at('Vĩnh Long, ngày') + 10);
		expect(at('Bài thực hành')).toBeLessThan(at('Phiên bản 3'));
		expect(at('GIẤY CHỨNG NHẬN') + 34).toBeLessThan(at('CỘNG HÒA'));
	});

	it('prints nothing about a practicum when the certificate records none', async () => {
		const text = await pdfText(await renderCertificatePdf(sampleStatement(), url));
		expect(text.normalize('NFC')).not.toContain('Bài thực hành');
	});

	it('is an A4 landscape page with embedded fonts, small enough to mail', async () => {
		const bytes = await renderCertificatePdf(
			sampleStatement({ holder: { name: 'Lê Văn Đức' }, expiresAt: undefined }),
			url
		);
		const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
		const page = await doc.getPage(1);
		const [, , width, height] = page.view;
		expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
		const text = await pdfText(bytes);
		expect(text).not.toContain('Ngày sinh');
		expect(text).not.toContain('giá trị đến');
		expect(bytes.length).toBeLessThan(120_000);
		await doc.destroy();
	});

	it('renders each certificate the same, whatever was rendered before (fonts are shared)', async () => {
		const tuyet = sampleStatement();
		const duc = sampleStatement({
			holder: { name: 'Lê Văn Đức', organisation: 'Hợp tác xã Bưởi Năm Roi Ứng Hòa' }
		});
		const first = await renderCertificatePdf(tuyet, url);
		const other = await renderCertificatePdf(duc, url);
		const again = await renderCertificatePdf(tuyet, url);
		expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
		expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
		const text = (await pdfText(other)).normalize('NFC');
		expect(text).toContain('Lê Văn Đức');
		expect(text).toContain('Hợp tác xã Bưởi Năm Roi Ứng Hòa');
		expect(text).not.toContain('Tuyết');
		// Two downloads at once share the fonts too.
		const [both1, both2] = await Promise.all([
			renderCertificatePdf(tuyet, url),
			renderCertificatePdf(duc, url)
		]);
		expect(Buffer.from(both1).equals(Buffer.from(first))).toBe(true);
		expect(Buffer.from(both2).equals(Buffer.from(other))).toBe(true);
	});
});
