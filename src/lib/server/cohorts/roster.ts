// Pure reading of a class list (rows from a CSV or XLSX file): every row validated, problems listed
// by row and column, nothing touched in the database.
import { z } from 'zod';
import { audienceGroups, USERNAME_PATTERN, type AudienceGroup } from '$lib/domain';
import { fold } from '$lib/text';
import { parseDay } from '$lib/vietnam-time';
import { isGuardianContact } from '$lib/schemas/guardian';
import { passwordProblem } from '../auth/password';
import { TABLE_LIMITS } from '../intake/limits';

export const rosterColumns = [
	'fullName',
	'identifier',
	'dateOfBirth',
	'audience',
	'password',
	// A guardian's consent collected on paper (privacy/guardians.ts): all four, or none.
	'guardianName',
	'guardianContact',
	'guardianRelationship',
	'guardianConsentedOn'
] as const;
export type RosterColumn = (typeof rosterColumns)[number];

/** Columns a file may leave out. */
const optionalColumns: readonly RosterColumn[] = [
	'password',
	'guardianName',
	'guardianContact',
	'guardianRelationship',
	'guardianConsentedOn'
];
const guardianColumns = [
	'guardianName',
	'guardianContact',
	'guardianRelationship',
	'guardianConsentedOn'
] as const;

export type RosterProblemCode =
	| 'required'
	| 'too_long'
	| 'formula'
	| 'invalid_identifier'
	| 'invalid_date'
	| 'invalid_audience'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_common'
	| 'duplicate'
	| 'taken'
	| 'missing_column'
	| 'empty_file'
	| 'too_many_rows'
	| 'guardian_incomplete'
	| 'guardian_contact'
	| 'guardian_future';

/** row: the line in the file (the header is line 1); column null for a problem of the whole file. */
export interface RosterProblem {
	row: number;
	column: RosterColumn | null;
	code: RosterProblemCode;
}

export interface RosterEntry {
	row: number;
	fullName: string;
	/** Lower-case username or e-mail address. */
	identifier: string;
	dateOfBirth: string;
	audience: AudienceGroup;
	/** Empty: a one-time password is generated. */
	password: string | null;
	/** A guardian's consent given on paper, when the file has one for this learner. */
	guardian?: GuardianEntry;
}

export interface GuardianEntry {
	name: string;
	/** A phone number or an e-mail address. */
	contact: string;
	relationship: string;
	consentedOn: string;
}

/**
 * The example learners of the downloadable template, one value per column of `rosterColumns`: what
 * the importer reads, in the forms it accepts (a day as dd/mm/yyyy or ISO, a username or an e-mail
 * address, an audience group by its Vietnamese name, the password left empty for a one-time one).
 */
const templateExamples: Record<RosterColumn, string>[] = [
	{
		fullName: 'Nguyễn Văn An',
		identifier: 'k24a-nguyenvanan',
		dateOfBirth: '05/09/2006',
		audience: 'Học sinh, sinh viên',
		password: '',
		guardianName: '',
		guardianContact: '',
		guardianRelationship: '',
		guardianConsentedOn: ''
	},
	{
		fullName: 'Trần Thị Bích Ngọc',
		identifier: 'ngoc.tran@example.vn',
		dateOfBirth: '1998-12-31',
		audience: 'Người lao động',
		password: '',
		guardianName: '',
		guardianContact: '',
		guardianRelationship: '',
		guardianConsentedOn: ''
	},
	{
		// Under 16: the school collected the guardian's signed form, and imports it with the class.
		fullName: 'Lê Minh Khang',
		identifier: 'k24a-leminhkhang',
		dateOfBirth: '12/03/2011',
		audience: 'Học sinh, sinh viên',
		password: '',
		guardianName: 'Lê Văn Hùng',
		guardianContact: '0912 345 678',
		guardianRelationship: 'Bố',
		guardianConsentedOn: '20/11/2026'
	}
];

/** The class-list template: the header in the reader's words, then the examples, column by column. */
export function rosterTemplate(header: Record<RosterColumn, string>): string[][] {
	return [
		rosterColumns.map((c) => header[c]),
		...templateExamples.map((row) => rosterColumns.map((c) => row[c]))
	];
}

/** A file holds no more: the intake stops reading at the row after (intake/limits.ts). */
export const MAX_ROSTER_ROWS = TABLE_LIMITS.rows - 1;

/** The shared search fold without spaces or punctuation: "Họ và tên", "HO VA TEN", "ho_va_ten" agree. */
export function columnKey(text: string): string {
	return fold(text).replace(/[^a-z0-9]/g, '');
}

const headerNames: Record<RosterColumn, string[]> = {
	fullName: ['hovaten', 'hoten', 'fullname', 'name', 'ten'],
	identifier: [
		'tendangnhaphoacemail',
		'tendangnhap',
		'email',
		'username',
		'usernameoremail',
		'identifier',
		'taikhoan'
	],
	dateOfBirth: ['ngaysinh', 'dateofbirth', 'birthdate', 'dob'],
	audience: ['nhomdoituong', 'doituong', 'nhom', 'audience', 'audiencegroup', 'group'],
	password: ['matkhau', 'password'],
	guardianName: [
		'hotennguoigiamho',
		'tennguoigiamho',
		'nguoigiamho',
		'hotenphuhuynh',
		'tenphuhuynh',
		'phuhuynh',
		'guardiansname',
		'guardianname',
		'guardian'
	],
	guardianContact: [
		'lienhenguoigiamho',
		'sodienthoainguoigiamho',
		'dienthoainguoigiamho',
		'sdtnguoigiamho',
		'lienhephuhuynh',
		'sodienthoaiphuhuynh',
		'dienthoaiphuhuynh',
		'sdtphuhuynh',
		'guardianscontact',
		'guardiancontact',
		'guardianphone',
		'guardianemail'
	],
	guardianRelationship: [
		'quanhevoinguoihoc',
		'quanhevoihocvien',
		'quanhe',
		'relationship',
		'guardianrelationship'
	],
	guardianConsentedOn: [
		'ngaydongy',
		'ngaynguoigiamhodongy',
		'ngayphuhuynhdongy',
		'consentdate',
		'guardianconsentdate',
		'dateofconsent'
	]
};

const audienceNames: Record<string, AudienceGroup> = {
	...Object.fromEntries(audienceGroups.map((g) => [g, g])),
	quanly: 'manager',
	canboquanly: 'manager',
	laodong: 'operational',
	nguoilaodong: 'operational',
	vanhanh: 'operational',
	tuvan: 'consultant',
	tuvanvien: 'consultant',
	hocsinh: 'student',
	sinhvien: 'student',
	hocsinhsinhvien: 'student',
	hocvien: 'student',
	khac: 'other'
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 31/12/2010, 31-12-2010, 31.12.2010 or 2010-12-31; a real day between 1900 and today. */
export function parseBirthDate(raw: string, today: string): string | null {
	const iso = parseAnyDay(raw);
	return iso && iso >= '1900-01-01' && iso <= today ? iso : null;
}

/** A real day written 31/12/2010, 31-12-2010, 31.12.2010 or 2010-12-31, as ISO. */
function parseAnyDay(raw: string): string | null {
	const text = raw.trim();
	let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	let [y, mo, d] = m ? [m[3], m[2], m[1]] : [];
	if (!m) {
		m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
		if (!m) return null;
		[y, mo, d] = [m[1], m[2], m[3]];
	}
	return parseDay(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`);
}

const cell = (max: number) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
		.pipe(z.string().min(1, 'guardian_incomplete').max(max, 'too_long'));

/** The guardian's four columns, when any is filled: all four, a real contact, a day not after today. */
function guardianSchema(today: string) {
	return z.object({
		guardianName: cell(120).refine((s) => !/^[=+\-@]/.test(s), { message: 'formula' }),
		guardianContact: cell(254).refine(isGuardianContact, { message: 'guardian_contact' }),
		guardianRelationship: cell(60).refine((s) => !/^[=+\-@]/.test(s), { message: 'formula' }),
		guardianConsentedOn: cell(40).transform((s, ctx) => {
			const iso = parseAnyDay(s);
			if (!iso || iso < '1900-01-01') ctx.addIssue({ code: 'custom', message: 'invalid_date' });
			else if (iso > today) ctx.addIssue({ code: 'custom', message: 'guardian_future' });
			return iso ?? '';
		})
	});
}

function rowSchema(today: string) {
	const text = (max: number) =>
		z
			.string()
			.transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
			.pipe(z.string().min(1, 'required').max(max, 'too_long'));
	return z.object({
		// A spreadsheet formula ("=HYPERLINK(…)") is not a name, and would run when the list is exported.
		fullName: text(200).refine((s) => !/^[=+\-@]/.test(s), { message: 'formula' }),
		identifier: text(254)
			.transform((s) => s.toLowerCase())
			.refine((s) => (s.includes('@') ? EMAIL.test(s) : USERNAME_PATTERN.test(s)), {
				message: 'invalid_identifier'
			}),
		dateOfBirth: text(40).transform((s, ctx) => {
			const iso = parseBirthDate(s, today);
			if (!iso) ctx.addIssue({ code: 'custom', message: 'invalid_date' });
			return iso ?? '';
		}),
		audience: text(60).transform((s, ctx) => {
			const group = audienceNames[columnKey(s)];
			if (!group) ctx.addIssue({ code: 'custom', message: 'invalid_audience' });
			return group ?? 'other';
		}),
		password: z
			.string()
			.transform((s) => s.trim())
			.superRefine((s, ctx) => {
				const problem = s ? passwordProblem(s) : null;
				if (problem) ctx.addIssue({ code: 'custom', message: `password_${problem}` });
			})
			.transform((s) => s || null)
	});
}

export type RosterResult =
	{ ok: true; entries: RosterEntry[] } | { ok: false; problems: RosterProblem[] };

/**
 * Reads rows whose first is the header (columns in any order, Vietnamese or English names). Blank
 * lines are skipped; an identifier repeated in the file is a problem on its later rows.
 */
export function parseRosterRows(rows: string[][], today: string): RosterResult {
	const problems: RosterProblem[] = [];
	const header = (rows[0] ?? []).map(columnKey);
	const at = {} as Record<RosterColumn, number>;
	for (const column of rosterColumns) {
		at[column] = header.findIndex((h) => headerNames[column].includes(h));
		if (at[column] < 0 && !optionalColumns.includes(column))
			problems.push({ row: 1, column, code: 'missing_column' });
	}
	if (problems.length > 0) return { ok: false, problems };
	const body = rows
		.map((cells, i) => ({ cells, row: i + 1 }))
		.slice(1)
		.filter(({ cells }) => cells.some((c) => c.trim() !== ''));
	if (body.length === 0)
		return { ok: false, problems: [{ row: 1, column: null, code: 'empty_file' }] };
	if (body.length > MAX_ROSTER_ROWS)
		return { ok: false, problems: [{ row: 1, column: null, code: 'too_many_rows' }] };

	const schema = rowSchema(today);
	const guardian = guardianSchema(today);
	const entries: RosterEntry[] = [];
	const seen = new Set<string>();
	for (const { cells, row } of body) {
		const raw = Object.fromEntries(
			rosterColumns.map((c) => [c, at[c] >= 0 ? (cells[at[c]] ?? '') : ''])
		);
		const parsed = schema.safeParse(raw);
		const hasGuardian = guardianColumns.some((c) => raw[c].trim() !== '');
		const parsedGuardian = hasGuardian ? guardian.safeParse(raw) : null;
		const id = raw.identifier.normalize('NFC').trim().toLowerCase();
		const repeated = id !== '' && seen.has(id);
		seen.add(id);
		const issues = [
			...(parsed.success ? [] : parsed.error.issues),
			...(parsedGuardian && !parsedGuardian.success ? parsedGuardian.error.issues : [])
		];
		if (issues.length > 0) {
			for (const issue of issues) {
				const column = issue.path[0] as RosterColumn;
				if (problems.some((p) => p.row === row && p.column === column)) continue;
				problems.push({ row, column, code: issue.message as RosterProblemCode });
			}
		}
		if (repeated && !problems.some((p) => p.row === row && p.column === 'identifier'))
			problems.push({ row, column: 'identifier', code: 'duplicate' });
		if (!parsed.success || repeated || (parsedGuardian && !parsedGuardian.success)) continue;
		const g = parsedGuardian?.data;
		entries.push({
			row,
			...parsed.data,
			...(g && {
				guardian: {
					name: g.guardianName,
					contact: g.guardianContact,
					relationship: g.guardianRelationship,
					consentedOn: g.guardianConsentedOn
				}
			})
		});
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
