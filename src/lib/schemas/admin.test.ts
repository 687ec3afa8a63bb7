import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { grantRoleSchema, revokeRoleSchema } from './admin';

const ORGANISATION = '0a1b2c3d-0000-4000-8000-000000000000';

const grant = (fields: Record<string, string>) =>
	superValidate(new URLSearchParams(fields), zod4(grantRoleSchema));

describe('the role form', () => {
	it('starts with no role chosen and unconfirmed', async () => {
		const form = await superValidate(zod4(grantRoleSchema));
		expect(form.data).toEqual({ role: '', organisationId: '', confirmed: false });
	});

	it('asks for a role, and an organisation for any role but administrator', async () => {
		expect((await grant({ role: '', organisationId: '' })).errors.role).toHaveLength(1);
		expect((await grant({ role: 'manager', organisationId: '' })).errors.organisationId).toEqual(
			expect.arrayContaining([expect.any(String)])
		);
		const manager = await grant({ role: 'manager', organisationId: ORGANISATION });
		expect(manager.valid).toBe(true);
		expect(manager.data.confirmed).toBe(false);
		const admin = await grant({ role: 'admin', organisationId: '', confirmed: 'true' });
		expect(admin.valid).toBe(true);
		expect(admin.data.confirmed).toBe(true);
	});

	it('revokes only a role that exists', async () => {
		const empty = await superValidate(
			new URLSearchParams({ role: '', organisationId: '' }),
			zod4(revokeRoleSchema)
		);
		expect(empty.valid).toBe(false);
	});
});
