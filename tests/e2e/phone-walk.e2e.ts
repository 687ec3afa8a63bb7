import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { completeCourse } from './course-helpers';
import {
	addOrganisation,
	ADMIN,
	appoint,
	expect,
	newAccount,
	pageProblems,
	signIn,
	signUp,
	test
} from './fixtures';

// Each role's day on a phone: every page a learner, a manager, a trainer and the administrator can
// reach by following links from where they land, at 390 px, each checked by pageProblems (no
// sideways scroll, no heading said twice, no serious axe violation) and for server errors. The
// pages are found by following links, as a person does, so a new page is walked without a new
// test; each route is visited once per role (the first address met for it).

const PHONE = { width: 390, height: 844 };
const COURSE = 'sxsh-tai-co-so-san-xuat';

/** Route ids under src/routes, as patterns, the most specific (most static segments) first. */
function routePatterns(dir = 'src/routes', id = ''): { id: string; pattern: RegExp }[] {
	const here = ['+page.svelte', '+page.server.ts'].some((f) => existsSync(join(dir, f)));
	const below = readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.flatMap((e) =>
			routePatterns(join(dir, e.name), /^\(.*\)$/.test(e.name) ? id : `${id}/${e.name}`)
		);
	const mine = here
		? [
				{
					id: id || '/',
					pattern: new RegExp(
						'^' +
							(id || '/').replace(/\[\.\.\.[^\]]+\]/g, '.+').replace(/\[[^\]]+\]/g, '[^/]+') +
							'$'
					)
				}
			]
		: [];
	const staticCount = (r: { id: string }) =>
		r.id.split('/').filter((s) => s && !s.startsWith('[')).length;
	return [...mine, ...below].sort((a, b) => staticCount(b) - staticCount(a));
}

const ROUTES = routePatterns();
const routeOf = (path: string) => ROUTES.find((r) => r.pattern.test(path))?.id ?? null;

/** Links not to follow: leaving, switching language, files, and anything off the site. */
function worthVisiting(href: string, from: string): string | null {
	const url = new URL(href, from);
	if (url.origin !== new URL(from).origin) return null;
	const path = url.pathname.replace(/\/$/, '') || '/';
	if (path === '/en' || path.startsWith('/en/')) return null;
	if (/\.(csv|xlsx|pdf|zip|json|svg|png|jpe?g|webp)$/i.test(path)) return null;
	if (['/sign-out', '/language'].some((p) => path.startsWith(p))) return null;
	if (path.startsWith('/course-files/') || path.startsWith('/bench')) return null;
	return path + url.search;
}

/** Follows links from `start`, one address per route, and returns what was wrong on each page. */
async function walk(
	page: Page,
	start: string,
	axeChecked: Set<string>,
	limit = 60
): Promise<{ routes: string[]; problems: string[] }> {
	const queue = [start];
	const seenRoutes = new Set<string>();
	const problems: string[] = [];
	while (queue.length && seenRoutes.size < limit) {
		const address = queue.shift()!;
		const route = routeOf(address.split('?')[0]);
		if (!route || seenRoutes.has(route)) continue;
		seenRoutes.add(route);
		const response = await page.goto(address);
		const status = response?.status() ?? 0;
		if (status >= 500) problems.push(`${address}: ${status}`);
		if (status >= 400) continue;
		// axe reads each route once in the whole walk: its markup differs little from role to role.
		problems.push(...(await pageProblems(page, { axe: !axeChecked.has(route) })));
		axeChecked.add(route);
		const hrefs = await page.$$eval('a[href]:not([download])', (links) =>
			links.map((a) => a.getAttribute('href') ?? '')
		);
		for (const href of hrefs) {
			const next = worthVisiting(href, page.url());
			if (next && !seenRoutes.has(routeOf(next.split('?')[0]) ?? next)) queue.push(next);
		}
	}
	return { routes: [...seenRoutes].sort(), problems };
}

async function phonePage(browser: Browser): Promise<Page> {
	return (await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })).newPage();
}

/** Walks each role from where it lands; returns what was wrong, with the role named. */
async function walkAll(walks: [string, Page, string][]): Promise<string[]> {
	const problems: string[] = [];
	const axeChecked = new Set<string>();
	for (const [role, page, start] of walks) {
		const result = await walk(page, start, axeChecked);
		expect(result.routes.length, `${role} reached ${result.routes.join(', ')}`).toBeGreaterThan(3);
		problems.push(...result.problems.map((p) => `${role}: ${p}`));
	}
	return problems;
}

// The three walks are independent: they run side by side on the suite's two workers.
test.describe.configure({ mode: 'parallel' });

test('a visitor and a learner who finished a course, at 390 px', async ({ browser }) => {
	test.setTimeout(300_000);
	const learner = await phonePage(browser);
	await signUp(learner, newAccount('phone-hv'));
	await completeCourse(learner, COURSE);
	const anonymous = await phonePage(browser);
	expect(
		await walkAll([
			['anonymous', anonymous, '/'],
			['learner', learner, '/dashboard']
		])
	).toEqual([]);
});

test('a manager with a class and a trainer with a draft, at 390 px', async ({ browser }) => {
	test.setTimeout(300_000);
	const run = Math.random().toString(16).slice(2, 8);
	const admin = await phonePage(browser);
	await signIn(admin, ADMIN.email, ADMIN.password);
	const organisation = `Trường Cao đẳng Điện thoại ${run}`;
	await addOrganisation(admin, organisation);

	// A class with a learner enrolled in a course it was assigned.
	const learner = await phonePage(browser);
	const learnerAccount = await signUp(learner, newAccount('phone-hv'));
	const manager = await phonePage(browser);
	const managerAccount = await signUp(manager, newAccount('phone-ql'));
	await appoint(admin, managerAccount, 'manager', organisation);
	await manager.goto('/manage');
	const cohortName = `CĐ Điện công nghiệp K24A ${run}`;
	await manager.getByLabel('Tên lớp').fill(cohortName);
	await manager.getByRole('button', { name: 'Tạo lớp' }).click();
	await manager.getByRole('link', { name: cohortName }).click();
	await manager
		.getByLabel('Khóa học', { exact: true })
		.selectOption({ label: 'Sản xuất sạch hơn tại cơ sở sản xuất' });
	await manager.getByRole('button', { name: 'Giao cho cả lớp' }).click();
	await expect(manager.getByText('Đã giao khóa học')).toBeVisible();
	await manager.getByLabel(/Tên đăng nhập hoặc e-?mail/).fill(learnerAccount.identifier);
	await manager.getByRole('button', { name: 'Thêm vào lớp' }).click();
	await expect(manager.getByRole('heading', { name: 'Lời mời chưa được nhận (1)' })).toBeVisible();
	// The learner signed up outside the manager's organisation: they join when they accept.
	await learner.goto('/dashboard');
	await learner.getByRole('button', { name: /^Đồng ý/ }).click();
	await expect(learner.getByText('Bạn đã vào lớp')).toBeVisible();
	await manager.reload();
	await expect(manager.getByText(learnerAccount.fullName).first()).toBeVisible();

	const trainer = await phonePage(browser);
	const trainerAccount = await signUp(trainer, newAccount('phone-gv'));
	await appoint(admin, trainerAccount, 'trainer', organisation);
	await trainer.goto('/author');
	await trainer.getByLabel('Tên khóa học').fill(`Khóa thử trên điện thoại ${run}`);
	await trainer.getByLabel('Giới thiệu ngắn').fill('Một bản nháp để đi qua các trang soạn bài.');
	await trainer.getByLabel('Cán bộ tác nghiệp, người lao động').check();
	await trainer.getByRole('checkbox', { name: /^1b: / }).check();
	await trainer.getByRole('button', { name: 'Tạo khóa học' }).click();
	await trainer.waitForURL(/\/author\/[a-z0-9-]+$/);

	expect(
		await walkAll([
			['manager', manager, '/manage'],
			['trainer', trainer, '/author']
		])
	).toEqual([]);
});

test('the administrator, at 390 px', async ({ browser }) => {
	test.setTimeout(300_000);
	const admin = await phonePage(browser);
	await signIn(admin, ADMIN.email, ADMIN.password);
	expect(await walkAll([['administrator', admin, '/admin']])).toEqual([]);
});
