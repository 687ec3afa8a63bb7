// An uploaded XLSX read as a table: an XLSX is a zip (intake/zip.ts) of XML parts; only the parts
// that make its first worksheet are inflated, and the sheet is read in one pass with every limit
// enforced as each cell is met (intake/table.ts, intake/xlsx-sheet.ts).
import type { TableLimits } from './limits';
import { inSlices, type Sliced } from './slices';
import { Grid, type TableRead, type TableRefusal } from './table';
import { dateStyles, sharedStrings, worksheet } from './xlsx-sheet';
import { events, scanBytes, Unreadable } from './xml';
import { readZip, type ZipRefusal } from './zip';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** The parts of the workbook to read: found in pass one, inflated in pass two. */
interface Parts {
	sheet: string;
	strings: string | null;
	styles: string | null;
	date1904: boolean;
}

/** "xl/" + a relationship's target: "worksheets/sheet1.xml", "/xl/…" or "../…". */
function partPath(target: string): string {
	const parts = target.startsWith('/') ? [] : ['xl'];
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part && part !== '.') parts.push(part);
	}
	return parts.join('/');
}

/** The first worksheet (the first tab, as the reader sees it), its strings and styles. */
function* locateParts(entries: Map<string, Uint8Array>, limits: TableLimits): Sliced<Parts> {
	const workbook = entries.get(WORKBOOK);
	const rels = entries.get(WORKBOOK_RELS);
	if (!workbook || !rels) throw new Unreadable();
	const sheetIds: string[] = [];
	let date1904 = false;
	yield* scanBytes(
		workbook,
		events({
			open(name, a) {
				if (name === 'sheet' && a.has('id')) sheetIds.push(a.get('id')!);
				if (name === 'workbookPr') date1904 = ['1', 'true'].includes(a.get('date1904') ?? '');
			}
		}),
		limits.cellChars
	);
	const targets = new Map<string, { type: string; path: string }>();
	yield* scanBytes(
		rels,
		events({
			open(name, a) {
				if (name !== 'Relationship' || a.get('TargetMode') === 'External') return;
				targets.set(a.get('Id') ?? '', {
					// The last part of the type: the transitional and the strict namespaces agree.
					type: (a.get('Type') ?? '').split('/').pop()!,
					path: partPath(a.get('Target') ?? '')
				});
			}
		}),
		limits.cellChars
	);
	// A chart sheet is not a table: the first tab that is a worksheet.
	const sheet = sheetIds.map((id) => targets.get(id)).find((t) => t?.type === 'worksheet');
	if (!sheet) throw new Unreadable();
	const of = (type: string) => [...targets.values()].find((t) => t.type === type)?.path ?? null;
	return { sheet: sheet.path, strings: of('sharedStrings'), styles: of('styles'), date1904 };
}

const ZIP_REFUSAL: Record<ZipRefusal, TableRefusal> = {
	not_a_zip: { reason: 'unreadable' },
	too_many_files: { reason: 'unpacks_too_large' },
	too_large: { reason: 'unpacks_too_large' },
	ratio: { reason: 'unpacks_too_large' },
	too_slow: { reason: 'too_slow' }
};

/** An uploaded XLSX's first worksheet, within `limits`, pausing for the event loop between slices. */
export async function readXlsx(
	bytes: Uint8Array,
	limits: TableLimits,
	deadline: number
): Promise<TableRead> {
	if (bytes.length > limits.bytes) return { ok: false, refusal: { reason: 'too_large' } };
	const unzip = async (wanted: Set<string>) => {
		const ms = Math.min(limits.zip.ms, deadline - Date.now());
		return readZip(bytes, { ...limits.zip, ms }, (name) => wanted.has(name));
	};
	const refused = (refusal: TableRefusal): TableRead => ({ ok: false, refusal });
	try {
		// Two passes over the archive: which part is the first sheet is only known from the workbook.
		const first = await unzip(new Set([WORKBOOK, WORKBOOK_RELS]));
		if (!first.ok) return refused(ZIP_REFUSAL[first.reason]);
		const parts = await inSlices(locateParts(first.entries, limits), deadline);
		if (parts === 'too_slow') return refused({ reason: 'too_slow' });
		const second = await unzip(
			new Set([parts.sheet, parts.strings, parts.styles].filter((p) => p !== null))
		);
		if (!second.ok) return refused(ZIP_REFUSAL[second.reason]);
		const sheet = second.entries.get(parts.sheet);
		if (!sheet) return refused({ reason: 'unreadable' });
		const grid = new Grid(limits);
		const read = function* () {
			const { cellChars } = limits;
			const strings = yield* sharedStrings(second.entries.get(parts.strings ?? ''), cellChars);
			const dates = yield* dateStyles(second.entries.get(parts.styles ?? ''), cellChars);
			yield* worksheet(sheet, grid, strings, dates, parts.date1904);
		};
		if ((await inSlices(read(), deadline)) === 'too_slow') return refused({ reason: 'too_slow' });
		return grid.result();
	} catch (error) {
		if (error instanceof Unreadable) return refused({ reason: 'unreadable' });
		throw error;
	}
}
