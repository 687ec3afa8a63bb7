import { describe, expect, it } from 'vitest';
import { cellFor, type CellFacts } from './cells';
import type { MatrixRow } from './matrix';
import { fold } from '$lib/text';
import {
	compareNames,
	compareText,
	filterRows,
	matrixPage,
	MATRIX_PAGE_SIZE,
	memberOrder,
	sortMembers,
	sortRows
} from './sort';

const now = new Date('2026-11-29T03:00:00Z');
const facts: CellFacts = {
	completedAt: null,
	lessonsTouched: 0,
	requiredDone: 0,
	required: 4,
	attempts: 0,
	bestPercent: null,
	certificateCode: null,
	dueOn: null
};
const row = (fullName: string, over: Partial<CellFacts>): MatrixRow => {
	const cells = [cellFor({ ...facts, ...over }, now)];
	return { userId: fullName, fullName, identifier: fullName, cells, completed: 0, work: [] };
};

const rows = [
	row('Đặng Văn Bình', { completedAt: now }),
	row('Lê Thị Mai', { lessonsTouched: 1, requiredDone: 2 }),
	row('Âu Thị Cúc', { dueOn: '2026-11-01' })
];

describe('Vietnamese name order', () => {
	const sorted = (names: string[], by?: 'given' | 'family') =>
		[...names].sort((a, b) => compareNames(a, b, by));

	it('sorts by given name, then family name, then the middle names', () => {
		expect(sorted(['Lê Đức Chính', 'Trần Thị Bình', 'Nguyễn Văn Anh'])).toEqual([
			'Nguyễn Văn Anh',
			'Trần Thị Bình',
			'Lê Đức Chính'
		]);
		expect(sorted(['Trần Văn Anh', 'Nguyễn Văn Anh', 'Nguyễn Thị Anh'])).toEqual([
			'Nguyễn Thị Anh',
			'Nguyễn Văn Anh',
			'Trần Văn Anh'
		]);
	});

	it('collates as Vietnamese: a ă â, d before đ, tones after the letter', () => {
		expect(sorted(['Phạm Đức', 'Phạm Dung', 'Phạm Em'])).toEqual([
			'Phạm Dung',
			'Phạm Đức',
			'Phạm Em'
		]);
		expect(sorted(['Lý Âu', 'Lý Ăn', 'Lý Ánh', 'Lý Anh'])).toEqual([
			'Lý Anh',
			'Lý Ánh',
			'Lý Ăn',
			'Lý Âu'
		]);
		// Composed and decomposed input alike, and stray spaces.
		expect(compareNames('Trần Thị  Bình'.normalize('NFD'), ' Trần Thị Bình')).toBe(0);
	});

	it('sorts by family name first when asked', () => {
		expect(sorted(['Lê Đức Chính', 'Trần Thị Bình', 'Nguyễn Văn Anh'], 'family')).toEqual([
			'Lê Đức Chính',
			'Nguyễn Văn Anh',
			'Trần Thị Bình'
		]);
		expect(sorted(['Đỗ An', 'Dương Bá', 'Đào Chi'], 'family')).toEqual([
			'Dương Bá',
			'Đào Chi',
			'Đỗ An'
		]);
	});

	it('puts usernames with numbers in number order', () => {
		expect(['hs-10', 'hs-2', 'hs-1'].sort(compareText)).toEqual(['hs-1', 'hs-2', 'hs-10']);
	});
});

describe('sortRows', () => {
	it('sorts by given name in Vietnamese order', () => {
		expect(sortRows(rows, 'name', false).map((r) => r.fullName)).toEqual([
			'Đặng Văn Bình',
			'Âu Thị Cúc',
			'Lê Thị Mai'
		]);
	});
	it('sorts a course column overdue first, completed last, and reverses', () => {
		expect(sortRows(rows, '0', false).map((r) => r.fullName)).toEqual([
			'Âu Thị Cúc',
			'Lê Thị Mai',
			'Đặng Văn Bình'
		]);
		expect(sortRows(rows, '0', true)[0].fullName).toBe('Đặng Văn Bình');
	});
});

describe('finding and paging learners', () => {
	// Two courses: the first completed by every third learner, the second overdue for every fifth.
	const many = Array.from({ length: 250 }, (_, i): MatrixRow => {
		const cells = [
			cellFor({ ...facts, completedAt: i % 3 === 0 ? now : null }, now),
			cellFor({ ...facts, dueOn: i % 5 === 0 ? '2026-11-01' : null }, now)
		];
		const fullName = `Học viên ${String(i).padStart(3, '0')}`;
		return { userId: `u${i}`, fullName, identifier: `hv${i}`, cells, completed: 0, work: [] };
	});

	it('folds case, diacritics and đ', () => {
		expect(fold('Đặng Văn BÌNH')).toBe('dang van binh');
		expect(fold('Nguyễn Thị Ngọc Ánh')).toBe('nguyen thi ngoc anh');
	});

	it('finds a learner by part of the name or account, with or without diacritics', () => {
		expect(filterRows(rows, { q: 'mai' }).map((r) => r.fullName)).toEqual(['Lê Thị Mai']);
		expect(filterRows(rows, { q: 'dang van' }).map((r) => r.fullName)).toEqual(['Đặng Văn Bình']);
		expect(filterRows(rows, { q: '  ÂU  ' }).map((r) => r.fullName)).toEqual(['Âu Thị Cúc']);
		expect(filterRows(many, { q: 'hv12' }).map((r) => r.identifier)).toEqual([
			'hv12',
			...Array.from({ length: 10 }, (_, i) => `hv12${i}`)
		]);
	});

	it('filters by a state in one course, or in any course', () => {
		expect(filterRows(many, { state: 'completed', course: 0 })).toHaveLength(84);
		expect(filterRows(many, { state: 'completed', course: 1 })).toHaveLength(0);
		expect(filterRows(many, { state: 'overdue', course: null })).toHaveLength(50);
		// Everyone but those who completed the first course and are overdue in the second.
		expect(filterRows(many, { state: 'not_started', course: null })).toHaveLength(233);
		expect(filterRows(many, { state: 'overdue', q: 'hv10' })).toHaveLength(3); // 10, 100, 105
	});

	it('pages the sorted learners, bringing a page out of range back', () => {
		const request = { sort: 'name', descending: false, page: 1 };
		const first = matrixPage(many, request);
		expect(first).toMatchObject({ matched: 250, page: 1, pages: 3, first: 0 });
		expect(first.rows).toHaveLength(MATRIX_PAGE_SIZE);
		expect(first.rows[0].fullName).toBe('Học viên 000');
		const last = matrixPage(many, { ...request, page: 3 });
		expect(last.rows.map((r) => r.fullName)).toEqual(
			Array.from({ length: 50 }, (_, i) => `Học viên ${200 + i}`)
		);
		expect(matrixPage(many, { ...request, page: 99 }).page).toBe(3);
		expect(matrixPage(many, { ...request, page: -1 }).page).toBe(1);
		expect(matrixPage(many, { ...request, page: NaN }).page).toBe(1);
		// Sorted over every learner, not within the page: the overdue ones of course 2 come first.
		const overdueFirst = matrixPage(many, { ...request, sort: '1' }, 20);
		expect(overdueFirst.rows.every((r) => r.cells[1].state === 'overdue')).toBe(true);
		const third = matrixPage(many, { ...request, sort: '1', page: 3 }, 20).rows;
		expect([third[0].fullName, third[10].fullName]).toEqual(['Học viên 200', 'Học viên 001']);
		const none = matrixPage(many, { ...request, q: 'nobody' });
		expect(none).toMatchObject({ matched: 0, page: 1, pages: 1, rows: [] });
	});
});

describe('sortMembers', () => {
	const member = (fullName: string, username: string | null, progress: number) => ({
		fullName,
		username,
		email: username ? null : `${progress}@vi.du`,
		progress
	});
	const members = [
		member('Lê Đức Chính', 'hs-10', 100),
		member('Trần Thị Bình', 'hs-2', 0),
		member('Nguyễn Văn Anh', null, 50)
	];
	const names = (order: Parameters<typeof sortMembers>[1]) =>
		sortMembers(members, order).map((m) => m.fullName);

	it('sorts by given name by default, and by family name, account or progress on request', () => {
		expect(names(memberOrder(null))).toEqual(['Nguyễn Văn Anh', 'Trần Thị Bình', 'Lê Đức Chính']);
		expect(names('family')).toEqual(['Lê Đức Chính', 'Nguyễn Văn Anh', 'Trần Thị Bình']);
		// hs-2 before hs-10; an e-mail address when there is no username.
		expect(names('username')).toEqual(['Nguyễn Văn Anh', 'Trần Thị Bình', 'Lê Đức Chính']);
		expect(names('progress')).toEqual(['Trần Thị Bình', 'Nguyễn Văn Anh', 'Lê Đức Chính']);
	});

	it('takes an unknown order as the default', () => {
		expect(memberOrder('drop table')).toBe('given');
		expect(memberOrder('progress')).toBe('progress');
	});
});
