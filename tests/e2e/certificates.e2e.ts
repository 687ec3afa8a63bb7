import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import type { APIRequestContext, Browser } from '@playwright/test';
import { completeCourse } from './course-helpers';
import {
	ADMIN,
	addOrganisation,
	appoint,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test
} from './fixtures';

// The public verification page, the key document, who may download a certificate (one earned here
// by completing a course) and the administrators' list. quiz.e2e.ts follows issuing at completion.

for (const javaScriptEnabled of [true, false]) {
	test.describe(`verification page, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('checks a typed code and says plainly when no certificate has it', async ({ page }) => {
			await page.goto('/verify');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xác thực giấy chứng nhận');
			await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
			// axe runs in the page, so only where scripts may run.
			if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);

			await page.getByLabel('Mã xác thực').fill('2345-6789-abcd');
			await page.getByRole('button', { name: 'Kiểm tra' }).click();
			await expect(page).toHaveURL(/\/verify\/23456789ABCD$/);
			const verdict = 'Không tìm thấy giấy chứng nhận với mã này';
			await expect(page.getByRole('heading', { level: 1, name: verdict })).toBeVisible();
			await expect(page.getByText('Mã xác thực: 2345-6789-ABCD')).toBeVisible();
			if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
		});
	});
}

test('publishes the signing keys as a JWK set', async ({ request }) => {
	const response = await request.get('/.well-known/sach-hon-keys.json');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
	expect(body.verificationMethod[0].id).toBe(
		`http://localhost:4173/.well-known/sach-hon-keys.json#${body.keys[0].kid}`
	);
});

/** Every download a certificate offers: each endpoint under routes/certificates/[code]. */
const ROUTES = 'src/routes/certificates/[code]';
const DOWNLOADS = readdirSync(ROUTES, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && existsSync(`${ROUTES}/${entry.name}/+server.ts`))
	.map((entry) => entry.name)
	.sort();
/** What each download is; a new endpoint fails the test below until it is added here. */
const TYPES: Record<string, string> = {
	'badge.json': 'application/json; charset=utf-8',
	'credential.json': 'application/json; charset=utf-8',
	pdf: 'application/pdf'
};

const COURSE = 'sxsh-tai-co-so-san-xuat';
const HOLDER_NAME = 'Huỳnh Thị Chứng Nhận';

async function newPage(browser: Browser) {
	return (await browser.newContext()).newPage();
}

/**
 * Each download at the addresses that reach it: the code as issued, in English, and grouped in
 * lower case as printed (the code is normalised before the lookup).
 */
function downloadPaths(code: string): string[] {
	const grouped = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
	return DOWNLOADS.flatMap((file) => [
		`/certificates/${code}/${file}`,
		`/en/certificates/${code}/${file}`,
		`/certificates/${grouped}/${file}`
	]);
}

async function expectServed(request: APIRequestContext, code: string, who: string) {
	for (const path of downloadPaths(code)) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), `${who}: ${path}`).toBe(200);
		const headers = response.headers();
		expect(headers['content-type'], path).toBe(TYPES[path.split('/').pop()!]);
		expect(headers['content-disposition'], path).toMatch(/^attachment; filename="giay-chung-nhan-/);
		expect(headers['cache-control'], path).toBe('private, no-store');
		const body = await response.body();
		if (path.endsWith('/pdf')) expect(body.subarray(0, 5).toString(), path).toBe('%PDF-');
		else expect(JSON.stringify(JSON.parse(body.toString())), path).toContain(code);
	}
}

/** The same 404 as for a code that does not exist, and nothing of the certificate in it. */
async function expectNotFound(request: APIRequestContext, code: string, who: string) {
	for (const path of downloadPaths(code)) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), `${who}: ${path}`).toBe(404);
		const body = await response.text();
		expect(body, path).not.toContain(HOLDER_NAME);
		expect(body, path).not.toContain('%PDF-');
	}
}

test('serves downloads to nobody but the holder and administrators', async ({
	browser,
	request: anonymous
}) => {
	// A whole course and its final quiz before the certificate exists.
	test.setTimeout(150_000);
	expect(Object.keys(TYPES).sort()).toEqual(DOWNLOADS);
	const run = randomBytes(3).toString('hex');

	const holderPage = await newPage(browser);
	const holder = await signUp(holderPage, { ...newAccount('chu'), fullName: HOLDER_NAME });
	await completeCourse(holderPage, COURSE);
	const record = await (await holderPage.request.get('/account/data')).json();
	expect(record.learning.certificates).toHaveLength(1);
	const { code, number } = record.learning.certificates[0] as { code: string; number: string };

	const strangerPage = await newPage(browser);
	await signUp(strangerPage, newAccount('la'));

	// A manager, of an organisation the holder does not belong to.
	const adminPage = await newPage(browser);
	await signIn(adminPage, ADMIN.email, ADMIN.password);
	const managerPage = await newPage(browser);
	const manager = await signUp(managerPage, { ...newAccount('ql'), fullName: 'Phạm Thị Quản Lý' });
	const school = `Trường Trung cấp Chợ Lách ${run}`;
	await addOrganisation(adminPage, school);
	await appoint(adminPage, manager, 'manager', school);
	await managerPage.goto('/manage');
	await expect(managerPage.getByLabel('Đơn vị').locator('option', { hasText: school })).toHaveCount(
		1
	);

	await expectServed(holderPage.request, code, 'holder');
	await expectServed(adminPage.request, code, 'administrator');
	await expectNotFound(strangerPage.request, code, 'another learner');
	await expectNotFound(managerPage.request, code, 'manager of another organisation');
	// The download routes are public to the guard: a visitor is not sent to sign in, but gets the
	// 404 an unknown code gets, so codes cannot be probed here.
	await expectNotFound(anonymous, code, 'anonymous');
	await expectNotFound(anonymous, '23456789ABCD', 'anonymous, unknown code');

	// The administrators' page of the certificate is theirs alone.
	await adminPage.goto(`/admin/certificates?q=${number}`);
	await adminPage.getByRole('link', { name: number, exact: true }).click();
	await expect(
		adminPage.getByRole('heading', { level: 1, name: `Giấy chứng nhận số ${number}` })
	).toBeVisible();
	const adminView = new URL(adminPage.url()).pathname;
	for (const [who, page] of [
		['holder', holderPage],
		['another learner', strangerPage],
		['manager of another organisation', managerPage]
	] as const) {
		expect((await page.request.get(adminView, { maxRedirects: 0 })).status(), who).toBe(403);
	}
	const signedOut = await anonymous.get(adminView, { maxRedirects: 0 });
	expect(signedOut.status()).toBe(303);
	expect(signedOut.headers()['location']).toBe(
		`/sign-in?redirectTo=${encodeURIComponent(adminView)}`
	);

	// The public page says whether the certificate is valid, and no more than the certificate does.
	const visitor = await newPage(browser);
	await visitor.goto(`/verify/${code}`);
	await expect(
		visitor.getByRole('heading', { level: 1, name: 'Giấy chứng nhận hợp lệ' })
	).toBeVisible();
	await expect(visitor.getByText(HOLDER_NAME)).toBeVisible();
	await expect(visitor.getByText('Sản xuất sạch hơn tại cơ sở sản xuất')).toBeVisible();
	await expect(visitor.locator('a[href*="/certificates/"]')).toHaveCount(0);
	for (const path of [`/verify/${code}`, `/verify/${code}/__data.json`]) {
		const body = await (await anonymous.get(path)).text();
		expect(body, path).toContain(HOLDER_NAME);
		for (const secret of [holder.identifier, 'userId', 'signature', 'credential'])
			expect(body, `${path} shows ${secret}`).not.toContain(secret);
	}

	// Revoked: the holder can no longer download it; administrators still can.
	await adminPage.getByLabel('Lý do thu hồi').fill('Cấp nhầm khóa học');
	await adminPage.getByRole('button', { name: 'Thu hồi', exact: true }).click();
	await expect(adminPage.getByText('Đã thu hồi giấy chứng nhận.')).toBeVisible();
	await expectNotFound(holderPage.request, code, 'holder, revoked');
	await expectServed(adminPage.request, code, 'administrator, revoked');
	await holderPage.goto('/dashboard');
	await expect(
		holderPage.getByText('Giấy chứng nhận này đã bị thu hồi nên không tải về được nữa.')
	).toBeVisible();
	await expect(holderPage.locator('a[href*="/certificates/"]')).toHaveCount(0);
	await visitor.reload();
	await expect(
		visitor.getByRole('heading', { level: 1, name: 'Giấy chứng nhận đã bị thu hồi' })
	).toBeVisible();
});

test('administrators find the certificates page from the admin menu', async ({ page }) => {
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/users');
	await page.getByRole('link', { name: 'Giấy chứng nhận' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy chứng nhận');
	await expect(page.getByRole('heading', { name: 'Sắp hết hạn trong 90 ngày tới' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
