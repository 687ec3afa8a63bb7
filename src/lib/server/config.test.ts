import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AREAS, parseConfig } from './config';

describe('parseConfig', () => {
	it('defaults to PGlite in ./data with the former Ben Tre districts', () => {
		const c = parseConfig({});
		expect(c.databaseUrl).toBeUndefined();
		expect(c.dataDir).toBe('./data');
		expect(c.areas).toEqual(DEFAULT_AREAS);
		expect(c.secureCookies).toBe(false);
		expect(c.admin).toBeUndefined();
	});

	it('treats empty values as unset', () => {
		expect(parseConfig({ DATABASE_URL: '', ORIGIN: ' ' }).databaseUrl).toBeUndefined();
	});

	it('reads PostgreSQL, secure origin, admin and areas', () => {
		const c = parseConfig({
			DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sachhon',
			ORIGIN: 'https://sxsh.example.vn',
			ADMIN_EMAIL: 'Admin@Example.VN',
			ADMIN_PASSWORD: 'a long enough secret',
			AREAS: 'Phường An Hội, Xã Phú Túc ,'
		});
		expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/sachhon');
		expect(c.secureCookies).toBe(true);
		expect(c.admin).toEqual({ email: 'admin@example.vn', password: 'a long enough secret' });
		expect(c.areas).toEqual(['Phường An Hội', 'Xã Phú Túc']);
	});

	it.each([
		[{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must be a postgres:\/\/ /],
		[{ PORT: 'eighty' }, /^Configuration error: PORT must be a port number between 1 and 65535/],
		[{ PORT: '70000' }, /PORT must be a port number/],
		[
			{ ORIGIN: 'localhost:3000' },
			/ORIGIN must be an http:\/\/ or https:\/\/ URL \(got "localhost:3000"\)\.$/
		],
		[
			{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'longenough' },
			/ADMIN_EMAIL must be an e-mail address/
		],
		[{ ADMIN_EMAIL: 'a@b.vn' }, /ADMIN_PASSWORD must be set together with ADMIN_EMAIL\.$/],
		[{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal/]
	])('refuses %o with one sentence naming the variable', (env, message) => {
		expect(() => parseConfig(env)).toThrow(message);
	});

	it('reads quiet hours, 21:00–07:00 by default, or none', () => {
		expect(parseConfig({}).messages.quietHours).toEqual({ fromHour: 21, untilHour: 7 });
		expect(parseConfig({ QUIET_HOURS: '22-6' }).messages.quietHours).toEqual({
			fromHour: 22,
			untilHour: 6
		});
		expect(parseConfig({ QUIET_HOURS: 'off' }).messages.quietHours).toBeNull();
		expect(() => parseConfig({ QUIET_HOURS: '25-7' })).toThrow(
			'Configuration error: QUIET_HOURS must be two hours of the day in Vietnam, from-until (e.g. 21-7), or off (got "25-7").'
		);
	});

	it('never echoes a password', () => {
		expect(() => parseConfig({ ADMIN_EMAIL: 'a@b.vn', ADMIN_PASSWORD: 'short' })).toThrow(
			/^Configuration error: ADMIN_PASSWORD must be a password of at least 8 characters\.$/
		);
	});

	describe('e-mail', () => {
		const mail = {
			SMTP_URL: 'smtps://sachhon:k3o-d%E1%BB%ABa@mail.example.vn:465',
			MAIL_FROM: 'Sạch Hơn <no-reply@sachhon.example.vn>',
			ORIGIN: 'https://sachhon.example.vn'
		};

		it('is off unless configured, and on with SMTP_URL, MAIL_FROM and ORIGIN', () => {
			expect(parseConfig({}).messages.mail).toBeUndefined();
			expect(parseConfig(mail).messages.mail).toEqual({
				url: mail.SMTP_URL,
				from: mail.MAIL_FROM
			});
			expect(
				parseConfig({ ...mail, MAIL_FROM: 'no-reply@sachhon.example.vn' }).messages.mail?.from
			).toBe('no-reply@sachhon.example.vn');
		});

		it.each([
			[
				{ SMTP_URL: mail.SMTP_URL, ORIGIN: mail.ORIGIN },
				/MAIL_FROM must be set together with SMTP_URL\.$/
			],
			[
				{ MAIL_FROM: mail.MAIL_FROM, ORIGIN: mail.ORIGIN },
				/SMTP_URL must be set together with MAIL_FROM\.$/
			],
			[
				{ SMTP_URL: mail.SMTP_URL, MAIL_FROM: mail.MAIL_FROM },
				/^Configuration error: ORIGIN must be the site's public address \(set with SMTP_URL/
			],
			[{ ...mail, MAIL_FROM: 'Sạch Hơn' }, /MAIL_FROM must be an address, or a name and an address/]
		])('refuses %o', (env, message) => {
			expect(() => parseConfig(env)).toThrow(message);
		});

		it('never echoes SMTP_URL, which holds the mail password', () => {
			for (const url of [
				'https://sachhon:k3o-dua@mail.example.vn',
				'smtp//sachhon:k3o-dua@mail.example.vn',
				'mail.example.vn'
			]) {
				const thrown = (() => {
					try {
						parseConfig({ ...mail, SMTP_URL: url });
					} catch (error) {
						return error as Error;
					}
				})();
				expect(thrown?.message).toMatch(
					/^Configuration error: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL, e\.g\. smtps:\/\/user:password@mail\.example\.vn:465\.$/
				);
				expect(thrown?.message).not.toContain('k3o-dua');
			}
		});
	});

	describe('phone messages (Zalo ZNS)', () => {
		const base = {
			ZALO_ZNS_TEMPLATES: 'phone_code=301001, digest=301002',
			ORIGIN: 'https://sachhon.example.vn'
		};
		const renewal = {
			ZALO_APP_ID: '4143931467437657143',
			ZALO_APP_SECRET: 'AbCdEf0123456789xyz',
			ZALO_REFRESH_TOKEN: 'refresh-token-from-zalo-console-0123'
		};
		const fixed = { ZALO_ZNS_ACCESS_TOKEN: 'access-token-from-zalo-console-0123' };

		it('is off unless configured', () => {
			expect(parseConfig({}).messages.zns).toBeUndefined();
		});

		it('renews the token itself with the app id, secret and a refresh token', () => {
			expect(parseConfig({ ...base, ...renewal }).messages.zns).toEqual({
				templates: { phone_code: '301001', digest: '301002' },
				url: 'https://business.openapi.zalo.me/message/template',
				auth: {
					kind: 'refresh',
					appId: renewal.ZALO_APP_ID,
					appSecret: renewal.ZALO_APP_SECRET,
					refreshToken: renewal.ZALO_REFRESH_TOKEN,
					oauthUrl: 'https://oauth.zaloapp.com/v4/oa/access_token'
				}
			});
			expect(
				parseConfig({ ...base, ...renewal, ZALO_OAUTH_URL: 'http://127.0.0.1:4010/token' }).messages
					.zns?.auth
			).toMatchObject({ oauthUrl: 'http://127.0.0.1:4010/token' });
		});

		it('takes a fixed access token for a quick test', () => {
			expect(parseConfig({ ...base, ...fixed }).messages.zns?.auth).toEqual({
				kind: 'fixed',
				accessToken: fixed.ZALO_ZNS_ACCESS_TOKEN
			});
		});

		it.each([
			[
				{ ...base },
				/^Configuration error: ZALO_APP_ID must be set, with ZALO_APP_SECRET and ZALO_REFRESH_TOKEN, for phone messages \(ZALO_ZNS_TEMPLATES is set\), unless a fixed ZALO_ZNS_ACCESS_TOKEN is set for a quick test\.$/
			],
			[
				{
					...base,
					ZALO_APP_ID: renewal.ZALO_APP_ID,
					ZALO_REFRESH_TOKEN: renewal.ZALO_REFRESH_TOKEN
				},
				/^Configuration error: ZALO_APP_SECRET must be set together with ZALO_APP_ID and ZALO_REFRESH_TOKEN, for the platform to renew Zalo's access token\.$/
			],
			[
				{ ...base, ZALO_APP_SECRET: renewal.ZALO_APP_SECRET },
				/^Configuration error: ZALO_APP_ID must be set together with ZALO_APP_SECRET, for the platform/
			],
			[
				{ ...base, ...renewal, ...fixed },
				/^Configuration error: ZALO_ZNS_ACCESS_TOKEN must be left unset when ZALO_APP_ID, ZALO_APP_SECRET and ZALO_REFRESH_TOKEN are set: the platform then renews the access token itself\.$/
			],
			[
				{ ...renewal, ORIGIN: base.ORIGIN },
				/^Configuration error: ZALO_ZNS_TEMPLATES must be set together with ZALO_APP_ID, ZALO_APP_SECRET, ZALO_REFRESH_TOKEN\.$/
			],
			[
				{ ...fixed, ORIGIN: base.ORIGIN },
				/^Configuration error: ZALO_ZNS_TEMPLATES must be set together with ZALO_ZNS_ACCESS_TOKEN\.$/
			],
			[
				{ ...renewal, ZALO_ZNS_TEMPLATES: base.ZALO_ZNS_TEMPLATES },
				/^Configuration error: ORIGIN must be the site's public address \(set with ZALO_ZNS_TEMPLATES/
			]
		])('refuses %o', (env, message) => {
			expect(() => parseConfig(env)).toThrow(message);
		});

		it('never echoes the app secret or a token', () => {
			for (const [name, value] of [
				['ZALO_APP_SECRET', 'short'],
				['ZALO_REFRESH_TOKEN', 'short-token'],
				['ZALO_ZNS_ACCESS_TOKEN', 'short-token']
			]) {
				const thrown = (() => {
					try {
						parseConfig({ ...base, ...renewal, [name]: value });
					} catch (error) {
						return error as Error;
					}
				})();
				expect(thrown?.message).toMatch(new RegExp(`^Configuration error: ${name} must be `));
				expect(thrown?.message).not.toContain(value);
			}
		});
	});

	it('prints certificates for the provincial centre unless told otherwise', () => {
		expect(parseConfig({}).certificates).toEqual({
			issuer: 'Trung tâm Khuyến công và Xúc tiến thương mại',
			signatoryName: undefined,
			signatoryTitle: 'Giám đốc',
			place: 'Vĩnh Long',
			signingKey: undefined
		});
		const key = generateKeyPairSync('ed25519')
			.privateKey.export({ format: 'der', type: 'pkcs8' })
			.toString('base64');
		const c = parseConfig({
			CERTIFICATE_ISSUER: ' Sở Công Thương tỉnh Vĩnh Long ',
			CERTIFICATE_SIGNATORY_NAME: 'Nguyễn Văn An',
			CERTIFICATE_SIGNATORY_TITLE: 'Phó Giám đốc',
			CERTIFICATE_PLACE: 'Bến Tre',
			CERTIFICATE_SIGNING_KEY: key
		});
		expect(c.certificates).toEqual({
			issuer: 'Sở Công Thương tỉnh Vĩnh Long',
			signatoryName: 'Nguyễn Văn An',
			signatoryTitle: 'Phó Giám đốc',
			place: 'Bến Tre',
			signingKey: key
		});
	});

	it('refuses a signing key that is not Ed25519, without echoing it', () => {
		const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
			.privateKey.export({ format: 'der', type: 'pkcs8' })
			.toString('base64');
		for (const value of ['not a key', rsa]) {
			expect(() => parseConfig({ CERTIFICATE_SIGNING_KEY: value })).toThrow(
				/^Configuration error: CERTIFICATE_SIGNING_KEY must be a base64 PKCS#8 Ed25519 private key\.$/
			);
		}
	});
});
