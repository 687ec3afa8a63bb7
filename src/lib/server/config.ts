import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import type { QuietHours } from '$lib/vietnam-time';

/** The former districts of Ben Tre: the district level was abolished in 2025, so the list is configurable. */
export const DEFAULT_AREAS = [
	'Thành phố Bến Tre',
	'Ba Tri',
	'Bình Đại',
	'Châu Thành',
	'Chợ Lách',
	'Giồng Trôm',
	'Mỏ Cày Bắc',
	'Mỏ Cày Nam',
	'Thạnh Phú'
];

/** Printed on certificates unless configured otherwise. */
export const DEFAULT_CERTIFICATE_ISSUER = 'Trung tâm Khuyến công và Xúc tiến thương mại';
export const DEFAULT_SIGNATORY_TITLE = 'Giám đốc';
export const DEFAULT_CERTIFICATE_PLACE = 'Vĩnh Long';

/** Zalo's endpoint that renews an Official Account's access token (messages/zalo-token.ts). */
export const ZALO_OAUTH_URL = 'https://oauth.zaloapp.com/v4/oa/access_token';

/** A base64 PKCS#8 Ed25519 private key (e.g. `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`). */
function isEd25519Pkcs8(value: string): boolean {
	try {
		const key = createPrivateKey({
			key: Buffer.from(value, 'base64'),
			format: 'der',
			type: 'pkcs8'
		});
		return key.asymmetricKeyType === 'ed25519';
	} catch {
		return false;
	}
}

const printedText = (max: number) =>
	z
		.string()
		.trim()
		.min(1, `a non-empty text of at most ${max} characters`)
		.max(max, `a non-empty text of at most ${max} characters`)
		.transform((v) => v.normalize('NFC'));

/** A whole number in [min, max] from an environment string. */
const wholeNumber = (min: number, max: number, error: string) =>
	z.coerce.number({ error }).int(error).min(min, error).max(max, error);

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		schema.optional()
	);

const configSchema = z
	.object({
		DATABASE_URL: optional(
			z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// or postgresql:// connection URL')
		),
		DATA_DIR: z.string().trim().min(1, 'a directory path').default('./data'),
		COURSES_DIR: z.string().trim().min(1, 'a directory path').default('./courses'),
		ORIGIN: optional(z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })),
		PORT: optional(
			z.coerce
				.number({ error: 'a port number between 1 and 65535' })
				.int('a port number between 1 and 65535')
				.min(1, 'a port number between 1 and 65535')
				.max(65535, 'a port number between 1 and 65535')
		),
		ADMIN_EMAIL: optional(z.email({ error: 'an e-mail address' })),
		ADMIN_PASSWORD: optional(z.string().min(8, 'a password of at least 8 characters')),
		AREAS: optional(z.string().min(1, 'a comma-separated list of area names')),
		CERTIFICATE_ISSUER: optional(printedText(150)),
		CERTIFICATE_SIGNATORY_NAME: optional(printedText(120)),
		CERTIFICATE_SIGNATORY_TITLE: optional(printedText(120)),
		CERTIFICATE_PLACE: optional(printedText(80)),
		CERTIFICATE_SIGNING_KEY: optional(
			z.string().trim().refine(isEd25519Pkcs8, 'a base64 PKCS#8 Ed25519 private key')
		),
		SMTP_URL: optional(
			z.url({
				protocol: /^smtps?$/,
				error: 'an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.vn:465'
			})
		),
		MAIL_FROM: optional(
			z
				.string()
				.trim()
				.regex(
					/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
					'an address, or a name and an address: Sạch Hơn <no-reply@example.vn>'
				)
		),
		ZALO_ZNS_ACCESS_TOKEN: optional(
			z.string().trim().min(20, 'a Zalo Official Account access token')
		),
		ZALO_ZNS_TEMPLATES: optional(
			z
				.string()
				.trim()
				.regex(
					/^[a-z_]+=\d+(\s*,\s*[a-z_]+=\d+)*$/,
					'a list of kind=template id, e.g. phone_code=123456,digest=123457'
				)
		),
		ZALO_ZNS_URL: z
			.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
			.default('https://business.openapi.zalo.me/message/template'),
		ZALO_APP_ID: optional(
			z.string().trim().regex(/^\S+$/, "the Zalo app's ID from developers.zalo.me")
		),
		ZALO_APP_SECRET: optional(
			z.string().trim().min(8, "the Zalo app's secret key from developers.zalo.me")
		),
		ZALO_REFRESH_TOKEN: optional(
			z.string().trim().min(20, "a refresh token for the Official Account, from Zalo's console")
		),
		ZALO_OAUTH_URL: z
			.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
			.default(ZALO_OAUTH_URL),
		QUIET_HOURS: z
			.string()
			.trim()
			.regex(
				/^(off|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/,
				'two hours of the day in Vietnam, from-until (e.g. 21-7), or off'
			)
			.default('21-7'),
		MESSAGE_WORKER: z.enum(['on', 'off'], { error: 'on or off' }).default('on'),
		// Personal data (README, "Personal data"): where the law leaves the operator a choice.
		PRIVACY_MINOR_AGE: wholeNumber(7, 18, 'a whole number of years from 7 to 18').default(16),
		// Decree 356/2025 Art. 5 gives the replies in "days" and only the acknowledgement in working days:
		// calendar days (the stricter reading, moved past a weekend or holiday) unless set to working.
		PRIVACY_REQUEST_DAYS: z
			.enum(['calendar', 'working'], { error: 'calendar or working' })
			.default('calendar'),
		RETENTION_INACTIVE_YEARS: wholeNumber(1, 50, 'a whole number of years from 1 to 50').default(5),
		RETENTION_ATTEMPT_YEARS: wholeNumber(1, 50, 'a whole number of years from 1 to 50').default(5),
		RETENTION_SUBMISSION_YEARS: wholeNumber(1, 50, 'a whole number of years from 1 to 50').default(
			3
		),
		RETENTION_LOG_YEARS: wholeNumber(1, 50, 'a whole number of years from 1 to 50').default(2),
		RETENTION_MESSAGE_MONTHS: wholeNumber(1, 600, 'a whole number of months from 1 to 600').default(
			12
		),
		RETENTION_SCHEDULE: z.enum(['on', 'off'], { error: 'on or off' }).default('off'),
		LOG_LEVEL: z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
				error: 'one of fatal, error, warn, info, debug, trace, silent'
			})
			.default('info')
	})
	.superRefine((c, ctx) => {
		if (Boolean(c.SMTP_URL) !== Boolean(c.MAIL_FROM)) {
			ctx.addIssue({
				code: 'custom',
				path: [c.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL'],
				message: 'set together with ' + (c.SMTP_URL ? 'SMTP_URL' : 'MAIL_FROM')
			});
		}
		// Links in e-mails and phone messages need the site's public address.
		for (const name of ['SMTP_URL', 'ZALO_ZNS_TEMPLATES'] as const) {
			if (c[name] && !c.ORIGIN)
				ctx.addIssue({
					code: 'custom',
					path: ['ORIGIN'],
					message: `the site's public address (set with ${name}, for the links in messages), e.g. https://sachhon.example.vn`
				});
		}
		// Zalo's access token: renewed by the platform from the app's id, secret and a refresh token,
		// or (for a quick test) a fixed one that expires within a day.
		const renewal = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_REFRESH_TOKEN'] as const;
		const given = renewal.filter((name) => c[name]);
		const missing = renewal.filter((name) => !c[name]);
		if (given.length > 0 && missing.length > 0) {
			ctx.addIssue({
				code: 'custom',
				path: [missing[0]],
				message: `set together with ${given.join(' and ')}, for the platform to renew Zalo's access token`
			});
		} else if (given.length > 0 && c.ZALO_ZNS_ACCESS_TOKEN) {
			ctx.addIssue({
				code: 'custom',
				path: ['ZALO_ZNS_ACCESS_TOKEN'],
				message:
					'left unset when ZALO_APP_ID, ZALO_APP_SECRET and ZALO_REFRESH_TOKEN are set: the platform then renews the access token itself'
			});
		} else if (c.ZALO_ZNS_TEMPLATES && given.length === 0 && !c.ZALO_ZNS_ACCESS_TOKEN) {
			ctx.addIssue({
				code: 'custom',
				path: ['ZALO_APP_ID'],
				message:
					'set, with ZALO_APP_SECRET and ZALO_REFRESH_TOKEN, for phone messages (ZALO_ZNS_TEMPLATES is set), unless a fixed ZALO_ZNS_ACCESS_TOKEN is set for a quick test'
			});
		} else if (!c.ZALO_ZNS_TEMPLATES && (given.length > 0 || c.ZALO_ZNS_ACCESS_TOKEN)) {
			ctx.addIssue({
				code: 'custom',
				path: ['ZALO_ZNS_TEMPLATES'],
				message:
					'set together with ' +
					(c.ZALO_ZNS_ACCESS_TOKEN ? 'ZALO_ZNS_ACCESS_TOKEN' : renewal.join(', '))
			});
		}
		if (Boolean(c.ADMIN_EMAIL) !== Boolean(c.ADMIN_PASSWORD)) {
			ctx.addIssue({
				code: 'custom',
				path: [c.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
				message: 'set together with ' + (c.ADMIN_EMAIL ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD')
			});
		}
	});

export interface Config {
	databaseUrl: string | undefined;
	dataDir: string;
	coursesDir: string;
	origin: string | undefined;
	secureCookies: boolean;
	admin: { email: string; password: string } | undefined;
	areas: string[];
	logLevel: string;
	certificates: CertificateConfig;
	messages: MessagesConfig;
	privacy: PrivacyConfig;
}

/** The operator's choices under the personal data law (README, "Personal data"). */
export interface PrivacyConfig {
	/** Below this age (in whole years, Vietnam time) a guardian's consent is needed too. */
	minorAge: number;
	/** How the per-kind reply periods of data requests are counted (the acknowledgement is always in working days). */
	requestDays: 'calendar' | 'working';
	retention: RetentionConfig;
}

/** How long things are kept before the retention job anonymises or deletes them. */
export interface RetentionConfig {
	/** Accounts with no sign-in for this long are anonymised. */
	inactiveYears: number;
	/** Quiz answers older than this are cleared (scores, pass and dates stay for the reports). */
	attemptYears: number;
	/** Files and text handed in for assignments older than this are deleted (grades stay). */
	submissionYears: number;
	/** Audit events older than this are deleted. */
	logYears: number;
	/** Inbox messages and delivery records older than this are deleted. */
	messageMonths: number;
	/** Whether this instance runs the retention job by itself each night. */
	scheduled: boolean;
}

/** Channels beyond the inbox, each off until configured (README, "Messages"). */
export interface MessagesConfig {
	mail: { url: string; from: string } | undefined;
	/** Zalo Notification Service: the approved template id per kind and how to get the OA's token. */
	zns: { templates: Record<string, string>; url: string; auth: ZaloAuth } | undefined;
	/** When nothing leaves the platform (Vietnam time); null for never quiet. */
	quietHours: QuietHours | null;
	/** Whether this instance runs the delivery worker and the reminder sweep. */
	worker: boolean;
}

/**
 * The Official Account's access token: a fixed one (expires within a day: for a quick test), or
 * renewed by the platform through Zalo's OAuth endpoint (messages/zalo-token.ts).
 */
export type ZaloAuth =
	| { kind: 'fixed'; accessToken: string }
	| { kind: 'refresh'; appId: string; appSecret: string; refreshToken: string; oauthUrl: string };

/** Who issues certificates and how they are signed; printed on and signed into every certificate. */
export interface CertificateConfig {
	issuer: string;
	signatoryName: string | undefined;
	signatoryTitle: string;
	place: string;
	/** Base64 PKCS#8 Ed25519; when absent, a key is generated and kept in the database. */
	signingKey: string | undefined;
}

export class ConfigError extends Error {
	name = 'ConfigError';
}

/** Parses the environment once; a bad value throws one sentence naming the variable and what it expects. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = configSchema.safeParse(env);
	if (!result.success) {
		const issue = result.error.issues[0];
		const name = String(issue.path[0] ?? 'configuration');
		const got = env[name];
		const secret = ['PASSWORD', 'KEY', 'TOKEN', 'SECRET', 'SMTP_URL'].some((word) =>
			name.includes(word)
		);
		const shown = secret || got === undefined ? '' : ` (got "${got}")`;
		throw new ConfigError(`Configuration error: ${name} must be ${issue.message}${shown}.`);
	}
	const c = result.data;
	return {
		databaseUrl: c.DATABASE_URL,
		dataDir: c.DATA_DIR,
		coursesDir: c.COURSES_DIR,
		origin: c.ORIGIN,
		secureCookies: c.ORIGIN?.startsWith('https://') ?? false,
		admin:
			c.ADMIN_EMAIL && c.ADMIN_PASSWORD
				? { email: c.ADMIN_EMAIL.toLowerCase(), password: c.ADMIN_PASSWORD }
				: undefined,
		areas: c.AREAS
			? c.AREAS.split(',')
					.map((a) => a.trim())
					.filter(Boolean)
			: DEFAULT_AREAS,
		logLevel: c.LOG_LEVEL,
		certificates: {
			issuer: c.CERTIFICATE_ISSUER ?? DEFAULT_CERTIFICATE_ISSUER,
			signatoryName: c.CERTIFICATE_SIGNATORY_NAME,
			signatoryTitle: c.CERTIFICATE_SIGNATORY_TITLE ?? DEFAULT_SIGNATORY_TITLE,
			place: c.CERTIFICATE_PLACE ?? DEFAULT_CERTIFICATE_PLACE,
			signingKey: c.CERTIFICATE_SIGNING_KEY
		},
		privacy: {
			minorAge: c.PRIVACY_MINOR_AGE,
			requestDays: c.PRIVACY_REQUEST_DAYS,
			retention: {
				inactiveYears: c.RETENTION_INACTIVE_YEARS,
				attemptYears: c.RETENTION_ATTEMPT_YEARS,
				submissionYears: c.RETENTION_SUBMISSION_YEARS,
				logYears: c.RETENTION_LOG_YEARS,
				messageMonths: c.RETENTION_MESSAGE_MONTHS,
				scheduled: c.RETENTION_SCHEDULE === 'on'
			}
		},
		messages: {
			mail: c.SMTP_URL && c.MAIL_FROM ? { url: c.SMTP_URL, from: c.MAIL_FROM } : undefined,
			zns: c.ZALO_ZNS_TEMPLATES
				? {
						templates: Object.fromEntries(
							c.ZALO_ZNS_TEMPLATES.split(',').map((pair) =>
								pair.split('=').map((part) => part.trim())
							)
						),
						url: c.ZALO_ZNS_URL,
						auth:
							c.ZALO_APP_ID && c.ZALO_APP_SECRET && c.ZALO_REFRESH_TOKEN
								? {
										kind: 'refresh',
										appId: c.ZALO_APP_ID,
										appSecret: c.ZALO_APP_SECRET,
										refreshToken: c.ZALO_REFRESH_TOKEN,
										oauthUrl: c.ZALO_OAUTH_URL
									}
								: { kind: 'fixed', accessToken: c.ZALO_ZNS_ACCESS_TOKEN! }
					}
				: undefined,
			quietHours:
				c.QUIET_HOURS === 'off'
					? null
					: {
							fromHour: Number(c.QUIET_HOURS.split('-')[0]),
							untilHour: Number(c.QUIET_HOURS.split('-')[1])
						},
			worker: c.MESSAGE_WORKER === 'on'
		}
	};
}

let current: Config | undefined;

/** The configuration of this process, parsed on first use. */
export function config(): Config {
	current ??= parseConfig(process.env);
	return current;
}
