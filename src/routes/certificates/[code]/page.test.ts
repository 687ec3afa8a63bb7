import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Page from './+page.svelte';

describe('the holder’s certificate page', () => {
	it('shows the practicum results and the downloads', () => {
		const data = {
			certificate: {
				number: 'SH-2026-000123',
				kind: 'completion',
				status: 'valid',
				holder: 'Lê Văn Đức',
				course: { vi: 'Đánh giá sản xuất sạch hơn cho tư vấn viên' },
				completedAt: new Date('2026-03-04T00:00:00Z'),
				issuedAt: new Date('2026-03-05T00:00:00Z'),
				expiresAt: new Date('2029-03-04T00:00:00Z'),
				renews: null,
				assessments: [
					{
						title: { vi: 'Báo cáo đánh giá SXSH tại một cơ sở thật' },
						points: 18,
						maxPoints: 21,
						gradedAt: '2026-03-02T03:00:00.000Z'
					}
				],
				paths: {
					verify: '/verify/K7QM4XR9TZ2B',
					pdf: '/certificates/K7QM4XR9TZ2B/pdf',
					credential: '/certificates/K7QM4XR9TZ2B/credential.json',
					badge: '/certificates/K7QM4XR9TZ2B/badge.json'
				},
				share: 'https://sxsh.example.vn/verify/K7QM4XR9TZ2B'
			}
		};
		const body = render(Page, { props: { data } as never }).body;
		expect(body).toContain('Kết quả đánh giá thực hành');
		expect(body).toContain('Báo cáo đánh giá SXSH tại một cơ sở thật: đạt 18/21 điểm');
		expect(body).toContain('href="/certificates/K7QM4XR9TZ2B/pdf"');
		expect(body).toContain('https://sxsh.example.vn/verify/K7QM4XR9TZ2B');
	});
});
