import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
	ADMIN,
	addOrganisation,
	agreeToNotice,
	appoint,
	enrol,
	expect,
	newAccount,
	pageProblems,
	phone,
	signIn,
	signUp,
	test
} from './fixtures';

const COURSE = 'sxsh-tai-co-so-san-xuat';

/** A day as dd/mm/yyyy, `years` years and `days` days before today (UTC; a day's margin either side). */
function bornAgo(years: number, days: number): string {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() - years);
	d.setUTCDate(d.getUTCDate() - days);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The first sign-in of an imported learner: the one-time password, their own, then the notice. */
async function firstSignIn(page: Page, identifier: string, oneTime: string) {
	await signIn(page, identifier, oneTime);
	await expect(page).toHaveURL(/\/account\/new-password/);
	await page.getByLabel('Mật khẩu mới').fill('cây dừa sáp cầu kè');
	await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/new-password'));
	await expect(page).toHaveURL(/\/privacy\/consent/);
	await agreeToNotice(page);
}

async function managerOf(browser: Browser, organisation: string, admin: Page) {
	const page = await (await browser.newContext()).newPage();
	const account = { ...newAccount('ql'), fullName: 'Phạm Thị Quản Lý' };
	// Sign-up asks for the notice's box (fixtures.ts ticks it).
	await signUp(page, account);
	await appoint(admin, account, 'manager', organisation);
	return { page, account };
}

test('a 15-year-old imported with a class waits for a guardian’s consent, which the manager records', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	const school = `Trường Trung cấp nghề Mỏ Cày ${run}`;
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await addOrganisation(admin, school);
	const { page: manager } = await managerOf(browser, school, admin);

	// The manager imports a class: a 15-year-old without a guardian's form, and one with.
	await manager.goto('/manage');
	await manager.getByLabel('Đơn vị').selectOption({ label: school });
	const className = `Điện K26 ${run}`;
	await manager.getByLabel('Tên lớp').fill(className);
	await manager.getByRole('button', { name: 'Tạo lớp' }).click();
	await manager.getByRole('link', { name: className }).click();
	await expect(manager.getByRole('heading', { level: 1, name: className })).toBeVisible();
	const minorId = `hs-${run}-khang`;
	const formedId = `hs-${run}-lan`;
	await manager.getByLabel('Tệp danh sách').setInputFiles({
		name: 'lop.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng,Họ tên người giám hộ,Liên hệ người giám hộ,Quan hệ với người học,Ngày đồng ý\n' +
				`Lê Minh Khang,${minorId},${bornAgo(15, 40)},Học sinh,,,,\n` +
				`Ngô Thị Lan,${formedId},${bornAgo(15, 80)},Học sinh,Ngô Văn Tư,0912 345 678,Bố,${bornAgo(0, 3)}\n`,
			'utf8'
		)
	});
	await manager.getByRole('button', { name: 'Nhập danh sách' }).click();
	await expect(manager.getByText('Đã nhập 2 học viên vào lớp.')).toBeVisible();
	const oneTime = (await manager
		.getByRole('row', { name: new RegExp(minorId) })
		.locator('code')
		.textContent())!.trim();

	// The student, on a phone: first sign-in, then the guardian page, and no course opens.
	const student = await phone(browser);
	await firstSignIn(student, minorId, oneTime);
	await student.goto('/dashboard');
	await expect(student).toHaveURL(/\/privacy\/guardian(\?|$)/);
	await expect(
		student.getByRole('heading', { level: 1, name: 'Cha mẹ hoặc người giám hộ cần đồng ý trước' })
	).toBeVisible();
	await expect(student.getByText('Bạn chưa đủ 16 tuổi.')).toBeVisible();
	await expect(student.getByText(`Đơn vị của bạn: ${school}.`)).toBeVisible();
	await expect(student.getByText('Phạm Thị Quản Lý')).toBeVisible();
	expect(await pageProblems(student)).toEqual([]);
	await student.goto(`/courses/${COURSE}`);
	await expect(student).toHaveURL(/\/privacy\/guardian(\?|$)/);
	await expect(student.getByRole('button', { name: 'Đăng ký học' })).toHaveCount(0);
	// Their own form to print.
	await student.getByRole('link', { name: 'Xem và in giấy đồng ý' }).click();
	await expect(student.getByText('Lê Minh Khang')).toBeVisible();
	await expect(student.getByText(`Nộp lại giấy này cho nhà trường (${school}).`)).toBeVisible();

	// The manager sees who waits, prints the class's forms and records the consent.
	await manager.goto('/manage/guardians');
	await expect(manager.getByRole('heading', { name: /Đang chờ đồng ý/ })).toBeVisible();
	const waiting = manager.getByRole('region', { name: /Đang chờ đồng ý/ });
	await expect(waiting.getByText('Lê Minh Khang')).toBeVisible();
	await expect(waiting.getByText('Ngô Thị Lan')).toHaveCount(0);
	const done = manager.getByRole('region', { name: /Đã có đồng ý/ });
	await expect(done.getByText('Ngô Thị Lan')).toBeVisible();
	expect(await pageProblems(manager)).toEqual([]);
	await manager.getByRole('link', { name: 'In giấy đồng ý cho những người đang chờ' }).click();
	await expect(
		manager.getByRole('heading', { name: 'Giấy đồng ý của cha mẹ hoặc người giám hộ' })
	).toHaveCount(1);
	await manager.goto('/manage/guardians');
	await manager.getByRole('link', { name: 'Ghi nhận đồng ý của Lê Minh Khang' }).click();
	await manager.getByRole('button', { name: 'Ghi nhận đồng ý' }).click();
	await expect(
		manager.getByText('Hãy nhập họ và tên người giám hộ (tối đa 120 ký tự).')
	).toBeVisible();
	await manager.getByLabel('Họ và tên người giám hộ').fill('Lê Thị Hoa');
	await manager.getByLabel('Quan hệ với người học').fill('mẹ');
	await manager.getByLabel('Số điện thoại hoặc e-mail của người giám hộ').fill('0987 654 321');
	await manager.getByLabel('Hình thức').selectOption('paper');
	await manager.getByRole('button', { name: 'Ghi nhận đồng ý' }).click();
	await expect(
		manager.getByText('Đã ghi nhận đồng ý. Người học có thể bắt đầu học.')
	).toBeVisible();
	await expect(manager.getByText(/Lê Thị Hoa \(mẹ\), 0987 654 321/)).toBeVisible();
	expect(await pageProblems(manager)).toEqual([]);

	// The student can now learn.
	await student.goto(`/courses/${COURSE}`);
	await expect(student).toHaveURL(new RegExp(`/courses/${COURSE}$`));
	await enrol(student);
	await student.goto('/privacy/guardian');
	await expect(
		student.getByRole('heading', { level: 1, name: 'Đã có sự đồng ý của người giám hộ' })
	).toBeVisible();
});

test('a manager records and withdraws a guardian’s consent with JavaScript off, and no one else’s', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const run = randomBytes(3).toString('hex');
	const school = `Trường Cao đẳng Chợ Lách ${run}`;
	const other = `Trường nghề Ba Tri ${run}`;
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	await addOrganisation(admin, school);
	await addOrganisation(admin, other);
	const { account } = await managerOf(browser, school, admin);
	// The manager works in a browser without JavaScript.
	const manager = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signIn(manager, account.identifier, account.password);

	await manager.goto('/manage');
	await manager.getByLabel('Đơn vị').selectOption({ label: school });
	const className = `May K26 ${run}`;
	await manager.getByLabel('Tên lớp').fill(className);
	await manager.getByRole('button', { name: 'Tạo lớp' }).click();
	await manager.getByRole('link', { name: className }).click();
	const minorId = `hs-${run}-tu`;
	await manager.getByLabel('Tệp danh sách').setInputFiles({
		name: 'lop.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'Họ và tên,Tên đăng nhập hoặc email,Ngày sinh,Nhóm đối tượng\n' +
				`Võ Văn Tú,${minorId},${bornAgo(14, 10)},Học sinh\n`,
			'utf8'
		)
	});
	await manager.getByRole('button', { name: 'Nhập danh sách' }).click();
	await expect(manager.getByText('Đã nhập 1 học viên vào lớp.')).toBeVisible();

	await manager.goto('/manage/guardians');
	await manager.getByRole('link', { name: 'Ghi nhận đồng ý của Võ Văn Tú' }).click();
	const learnerPath = new URL(manager.url()).pathname;
	await manager.getByLabel('Họ và tên người giám hộ').fill('Võ Văn Sáu');
	await manager.getByLabel('Quan hệ với người học').fill('bố');
	await manager.getByLabel('Số điện thoại hoặc e-mail của người giám hộ').fill('sau@example.vn');
	await manager.getByLabel('Hình thức').selectOption('phone');
	await manager.getByRole('button', { name: 'Ghi nhận đồng ý' }).click();
	await expect(
		manager.getByText('Đã ghi nhận đồng ý. Người học có thể bắt đầu học.')
	).toBeVisible();
	await expect(
		manager.getByText(/Võ Văn Sáu \(bố\), sau@example.vn: đồng ý ngày .*, Qua điện thoại\./)
	).toBeVisible();
	await manager.getByRole('button', { name: 'Rút đồng ý này' }).click();
	await expect(manager.getByText('Đã ghi nhận việc rút đồng ý.')).toBeVisible();
	await expect(
		manager.getByText('Người học này chưa học được cho đến khi có đồng ý của người giám hộ.')
	).toBeVisible();
	await expect(manager.getByRole('button', { name: 'Rút đồng ý này' })).toHaveCount(0);

	// A manager of another school finds no such learner, to see or to record.
	const { page: stranger } = await managerOf(browser, other, admin);
	expect((await stranger.request.get(learnerPath)).status()).toBe(404);
	const origin = new URL(stranger.url()).origin;
	const posted = await stranger.request.post(`${learnerPath}?/record`, {
		headers: { origin },
		form: {
			userId: learnerPath.split('/').pop()!,
			guardianName: 'Kẻ Lạ',
			relationship: 'khác',
			guardianContact: '0900000000',
			consentedOn: '2026-01-01',
			method: 'paper'
		}
	});
	expect(posted.status()).toBe(404);
	await stranger.goto('/manage/guardians');
	await expect(stranger.getByText('Võ Văn Tú')).toHaveCount(0);
});
