// Workbooks made part by part, for tests: the attack files of the security review (issue 13) are
// a few hand-written lines of sheet XML that no spreadsheet program would write. Only fflate here,
// so the end-to-end tests can use it too.
import { strToU8, zipSync } from 'fflate';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column A to ZZ. */
const letters = (i: number): string =>
	(i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') +
	String.fromCharCode(65 + (i % 26));

/** A row of inline strings at row `r`, from column A. */
export function inlineRow(r: number, texts: string[]): string {
	const cells = texts.map((text, i) => {
		const ref = `${letters(i)}${r}`;
		return `<c r="${ref}" t="inlineStr"><is><t>${escape(text)}</t></is></c>`;
	});
	return `<row r="${r}">${cells.join('')}</row>`;
}

/** An XLSX holding one worksheet whose <sheetData> is `rows`, and `strings` as its shared strings. */
export function workbook(rows: string, strings: string[] = []): Uint8Array {
	const sst = strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('');
	return zipSync({
		'[Content_Types].xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="xml" ContentType="application/xml"/></Types>'
		),
		'xl/workbook.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}">` +
				'<sheets><sheet name="Lớp" sheetId="1" r:id="rId1"/></sheets></workbook>'
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
				`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
				'</Relationships>'
		),
		'xl/worksheets/sheet1.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`
		),
		'xl/sharedStrings.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${strings.length}">${sst}</sst>`
		)
	});
}

export const CLASS_HEADER = [
	'Họ và tên',
	'Tên đăng nhập hoặc email',
	'Ngày sinh',
	'Nhóm đối tượng'
];

/**
 * The 1.6 KB workbook that hung the server: a class list's header and one cell at XFD1048576, the
 * last cell a sheet can have. A reader that walks every row (and every column of each) up to its
 * last cell spins for minutes.
 */
export function farCellWorkbook(): Uint8Array {
	return workbook(
		inlineRow(1, CLASS_HEADER) +
			'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
	);
}
