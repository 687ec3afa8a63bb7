import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

const result = {
	status: 'valid' as const,
	kind: 'completion' as const,
	name: 'Lê Văn Đức',
	course: { vi: 'Đánh giá sản xuất sạch hơn cho tư vấn viên' },
	completedAt: new Date('2026-03-04T00:00:00Z'),
	issuer: 'Trung tâm Khuyến công và Xúc tiến thương mại',
	expiresAt: null,
	revokedAt: null,
	revokedReason: null,
	sessions: [],
	venue: null,
	assessments: [
		{
			title: { vi: 'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật' },
			points: 18,
			maxPoints: 21,
			gradedAt: '2026-03-02T03:00:00.000Z'
		}
	]
};

const html = (r: typeof result) =>
	render(Page, {
		props: { data: { code: 'K7QM4XR9TZ2B', result: r, keysPath: '/keys.json' } } as never
	}).body;

describe('the verification page', () => {
	it('shows the practicum results a certificate records', () => {
		const body = html(result);
		expect(body).toContain('Kết quả đánh giá thực hành');
		expect(body).toContain(
			'Bài thực hành: báo cáo đánh giá SXSH tại một cơ sở sản xuất thật: đạt 18/21 điểm (chấm ngày 02/03/2026)'
		);
		expect(body).toContain('kết quả bài thực hành in trên giấy chứng nhận');
	});

	it('shows none for a certificate without graded work', () => {
		const body = html({ ...result, assessments: [] });
		expect(body).not.toContain('Kết quả đánh giá thực hành');
		expect(body).toContain('Lê Văn Đức');
	});
});
