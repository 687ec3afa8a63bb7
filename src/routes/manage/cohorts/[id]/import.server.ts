import type { Cohort } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { importRoster } from '$lib/server/cohorts/import';
import { rosterColumns, type RosterColumn, type RosterProblem } from '$lib/server/cohorts/roster';
import { TABLE_LIMITS } from '$lib/server/intake/limits';
import { readSpreadsheet, type TableRefusal } from '$lib/server/intake/spreadsheet';
import { columnLetters } from '$lib/server/intake/table';
import { log } from '$lib/server/log';

/** The rows of an uploaded CSV (UTF-8, with or without BOM) or XLSX file, or why it cannot be read. */
export async function readRosterFile(
	file: FormDataEntryValue | null
): Promise<{ rows: string[][] } | { error: string }> {
	if (!(file instanceof File) || file.size === 0) return { error: m.import_error_file() };
	try {
		const read = await readSpreadsheet(file);
		return read.ok ? { rows: read.rows } : { error: refusalText(read.refusal) };
	} catch (err) {
		// A file the reader did not foresee: the manager is told it cannot be read; we are told why.
		log().warn({ err, name: file.name, size: file.size }, 'class list could not be read');
		return { error: m.import_error_unreadable() };
	}
}

/** Why the file was not read, in the reader's language, with the limit it went past. */
function refusalText(refusal: TableRefusal): string {
	const { bytes, rows, columns, cellChars } = TABLE_LIMITS;
	switch (refusal.reason) {
		case 'not_a_table':
			return m.import_error_file();
		case 'encoding':
			return m.import_error_encoding();
		case 'unreadable':
			return m.import_error_unreadable();
		case 'too_large':
			return m.import_error_too_large({ megabytes: bytes / 1024 / 1024 });
		case 'beyond_bounds':
			return m.import_error_beyond_bounds({
				cell: refusal.cell,
				column: columnLetters(columns),
				row: rows,
				learners: rows - 1
			});
		case 'cell_too_long':
			return m.import_error_cell_too_long({ cell: refusal.cell, characters: cellChars });
		case 'too_many_cells':
		case 'unpacks_too_large':
		case 'too_slow':
			return m.import_error_too_complex();
	}
}

const columnName: Record<RosterColumn, () => string> = {
	fullName: m.import_column_fullName,
	identifier: m.import_column_identifier,
	dateOfBirth: m.import_column_dateOfBirth,
	audience: m.import_column_audience,
	password: m.import_column_password,
	guardianName: m.privacy_guardian_column_name,
	guardianContact: m.privacy_guardian_column_contact,
	guardianRelationship: m.privacy_guardian_column_relationship,
	guardianConsentedOn: m.privacy_guardian_column_date
};

/** The template's header: the importer's columns, named as the problems name them, capitalised. */
export function templateHeader(): Record<RosterColumn, string> {
	const entries = rosterColumns.map((c) => {
		const name = columnName[c]();
		return [c, name.charAt(0).toLocaleUpperCase() + name.slice(1)];
	});
	return Object.fromEntries(entries) as Record<RosterColumn, string>;
}

const problemText: Record<RosterProblem['code'], () => string> = {
	required: m.import_code_required,
	too_long: m.import_code_too_long,
	formula: m.import_code_formula,
	invalid_identifier: m.import_code_invalid_identifier,
	invalid_date: m.import_code_invalid_date,
	invalid_audience: m.import_code_invalid_audience,
	password_too_short: m.import_code_password_too_short,
	password_too_long: m.import_code_password_too_long,
	password_common: m.import_code_password_common,
	duplicate: m.import_code_duplicate,
	taken: m.import_code_taken,
	missing_column: m.import_code_missing_column,
	empty_file: m.import_code_empty_file,
	too_many_rows: m.import_code_too_many_rows,
	guardian_incomplete: m.privacy_guardian_code_incomplete,
	guardian_contact: m.privacy_guardian_code_contact,
	guardian_future: m.privacy_guardian_code_future
};

/** "Dòng 4, cột ngày sinh: ngày không hợp lệ", in the reader's language. */
export function describeProblem(p: RosterProblem): string {
	const problem = problemText[p.code]();
	return p.column
		? m.import_problem({ row: p.row, column: columnName[p.column](), problem })
		: m.import_problem_file({ row: p.row, problem });
}

/** What the page shows after an import: the one-time passwords, or why nothing was imported. */
export type ImportOutcome =
	| { imported: { fullName: string; identifier: string; password: string }[] }
	/** 400: something to fix in the file; 500: the server failed. */
	| { importProblems: string[]; status: 400 | 500 };

/**
 * The import, for the page's action and its progress stream alike. A failure part-way (the
 * database gone, a bug) has imported nothing, the import being one transaction: it is logged, and
 * the reader told so in their language, instead of a stream that breaks off or an error page.
 */
export async function runImport(
	locals: App.Locals,
	actorId: string,
	cohort: Pick<Cohort, 'id' | 'organisationId'>,
	rows: string[][],
	options: Parameters<typeof importRoster>[5] = {}
): Promise<ImportOutcome> {
	try {
		const result = await importRoster(locals.db, actorId, cohort, rows, new Date(), options);
		if (!result.ok) return { importProblems: result.problems.map(describeProblem), status: 400 };
		return {
			imported: result.credentials.map(({ fullName, identifier, password }) => ({
				fullName,
				identifier,
				password
			}))
		};
	} catch (error) {
		const abandoned = options.signal?.aborted;
		log()[abandoned ? 'info' : 'error'](
			{ requestId: locals.requestId, cohortId: cohort.id, err: abandoned ? undefined : error },
			abandoned ? 'class import abandoned by the reader' : 'class import failed'
		);
		return { importProblems: [m.import_error_server()], status: 500 };
	}
}
