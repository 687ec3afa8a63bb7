import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { signInSchema, signUpSchema } from './account';
import { identifier } from './fields';

const messages = (schema: z.ZodType, value: unknown) =>
	schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('the username or e-mail field', () => {
	it('gives an empty field one message: that it is required', () => {
		expect(messages(identifier, '')).toEqual([m.error_identifier_required()]);
		expect(messages(identifier, '   ')).toEqual([m.error_identifier_required()]);
	});

	it('tells a malformed username or address apart', () => {
		expect(messages(identifier, 'a b')).toEqual([m.error_username_invalid()]);
		expect(messages(identifier, 'a@b')).toEqual([m.error_email_invalid()]);
		expect(messages(identifier, 'nguyen.an')).toEqual([]);
	});

	it('says it once on the sign-up and sign-in forms', () => {
		const signUp = signUpSchema.safeParse({ fullName: 'An', identifier: '', password: 'x' });
		const signIn = signInSchema.safeParse({ identifier: '', password: 'x' });
		for (const result of [signUp, signIn]) {
			const onIdentifier = result.error?.issues.filter((i) => i.path[0] === 'identifier') ?? [];
			expect(onIdentifier.map((i) => i.message)).toEqual([m.error_identifier_required()]);
		}
	});
});
