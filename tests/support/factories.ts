import { randomBytes } from 'node:crypto';
import type { AudienceGroup } from '$db/schema';
import type { Database } from '$lib/server/db';
import { createAccount } from '$lib/server/auth/accounts';

/** A strong password that no common-password list holds. */
export const GOOD_PASSWORD = 'dừa-xiêm-Bến-Tre-2026';

export async function makeUser(
	db: Database,
	overrides: {
		identifier?: string;
		fullName?: string;
		audience?: AudienceGroup;
		isAdmin?: boolean;
		organisationId?: string | null;
		dateOfBirth?: string | null;
	} = {}
) {
	const result = await createAccount(db, {
		identifier: overrides.identifier ?? `learner-${randomBytes(4).toString('hex')}`,
		password: GOOD_PASSWORD,
		fullName: overrides.fullName ?? 'Nguyễn Thị Học Viên',
		audience: overrides.audience ?? 'student',
		isAdmin: overrides.isAdmin,
		organisationId: overrides.organisationId,
		dateOfBirth: overrides.dateOfBirth
	});
	if (!result.ok) throw new Error(`factory could not create a user: ${result.reason}`);
	return result.user;
}
