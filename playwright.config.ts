import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './tests/e2e/admin-account';
import { MAIL_APP_PORT, MAIL_HTTP_PORT, MAIL_SMTP_PORT } from './tests/e2e/mail';

// Debian's Chromium (CI installs it); Playwright's own browser only where neither is found.
const chromium =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const PORT = 4173;

// No ORIGIN: the suite meets the server as a newcomer's `npm start` does (the server inherits this
// environment; adapter-node refuses an empty ORIGIN, so it is removed rather than blanked).
delete process.env.ORIGIN;
// A fresh embedded database for every run, so runs never see each other's accounts.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sachhon-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
// A second server has e-mail configured (SMTP_URL, MAIL_FROM, and the ORIGIN its links need) and
// sends to a local SMTP server (tests/e2e/mail-stand-in.ts): the messaging journeys run against it
// (tests/e2e/mail.ts), the rest against the newcomer's server. Always PGlite: it shares no database.
const mailDataDir =
	process.env.E2E_MAIL_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sachhon-e2e-mail-'));
process.env.E2E_MAIL_DATA_DIR = mailDataDir;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	// No retries, in CI either: a slow or flaky test shows as a failure and is fixed, not hidden.
	retries: 0,
	reporter: process.env.CI ? 'list' : [['list']],
	// An expectation waits 10 s, not 5: under CI's load (two workers beside the server and the
	// database on two cores) a lesson's client-side navigation has been seen to take longer.
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://localhost:${PORT}`,
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		},
		trace: 'retain-on-failure',
		// A missing element fails in seconds, not at the test's timeout (ten minutes for the walks).
		actionTimeout: 20_000,
		navigationTimeout: 30_000
	},
	webServer: [
		{
			// `npm run test:e2e` builds first; the server applies migrations and creates the admin.
			command: 'node build',
			port: PORT,
			reuseExistingServer: false,
			timeout: 60_000,
			env: {
				PORT: String(PORT),
				DATA_DIR: dataDir,
				// `.ci/run` runs the journeys a second time on PostgreSQL (a database of their own).
				DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
				ADMIN_EMAIL: ADMIN.email,
				ADMIN_PASSWORD: ADMIN.password,
				LOG_LEVEL: 'warn',
				BODY_SIZE_LIMIT: '25M'
			}
		},
		{
			command: 'node --import tsx tests/e2e/mail-stand-in.ts',
			url: `http://127.0.0.1:${MAIL_HTTP_PORT}/messages`,
			reuseExistingServer: false,
			timeout: 30_000,
			env: { MAIL_SMTP_PORT: String(MAIL_SMTP_PORT), MAIL_HTTP_PORT: String(MAIL_HTTP_PORT) }
		},
		{
			command: 'node build',
			port: MAIL_APP_PORT,
			reuseExistingServer: false,
			timeout: 60_000,
			env: {
				PORT: String(MAIL_APP_PORT),
				DATA_DIR: mailDataDir,
				DATABASE_URL: '',
				ORIGIN: `http://localhost:${MAIL_APP_PORT}`,
				SMTP_URL: `smtp://e2e:e2e@127.0.0.1:${MAIL_SMTP_PORT}`,
				MAIL_FROM: 'Sạch Hơn <no-reply@sachhon.test>',
				// The journeys run at any hour; quiet hours are tested on the domain (outbox, reminders).
				QUIET_HOURS: 'off',
				ADMIN_EMAIL: ADMIN.email,
				ADMIN_PASSWORD: ADMIN.password,
				LOG_LEVEL: 'warn'
			}
		}
	]
});
