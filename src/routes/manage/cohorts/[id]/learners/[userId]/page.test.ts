import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const work = (over: Record<string, unknown>) => ({
	id: 'a1',
	title: { vi: 'Báo cáo đánh giá SXSH' },
	required: true,
	status: 'passed',
	points: 18,
	maxPoints: 21,
	late: false,
	overdue: false,
	decidedAt: new Date('2026-11-25T02:00:00Z'),
	...over
});

describe('a learner of a class, for its managers', () => {
	it('shows each assignment’s status, points and day marked, never the work', () => {
		const data = {
			cohort: { id: 'c1', name: '12C' },
			learner: { fullName: 'Lê Thị Mai' },
			courses: [
				{
					courseId: 'k1',
					title: { vi: 'Tư vấn viên SXSH' },
					dueOn: null,
					lessons: [],
					attempts: [],
					work: [
						work({}),
						work({
							id: 'a2',
							title: { vi: 'Bài thêm' },
							required: false,
							status: 'returned',
							points: null,
							maxPoints: null,
							late: true
						})
					]
				}
			]
		};
		const body = render(Page, { props: { data } as never }).body;
		expect(body).toContain('Đạt 18/21 điểm');
		expect(body).toContain('25/11/2026');
		expect(body).toContain('Trả lại để sửa');
		expect(body).toContain('Nộp muộn');
		expect(body).toContain('Bài thực hành không bắt buộc');
	});
});
