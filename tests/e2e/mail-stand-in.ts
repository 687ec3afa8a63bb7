// A real SMTP server for the end-to-end suite: the messaging server (playwright.config.ts) sends
// its e-mail here, and the tests read what arrived over HTTP, parsed as a mail client would.
//   SMTP  127.0.0.1:MAIL_SMTP_PORT   (any user and password; no TLS, as on a local relay)
//   HTTP  127.0.0.1:MAIL_HTTP_PORT   GET /messages → [{ to, subject, text, html, headers }]
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.MAIL_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.MAIL_HTTP_PORT ?? 4175);

interface Received {
	to: string[];
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
	receivedAt: string;
}
const received: Received[] = [];

const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	onAuth: (_auth, _session, callback) => callback(null, { user: 'e2e' }),
	onData(stream, session, callback) {
		simpleParser(stream)
			.then((mail) => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
					subject: mail.subject ?? '',
					text: mail.text ?? '',
					html: typeof mail.html === 'string' ? mail.html : '',
					headers: Object.fromEntries(
						mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])
					),
					receivedAt: new Date().toISOString()
				});
				callback();
			})
			.catch(callback);
	}
});
smtp.listen(smtpPort, '127.0.0.1');

createServer((request, response) => {
	const url = new URL(request.url ?? '/', `http://127.0.0.1:${httpPort}`);
	if (url.pathname === '/messages') {
		const to = url.searchParams.get('to')?.toLowerCase();
		response.setHeader('content-type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(to ? received.filter((m) => m.to.includes(to)) : received));
		return;
	}
	response.statusCode = 404;
	response.end();
}).listen(httpPort, '127.0.0.1');
