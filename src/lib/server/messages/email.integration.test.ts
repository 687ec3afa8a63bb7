// E-mail end to end: composed, sent through nodemailer to a real SMTP server started here
// (smtp-server), and read back from the bytes it received, as a mail program would read them.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messagePreferences } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '../test-factories';
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

// A small reader of what nodemailer writes: folded headers, RFC 2047 words, a multipart body of
// quoted-printable or base64 parts.

function bytesOfQuotedPrintable(text: string, underscoreIsSpace: boolean): Buffer {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3);
		if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else if (underscoreIsSpace && text[i] === '_') bytes.push(0x20);
		else bytes.push(...Buffer.from(text[i], 'utf8'));
	}
	return Buffer.from(bytes);
}

function decodeWords(value: string): string {
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, encoding: string, text: string) =>
			(encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64')
				: bytesOfQuotedPrintable(text, true)
			).toString('utf8')
		);
}

function splitHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function decodeBody(body: string, encoding = ''): string {
	if (/base64/i.test(encoding)) return Buffer.from(body, 'base64').toString('utf8');
	if (/quoted-printable/i.test(encoding))
		return bytesOfQuotedPrintable(body.replace(/=\r\n/g, ''), false).toString('utf8');
	return body;
}

function readMail(raw: string) {
	const split = raw.indexOf('\r\n\r\n');
	const headers = splitHeaders(raw.slice(0, split));
	const body = raw.slice(split + 4);
	const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
	const parts: Record<string, string> = {};
	const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [body];
	for (const chunk of chunks) {
		const part = chunk.replace(/^\r\n/, '');
		const at = boundary ? part.indexOf('\r\n\r\n') : -1;
		const partHeaders = boundary ? splitHeaders(part.slice(0, at)) : headers;
		const content = boundary ? part.slice(at + 4) : part;
		const type = (partHeaders['content-type'] ?? 'text/plain').split(';')[0].trim();
		parts[type] = decodeBody(content, partHeaders['content-transfer-encoding']);
	}
	return {
		header: (name: string) => decodeWords(headers[name.toLowerCase()] ?? ''),
		text: parts['text/plain'] ?? '',
		html: parts['text/html'] ?? ''
	};
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

		const mail = readMail(received.raw);
		expect(mail.header('From')).toBe('Sạch Hơn <no-reply@sachhon.example.vn>');
		expect(mail.header('To')).toBe('lan@example.vn');
		expect(mail.header('Subject')).toBe('Bạn được giao khóa học «Sản xuất sạch hơn»');
		expect(mail.header('Message-ID')).toBe(`<${id}@sachhon.example.vn>`);
		expect(mail.header('Content-Language')).toBe('vi');
		expect(mail.header('Auto-Submitted')).toBe('auto-generated');
		expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		expect(mail.html).toContain('<html lang="vi">');
		expect(mail.html).toContain(`href="${ORIGIN}/courses/sxsh"`);
		expect(mail.text).toContain('Hạn hoàn thành: Thứ Sáu, 11/12/2026.');
		expect(mail.text).toContain('Bạn nhận được thư này vì có tài khoản trên Sạch Hơn');

		const link = /^<(https:\/\/[^>]+)>$/.exec(mail.header('List-Unsubscribe'))?.[1];
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
		const mail = readMail(received.raw);
		expect(mail.header('Subject')).toBe('You have been assigned the course “Cleaner production”');
		expect(mail.header('Content-Language')).toBe('en');
		expect(mail.html).toContain('<html lang="en">');
		expect(mail.html).toContain(`href="${ORIGIN}/en/courses/sxsh"`);
		expect(mail.text).toContain('You are receiving this e-mail because you have an account');
		expect(mail.header('List-Unsubscribe')).toMatch(new RegExp(`^<${ORIGIN}/en/unsubscribe/`));
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
		const mail = readMail(mailServer.received[before].raw);
		expect(mail.header('List-Unsubscribe')).toBe('');
		expect(mail.header('List-Unsubscribe-Post')).toBe('');
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
