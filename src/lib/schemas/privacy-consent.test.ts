import { describe, expect, it } from 'vitest';
import { consentSchema, quickAccountSchema, signUpWithConsentSchema } from './privacy-consent';

const person = {
	fullName: 'Nguyễn Thị Lan',
	identifier: 'lan@example.vn',
	password: 'dừa-xiêm-Bến-Tre-2026',
	audience: 'student'
};

describe('consent to the privacy notice', () => {
	it('refuses a sign-up without the box, in Vietnamese', () => {
		for (const agree of [false, undefined]) {
			const parsed = signUpWithConsentSchema.safeParse({ ...person, agree });
			expect(parsed.success).toBe(false);
			const issue = parsed.error!.issues.find((i) => i.path[0] === 'agree');
			expect(issue).toBeDefined();
		}
		const refused = signUpWithConsentSchema.safeParse({ ...person, agree: false });
		expect(refused.error!.issues[0].message).toBe(
			'Bạn cần đánh dấu ô này để đồng ý trước khi tiếp tục.'
		);
	});

	it('takes the box ticked, and phone messages only when ticked too', () => {
		const parsed = signUpWithConsentSchema.parse({ ...person, agree: true });
		expect(parsed.agree).toBe(true);
		expect(parsed.phoneMessages).toBe(false);
		expect(consentSchema.parse({ agree: true, phoneMessages: true }).phoneMessages).toBe(true);
		expect(consentSchema.safeParse({ phoneMessages: true }).success).toBe(false);
	});

	it('asks the same of a two-field account on a workshop page', () => {
		const two = { fullName: 'Lê B', contact: '0912345678' };
		expect(quickAccountSchema.safeParse(two).success).toBe(false);
		expect(quickAccountSchema.safeParse({ ...two, agree: true }).success).toBe(true);
	});
});
