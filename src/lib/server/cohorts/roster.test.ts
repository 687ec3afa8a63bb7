import { describe, expect, it } from 'vitest';
import { parseCsv } from '../intake/csv';
import { parseBirthDate, parseRosterRows, rosterColumns, rosterTemplate } from './roster';

const TODAY = '2026-11-29';
const HEADER = ['Họ và tên', 'Tên đăng nhập hoặc email', 'Ngày sinh', 'Nhóm đối tượng', 'Mật khẩu'];

describe('parseCsv', () => {
	it('drops a BOM, reads quotes, CRLF and semicolons', () => {
		expect(parseCsv('\uFEFFa,"b, ""c"""\r\n1,2\n')).toEqual([
			['a', 'b, "c"'],
			['1', '2']
		]);
		expect(parseCsv('a;b\n1;2')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});
});

describe('parseBirthDate', () => {
	it('reads Vietnamese and ISO dates and refuses impossible ones', () => {
		expect(parseBirthDate('05/09/2010', TODAY)).toBe('2010-09-05');
		expect(parseBirthDate('2010-09-05', TODAY)).toBe('2010-09-05');
		expect(parseBirthDate('31/02/2010', TODAY)).toBeNull();
		expect(parseBirthDate('01/01/2030', TODAY)).toBeNull();
		expect(parseBirthDate('hôm qua', TODAY)).toBeNull();
	});
});

describe('parseRosterRows', () => {
	it('reads a good class list, in any column order, skipping blank lines', () => {
		const result = parseRosterRows(
			[
				['Ngày sinh', 'Ho va ten', 'Username', 'Audience'],
				['05/09/2010', '  Lê  Thị Mai ', 'HS10A1-05', 'Học sinh'],
				['', '', '', ''],
				['2010-01-02', 'Trần Văn Nam', 'nam@example.vn', 'student']
			],
			TODAY
		);
		expect(result).toEqual({
			ok: true,
			entries: [
				{
					row: 2,
					fullName: 'Lê Thị Mai',
					identifier: 'hs10a1-05',
					dateOfBirth: '2010-09-05',
					audience: 'student',
					password: null
				},
				{
					row: 4,
					fullName: 'Trần Văn Nam',
					identifier: 'nam@example.vn',
					dateOfBirth: '2010-01-02',
					audience: 'student',
					password: null
				}
			]
		});
	});

	it('lists every problem by row and column', () => {
		const result = parseRosterRows(
			[
				HEADER,
				['', 'hs-01', '01/01/2010', 'hoc sinh', ''],
				['Mai', 'a b', '01/01/2010', 'hoc sinh', ''],
				['Mai', 'hs-03', '32/01/2010', 'hoc sinh', ''],
				['Mai', 'hs-04', '01/01/2010', 'phi hành gia', ''],
				['Mai', 'hs-05', '01/01/2010', 'hoc sinh', '123'],
				['Mai', 'hs-06', '01/01/2010', 'hoc sinh', 'password'],
				['Mai', 'HS-06', '01/01/2010', 'hoc sinh', ''],
				['=HYPERLINK("http://x","Mai")', 'hs-09', '01/01/2010', 'hoc sinh', '']
			],
			TODAY
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ row: 2, column: 'fullName', code: 'required' },
				{ row: 3, column: 'identifier', code: 'invalid_identifier' },
				{ row: 4, column: 'dateOfBirth', code: 'invalid_date' },
				{ row: 5, column: 'audience', code: 'invalid_audience' },
				{ row: 6, column: 'password', code: 'password_too_short' },
				{ row: 7, column: 'password', code: 'password_common' },
				{ row: 8, column: 'identifier', code: 'duplicate' },
				{ row: 9, column: 'fullName', code: 'formula' }
			]
		});
	});

	it('names missing columns and refuses an empty list', () => {
		expect(parseRosterRows([['Họ và tên', 'Ngày sinh']], TODAY)).toEqual({
			ok: false,
			problems: [
				{ row: 1, column: 'identifier', code: 'missing_column' },
				{ row: 1, column: 'audience', code: 'missing_column' }
			]
		});
		expect(parseRosterRows([HEADER, ['', '', '', '', '']], TODAY)).toEqual({
			ok: false,
			problems: [{ row: 1, column: null, code: 'empty_file' }]
		});
	});
});

describe('the class-list template', () => {
	const header = {
		fullName: 'Họ và tên',
		identifier: 'Tên đăng nhập hoặc email',
		dateOfBirth: 'Ngày sinh',
		audience: 'Nhóm đối tượng',
		password: 'Mật khẩu',
		guardianName: 'Họ tên người giám hộ',
		guardianContact: 'Liên hệ người giám hộ',
		guardianRelationship: 'Quan hệ với người học',
		guardianConsentedOn: 'Ngày đồng ý'
	};

	it('has every column the importer reads, in its order, and imports as it is', () => {
		const rows = rosterTemplate(header);
		expect(rows[0]).toEqual(rosterColumns.map((c) => header[c]));
		expect(rows.slice(1).every((r) => r.length === rosterColumns.length)).toBe(true);
		const parsed = parseRosterRows(rows, '2026-12-02');
		expect(
			parsed.ok ? parsed.entries.map((e) => [e.fullName, e.audience, e.password]) : parsed
		).toEqual([
			['Nguyễn Văn An', 'student', null],
			['Trần Thị Bích Ngọc', 'operational', null],
			['Lê Minh Khang', 'student', null]
		]);
		expect(parsed.ok && parsed.entries[2].guardian).toEqual({
			name: 'Lê Văn Hùng',
			contact: '0912 345 678',
			relationship: 'Bố',
			consentedOn: '2026-11-20'
		});
	});

	it('imports with the English header too', () => {
		const english = {
			fullName: 'Full name',
			identifier: 'Username or e-mail',
			dateOfBirth: 'Date of birth',
			audience: 'Audience group',
			password: 'Password',
			guardianName: "Guardian's name",
			guardianContact: "Guardian's contact",
			guardianRelationship: 'Relationship',
			guardianConsentedOn: 'Consent date'
		};
		expect(parseRosterRows(rosterTemplate(english), '2026-12-02').ok).toBe(true);
	});
});

describe('the guardian columns', () => {
	const header = [
		...HEADER,
		'Họ tên người giám hộ',
		'Liên hệ người giám hộ',
		'Quan hệ',
		'Ngày đồng ý'
	];

	it('reads a guardian’s consent, and none when the four cells are empty', () => {
		const result = parseRosterRows(
			[
				header,
				[
					'Lê Minh Khang',
					'hs-20',
					'12/03/2011',
					'hoc sinh',
					'',
					' Lê  Văn Hùng ',
					'0912 345 678',
					'Bố',
					'20/11/2026'
				],
				['Trần Văn Nam', 'hs-21', '12/03/2011', 'hoc sinh', '', '', '', '', ''],
				[
					'Ngô Thị Lan',
					'hs-22',
					'12/03/2011',
					'hoc sinh',
					'',
					'Ngô Văn Tư',
					'tu@example.vn',
					'ông',
					'2026-11-29'
				]
			],
			TODAY
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.entries.map((e) => e.guardian)).toEqual([
			{
				name: 'Lê Văn Hùng',
				contact: '0912 345 678',
				relationship: 'Bố',
				consentedOn: '2026-11-20'
			},
			undefined,
			{
				name: 'Ngô Văn Tư',
				contact: 'tu@example.vn',
				relationship: 'ông',
				consentedOn: '2026-11-29'
			}
		]);
	});

	it('lists a half-filled guardian, a bad contact and a day after today by row and column', () => {
		const result = parseRosterRows(
			[
				header,
				['An', 'hs-30', '12/03/2011', 'hoc sinh', '', 'Lê Văn Hùng', '', 'Bố', '20/11/2026'],
				[
					'Bình',
					'hs-31',
					'12/03/2011',
					'hoc sinh',
					'',
					'Lê Văn Hùng',
					'gọi bố',
					'Bố',
					'20/11/2026'
				],
				[
					'Chi',
					'hs-32',
					'12/03/2011',
					'hoc sinh',
					'',
					'Lê Văn Hùng',
					'0912345678',
					'Bố',
					'30/11/2026'
				],
				[
					'Dũng',
					'hs-33',
					'12/03/2011',
					'hoc sinh',
					'',
					'Lê Văn Hùng',
					'0912345678',
					'Bố',
					'31/02/2026'
				]
			],
			TODAY
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ row: 2, column: 'guardianContact', code: 'guardian_incomplete' },
				{ row: 3, column: 'guardianContact', code: 'guardian_contact' },
				{ row: 4, column: 'guardianConsentedOn', code: 'guardian_future' },
				{ row: 5, column: 'guardianConsentedOn', code: 'invalid_date' }
			]
		});
	});

	it('leaves the guardian columns optional', () => {
		expect(parseRosterRows([HEADER, ['An', 'hs-40', '12/03/2011', 'hoc sinh', '']], TODAY).ok).toBe(
			true
		);
	});
});
