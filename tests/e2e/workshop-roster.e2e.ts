import { randomBytes } from 'node:crypto';
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
	phone,
	newPhone
} from './fixtures';

/** A phone number nobody has yet (walk-ins are given as one). */

test('a trainer taps the names and adds walk-ins, offline too, and a replayed sync records nothing twice; the same without JavaScript', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const run = randomBytes(3).toString('hex');
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ADMIN.email, ADMIN.password);
	const org = `Phòng Kinh tế huyện ${run}`;
	await addOrganisation(admin, org);
	const trainer = await phone(browser);
	const trainerAccount = await signUp(trainer, {
		...newAccount('ws-roster-gv'),
		fullName: `Ngô Văn Gọi Tên ${run}`
	});
	await appoint(admin, trainerAccount, 'trainer', org);

	// A workshop with a session of today, open.
	await trainer.goto('/workshops');
	const title = `Tập huấn tiết kiệm điện ${run}`;
	await trainer.getByLabel('Tên buổi tập huấn').fill(title);
	await trainer.getByRole('button', { name: 'Tạo buổi tập huấn' }).click();
	await trainer.waitForURL(/\/workshops\/[0-9a-f-]{36}\?created$/);
	const id = trainer.url().match(/\/workshops\/([0-9a-f-]{36})/)![1];
	await trainer.getByLabel('Giờ bắt đầu').fill('00:00');
	await trainer.getByLabel('Giờ kết thúc').fill('23:59');
	await trainer.getByRole('button', { name: 'Thêm buổi học' }).click();
	await expect(trainer.getByText('Đã thêm buổi học.')).toBeVisible();
	await trainer.getByRole('button', { name: 'Mở đăng ký' }).click();
	await expect(trainer.getByText('Đang nhận đăng ký', { exact: true })).toBeVisible();

	// Three people register on the public page.
	const names = [`Trần Thị Ánh ${run}`, `Lê Văn Bảo ${run}`, `Đỗ Thị Cúc ${run}`];
	for (const fullName of names) {
		const learner = await phone(browser);
		await signUp(learner, { ...newAccount('ws-roster-hv'), fullName });
		await learner.goto(`/w/${id}`);
		await learner.getByRole('button', { name: 'Đăng ký tham dự' }).click();
		await expect(learner.getByText('Bạn đã đăng ký tham dự.')).toBeVisible();
		await learner.context().close();
	}
	const [anh, bao, cuc] = names;

	// With JavaScript: the list from the workshop page; the search ignores diacritics as one types.
	await trainer.goto(`/workshops/${id}`);
	await trainer.getByRole('link', { name: /^Gọi tên buổi/ }).click();
	await expect(
		trainer.getByRole('heading', { level: 1, name: 'Điểm danh theo danh sách' })
	).toBeVisible();
	const count = trainer.getByTestId('roster-count');
	await expect(count).toContainText('Có mặt 0 / đã đăng ký 3');
	expect(await pageProblems(trainer)).toEqual([]);
	const roster = new URL(trainer.url()).pathname;
	await trainer.getByLabel('Tìm tên hoặc số điện thoại').fill('tran thi anh');
	await expect(trainer.getByRole('button', { name: /^Ghi .* có mặt$/ })).toHaveCount(1);
	await trainer.getByRole('button', { name: `Ghi ${anh} có mặt` }).click();
	await expect(trainer.getByText(`Đã ghi ${anh} có mặt.`)).toBeVisible();
	await expect(count).toContainText('Có mặt 1 / đã đăng ký 3');
	// A second tap is harmless; a mistaken one is undone.
	await trainer.getByRole('button', { name: `Ghi ${anh} có mặt` }).click();
	await expect(trainer.getByText(`${anh} đã có mặt từ trước, không cần ghi lại.`)).toBeVisible();
	await trainer.getByRole('button', { name: `Hủy điểm danh của ${anh}` }).click();
	await expect(trainer.getByText(`Đã hủy điểm danh của ${anh}.`)).toBeVisible();
	await expect(count).toContainText('Có mặt 0 / đã đăng ký 3');
	await trainer.getByRole('button', { name: `Ghi ${anh} có mặt` }).click();
	await expect(count).toContainText('Có mặt 1 / đã đăng ký 3');
	await trainer.getByLabel('Tìm tên hoặc số điện thoại').fill('');

	// A walk-in in two fields: a new account, its one-time password shown once.
	const walkIn = `Phan Văn Đến Thẳng ${run}`;
	const walkInPhone = newPhone();
	await trainer.getByLabel('Họ và tên').fill(walkIn);
	await trainer.getByLabel('Số điện thoại hoặc tên đăng nhập').fill(walkInPhone);
	await trainer.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(trainer.getByText(`Đã tạo tài khoản cho ${walkIn} và ghi có mặt.`)).toBeVisible();
	await expect(count).toContainText('Có mặt 2 / đã đăng ký 4');

	// Offline: a tap and a walk-in wait on the phone, then sync once the network is back.
	const context = trainer.context();
	await context.setOffline(true);
	await expect(trainer.getByText('Đang mất mạng.', { exact: false })).toBeVisible();
	await trainer.getByRole('button', { name: `Ghi ${bao} có mặt` }).click();
	const offlineWalkIn = `Hồ Thị Không Mạng ${run}`;
	await trainer.getByLabel('Họ và tên').fill(offlineWalkIn);
	await trainer.getByLabel('Số điện thoại hoặc tên đăng nhập').fill(newPhone());
	await trainer.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(count).toContainText('2 lượt chờ đồng bộ');
	await expect(
		trainer.getByRole('listitem').filter({ hasText: bao }).getByText('Chờ đồng bộ')
	).toBeVisible();
	await expect(trainer.getByRole('heading', { name: 'Người đến thẳng chờ đồng bộ' })).toBeVisible();
	const sent = trainer.waitForRequest(
		(r) => r.method() === 'POST' && r.url().endsWith(`${roster}/sync`)
	);
	await context.setOffline(false);
	const body = (await sent).postData()!;
	await expect(trainer.getByText('Đã đồng bộ: ghi thêm 2 lượt có mặt.')).toBeVisible();
	await expect(count).toContainText('Có mặt 4 / đã đăng ký 5');
	await expect(count).not.toContainText('chờ đồng bộ');
	await expect(
		trainer.getByText(new RegExp(`Tài khoản mới cho ${offlineWalkIn}, mật khẩu dùng một lần: `))
	).toBeVisible();

	// The same batch again (its answer lost on the way, say): everything is already there.
	const replay = await trainer.request.post(`${roster}/sync`, {
		data: body,
		headers: { 'content-type': 'application/json', origin: new URL(trainer.url()).origin }
	});
	expect(replay.status()).toBe(200);
	const answer = (await replay.json()) as { results: { outcome: string }[] };
	expect(answer.results.map((r) => r.outcome)).toEqual(['already', 'already']);
	await trainer.reload();
	await expect(count).toContainText('Có mặt 4 / đã đăng ký 5');
	await expect(
		trainer.getByRole('button', { name: new RegExp(`^Ghi ${offlineWalkIn}`) })
	).toHaveCount(1);

	// Without JavaScript: the search is a GET, a tap and a walk-in are plain posts.
	const plain = await phone(browser, false);
	await signIn(plain, trainerAccount.identifier, trainerAccount.password);
	await plain.goto(roster);
	await plain.getByLabel('Tìm tên hoặc số điện thoại').fill('do thi cuc');
	await plain.getByRole('button', { name: 'Tìm', exact: true }).click();
	await plain.waitForURL(/\?q=do\+thi\+cuc$/);
	await expect(plain.getByRole('button', { name: /^Ghi .* có mặt$/ })).toHaveCount(1);
	await plain.getByRole('button', { name: `Ghi ${cuc} có mặt` }).click();
	await expect(plain.getByText(`Đã ghi ${cuc} có mặt.`)).toBeVisible();
	// The list is still filtered after the post.
	await expect(plain.getByRole('button', { name: /^Ghi .* có mặt$/ })).toHaveCount(1);
	await expect(plain.getByTestId('roster-count')).toContainText('Có mặt 5 / đã đăng ký 5');
	await plain.getByRole('button', { name: `Ghi ${cuc} có mặt` }).click();
	await expect(plain.getByText(`${cuc} đã có mặt từ trước, không cần ghi lại.`)).toBeVisible();
	const plainWalkIn = `Vương Văn Không Script ${run}`;
	await plain.getByLabel('Họ và tên').fill(plainWalkIn);
	await plain.getByLabel('Số điện thoại hoặc tên đăng nhập').fill(newPhone());
	await plain.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(plain.getByText(`Đã tạo tài khoản cho ${plainWalkIn} và ghi có mặt.`)).toBeVisible();
	await expect(plain.getByTestId('roster-count')).toContainText('Có mặt 6 / đã đăng ký 6');
	// A walk-in whose phone already has an account is that account, not a second one.
	await plain.getByLabel('Họ và tên').fill('Anh Phan');
	await plain
		.getByLabel('Số điện thoại hoặc tên đăng nhập')
		.fill(`+84 ${walkInPhone.slice(1, 4)} ${walkInPhone.slice(4)}`);
	await plain.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(plain.getByText(`${walkIn} đã có mặt từ trước, không cần ghi lại.`)).toBeVisible();
	await expect(plain.getByTestId('roster-count')).toContainText('Có mặt 6 / đã đăng ký 6');
	// A missing field is said beside it, and what was typed stays.
	await plain.getByLabel('Họ và tên').fill(plainWalkIn);
	await plain.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('');
	await plain.getByRole('button', { name: 'Thêm và ghi có mặt' }).click();
	await expect(plain.getByText('Nhập số điện thoại, tên đăng nhập hoặc e-mail.')).toBeVisible();
	await expect(plain.getByLabel('Họ và tên')).toHaveValue(plainWalkIn);
});
