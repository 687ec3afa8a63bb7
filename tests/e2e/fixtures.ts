import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { randomBytes, randomInt } from 'node:crypto';

export { ADMIN } from './admin-account';

export interface Account {
	identifier: string;
	password: string;
	fullName: string;
}

/** A phone's screen, as the journeys walk the platform. */
export const PHONE = { width: 390, height: 844 };

/** A page of a new browser at phone width (JavaScript on unless said). */
export async function phone(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	return (await browser.newContext({ viewport: PHONE, javaScriptEnabled })).newPage();
}

/** A Vietnamese mobile number nobody has used yet, most likely (a walk-in's, a two-field account's). */
export const newPhone = () => `09${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** The check-in link a workshop's code screen shows now (it changes every 30 seconds). */
export async function checkInLink(trainer: Page, codeScreen: string): Promise<string> {
	await trainer.goto(codeScreen);
	const href = await trainer.getByTestId('checkin-link').getAttribute('href');
	expect(href).toMatch(/\/checkin\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}$/);
	return new URL(href!).pathname;
}

/** A new learner's details; unique per call so tests never collide. */
export function newAccount(prefix = 'hv'): Account {
	return {
		identifier: `${prefix}-${randomBytes(4).toString('hex')}`,
		password: 'dừa xiêm ba tri xanh',
		fullName: 'Nguyễn Thị Ánh Tuyết'
	};
}

/** Page objects: the few things a test does on each page, named as a user would. */
export class SignUpPage {
	constructor(private page: Page) {}
	async goto() {
		await this.page.goto('/sign-up');
	}
	async submit(account: Account, audience = 'student') {
		await this.page.getByLabel('Họ và tên').fill(account.fullName);
		await this.page.getByLabel('E-mail hoặc tên đăng nhập').fill(account.identifier);
		await this.page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
		await this.page.getByLabel('Bạn thuộc nhóm nào?').selectOption(audience);
		await this.page.getByLabel(AGREE).check();
		await this.page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	}
}

export class SignInPage {
	constructor(private page: Page) {}
	async goto(query = '') {
		await this.page.goto('/sign-in' + query);
	}
	async submit(identifier: string, password: string) {
		await this.page.getByLabel('E-mail hoặc tên đăng nhập').fill(identifier);
		await this.page.getByLabel('Mật khẩu', { exact: true }).fill(password);
		await this.page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
		await agreeIfAsked(this.page);
	}
}

/** The privacy notice's required box, in either language (privacy/consent). */
export const AGREE = /(Tôi đã đọc và đồng ý với Thông báo|I have read and agree to the notice)/;

/**
 * Agrees to the privacy notice on /privacy/consent, where the guard sends whoever has not agreed
 * yet (accounts made by an administrator, an import, a trainer; the ADMIN of the environment), and
 * waits to be sent on to the page they asked for.
 */
export async function agreeToNotice(page: Page) {
	await expect(page).toHaveURL(/\/privacy\/consent(\?|$)/);
	await page.getByLabel(AGREE).check();
	await page.getByRole('button', { name: /^(Đồng ý và tiếp tục|Agree and continue)$/ }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/privacy/consent'));
}

/**
 * After pressing sign in: once the page has left the sign-in form (or shown why not), agrees to
 * the notice when the guard asked for it. The one home of that rule for every test that signs in.
 */
export async function agreeIfAsked(page: Page) {
	await Promise.race([
		page.waitForURL((url) => !url.pathname.endsWith('/sign-in')),
		page.getByRole('alert').first().waitFor()
	]).catch(() => {});
	if (new URL(page.url()).pathname.endsWith('/privacy/consent')) await agreeToNotice(page);
}

export async function signUp(page: Page, account = newAccount()): Promise<Account> {
	const form = new SignUpPage(page);
	await form.goto();
	await form.submit(account);
	await expect(page).toHaveURL(/\/courses$/);
	// The address changes before the catalogue replaces the form and the page scrolls back to its
	// top: a click aimed at a course before then could land on the suggested one at the top. (No
	// script is evaluated here: pages without JavaScript never run one, and the test would hang.)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Các khóa học');
	return account;
}

/**
 * Opens a course from the catalogue just shown. By the keyboard, not a click at coordinates: right
 * after sign-up the client navigation may still reset the scroll, and a click aimed at the course
 * then lands on the suggested one above it (seen on CI). Pages with JavaScript only.
 */
export async function openCourse(page: Page, title: string) {
	const link = page.getByRole('link', { name: title, exact: true }).first();
	await link.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

export async function signIn(page: Page, identifier: string, password: string) {
	const form = new SignInPage(page);
	await form.goto();
	await form.submit(identifier, password);
	await expect(page).toHaveURL(/\/(dashboard|account|admin\/users)/);
}

/**
 * Enrols the signed-in learner on the course page shown, and waits until the enrolment is done:
 * going on to a lesson or a quiz before it lands finds the learner not enrolled yet.
 */
export async function enrol(page: Page) {
	await page.getByRole('button', { name: 'Đăng ký học' }).click();
	await expect(page.getByText('Bạn đã đăng ký khóa học. Chúc bạn học tốt!')).toBeVisible();
}

export async function signOut(page: Page) {
	await page
		.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ })
		.getByRole('button', { name: /Đăng xuất|Sign out/ })
		.click();
	await expect(page).toHaveURL(/\/sign-in\?notice=signed-out$/);
}

/** The administrator adds a school through the admin pages; the name should be unique to the test. */
export async function addOrganisation(admin: Page, name: string) {
	await admin.goto('/admin/organisations');
	await admin.getByLabel('Tên đơn vị').fill(name);
	await admin.getByLabel('Loại đơn vị').selectOption('school');
	await admin.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(admin.getByRole('cell', { name })).toBeVisible();
}

const ROLE_AT = { manager: 'Quản lý đơn vị tại', trainer: 'Giảng viên tại' } as const;

/**
 * The administrator finds one account by its identifier and opens it. The list is awaited until it
 * holds that one person: with JavaScript the address changes a moment before the list does, and
 * every test account shares a full name.
 */
export async function openUser(admin: Page, identifier: string, fullName: string) {
	await admin.goto('/admin/users');
	await admin.getByLabel('Tìm theo họ tên, e-mail hoặc tên đăng nhập').fill(identifier);
	await admin.getByRole('button', { name: 'Tìm' }).click();
	const found = admin.getByRole('link', { name: fullName, exact: true });
	await expect(found).toHaveCount(1);
	await found.click();
}

/** The administrator gives an account a staff role at an organisation. */
export async function appoint(
	admin: Page,
	account: Account,
	role: keyof typeof ROLE_AT,
	organisation: string
) {
	await openUser(admin, account.identifier, account.fullName);
	await admin.getByRole('combobox', { name: 'Vai trò' }).selectOption(role);
	await admin.getByLabel('Tại đơn vị').selectOption({ label: organisation });
	await admin.getByRole('button', { name: 'Giao vai trò' }).click();
	await expect(admin.getByText(`${ROLE_AT[role]} ${organisation}`)).toBeVisible();
}

/** Serious and critical axe violations on the current page (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * What a reader at this width must not meet on the current page: the page scrolling sideways, a
 * heading said twice, serious axe violations. Every role's walk checks each page it visits with it:
 * `expect(await pageProblems(page)).toEqual([])`.
 */
export async function pageProblems(page: Page, { axe = true } = {}): Promise<string[]> {
	const layout = await page.evaluate(() => {
		const width = window.innerWidth;
		const wide = document.documentElement.scrollWidth;
		const headings = [...document.querySelectorAll('h1, h2, h3, h4')]
			.filter((h) => (h as HTMLElement).offsetParent !== null)
			.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())
			.filter(Boolean);
		return { width, wide, headings };
	});
	const problems: string[] = [];
	if (layout.wide > layout.width) {
		problems.push(`${page.url()}: ${layout.wide} px wide in a ${layout.width} px window`);
	}
	const seen = new Set<string>();
	for (const heading of layout.headings) {
		if (seen.has(heading)) problems.push(`${page.url()}: heading “${heading}” repeated`);
		seen.add(heading);
	}
	if (axe) {
		for (const violation of await seriousViolations(page))
			problems.push(`${page.url()}: ${violation}`);
	}
	return problems;
}

export const test = base;
export { expect };
