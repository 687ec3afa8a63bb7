import { z } from 'zod';

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
		LOG_LEVEL: z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
				error: 'one of fatal, error, warn, info, debug, trace, silent'
			})
			.default('info')
	})
	.superRefine((c, ctx) => {
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
		const shown = name.includes('PASSWORD') || got === undefined ? '' : ` (got "${got}")`;
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
		logLevel: c.LOG_LEVEL
	};
}

let current: Config | undefined;

/** The configuration of this process, parsed on first use. */
export function config(): Config {
	current ??= parseConfig(process.env);
	return current;
}
