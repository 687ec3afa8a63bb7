import type { Cohort } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { importRoster } from '$lib/server/cohorts/import';
import type { RosterColumn, RosterProblem } from '$lib/server/cohorts/roster';
import { log } from '$lib/server/log';
import { decodeUtf8, parseCsv } from '$lib/server/cohorts/csv';
import { readXlsx } from '$lib/server/cohorts/export';

const MAX_BYTES = 2 * 1024 * 1024;

/** The rows of an uploaded CSV (UTF-8, with or without BOM) or XLSX file, or why it cannot be read. */
export async function readRosterFile(
	file: FormDataEntryValue | null
): Promise<{ rows: string[][] } | { error: string }> {
	if (!(file instanceof File) || file.size === 0) return { error: m.import_error_file() };
	if (file.size > MAX_BYTES) return { error: m.import_error_unreadable() };
	const data = await file.arrayBuffer();
	try {
		if (/\.xlsx$/i.test(file.name)) return { rows: await readXlsx(data) };
		if (!/\.(csv|txt)$/i.test(file.name)) return { error: m.import_error_file() };
		const text = decodeUtf8(data);
		if (text === null) return { error: m.import_error_encoding() };
		return { rows: parseCsv(text) };
	} catch {
		return { error: m.import_error_unreadable() };
	}
}

const columnName: Record<RosterColumn, () => string> = {
	fullName: m.import_column_fullName,
	identifier: m.import_column_identifier,
	dateOfBirth: m.import_column_dateOfBirth,
	audience: m.import_column_audience,
	password: m.import_column_password
};

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
	too_many_rows: m.import_code_too_many_rows
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
