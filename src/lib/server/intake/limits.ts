import type { ZipLimits } from './zip';

/**
 * What an uploaded table (a class list as CSV or XLSX) may hold. Each limit is enforced while
 * reading, the read stopping at the first thing beyond it: a 1.6 KB workbook naming cell XFD1048576
 * once hung the server walking a million empty rows.
 */
export interface TableLimits {
	/** The file as uploaded, checked before anything is parsed. */
	bytes: number;
	/** Rows by position in the file (row 1 is the header): content beyond stops the read. */
	rows: number;
	/** Columns by position (30 = AD): content beyond stops the read. */
	columns: number;
	/**
	 * Cells met, empty ones included: bounds the work on a file that repeats cells or lists empty
	 * ones far beyond its content. Above rows × columns, so a file within bounds always passes.
	 */
	cells: number;
	/** The longest text in a cell: Excel's own limit, 32,767 characters. */
	cellChars: number;
	/** Wall time for the whole read, pauses included. */
	ms: number;
	/** An XLSX is a zip: only the parts read count towards `bytes` (see intake/zip.ts). */
	zip: ZipLimits;
}

export const TABLE_LIMITS: TableLimits = {
	bytes: 2 * 1024 * 1024,
	// A header and 2,000 learners: the class import's limit (roster.ts MAX_ROSTER_ROWS).
	rows: 2001,
	columns: 30,
	cells: 100_000,
	cellChars: 32_767,
	ms: 10_000,
	zip: {
		// Excel writes about a dozen parts; pictures and other sheets are skipped, not inflated.
		files: 1000,
		// 2,001 × 30 cells are about 4 MB of sheet XML, and as much again of shared strings.
		bytes: 20 * 1024 * 1024,
		// Sheet XML deflates 5–20 times; a bomb about 1000 times.
		ratio: 100,
		ms: 10_000
	}
};

/** A course zip imported into the editor (authoring/zip.ts), its limits quoted in its refusals. */
export const COURSE_ZIP_LIMITS: ZipLimits = {
	files: 2000,
	bytes: 100 * 1024 * 1024,
	// Lessons compress 3–5 times, images not at all; a bomb of zeros about 1000 times.
	ratio: 100,
	ms: 20_000
};
