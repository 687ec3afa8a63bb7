import { expect } from '@playwright/test';

/** The server with e-mail configured, and the local SMTP server it sends to (playwright.config.ts). */
export const MAIL_APP_PORT = 4174;
export const MAIL_HTTP_PORT = 4175;
export const MAIL_SMTP_PORT = 2525;
export const MAIL_APP = `http://localhost:${MAIL_APP_PORT}`;

export interface ReceivedMail {
	to: string[];
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
}

/** The e-mails `address` has received so far. */
export async function mailTo(address: string): Promise<ReceivedMail[]> {
	const response = await fetch(
		`http://127.0.0.1:${MAIL_HTTP_PORT}/messages?to=${encodeURIComponent(address)}`
	);
	return (await response.json()) as ReceivedMail[];
}

/** Waits for an e-mail to `address` whose subject matches, as the worker sends it within seconds. */
export async function awaitMail(address: string, subject: RegExp): Promise<ReceivedMail> {
	let found: ReceivedMail | undefined;
	await expect
		.poll(
			async () => {
				found = (await mailTo(address)).find((m) => subject.test(m.subject));
				return Boolean(found);
			},
			{ timeout: 20_000, intervals: [250, 500, 1000] }
		)
		.toBe(true);
	return found!;
}

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
	const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\S*`));
	if (!match) throw new Error(`no link starting ${prefix} in:\n${text}`);
	return match[0];
}
