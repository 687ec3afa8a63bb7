import { describe, expect, it } from 'vitest';
import { composeEmail } from './email';
import type { RenderedMessage } from './render';

const ORIGIN = 'https://sachhon.example.vn';
const UNSUBSCRIBE = `${ORIGIN}/unsubscribe/abc.course_assigned.email.xyz`;

const assigned: RenderedMessage = {
	subject: 'Bạn được giao khóa học «Sản xuất sạch hơn <cơ bản>»',
	lines: ['Hạn hoàn thành: Thứ Sáu, 11/12/2026.', 'Học & làm bài "trên điện thoại".'],
	action: { label: 'Bắt đầu học', path: '/courses/sxsh-co-ban' },
	short: 'Sạch Hơn: Bạn được giao khóa «Sản xuất sạch hơn».'
};

function compose(overrides: Partial<Parameters<typeof composeEmail>[0]> = {}) {
	return composeEmail({
		to: 'lan@example.vn',
		rendered: assigned,
		language: 'vi',
		origin: ORIGIN,
		unsubscribeUrl: UNSUBSCRIBE,
		messageId: '<d1@sachhon.example.vn>',
		...overrides
	});
}

describe('composeEmail', () => {
	it('writes the message as plain text and as HTML in the reader’s language', () => {
		const mail = compose();
		expect(mail).toMatchObject({
			to: 'lan@example.vn',
			subject: assigned.subject,
			messageId: '<d1@sachhon.example.vn>',
			language: 'vi'
		});
		expect(mail.html).toMatch(/^<!doctype html>\n<html lang="vi">/);
		expect(mail.text).toContain('Hạn hoàn thành: Thứ Sáu, 11/12/2026.');
		expect(mail.text).toContain(`Bắt đầu học:\n${ORIGIN}/courses/sxsh-co-ban`);
		expect(mail.text).toContain('Bạn nhận được thư này vì có tài khoản trên Sạch Hơn');
		expect(mail.text).toContain(`Ngừng nhận loại thư này: ${UNSUBSCRIBE}`);
		expect(mail.text).toContain(`Chọn những thông báo muốn nhận: ${ORIGIN}/account/messages`);
	});

	it('escapes the text it puts in HTML', () => {
		const { html } = compose();
		expect(html).toContain('«Sản xuất sạch hơn &lt;cơ bản&gt;»');
		expect(html).toContain('Học &amp; làm bài &quot;trên điện thoại&quot;.');
		expect(html).not.toContain('<cơ bản>');
	});

	it('shows the action as a link with its absolute address, written out as well', () => {
		const { html } = compose();
		const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [
			m[1],
			m[2]
		]);
		expect(links).toContainEqual([`${ORIGIN}/courses/sxsh-co-ban`, 'Bắt đầu học']);
		expect(links).toContainEqual([
			`${ORIGIN}/courses/sxsh-co-ban`,
			`${ORIGIN}/courses/sxsh-co-ban`
		]);
		expect(links).toContainEqual([UNSUBSCRIBE, 'Ngừng nhận loại thư này']);
	});

	it('in English: the footer’s words and the site’s addresses are English', () => {
		const mail = compose({ language: 'en' });
		expect(mail.html).toContain('<html lang="en">');
		expect(mail.headers['Content-Language']).toBe('en');
		expect(mail.text).toContain(`${ORIGIN}/en/courses/sxsh-co-ban`);
		expect(mail.text).toContain('You are receiving this e-mail because you have an account');
		expect(mail.text).toContain(`Choose which messages you receive: ${ORIGIN}/en/account/messages`);
	});

	it('offers one-click unsubscribe in the headers (RFC 8058) when the message may be stopped', () => {
		expect(compose().headers).toEqual({
			'Content-Language': 'vi',
			'Auto-Submitted': 'auto-generated',
			'List-Unsubscribe': `<${UNSUBSCRIBE}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		});
		const asked = compose({ unsubscribeUrl: undefined });
		expect(asked.headers).not.toHaveProperty('List-Unsubscribe');
		expect(asked.headers).not.toHaveProperty('List-Unsubscribe-Post');
		expect(asked.text).not.toContain('Ngừng nhận');
		expect(asked.html).not.toContain('/unsubscribe/');
	});

	it('lists a digest’s reminders once each, each with its link', () => {
		const digest: RenderedMessage = {
			subject: 'Sạch Hơn: 2 việc cần nhớ hôm nay',
			lines: ['Đây là những việc bạn cần lưu ý:', 'Còn 7 ngày', 'Nhắc lịch'],
			action: { label: 'Mở hộp thư', path: '/inbox' },
			items: [
				{ text: 'Còn 7 ngày', path: '/courses/a' },
				{ text: 'Nhắc lịch', path: null }
			],
			short: '…'
		};
		const mail = compose({ rendered: digest });
		expect(mail.html).toContain(`<li style="margin:0 0 8px;"><a href="${ORIGIN}/courses/a"`);
		expect(mail.html).toContain('<li style="margin:0 0 8px;">Nhắc lịch</li>');
		expect(mail.html.match(/Còn 7 ngày/g)).toHaveLength(1);
		expect(mail.text).toContain(`- Còn 7 ngày\n  ${ORIGIN}/courses/a\n- Nhắc lịch`);
		expect(mail.text.match(/Còn 7 ngày/g)).toHaveLength(1);
	});
});
