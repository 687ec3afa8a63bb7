import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { WORK_STATUSES } from '$lib/server/cohorts/matrix';
import Page from './+page.svelte';

const data = {
	cohort: { id: 'c1', name: '12C' },
	courses: [{ id: 'k1', title: { vi: 'Tư vấn viên SXSH' }, dueOn: null }],
	columns: [0],
	rows: [
		{
			id: 'u1',
			name: 'Lê Thị Mai',
			login: 'mai',
			cells: 'c',
			work: [[WORK_STATUSES.indexOf('passed'), 18, 21, 0]]
		},
		{
			id: 'u2',
			name: 'Trần Văn Nam',
			login: 'nam',
			cells: 'c',
			work: [[WORK_STATUSES.indexOf('submitted'), null, null, 1]]
		},
		{
			id: 'u3',
			name: 'Ngô Thị Lan',
			login: 'lan',
			cells: 'c',
			work: [[WORK_STATUSES.indexOf('not_submitted'), null, null, 2]]
		}
	],
	assignments: [{ id: 'a1', title: { vi: 'Báo cáo đánh giá SXSH' }, required: true }],
	workStatuses: WORK_STATUSES,
	states: ['completed', 'in_progress', 'not_started', 'overdue'],
	summary: [[1, 1, 1, 0]],
	total: 3,
	matched: 3,
	first: 0,
	page: 1,
	pages: 1,
	sort: 'name',
	descending: false,
	q: '',
	state: null,
	course: null
};

describe('the progress matrix page', () => {
	it('shows each assignment’s status and points, and says managers see nothing more', () => {
		const body = render(Page, { props: { data } as never }).body;
		expect(body).toContain('Báo cáo đánh giá SXSH');
		expect(body).toContain('Bài thực hành bắt buộc');
		expect(body).toContain('Đạt 18/21 điểm');
		expect(body).toContain('Đã nộp, chờ chấm');
		expect(body).toContain('Nộp muộn');
		expect(body).toContain('Chưa nộp');
		expect(body).toContain('Quá hạn nộp');
		expect(body).toContain('không xem được bài làm');
	});
});
