import { createServer, type Server } from 'node:http';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { newAccount, SignInPage, SignUpPage } from './fixtures';
import { freePort, ReadmeServer } from './readme-server';

// Each test starts its own `npm start` (a build is already there, so it only serves): slow on two cores.
test.describe.configure({ timeout: 180_000 });

let server: ReadmeServer | undefined;
test.afterEach(async () => {
	await server?.dispose();
	server = undefined;
});

async function signUpAndIn(browser: Browser, base: string) {
	const context = await browser.newContext({ baseURL: base });
	const page = await context.newPage();
	const account = newAccount('first-run');
	const signUp = new SignUpPage(page);
	await signUp.goto();
	await signUp.submit(account);
	await expect(page).toHaveURL(`${base}/courses`);

	// Signed in on a fresh device (a new context has no cookie), and the language switch posts too.
	const other = await browser.newContext({ baseURL: base });
	const second = await other.newPage();
	const signIn = new SignInPage(second);
	await signIn.goto();
	await signIn.submit(account.identifier, account.password);
	await expect(second).toHaveURL(`${base}/dashboard`);
	await second.getByRole('button', { name: 'English' }).click();
	await expect(second).toHaveURL(`${base}/en/dashboard`);
	await context.close();
	await other.close();
}

test.describe('the first run, started as the README says (no ORIGIN)', () => {
	test('sign-up, sign-in and the language switch work over localhost and 127.0.0.1', async ({
		browser
	}) => {
		server = await ReadmeServer.start();
		// The operator's last line says where and on which database.
		expect(server.lines.at(-1)).toMatch(
			new RegExp(
				`^Sạch Hơn is ready at http://localhost:${server.port} — database: embedded PostgreSQL \\(PGlite\\) in `
			)
		);
		const output = server.lines.join('\n');
		expect(output).not.toContain('npm run preview');
		expect(output).not.toContain('Circular dependency');

		await signUpAndIn(browser, `http://localhost:${server.port}`);
		await signUpAndIn(browser, `http://127.0.0.1:${server.port}`);

		// Links built from the request say http, as typed: the certificate share link, reset links.
		const response = await fetch(`http://127.0.0.1:${server.port}/.well-known/sach-hon-keys.json`);
		expect(JSON.stringify(await response.json())).toContain(`http://127.0.0.1:${server.port}/`);
	});

	test('a form posted from another site is refused, in the reader’s language', async ({ page }) => {
		server = await ReadmeServer.start();
		const target = `http://localhost:${server.port}`;
		// A real page on another origin that posts a sign-in form to the platform.
		const attackerPort = await freePort();
		const attacker: Server = createServer((_, res) => {
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(
				`<form method="post" action="${target}/sign-in"><input name="identifier" value="x">` +
					`<input name="password" value="y"><button>Gửi</button></form>`
			);
		});
		await new Promise<void>((resolve) => attacker.listen(attackerPort, '127.0.0.1', resolve));
		try {
			await page.goto(`http://127.0.0.1:${attackerPort}/`);
			const [response] = await Promise.all([
				page.waitForResponse(`${target}/sign-in`),
				page.getByRole('button', { name: 'Gửi' }).click()
			]);
			expect(response.status()).toBe(403);
			await expect(page.getByText('Biểu mẫu này được gửi từ một trang web khác')).toBeVisible();
		} finally {
			attacker.close();
		}
		// The same from a script with a forged Origin, and with none.
		for (const origin of ['http://evil.example', undefined]) {
			const refused = await fetch(`${target}/sign-in`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					...(origin ? { origin } : {})
				},
				body: 'identifier=x&password=y',
				redirect: 'manual'
			});
			expect(refused.status).toBe(403);
		}
	});
});

/** Requests fired without pause until told to stop; counts what came back. */
function burst(url: string, connections = 20) {
	let stopping = false;
	const statuses: number[] = [];
	let refused = 0;
	const workers = Array.from({ length: connections }, async () => {
		while (!stopping) {
			try {
				const response = await fetch(url);
				await response.arrayBuffer();
				statuses.push(response.status);
			} catch {
				// Connection refused or reset once the server stopped listening.
				refused++;
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		}
	});
	return {
		statuses,
		get refused() {
			return refused;
		},
		async stop() {
			stopping = true;
			await Promise.all(workers);
		}
	};
}

async function stopsCleanly(databaseUrl?: string) {
	// During a burst of requests: every answered request is a whole, good answer.
	server = await ReadmeServer.start({ databaseUrl });
	const base = `http://127.0.0.1:${server.port}`;
	const load = burst(`${base}/courses`);
	await expect.poll(() => load.statuses.length, { timeout: 30_000 }).toBeGreaterThan(50);
	const during = await server.stop();
	await load.stop();
	expect(during.code, server.lines.slice(-5).join('\n')).toBe(0);
	expect(during.ms).toBeLessThan(10_000);
	expect(load.statuses.filter((s) => s !== 200)).toEqual([]);
	expect(await server.answers()).toBe(false);
	expect(server.lines.join('\n')).toContain('database closed: stopped');
	await server.dispose();

	// After a burst, with keep-alive connections left open by the client.
	server = await ReadmeServer.start({ databaseUrl });
	const after = burst(`http://127.0.0.1:${server.port}/courses`, 10);
	await expect.poll(() => after.statuses.length, { timeout: 30_000 }).toBeGreaterThan(50);
	await after.stop();
	const stopped = await server.stop();
	expect(stopped.code).toBe(0);
	expect(stopped.ms).toBeLessThan(10_000);
	expect(await server.answers()).toBe(false);
}

test.describe('stopping `npm start` with SIGTERM', () => {
	test('on PGlite: finishes requests in flight, closes the database, exits 0', async () => {
		await stopsCleanly();
	});

	test('on PostgreSQL: the same', async () => {
		const serverUrl = process.env.TEST_DATABASE_URL;
		// Needs a PostgreSQL server to create a database on; .ci/run sets TEST_DATABASE_URL, so CI runs it.
		test.skip(!serverUrl, 'TEST_DATABASE_URL is not set');
		const name = `sachhon_stop_${randomBytes(4).toString('hex')}`;
		const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		try {
			const url = new URL(serverUrl!);
			url.pathname = `/${name}`;
			await stopsCleanly(url.toString());
		} finally {
			await server?.dispose();
			server = undefined;
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
