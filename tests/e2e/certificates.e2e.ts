import { ADMIN, expect, seriousViolations, signIn, test } from './fixtures';

// Issuing at completion is wired by the completion rule; these cover what stands on its own: the
// public verification page, the key document, access to downloads and the administrators' list.

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

test('serves downloads to nobody but the holder and administrators', async ({ request }) => {
	for (const file of ['pdf', 'credential.json', 'badge.json']) {
		expect((await request.get(`/certificates/23456789ABCD/${file}`)).status()).toBe(404);
	}
});

test('administrators find the certificates page from the admin menu', async ({ page }) => {
	await signIn(page, ADMIN.email, ADMIN.password);
	await page.goto('/admin/users');
	await page.getByRole('link', { name: 'Giấy chứng nhận' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy chứng nhận');
	await expect(page.getByRole('heading', { name: 'Sắp hết hạn trong 90 ngày tới' })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
});
