import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, newAccount, signIn, signUp } from './fixtures';

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
