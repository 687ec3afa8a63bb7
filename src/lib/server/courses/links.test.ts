import { describe, expect, it } from 'vitest';
import { compileLesson } from './compile';
import { renderLesson } from './render';

// Lessons end with their references, written "Title, site: https://…" (issue 15: they must be links).
describe('web addresses in a lesson', () => {
	it('are links, marked nofollow, without the punctuation that ends the sentence', async () => {
		const compiled = await compileLesson(
			'## Tài liệu tham khảo\n\n- "Đánh giá sản xuất sạch hơn là gì?", scp.vn: https://scp.vn/danh-gia-sxsh-la-gi.\n- Xem thêm (https://laocpc.org/tai-lieu?loai=1&trang=2), và `https://khong-phai-lien-ket.vn`\n',
			'bai.md',
			1
		);
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
		const html = renderLesson(compiled.serverJs, 'khoa');
		expect(html).toContain(
			'<a href="https://scp.vn/danh-gia-sxsh-la-gi" rel="nofollow">https://scp.vn/danh-gia-sxsh-la-gi</a>.'
		);
		expect(html).toMatch(
			/\(<a href="https:\/\/laocpc\.org\/tai-lieu\?loai=1&#x26;trang=2" rel="nofollow">[^<]+<\/a>\)/
		);
		expect(html).toContain('<code>https://khong-phai-lien-ket.vn</code>');
	});
});
