import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
	CLASS_HEADER,
	farCellWorkbook,
	inlineRow,
	workbook
} from '../../src/lib/server/intake/test-workbooks';
import { ADMIN, addOrganisation, newAccount, signIn, signUp } from './fixtures';

// Attacks from the security review (issue 13), made the way they were made: raw requests a browser
// or a script can send. Each must now be refused or harmless.

/** A form post from the platform's own pages (the cross-site check is a separate matter). */
function post(
	request: APIRequestContext,
	baseURL: string,
	path: string,
	form: Record<string, string>
) {
	return request.post(path, {
		form,
		// As a browser's form post (a script's Accept would get SvelteKit's JSON action result).
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0,
		failOnStatusCode: false
	});
}

test.describe('open redirect after sign-in', () => {
	test('only a path on this site is followed; the rest go to the dashboard', async ({
		page,
		baseURL
	}) => {
		const account = await signUp(page, newAccount('redirect'));
		const cases: [string, string][] = [
			['/%09/evil.example', '/dashboard'],
			['/%0a/evil.example', '/dashboard'],
			['//evil.example', '/dashboard'],
			['/%5Cevil.example', '/dashboard'],
			['https://evil.example/', '/dashboard'],
			['/courses/sxsh-truong-nghe', '/courses/sxsh-truong-nghe']
		];
		for (const [target, expected] of cases) {
			const response = await post(page.request, baseURL!, `/sign-in?redirectTo=${target}`, {
				identifier: account.identifier,
				password: account.password
			});
			expect(response.status(), target).toBe(303);
			expect(response.headers()['location'], target).toBe(expected);
		}
	});
});

test.describe('NUL characters', () => {
	test('are refused with a 400 in addresses, searches and forms, never a 500', async ({
		page,
		baseURL
	}) => {
		for (const path of [
			'/courses?q=%00',
			'/courses/%00',
			'/course-files/x/%00.png',
			'/verify/%00'
		]) {
			const response = await page.request.get(path, { failOnStatusCode: false });
			expect(response.status(), path).toBe(400);
		}
		const signUpResponse = await post(page.request, baseURL!, '/sign-up', {
			fullName: 'Lê\u0000 Văn A',
			identifier: 'nul-user',
			password: 'dừa xiêm ba tri xanh',
			audience: 'student'
		});
		expect(signUpResponse.status()).toBe(400);
		const signInResponse = await post(page.request, baseURL!, '/sign-in', {
			identifier: 'a\u0000',
			password: 'x'
		});
		expect(signInResponse.status()).toBe(400);

		// Signed in as administrator: search, a new organisation, a new cohort.
		await signIn(page, ADMIN.email, ADMIN.password);
		const search = await page.request.get('/admin/users?q=%00', { failOnStatusCode: false });
		expect(search.status()).toBe(400);
		const organisation = await post(page.request, baseURL!, '/admin/organisations?/create', {
			name: 'Trường\u0000',
			kind: 'school',
			area: ''
		});
		expect(organisation.status()).toBe(400);
		const cohort = await post(page.request, baseURL!, '/manage?/create', {
			name: 'Lớp\u0000',
			year: '2026'
		});
		expect(cohort.status()).toBe(400);
		// The message is the reader's, in their language.
		expect(await cohort.text()).toContain('ký tự không hợp lệ');
	});
});

test.describe('spreadsheet bombs posted to the class import', () => {
	test('are refused at once, naming the cell, and /healthz answers throughout', async ({
		page,
		baseURL
	}) => {
		const run = randomBytes(3).toString('hex');
		await signIn(page, ADMIN.email, ADMIN.password);
		const school = `Trường bảng tính ${run}`;
		await addOrganisation(page, school);
		await page.goto('/manage');
		await page.getByLabel('Đơn vị').selectOption({ label: school });
		await page.getByLabel('Tên lớp').fill(`10A9 ${run}`);
		await page.getByRole('button', { name: 'Tạo lớp' }).click();
		await page.getByRole('link', { name: `10A9 ${run}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: `10A9 ${run}` })).toBeVisible();
		const cohortPath = new URL(page.url()).pathname;

		/** The streamed import as the page's script posts it; its last line, the result. */
		const importFile = async (name: string, bytes: Uint8Array | string) => {
			const response = await page.request.post(`${cohortPath}/import`, {
				multipart: {
					file: { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) }
				},
				headers: { origin: baseURL! }
			});
			expect(response.status()).toBe(200);
			return JSON.parse((await response.text()).trim().split('\n').at(-1)!).result;
		};
		const health = async () => (await page.request.get('/healthz')).status();

		// 1.6 KB with one cell at XFD1048576: it hung the server; now refused while /healthz answers.
		const [farCell, during] = await Promise.all([
			importFile('lop.xlsx', farCellWorkbook()),
			health()
		]);
		expect(farCell.importProblems).toEqual([
			expect.stringContaining('Trang tính có dữ liệu ở ô XFD1048576')
		]);
		expect(during).toBe(200);
		expect(await health()).toBe(200);

		const rows = Array.from({ length: 12_000 }, (_, i) => inlineRow(i + 2, [`Học Viên ${i}`]));
		const tall = await importFile('lop.xlsx', workbook(inlineRow(1, CLASS_HEADER) + rows.join('')));
		expect(tall.importProblems).toEqual([expect.stringContaining('ô A2002')]);

		const wide = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
		expect((await importFile('lop.csv', wide)).importProblems).toEqual([
			expect.stringContaining('ô AE1')
		]);
		expect(await health()).toBe(200);
	});
});
