// E-mail end to end: composed, sent through nodemailer to a real SMTP server started here
// (smtp-server), and read back with mailparser from the bytes it received, as a mail program would.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messagePreferences } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { composeEmail, smtpTransport, type SmtpTransport } from './email';
import type { RenderedMessage } from './render';
import { PermanentFailure } from './transports';
import { unsubscribe, unsubscribeUrl } from './unsubscribe';

const ORIGIN = 'https://sachhon.example.vn';
const FROM = 'Sạch Hơn <no-reply@sachhon.example.vn>';

interface Received {
	raw: string;
	mailFrom: string | null;
	rcptTo: string[];
	user: unknown;
}

/** A mail server that takes any credentials and keeps what it is sent; `refused@…` is refused. */
async function startMailServer() {
	const received: Received[] = [];
	const server = new SMTPServer({
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authMethods: ['PLAIN', 'LOGIN'],
		logger: false,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username });
		},
		onRcptTo(address, _session, callback) {
			if (!address.address.startsWith('refused@')) return callback();
			callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					raw: Buffer.concat(chunks).toString('utf8'),
					mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
					rcptTo: session.envelope.rcptTo.map((r) => r.address),
					user: session.user
				});
				callback(null, 'Ok: queued');
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		received,
		port,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The message as a mail program reads it, and any header line as it was sent (unfolded). */
async function readMail(raw: string) {
	const parsed = await simpleParser(raw);
	const line = (name: string) => {
		const found = parsed.headerLines.find((l) => l.key === name.toLowerCase());
		if (!found) return null;
		return found.line
			.slice(found.line.indexOf(':') + 1)
			.replace(/\r\n[ \t]+/g, ' ')
			.trim();
	};
	const html = typeof parsed.html === 'string' ? parsed.html : '';
	return { parsed, line, text: parsed.text ?? '', html };
}

const assigned = (language: 'vi' | 'en'): RenderedMessage =>
	language === 'vi'
		? {
				subject: 'Bạn được giao khóa học «Sản xuất sạch hơn»',
				lines: ['Hạn hoàn thành: Thứ Sáu, 11/12/2026.'],
				action: { label: 'Bắt đầu học', path: '/courses/sxsh' },
				short: ''
			}
		: {
				subject: 'You have been assigned the course “Cleaner production”',
				lines: ['Due: Friday, 11/12/2026.'],
				action: { label: 'Start learning', path: '/courses/sxsh' },
				short: ''
			};

describe.each(testEngines)('e-mail through a real SMTP server, with %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let mailServer: Awaited<ReturnType<typeof startMailServer>>;
	let transport: SmtpTransport;

	beforeAll(async () => {
		[handle, mailServer] = await Promise.all([createTestDatabase(engine), startMailServer()]);
		db = handle.db;
		transport = smtpTransport({
			url: `smtp://sachhon:m%E1%BA%ADt-kh%E1%BA%A9u@127.0.0.1:${mailServer.port}`,
			from: FROM
		});
	});
	afterAll(async () => {
		transport?.close();
		await Promise.all([mailServer?.close(), handle?.close()]);
	});

	async function sendTo(userId: string, to: string, language: 'vi' | 'en', id: string) {
		const mail = composeEmail({
			to,
			rendered: assigned(language),
			language,
			origin: ORIGIN,
			unsubscribeUrl: await unsubscribeUrl(
				db,
				ORIGIN,
				userId,
				'course_assigned',
				'email',
				language
			),
			messageId: `<${id}@sachhon.example.vn>`
		});
		const before = mailServer.received.length;
		const result = await transport.send(mail);
		expect(mailServer.received).toHaveLength(before + 1);
		return { result, received: mailServer.received[before] };
	}

	it('delivers a Vietnamese message with its headers, and its unsubscribe link works', async () => {
		const lan = await makeUser(db, { identifier: 'lan@example.vn' });
		const id = `${engine}-vi-1`;
		const { result, received } = await sendTo(lan.id, 'lan@example.vn', 'vi', id);
		expect(result.providerId).toBe(`<${id}@sachhon.example.vn>`);
		expect(received.user).toBe('sachhon');
		expect(received.mailFrom).toBe('no-reply@sachhon.example.vn');
		expect(received.rcptTo).toEqual(['lan@example.vn']);

		const mail = await readMail(received.raw);
		expect(mail.parsed.from?.value).toEqual([
			{ name: 'Sạch Hơn', address: 'no-reply@sachhon.example.vn' }
		]);
		expect(mail.parsed.to).toMatchObject({ value: [{ address: 'lan@example.vn', name: '' }] });
		expect(mail.parsed.subject).toBe('Bạn được giao khóa học «Sản xuất sạch hơn»');
		expect(mail.parsed.messageId).toBe(`<${id}@sachhon.example.vn>`);
		expect(mail.line('Content-Language')).toBe('vi');
		expect(mail.line('Auto-Submitted')).toBe('auto-generated');
		expect(mail.line('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		expect(mail.html).toContain('<html lang="vi">');
		expect(mail.html).toContain(`href="${ORIGIN}/courses/sxsh"`);
		expect(mail.text).toContain('Hạn hoàn thành: Thứ Sáu, 11/12/2026.');
		expect(mail.text).toContain('Bạn nhận được thư này vì có tài khoản trên Sạch Hơn');

		const link = /^<(https:\/\/[^>]+)>$/.exec(mail.line('List-Unsubscribe') ?? '')?.[1];
		expect(link).toMatch(new RegExp(`^${ORIGIN}/unsubscribe/`));
		// The same link in the footer of both parts.
		expect(mail.text).toContain(link);
		expect(mail.html).toContain(`href="${link}"`);
		const token = new URL(link!).pathname.split('/').at(-1)!;
		expect(await unsubscribe(db, token)).toMatchObject({ userId: lan.id, kind: 'course_assigned' });
		expect(
			await db
				.select({ kind: messagePreferences.kind, enabled: messagePreferences.enabled })
				.from(messagePreferences)
				.where(eq(messagePreferences.userId, lan.id))
		).toEqual([{ kind: 'course_assigned', enabled: false }]);
	});

	it('delivers an English message in English, its links to the English pages', async () => {
		const mai = await makeUser(db, { identifier: 'mai@example.vn' });
		const { received } = await sendTo(mai.id, 'mai@example.vn', 'en', `${engine}-en-1`);
		const mail = await readMail(received.raw);
		expect(mail.parsed.subject).toBe('You have been assigned the course “Cleaner production”');
		expect(mail.line('Content-Language')).toBe('en');
		expect(mail.html).toContain('<html lang="en">');
		expect(mail.html).toContain(`href="${ORIGIN}/en/courses/sxsh"`);
		expect(mail.text).toContain('You are receiving this e-mail because you have an account');
		expect(mail.line('List-Unsubscribe')).toMatch(new RegExp(`^<${ORIGIN}/en/unsubscribe/`));
	});

	it('sends what a person asked for without an unsubscribe link', async () => {
		const before = mailServer.received.length;
		await transport.send(
			composeEmail({
				to: 'tam@example.vn',
				rendered: {
					subject: 'Đặt lại mật khẩu Sạch Hơn',
					lines: ['Đường dẫn bên dưới chỉ dùng được một lần, trong vòng 24 giờ.'],
					action: { label: 'Đặt mật khẩu mới', path: '/reset/tok' },
					short: ''
				},
				language: 'vi',
				origin: ORIGIN,
				messageId: `<${engine}-reset@sachhon.example.vn>`
			})
		);
		const mail = await readMail(mailServer.received[before].raw);
		expect(mail.line('List-Unsubscribe')).toBeNull();
		expect(mail.line('List-Unsubscribe-Post')).toBeNull();
		expect(mail.text).toContain(`${ORIGIN}/reset/tok`);
	});

	it('an address the server refuses for good is a permanent failure', async () => {
		const mail = composeEmail({
			to: 'refused@example.vn',
			rendered: assigned('vi'),
			language: 'vi',
			origin: ORIGIN,
			messageId: `<${engine}-refused@sachhon.example.vn>`
		});
		await expect(transport.send(mail)).rejects.toBeInstanceOf(PermanentFailure);
	});

	it('a server that cannot be reached is a failure to retry, not a permanent one', async () => {
		const closed = smtpTransport({ url: 'smtp://127.0.0.1:9', from: FROM });
		const mail = composeEmail({
			to: 'lan@example.vn',
			rendered: assigned('vi'),
			language: 'vi',
			origin: ORIGIN,
			messageId: `<${engine}-down@sachhon.example.vn>`
		});
		const failure = await closed.send(mail).catch((error: unknown) => error);
		closed.close();
		expect(failure).toBeInstanceOf(Error);
		expect(failure).not.toBeInstanceOf(PermanentFailure);
	});
});
