import { describe, expect, it } from 'vitest';
import {
	messageKinds,
	outboxOnlyKinds,
	type DeliveryKind,
	type MessageParams
} from '$lib/messages';
import { renderDigest, renderMessage, SHORT_MAX } from './render';

const long = 'Sản xuất sạch hơn trong chế biến dừa và thủy sản '.repeat(6).trim();

/** Params as the callers write them (render.ts's header). */
const examples: Record<DeliveryKind, MessageParams> = {
	course_assigned: {
		course: 'Nhập môn SXSH',
		courseEn: 'Intro to CP',
		slug: 'nhap-mon',
		dueOn: '2026-12-04'
	},
	course_due: { course: 'Nhập môn SXSH', slug: 'nhap-mon', dueOn: '2026-12-04', daysLeft: 7 },
	course_overdue: { course: 'Nhập môn SXSH', slug: 'nhap-mon', dueOn: '2026-11-27' },
	cohort_overdue: { cohort: 'K24A', cohortId: '0b7f3c1e-1111-4222-8333-444455556666', overdue: 3 },
	graded: {
		course: 'Tư vấn viên SXSH',
		slug: 'tu-van',
		assignment: 'thuc-hanh',
		passed: true
	},
	certificate_issued: { course: 'Nhập môn SXSH', code: 'SH-2026-ABCD' },
	certificate_expiring: {
		course: 'Tư vấn viên SXSH',
		code: 'SH-2024-WXYZ',
		expiresOn: '2027-01-02',
		daysLeft: 30,
		slug: 'tu-van'
	},
	certificate_expired: { course: 'Tư vấn viên SXSH', code: 'SH-2024-WXYZ', slug: 'tu-van' },
	workshop_registered: {
		workshop: 'Hội thảo SXSH ngành dừa',
		workshopId: 'w1',
		startsAt: '2026-12-05T01:00:00.000Z',
		venue: 'Hội trường Sở Công Thương Bến Tre',
		waitlisted: false
	},
	workshop_reminder: {
		workshop: 'Hội thảo SXSH ngành dừa',
		workshopId: 'w1',
		startsAt: '2026-12-05T01:00:00.000Z',
		venue: 'Hội trường A'
	},
	workshop_changed: {
		workshop: 'Hội thảo SXSH ngành dừa',
		workshopId: 'w1',
		startsAt: '2026-12-05T07:30:00.000Z',
		venue: 'Hội trường B'
	},
	workshop_cancelled: { workshop: 'Hội thảo SXSH ngành dừa', workshopId: 'w1', reason: 'Mưa bão' },
	announcement: {
		subject: 'Đổi phòng học',
		body: 'Lớp chuyển sang phòng 204.\nMang theo sổ.',
		from: 'Nguyễn Văn A'
	},
	data_request: { request: 'correct', step: 'acknowledged', dueOn: '2026-12-16' },
	digest: {},
	password_reset: { token: 'abc123' },
	phone_code: { code: '482913' }
};

const kinds = [...messageKinds, ...outboxOnlyKinds];
const locales = ['vi', 'en'] as const;

describe('renderMessage', () => {
	it.each(kinds.flatMap((kind) => locales.map((locale) => [kind, locale] as const)))(
		'renders %s in %s with a subject, a short form within the limit, and site paths',
		(kind, locale) => {
			const r = renderMessage(kind, examples[kind], locale);
			expect(r.subject.length).toBeGreaterThan(3);
			expect(r.short.length).toBeGreaterThan(3);
			expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
			if (r.action) expect(r.action.path).toMatch(/^\/[^/]/);
			expect(JSON.stringify(r)).not.toMatch(/undefined|null|NaN|\{\w+\}/);
		}
	);

	it.each(kinds.flatMap((kind) => locales.map((locale) => [kind, locale] as const)))(
		'does not throw on %s in %s with no params, odd params or long titles',
		(kind, locale) => {
			for (const params of [
				{},
				null as unknown as MessageParams,
				{
					course: 42,
					dueOn: 'soon',
					daysLeft: 'x',
					startsAt: 'tomorrow',
					overdue: null,
					passed: 'yes'
				},
				{
					...examples[kind],
					course: long,
					workshop: long,
					cohort: long,
					subject: long,
					body: long.repeat(5)
				}
			]) {
				const r = renderMessage(kind, params, locale);
				expect(r.subject).toBeTruthy();
				expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
				expect(r.short).not.toMatch(/undefined|NaN/);
			}
		}
	);

	it('writes a course assignment in Vietnamese with the due day and its weekday', () => {
		const r = renderMessage('course_assigned', examples.course_assigned, 'vi');
		expect(r.subject).toBe('Bạn được giao khóa học «Nhập môn SXSH»');
		expect(r.lines).toEqual(['Hạn hoàn thành: Thứ Sáu, 04/12/2026.']);
		expect(r.action).toEqual({ label: 'Bắt đầu học', path: '/courses/nhap-mon' });
		expect(r.short).toBe('Sạch Hơn: Bạn được giao khóa «Nhập môn SXSH», hạn 04/12/2026.');
	});

	it('uses the English course title in English, else the Vietnamese one', () => {
		expect(renderMessage('course_assigned', examples.course_assigned, 'en').subject).toBe(
			'You have been assigned the course «Intro to CP»'
		);
		expect(renderMessage('course_due', examples.course_due, 'en').subject).toBe(
			'«Nhập môn SXSH» is due in 7 days'
		);
	});

	it('says tomorrow and today for the last days', () => {
		const p = examples.course_due;
		expect(renderMessage('course_due', { ...p, daysLeft: 1 }, 'vi').subject).toBe(
			'Ngày mai là hạn hoàn thành khóa «Nhập môn SXSH»'
		);
		expect(renderMessage('course_due', { ...p, daysLeft: 0 }, 'en').subject).toBe(
			'«Nhập môn SXSH» is due today'
		);
	});

	it('shows a workshop time in Vietnam time, whatever the server zone', () => {
		const r = renderMessage('workshop_reminder', examples.workshop_reminder, 'vi');
		// 01:00 UTC is 08:00 in Vietnam, on Saturday 5 December 2026.
		expect(r.lines[0]).toBe('Thời gian: 08:00 Thứ Bảy, 05/12/2026.');
		expect(r.lines[1]).toBe('Địa điểm: Hội trường A.');
		expect(r.action?.path).toBe('/w/w1');
		const en = renderMessage('workshop_reminder', examples.workshop_reminder, 'en');
		expect(en.lines[0]).toBe('When: 08:00 on Saturday 05/12/2026.');
	});

	it('tells a waitlisted person they are waiting, not registered', () => {
		const r = renderMessage(
			'workshop_registered',
			{ ...examples.workshop_registered, waitlisted: true },
			'vi'
		);
		expect(r.subject).toBe('Bạn đang trong danh sách chờ của «Hội thảo SXSH ngành dừa»');
	});

	it('counts one overdue learner in the singular in English', () => {
		const r = renderMessage('cohort_overdue', { ...examples.cohort_overdue, overdue: 1 }, 'en');
		expect(r.subject).toBe('«K24A»: 1 learner overdue');
		expect(r.action?.path).toBe('/manage/cohorts/0b7f3c1e-1111-4222-8333-444455556666');
	});

	it('keeps a stored value inside its path segment', () => {
		const r = renderMessage('course_assigned', { course: 'X', slug: '../admin?x=1' }, 'vi');
		expect(r.action?.path).toBe('/courses/..%2Fadmin%3Fx%3D1');
	});

	it('tells a learner their assignment passed, with the assignment’s page', () => {
		const r = renderMessage('graded', examples.graded, 'vi');
		expect(r.subject).toBe('Bài làm khóa «Tư vấn viên SXSH» đã được chấm');
		expect(r.lines).toEqual(['Chúc mừng, bạn đã đạt.']);
		expect(r.action).toEqual({
			label: 'Xem kết quả',
			path: '/courses/tu-van/assignment/thuc-hanh'
		});
		expect(r.short).toBe(
			'Sạch Hơn: bài làm khóa «Tư vấn viên SXSH» đã được chấm. Chúc mừng, bạn đã đạt.'
		);
	});

	it('tells a learner who did not pass to read the feedback and hand in again if they may', () => {
		const params = { ...examples.graded, passed: false };
		const vi = renderMessage('graded', params, 'vi');
		expect(vi.lines.join(' ')).toContain('chưa đạt');
		expect(vi.lines.join(' ')).toContain('nộp lần nữa');
		expect(vi.short).toContain('Chưa đạt, hãy xem nhận xét.');
		const en = renderMessage('graded', params, 'en');
		expect(en.lines.join(' ')).toContain('did not pass');
		expect(en.lines.join(' ')).toContain('hand it in again');
	});

	it('tells a learner whose work was returned to revise it and hand it in again', () => {
		const params = {
			course: 'Tư vấn viên SXSH',
			slug: 'tu-van',
			assignment: 'thuc-hanh',
			returned: true
		};
		const vi = renderMessage('graded', params, 'vi');
		expect(vi.subject).toBe('Bài làm khóa «Tư vấn viên SXSH» được trả lại để sửa');
		expect(vi.lines).toEqual(['Giảng viên đã trả bài để bạn sửa theo nhận xét, rồi nộp lại.']);
		expect(vi.action?.path).toBe('/courses/tu-van/assignment/thuc-hanh');
		expect(vi.short).not.toContain('đạt');
		const en = renderMessage('graded', { ...params, course: long }, 'en');
		expect(en.subject).toContain('returned for revision');
		expect(en.short.length).toBeLessThanOrEqual(SHORT_MAX);
		expect(en.short).toMatch(
			/…» has been returned for revision\. See the feedback, then hand it in again\.$/
		);
	});

	it('keeps an assignment inside its path segment, and leads to the course without one', () => {
		expect(
			renderMessage('graded', { course: 'X', slug: 'a', assignment: '../../admin' }, 'vi').action
				?.path
		).toBe('/courses/a/assignment/..%2F..%2Fadmin');
		expect(
			renderMessage('graded', { course: 'X', slug: 'a', passed: true }, 'vi').action?.path
		).toBe('/courses/a');
	});

	it('writes a password reset link that works once for 24 hours', () => {
		const vi = renderMessage('password_reset', examples.password_reset, 'vi');
		expect(vi.action).toEqual({ label: 'Đặt mật khẩu mới', path: '/reset/abc123' });
		expect(vi.lines.join(' ')).toContain('một lần, trong vòng 24 giờ');
		expect(
			renderMessage('password_reset', examples.password_reset, 'en').lines.join(' ')
		).toContain('works once, within 24 hours');
	});

	it('puts the phone code in the short form', () => {
		expect(renderMessage('phone_code', examples.phone_code, 'vi').short).toContain('482913');
	});

	it('keeps an announcement’s paragraphs and names the sender', () => {
		const r = renderMessage('announcement', examples.announcement, 'vi');
		expect(r.subject).toBe('Đổi phòng học');
		expect(r.lines).toEqual([
			'Lớp chuyển sang phòng 204.',
			'Mang theo sổ.',
			'Người gửi: Nguyễn Văn A'
		]);
		expect(r.action).toBeUndefined();
	});

	it('shortens a long title, not the sentence around it', () => {
		const r = renderMessage(
			'certificate_expiring',
			{ ...examples.certificate_expiring, course: long },
			'vi'
		);
		expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
		expect(r.short).toMatch(/…» hết hạn vào 02\/01\/2027\. Học lại để gia hạn\.$/);
	});
});

describe('renderDigest', () => {
	const items = [
		{ kind: 'course_due' as const, params: examples.course_due, link: '/courses/nhap-mon' },
		{ kind: 'certificate_expiring' as const, params: examples.certificate_expiring, link: null }
	];

	it('lists each reminder once with its link and points to the inbox', () => {
		const r = renderDigest(items, 'vi');
		expect(r.subject).toBe('Sạch Hơn: 2 việc cần nhớ hôm nay');
		expect(r.lines).toEqual([
			'Đây là những việc bạn cần lưu ý:',
			'Còn 7 ngày để hoàn thành khóa «Nhập môn SXSH»',
			'Giấy chứng nhận khóa «Tư vấn viên SXSH» sắp hết hạn'
		]);
		expect(r.items).toEqual([
			{ text: 'Còn 7 ngày để hoàn thành khóa «Nhập môn SXSH»', path: '/courses/nhap-mon' },
			{ text: 'Giấy chứng nhận khóa «Tư vấn viên SXSH» sắp hết hạn', path: null }
		]);
		expect(r.action?.path).toBe('/inbox');
		expect(r.short.length).toBeLessThanOrEqual(SHORT_MAX);
	});

	it('reads in English, singular for one', () => {
		expect(renderDigest(items.slice(0, 1), 'en').subject).toBe('Sạch Hơn: 1 reminder for today');
		expect(renderDigest(Array(30).fill(items[1]), 'en').short.length).toBeLessThanOrEqual(
			SHORT_MAX
		);
	});
});
