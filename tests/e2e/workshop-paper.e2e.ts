import { randomBytes } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
	addOrganisation,
	ADMIN,
	appoint,
	expect,
	newAccount,
	pageProblems,
	signIn,
	signUp,
	test,
	phone
} from './fixtures';

async function pdfText(bytes: Buffer): Promise<string> {
	const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
	let text = '';
	for (let n = 1; n <= doc.numPages; n++) {
		const content = await (await doc.getPage(n)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
	}
	await doc.destroy();
	return text.normalize('NFC');
}

test('a trainer prints the sign-in sheet and types it back without JavaScript, choosing between two people of one name', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const run = randomBytes(3).toString('hex');
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const org = `Trung tâm Giấy ${run}`;
	await addOrganisation(admin, org);
	const trainer = await phone(browser);
	const trainerAccount = await signUp(trainer, {
		...newAccount('wp-gv'),
		fullName: `Huỳnh Văn Giấy ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// A workshop with a session of today, open for registration.
	await trainer.goto('/workshops');
	const title = `Tập huấn ký tên ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	await trainer.getByLabel('Địa điểm').fill('Nhà văn hóa xã');
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByLabel('Giờ bắt đầu').fill('00:00');
	await trainer.getByLabel('Giờ kết thúc').fill('23:59');
	await trainer.getByRole('button', { name: 'Thêm buổi học' }).click();
	await expect(trainer.getByText('Đã thêm buổi học.')).toBeVisible();
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();

	// Three learners register, two of them of one name.
	const same = `Đinh Thị Trùng ${run}`;
	const other = `Mai Văn Ký ${run}`;
	for (const fullName of [same, same, other]) {
		const learner = await phone(browser);
		await signUp(learner, { ...newAccount('wp-hv'), fullName });
		await learner.goto(`/w/${id}`);
		await learner.getByRole('button', { name: 'Đăng ký tham dự' }).click();
		await expect(learner.getByText('Bạn đã đăng ký tham dự.')).toBeVisible();
		await learner.context().close();
	}

	// Without JavaScript from here: the sheet, then the two form posts.
	const plain = await phone(browser, false);
	await signIn(plain, trainerAccount.identifier, trainerAccount.password);
	await plain.goto(`/workshops/${id}`);
	const sheetLink = plain.getByRole('link', { name: /^Tải danh sách ký tên \(PDF\) của buổi/ });
	const sheet = await plain.request.get((await sheetLink.getAttribute('href'))!);
	expect(sheet.status()).toBe(200);
	expect(sheet.headers()['content-type']).toBe('application/pdf');
	const text = await pdfText(await sheet.body());
	expect(text).toContain(title);
	expect(text).toContain(other);
	expect(text.split(same).length - 1).toBe(2);
	expect(text).toContain('Trang 1/1');

	await plain.getByRole('link', { name: /^Danh sách ký tên giấy của buổi/ }).click();
	await expect(
		plain.getByRole('heading', { level: 1, name: 'Nhập danh sách ký tên' })
	).toBeVisible();
	expect(await pageProblems(plain, { axe: false })).toEqual([]);
	// The run's suffix is everyone's last word, so the family name orders them: Đinh, Đinh, Mai.
	const typed = `3. ${other}\ndinh thi trung ${run}`;
	await plain.getByLabel('Người có mặt, mỗi dòng một người').fill(typed);
	await plain.getByRole('button', { name: 'Xem lại' }).click();
	await expect(plain.getByRole('heading', { name: 'Cần chọn đúng người (1)' })).toBeVisible();
	await expect(plain.getByRole('heading', { name: 'Sẽ ghi có mặt (1)' })).toBeVisible();
	expect(await pageProblems(plain, { axe: false })).toEqual([]);

	// Confirmed without choosing: asked again, nothing recorded, the text kept for editing.
	await plain.getByRole('button', { name: 'Ghi nhận có mặt' }).click();
	await expect(plain.getByText('Còn 1 dòng cần bạn trả lời. Chưa ghi nhận ai cả.')).toBeVisible();
	await expect(plain.getByText('Hãy chọn một người, hoặc bỏ qua dòng này.')).toBeVisible();
	await plain.getByRole('button', { name: 'Sửa lại danh sách' }).click();
	await expect(plain.getByLabel('Người có mặt, mỗi dòng một người')).toHaveValue(typed);
	await plain.getByRole('button', { name: 'Xem lại' }).click();

	const choices = plain.getByRole('group', { name: `Dòng 2: dinh thi trung ${run}` });
	await expect(choices.getByRole('radio', { name: new RegExp(same) })).toHaveCount(2);
	await choices.getByRole('radio', { name: /STT 2/ }).check();
	await plain.getByRole('button', { name: 'Ghi nhận có mặt' }).click();
	await expect(
		plain.getByText('Đã ghi nhận: 2 người có mặt, 0 người đã có mặt từ trước.')
	).toBeVisible();
	expect(await pageProblems(plain, { axe: false })).toEqual([]);

	await plain.getByRole('link', { name: 'Xem ai đã có mặt' }).click();
	await expect(plain.getByRole('heading', { name: 'Có mặt: 2/3' })).toBeVisible();
	await expect(plain.getByRole('listitem').filter({ hasText: other })).toBeVisible();
	await expect(plain.getByRole('listitem').filter({ hasText: same })).toHaveCount(1);

	// The same screens with JavaScript, checked for accessibility (axe needs scripts to run).
	await trainer.goto(new URL(plain.url()).pathname.replace(/\/code$/, '/paper'));
	expect(await pageProblems(trainer)).toEqual([]);
	await trainer.getByLabel('Người có mặt, mỗi dòng một người').fill(`${same}\nAi Đó Lạ`);
	await trainer.getByRole('button', { name: 'Xem lại' }).click();
	await expect(
		trainer.getByRole('heading', { name: 'Không có trong danh sách (1)' })
	).toBeVisible();
	// Of the two of one name, the one chosen before is marked present.
	await expect(trainer.getByText('đã có mặt', { exact: true })).toHaveCount(1);
	expect(await pageProblems(trainer)).toEqual([]);
});
