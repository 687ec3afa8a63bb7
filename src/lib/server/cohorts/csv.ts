// A small RFC 4180 reader for class lists saved from spreadsheet programs.

/** Splits CSV text into rows of cells: quotes, doubled quotes, CRLF or LF; a leading BOM is dropped. */
export function parseCsv(input: string): string[][] {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const delimiter = guessDelimiter(text);
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"' && cell === '') quoted = true;
		else if (c === delimiter) {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** Spreadsheet programs set to Vietnamese often save with semicolons; the header line tells. */
function guessDelimiter(text: string): ',' | ';' {
	const firstLine = text.slice(0, text.search(/\r|\n|$/));
	const count = (ch: string) => firstLine.split(ch).length - 1;
	return count(';') > count(',') ? ';' : ',';
}

/**
 * The text of an uploaded CSV, or null when it is not UTF-8 (Excel on Vietnamese Windows saves
 * "CSV" in the ANSI code page unless "CSV UTF-8" is chosen).
 */
export function decodeUtf8(data: ArrayBuffer | Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		return null;
	}
}
