import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkHandIn, sanitiseFileName, submissionFileHeaders } from './files';

const enc = (s: string) => new TextEncoder().encode(s);
const PDF = enc('%PDF-1.7\n%%EOF\n');
const DOCX = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w/>') });
const XLSX = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'xl/workbook.xml': enc('<w/>') });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('files handed in', () => {
	it('reads the type from the bytes, whatever the name claims', () => {
		expect(checkHandIn('bao-cao.pdf', PDF, ['pdf'], 1)).toEqual({
			ok: true,
			type: 'pdf',
			name: 'bao-cao.pdf'
		});
		expect(checkHandIn('Báo cáo.docx', DOCX, ['docx'], 1)).toMatchObject({
			ok: true,
			type: 'docx'
		});
		expect(checkHandIn('so-lieu.xlsx', XLSX, ['xlsx'], 1)).toMatchObject({
			ok: true,
			type: 'xlsx'
		});
		expect(checkHandIn('anh.png', PNG, ['png'], 1)).toMatchObject({ ok: true, type: 'png' });
		// An HTML page named .pdf, a workbook where only PDFs are asked, a PDF named .docx.
		expect(checkHandIn('x.pdf', enc('<html><script></script>'), ['pdf'], 1)).toMatchObject({
			ok: false,
			reason: 'type'
		});
		expect(checkHandIn('x.xlsx', XLSX, ['pdf'], 1)).toMatchObject({ ok: false, reason: 'type' });
		expect(checkHandIn('x.docx', PDF, ['pdf', 'docx'], 1)).toMatchObject({
			ok: false,
			reason: 'extension',
			type: 'pdf'
		});
	});

	it('refuses empty and oversized files', () => {
		expect(checkHandIn('x.pdf', new Uint8Array(), ['pdf'], 1)).toMatchObject({
			ok: false,
			reason: 'empty'
		});
		const big = new Uint8Array(1024 * 1024 + 1);
		big.set(PDF);
		expect(checkHandIn('x.pdf', big, ['pdf'], 1)).toMatchObject({
			ok: false,
			reason: 'too_large',
			maxMegabytes: 1
		});
	});

	it('sanitises names: no folders, no control characters, no leading dots, not too long', () => {
		expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
		expect(sanitiseFileName('C:\\Users\\An\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
		expect(sanitiseFileName('.hidden\u0000name.pdf')).toBe('hidden-name.pdf');
		expect(sanitiseFileName('a'.repeat(300) + '.docx')).toHaveLength(120);
		expect(sanitiseFileName('a'.repeat(300) + '.docx').endsWith('.docx')).toBe(true);
		expect(sanitiseFileName('...')).toBe('tep');
	});

	it('serves every file as a sandboxed, unsniffed, uncached download', () => {
		const headers = submissionFileHeaders('pdf', 'Báo cáo.pdf');
		expect(headers['content-type']).toBe('application/pdf');
		expect(headers['content-disposition']).toMatch(/^attachment; /);
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['content-security-policy']).toContain('sandbox');
		expect(headers['cache-control']).toBe('private, no-store');
		expect(submissionFileHeaders('exe', 'x.exe')['content-type']).toBe('application/octet-stream');
	});
});
