import {
	addOrganisation,
	ADMIN,
	appoint,
	expect,
	newAccount,
	seriousViolations,
	signIn,
	signUp,
	test
} from './fixtures';

// The administrator's pages on a phone (390 × 844): none scrolls sideways, none has a serious axe
// violation, and the audit log reads as sentences naming people and organisations.

const PHONE = { width: 390, height: 844 };
const PAGES = [
	'/admin',
	'/admin/audit',
	'/admin/reports',
	'/admin/users',
	'/admin/organisations',
	'/admin/certificates'
];

test('every administrator page fits a phone and passes axe', async ({ browser }) => {
	test.slow();
	const learnerPage = await (await browser.newContext()).newPage();
	const learner = await signUp(learnerPage, newAccount('qtdt'));

	const admin = await (await browser.newContext({ viewport: PHONE })).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const school = `Trường điện thoại ${Date.now()}`;
	await addOrganisation(admin, school);
	await appoint(admin, learner, 'manager', school);

	for (const path of PAGES) {
		await admin.goto(path);
		await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
		const [wide, width] = await admin.evaluate(() => [
			document.documentElement.scrollWidth,
			window.innerWidth
		]);
		expect(wide, `${path} is ${wide} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
		expect(await seriousViolations(admin), path).toEqual([]);
	}

	await admin.goto('/admin/audit');
	await expect(
		admin.getByText(`đã giao vai trò quản lý đơn vị tại ${school} cho ${learner.fullName}`)
	).toBeVisible();
});
