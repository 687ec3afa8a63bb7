/**
 * E-mail: a rendered message composed as plain text and simple HTML in the recipient's language,
 * and sent through the SMTP server of SMTP_URL (README, "Messages").
 *
 * The HTML is one column of inline-styled paragraphs (mail programs drop style sheets), with the
 * message's action as a link styled as a button, its address also written out for a reader whose
 * mail program hides links. Every message that may be stopped carries a one-click unsubscribe
 * link (RFC 8058): in the footer, and in the List-Unsubscribe headers mail programs show as a
 * button of their own.
 */
import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import { m } from '$lib/paraglide/messages';
import { localizeUrl } from '$lib/paraglide/runtime';
import type { RenderedMessage } from './render';
import { PermanentFailure, type EmailTransport, type OutgoingEmail } from './transports';

type Language = 'vi' | 'en';

export interface EmailToCompose {
	to: string;
	rendered: RenderedMessage;
	language: Language;
	/** The site's public address (ORIGIN): links in an e-mail must be absolute. */
	origin: string;
	/** The one-click unsubscribe link (unsubscribe.ts); absent for what the person asked for. */
	unsubscribeUrl?: string;
	/** `<id@host>`, the same on every try of one outbox row. */
	messageId: string;
}

/** A site path as an absolute address in the reader's language: `/en/…` for English. */
export function absoluteUrl(origin: string, path: string, language: Language): string {
	return localizeUrl(new URL(path, origin), { locale: language }).href;
}

export function composeEmail(mail: EmailToCompose): OutgoingEmail {
	const { rendered, language: locale, origin } = mail;
	const site = m.site_name({}, { locale });
	const host = new URL(origin).host;
	const action = rendered.action && {
		label: rendered.action.label,
		url: absoluteUrl(origin, rendered.action.path, locale)
	};
	const preferences = absoluteUrl(origin, '/account/messages', locale);
	const why = m.mail_footer_why({ site, host }, { locale });
	// A digest's reminders are among its lines; each is written once, as a list item with its link.
	const items = (rendered.items ?? []).map((item) => ({
		text: item.text,
		url: item.path ? absoluteUrl(origin, item.path, locale) : null
	}));
	const itemTexts = new Set(items.map((item) => item.text));
	const lines = rendered.lines.filter((line) => !itemTexts.has(line));

	const text = [
		rendered.subject,
		...lines,
		...(items.length > 0
			? [items.map((item) => `- ${item.text}${item.url ? `\n  ${item.url}` : ''}`).join('\n')]
			: []),
		...(action ? [`${action.label}:\n${action.url}`] : []),
		[
			'-- ',
			why,
			...(mail.unsubscribeUrl
				? [`${m.mail_unsubscribe({}, { locale })}: ${mail.unsubscribeUrl}`]
				: []),
			`${m.mail_preferences({}, { locale })}: ${preferences}`
		].join('\n')
	].join('\n\n');

	const html = page(locale, rendered.subject, [
		`<p style="margin:0 0 8px;font-size:14px;font-weight:bold;color:#15803d;">${escape(site)}</p>`,
		`<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#1c2521;">${escape(rendered.subject)}</h1>`,
		...lines.map((line) => `<p style="margin:0 0 16px;">${escape(line)}</p>`),
		...(items.length > 0
			? [
					'<ul style="margin:0 0 16px;padding-left:20px;">',
					...items.map(
						(item) =>
							`<li style="margin:0 0 8px;">${item.url ? `<a href="${escape(item.url)}" style="color:#14532d;">${escape(item.text)}</a>` : escape(item.text)}</li>`
					),
					'</ul>'
				]
			: []),
		...(action
			? [
					`<p style="margin:24px 0 8px;"><a href="${escape(action.url)}" style="display:inline-block;padding:12px 20px;border-radius:8px;background:#15803d;color:#ffffff;font-weight:bold;text-decoration:none;">${escape(action.label)}</a></p>`,
					`<p style="margin:0 0 16px;font-size:14px;color:#4b5a52;">${escape(m.mail_link_fallback({}, { locale }))}<br><a href="${escape(action.url)}" style="color:#14532d;word-break:break-all;">${escape(action.url)}</a></p>`
				]
			: []),
		`<hr style="margin:32px 0 16px;border:0;border-top:1px solid #cfd8d3;">`,
		`<p style="margin:0 0 8px;font-size:14px;color:#4b5a52;">${escape(why)}</p>`,
		`<p style="margin:0;font-size:14px;color:#4b5a52;">${[
			...(mail.unsubscribeUrl
				? [footerLink(mail.unsubscribeUrl, m.mail_unsubscribe({}, { locale }))]
				: []),
			footerLink(preferences, m.mail_preferences({}, { locale }))
		].join(' · ')}</p>`
	]);

	return {
		to: mail.to,
		subject: rendered.subject,
		text,
		html,
		headers: {
			'Content-Language': locale,
			// An automatic message (RFC 3834): no out-of-office replies to it.
			'Auto-Submitted': 'auto-generated',
			...(mail.unsubscribeUrl
				? {
						'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
						'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
					}
				: {})
		},
		messageId: mail.messageId,
		language: locale
	};
}

function footerLink(url: string, label: string): string {
	return `<a href="${escape(url)}" style="color:#14532d;">${escape(label)}</a>`;
}

function page(locale: Language, title: string, body: string[]): string {
	return [
		'<!doctype html>',
		`<html lang="${locale}">`,
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escape(title)}</title></head>`,
		'<body style="margin:0;padding:0;background:#f6f8f7;">',
		`<div role="article" aria-label="${escape(title)}" lang="${locale}" style="max-width:560px;margin:0 auto;padding:24px 16px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1c2521;">`,
		...body,
		'</div>',
		'</body>',
		'</html>'
	].join('\n');
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export interface SmtpTransport extends EmailTransport {
	/** Closes the pooled connections (the worker's stop). */
	close(): void;
}

/**
 * Sends through the SMTP server of SMTP_URL (smtp:// with STARTTLS when offered, smtps:// with
 * TLS from the start), over a small pool of connections. A message the server refuses for good (a
 * 5xx reply to the recipient or the message) is a PermanentFailure, recorded at once; anything
 * else (the server unreachable, busy, or refusing our credentials until the operator mends them)
 * is thrown as it is, to be retried with backoff.
 */
export function smtpTransport(mail: { url: string; from: string }): SmtpTransport {
	const transporter = nodemailer.createTransport({
		url: mail.url,
		pool: true,
		maxConnections: 2,
		connectionTimeout: 30_000,
		greetingTimeout: 30_000,
		socketTimeout: 60_000
	});
	return {
		async send(message) {
			try {
				const info = await transporter.sendMail({
					from: mail.from,
					to: message.to,
					subject: message.subject,
					text: message.text,
					html: message.html,
					headers: message.headers,
					messageId: message.messageId
				});
				return { providerId: info.messageId || info.response };
			} catch (error) {
				const failure = error as NodemailerError;
				if (failure.permanent && failure.code !== 'EAUTH') {
					throw new PermanentFailure(failure.response ?? failure.message);
				}
				throw error;
			}
		},
		close() {
			transporter.close();
		}
	};
}
