import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { completeCourse, lessonSlugs } from './course-helpers';
import {
	addOrganisation,
	ADMIN,
	appoint,
	enrol,
	expect,
	newAccount,
	signIn,
	signUp,
	test
} from './fixtures';

// Every route of the app, walked by each role with the ids of another organisation's people and
// resources (a cohort, a learner, their quiz attempt and certificate, a course draft they cannot
// write). The list comes from src/routes, so a new route is walked without a new test; a new kind of
// parameter fails the test until a value for it is added below.

const COURSE = 'sxsh-tai-co-so-san-xuat';
const QUIZ = 'kiem-tra-cuoi-khoa';
const STRANGER = 'Võ Thị Đơn Vị Khác';

/** Route ids (without groups) of every page and endpoint under src/routes. */
function routeIds(dir = 'src/routes', id = ''): string[] {
	const here = ['+page.svelte', '+page.server.ts', '+server.ts'].some((f) =>
		existsSync(join(dir, f))
	);
	const below = readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.flatMap((e) => routeIds(join(dir, e.name), /^\(.*\)$/.test(e.name) ? id : `${id}/${e.name}`));
	return here ? [id || '/', ...below] : below;
}

interface Foreign {
	cohortId: string;
	userId: string;
	attemptId: string;
	code: string;
	draftSlug: string;
	/** Organisation B's own survey template. */
	surveyId: string;
	/** Work the learner of B handed in, and its file. */
	submissionId: string;
	fileId: string;
}

/** The value each parameter takes: another organisation's resource wherever one fits. */
function valueFor(routeId: string, param: string, f: Foreign): string {
	const rest = param.startsWith('...');
	const name = param.replace(/^\.\.\./, '');
	if (routeId.startsWith('/author/')) {
		if (name === 'slug') return f.draftSlug;
		if (name === 'lesson') return 'bai-1';
		if (name === 'quiz') return 'kiem-tra';
		if (name === 'id') return 'cau-1';
		if (name === 'assignment') return 'bai-tap';
		if (rest) return 'images/a.svg';
	}
	if (routeId.startsWith('/manage/cohorts/') && name === 'id') return f.cohortId;
	if (routeId.startsWith('/submissions/') && name === 'id') return f.submissionId;
	if (name === 'fileId') return f.fileId;
	if (name === 'submission') return f.submissionId;
	if (name === 'assignment') return 'mini-audit-xuong-thuc-hanh';
	if (routeId.startsWith('/admin/') && name === 'id') return f.userId;
	// Any review: the queue is for administrators and reviewers, none of whom walk here.
	if (routeId.startsWith('/review/') && name === 'id')
		return '00000000-0000-4000-8000-000000000000';
	if (routeId.startsWith('/workshops/surveys/') && name === 'id') return f.surveyId;
	// Workshops: an id that names none (a draft of another organisation answers the same 404).
	if (name === 'id' && (routeId.startsWith('/workshops/') || routeId.startsWith('/w/')))
		return '00000000-0000-4000-8000-000000000000';
	// A breach in the register: /admin is for administrators only, who do not walk here.
	if (name === 'breach') return '00000000-0000-4000-8000-000000000002';
	if (name === 'sessionId') return '00000000-0000-4000-8000-000000000001';
	if (name === 'userId') return f.userId;
	if (name === 'attempt') return f.attemptId;
	if (name === 'code') return f.code;
	if (name === 'slug') return COURSE;
	if (name === 'lesson') return lessonSlugs(COURSE)[0];
	if (name === 'quiz') return QUIZ;
	if (name === 'token') return randomBytes(20).toString('hex');
	if (rest && routeId.startsWith('/course-files/')) return 'images/so-do.svg';
	throw new Error(`No value for [${param}] in ${routeId}: add one in valueFor (route-walk.e2e.ts)`);
}

function addressOf(routeId: string, f: Foreign): string {
	return routeId.replace(/\[([^\]]+)\]/g, (_, param: string) => valueFor(routeId, param, f));
}

/** Routes whose parameters name someone else's resource: only a refusal is a right answer here. */
const PERSONAL = [
	'/manage/cohorts/[id]',
	'/courses/[slug]/quiz/[quiz]/[attempt]',
	'/certificates/[code]',
	'/author/[slug]',
	'/admin',
	'/review',
	'/workshops/[id]',
	'/workshops/surveys/[id]',
	'/submissions',
	'/grading/[submission]',
	'/manage/guardians/[userId]'
];
const isPersonal = (routeId: string) =>
	PERSONAL.some((p) => routeId === p || routeId.startsWith(p + '/'));

/** The public verification page shows the holder's name by design (as the certificate does). */
const SHOWS_HOLDER = new Set(['/verify/[code]']);

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

test('every route, walked by each role with another organisation’s ids, refuses or shows nothing of them', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const run = randomBytes(3).toString('hex');
	const admin = await newPage(browser);
	await signIn(admin, ADMIN.email, ADMIN.password);
	const orgA = `Trường nghề Đi Bộ A ${run}`;
	const orgB = `Công ty Đi Bộ B ${run}`;
	await addOrganisation(admin, orgA);
	await addOrganisation(admin, orgB);

	// Organisation B's learner: a cohort of B, a finished course, an attempt and a certificate.
	const holderPage = await newPage(browser);
	const holder = await signUp(holderPage, { ...newAccount('walk-b'), fullName: STRANGER });
	await completeCourse(holderPage, COURSE);
	const attemptId = holderPage.url().match(new RegExp(`/quiz/${QUIZ}/([^/?#]+)`))?.[1];
	expect(attemptId).toBeTruthy();
	const data = await (await holderPage.request.get('/account/data')).json();
	const userId = data.account.id as string;
	const code = data.learning.certificates[0].code as string;

	// B's learner hands in the school's mini-audit: work only they and its graders may see.
	await holderPage.goto('/courses/sxsh-truong-nghe');
	await enrol(holderPage);
	await holderPage.goto('/courses/sxsh-truong-nghe/assignment/mini-audit-xuong-thuc-hanh');
	await holderPage.getByLabel('Chọn tệp để nộp').setInputFiles({
		name: 'kiem-toan-xuong.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
	});
	await holderPage.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(holderPage.getByText('Đã nộp, đang chờ chấm')).toBeVisible();
	const fileLink = await holderPage
		.locator('a[href*="/submissions/"]')
		.first()
		.getAttribute('href');
	const [, submissionId, fileId] = /\/submissions\/([^/]+)\/files\/([^/?#]+)/.exec(fileLink!)!;

	await admin.goto('/manage');
	await admin.getByLabel('Đơn vị').selectOption({ label: orgB });
	const cohortName = `Lớp Đi Bộ B ${run}`;
	await admin.getByLabel('Tên lớp').fill(cohortName);
	await admin.getByRole('button', { name: 'Tạo lớp' }).click();
	await admin.getByRole('link', { name: cohortName }).click();
	await admin.waitForURL(/\/manage\/cohorts\/[^/?#]+$/);
	const cohortId = admin.url().match(/\/manage\/cohorts\/([^/?#]+)/)![1];
	await admin.getByLabel(/Tên đăng nhập hoặc e-?mail/).fill(holder.identifier);
	await admin.getByRole('button', { name: 'Thêm vào lớp' }).click();
	await expect(admin.getByRole('rowheader', { name: STRANGER, exact: true })).toBeVisible();

	// A course draft only the administrator writes.
	await admin.goto('/author');
	const draftTitle = `Bản nháp đi bộ ${run}`;
	await admin.getByLabel('Tên khóa học').fill(draftTitle);
	await admin.getByLabel('Giới thiệu ngắn').fill('Một bản nháp để thử quyền truy cập.');
	await admin.getByLabel('Cán bộ tác nghiệp, người lao động').check();
	await admin.getByRole('checkbox', { name: /^1b: / }).check();
	await admin.getByRole('button', { name: 'Tạo khóa học' }).click();
	await admin.waitForURL(/\/author\/[a-z0-9-]+$/);
	const draftSlug = admin.url().split('/').pop()!;

	// Organisation B's own survey template, which A's staff neither see nor change.
	await admin.goto('/workshops/surveys/new');
	await admin.getByLabel('Mẫu phiếu của').selectOption({ label: orgB });
	await admin.getByLabel('Tên mẫu phiếu').fill(`Phiếu riêng của B ${run}`);
	await admin.getByLabel('Câu 1', { exact: true }).fill('Giảng viên trình bày dễ hiểu');
	await admin.getByRole('button', { name: 'Tạo mẫu phiếu' }).click();
	await admin.waitForURL(/\/workshops\/surveys\/[0-9a-f-]{36}\?saved$/);
	const surveyId = admin.url().match(/\/surveys\/([0-9a-f-]{36})/)![1];

	// Organisation A's people: a learner, a manager and a trainer.
	const learner = await newPage(browser);
	await signUp(learner, newAccount('walk-hv'));
	const manager = await newPage(browser);
	const managerAccount = await signUp(manager, newAccount('walk-ql'));
	await appoint(admin, managerAccount, 'manager', orgA);
	const trainer = await newPage(browser);
	const trainerAccount = await signUp(trainer, newAccount('walk-gv'));
	await appoint(admin, trainerAccount, 'trainer', orgA);
	const anonymous = (await browser.newContext()).request;

	const foreign: Foreign = {
		cohortId,
		userId,
		attemptId: attemptId!,
		code,
		draftSlug,
		surveyId,
		submissionId,
		fileId
	};
	const roles: [string, APIRequestContext][] = [
		['anonymous', anonymous],
		['learner of A', learner.request],
		['manager of A', manager.request],
		['trainer of A', trainer.request]
	];
	const routes = routeIds();
	expect(routes.length).toBeGreaterThan(30);
	const findings: string[] = [];
	for (const routeId of routes) {
		const path = addressOf(routeId, foreign);
		const personal = isPersonal(routeId);
		const pages = existsSync(join('src/routes', routeId, '+page.server.ts'));
		const addresses = [path, `/en${path === '/' ? '' : path}`];
		if (pages) addresses.push(`${path === '/' ? '' : path}/__data.json`);
		for (const [role, request] of roles) {
			for (const address of addresses) {
				const response = await request.get(address, { maxRedirects: 0 });
				const status = response.status();
				const body = await response.text();
				const where = `${role} GET ${address} (${routeId})`;
				if (status >= 500) findings.push(`${where}: ${status}`);
				if (!SHOWS_HOLDER.has(routeId) && body.includes(STRANGER))
					findings.push(`${where}: shows the other organisation's learner`);
				if (!personal) continue;
				const location = response.headers()['location'] ?? '';
				const refused =
					[401, 403, 404, 405].includes(status) ||
					(status === 303 && /\/sign-in\?/.test(location)) ||
					// A data request answers 200 with the refusal inside.
					(address.endsWith('/__data.json') && /"type":"(error|redirect)"/.test(body));
				if (!refused) findings.push(`${where}: answered ${status}, expected a refusal`);
			}
		}
	}
	expect(findings).toEqual([]);

	// The control: the administrator, who may see everyone, does see organisation B's learner at
	// these addresses, so the walk above would have noticed had any role been let through.
	for (const routeId of ['/manage/cohorts/[id]', '/manage/cohorts/[id]/learners/[userId]']) {
		const response = await admin.request.get(addressOf(routeId, foreign), { maxRedirects: 0 });
		expect(response.status(), routeId).toBe(200);
		expect(await response.text(), routeId).toContain(STRANGER);
	}
});
