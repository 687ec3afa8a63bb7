import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown (the privacy notice)', () => {
	it('renders headings from h2, paragraphs, lists and marks', () => {
		expect(
			renderMarkdown(
				'# Dữ liệu\n\nChúng tôi **không** bán *dữ liệu*.\n\n- Họ tên\n- Ngày sinh\n\n1. Xem\n2. Xóa'
			)
		).toBe(
			[
				'<h2>Dữ liệu</h2>',
				'<p>Chúng tôi <strong>không</strong> bán <em>dữ liệu</em>.</p>',
				'<ul><li>Họ tên</li><li>Ngày sinh</li></ul>',
				'<ol><li>Xem</li><li>Xóa</li></ol>'
			].join('\n')
		);
	});

	it('lets no HTML or script through, and keeps only safe links', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://so.vn/?a=1&b=2) [c](mailto:dlcn@so.vn) [d](//evil.example) [e](/privacy)'
		);
		expect(html).not.toMatch(/<script|<img|href="javascript|href="\/\/evil/);
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('<a href="https://so.vn/?a=1&amp;b=2">b</a>');
		expect(html).toContain('<a href="mailto:dlcn@so.vn">c</a>');
		expect(html).toContain('<a href="/privacy">e</a>');
		expect(renderMarkdown('[x](https://a.vn/"onmouseover="alert(1))')).not.toContain(
			'"onmouseover'
		);
	});
});
