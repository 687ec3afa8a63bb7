import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCourseZip } from '../authoring/zip';
import { assetProblem, MAX_ASSET_BYTES } from './assets';
import { bytesOf, readCourseFolder } from './files';
import { loadCourseFiles } from './loader';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const EVIL_SVG = bytesOf('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const SHIPPED = 'sxsh-truong-nghe';

describe('assetProblem', () => {
	it('accepts images and PDFs named as what they are', () => {
		expect(assetProblem('images/a.png', PNG)).toBeNull();
		expect(assetProblem('images/a.svg', bytesOf('<svg viewBox="0 0 1 1"></svg>'))).toBeNull();
	});

	it('accepts an Excel workbook by its parts, not by its name', () => {
		const workbook = zipSync({
			'[Content_Types].xml': bytesOf('<Types/>'),
			'xl/workbook.xml': bytesOf('<workbook/>')
		});
		expect(assetProblem('phieu/a.xlsx', workbook)).toBeNull();
		expect(assetProblem('phieu/a.pdf', workbook)).toMatch(/is XLSX but is named \.pdf/);
		// Any other zip (a .docx, a zip of scripts) is not a worksheet.
		const other = zipSync({
			'[Content_Types].xml': bytesOf('<Types/>'),
			'word/document.xml': bytesOf('<w/>')
		});
		expect(assetProblem('phieu/a.xlsx', other)).toMatch(/only images/);
	});

	it.each([
		['images/a.svg', EVIL_SVG, /could run script/],
		['images/a.png', bytesOf('<svg onload="alert(1)"></svg>'), /is SVG but is named \.png/],
		['images/a.html', bytesOf('<html><script>x</script></html>'), /only images/],
		['images/a.png', new Uint8Array(MAX_ASSET_BYTES + 1).fill(0), /at most 5 MB/]
	])('refuses %s (%#)', (path, bytes, message) => {
		expect(assetProblem(path, bytes)).toMatch(message);
	});
});

describe('one rule for every way a file enters a course', () => {
	it('a course folder with a scripted SVG is invalid, at that file', async () => {
		const files = readCourseFolder(`courses/${SHIPPED}`);
		files.set('images/evil.svg', EVIL_SVG);
		const loaded = await loadCourseFiles(SHIPPED, files, { compile: false });
		expect(loaded.course).toBeUndefined();
		expect(loaded.problems).toContainEqual({
			file: `${SHIPPED}/images/evil.svg`,
			line: 1,
			message: expect.stringMatching(/could run script/)
		});
	});

	it('so is a zip import carrying one (the upload form already refused it)', async () => {
		const files = readCourseFolder(`courses/${SHIPPED}`);
		const entries = Object.fromEntries(
			[...files].map(([path, bytes]) => [`${SHIPPED}/${path}`, bytes])
		);
		entries[`${SHIPPED}/images/evil.svg`] = EVIL_SVG;
		const read = await readCourseZip(zipSync(entries));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const loaded = await loadCourseFiles(read.slug!, read.files, { compile: false });
		expect(loaded.problems.map((p) => p.file)).toContain(`${SHIPPED}/images/evil.svg`);
	});

	it('a course slug longer than 64 characters is refused, wherever it comes from', async () => {
		const long = 'khoa-hoc-'.repeat(34).slice(0, 300).replace(/-+$/, '');
		const files = readCourseFolder(`courses/${SHIPPED}`);
		const loaded = await loadCourseFiles(long, files, { compile: false });
		expect(loaded.course).toBeUndefined();
		expect(loaded.problems[0].message).toMatch(/at most 64 characters/);
	});
});
