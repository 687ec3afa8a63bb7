import { describe, expect, it } from 'vitest';
import { etagMatches, servedFileHeaders, servedFileType } from './served-files';

describe('servedFileType', () => {
	it('serves images and PDFs by extension, whatever its case', () => {
		expect(servedFileType('images/so-do.svg')).toBe('image/svg+xml');
		expect(servedFileType('anh/Chup.JPG')).toBe('image/jpeg');
		expect(servedFileType('tai-lieu/huong-dan.pdf')).toBe('application/pdf');
	});

	it('serves nothing else: course text, quizzes and odd names stay on the server', () => {
		for (const path of [
			'course.yaml',
			'final.quiz.yaml',
			'01-gioi-thieu.md',
			'svg',
			'a.constructor'
		])
			expect(servedFileType(path)).toBeNull();
	});
});

describe('servedFileHeaders', () => {
	it('sandboxes the file and forbids sniffing another type', () => {
		const headers = servedFileHeaders('image/svg+xml', 'images/so-do.svg');
		expect(headers['content-security-policy']).toContain('sandbox');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['content-disposition']).toBeUndefined();
	});
	it('saves a worksheet under its own name', () => {
		const type = servedFileType('tai-lieu/Bảng tính.xlsx') ?? '';
		expect(servedFileHeaders(type, 'tai-lieu/Bảng tính.xlsx')['content-disposition']).toBe(
			`attachment; filename="Bang-tinh.xlsx"; filename*=UTF-8''B%E1%BA%A3ng%20t%C3%ADnh.xlsx`
		);
	});
});

describe('etagMatches', () => {
	const etag = '"abc123"';
	it('matches the same tag, in a list, weakly compared, or any', () => {
		expect(etagMatches('"abc123"', etag)).toBe(true);
		expect(etagMatches('"zzz", "abc123"', etag)).toBe(true);
		expect(etagMatches('W/"abc123"', etag)).toBe(true);
		expect(etagMatches('*', etag)).toBe(true);
	});

	it('does not match another tag or no header', () => {
		expect(etagMatches('"abc1234"', etag)).toBe(false);
		expect(etagMatches(null, etag)).toBe(false);
		expect(etagMatches('', etag)).toBe(false);
	});
});
