import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { organisationKinds, organisationRoles } from '$lib/domain';
import { optionalId } from './fields';

const grantableRole = z.enum(['admin', ...organisationRoles], { error: () => m.error_invalid() });

/** Administrator needs no organisation; every other role is held at one. */
const organisationGiven = (v: { role: string; organisationId: string }) =>
	v.role === 'admin' || v.organisationId !== '';
const organisationRequired = {
	path: ['organisationId'],
	error: () => m.error_organisation_required()
};

export const grantRoleSchema = z
	.object({
		// Empty first, so the form starts with no role chosen: it once opened on Administrator.
		role: z
			.enum(['', ...grantableRole.options], { error: () => m.error_invalid() })
			.refine((r) => r !== '', { error: () => m.error_role_required() }),
		organisationId: optionalId,
		/** Sent by the confirmation step: administrator is granted only when asked twice. */
		confirmed: z.boolean().default(false)
	})
	.refine(organisationGiven, organisationRequired);

export const revokeRoleSchema = z
	.object({ role: grantableRole, organisationId: optionalId })
	.refine(organisationGiven, organisationRequired);

export const organisationSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.error_org_name_required() })
		.max(200, { error: () => m.error_invalid() }),
	kind: z.enum(organisationKinds, { error: () => m.error_invalid() }),
	area: z.string().trim().max(120),
	parentId: optionalId
});
