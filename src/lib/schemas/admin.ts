import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { organisationKinds, organisationRoles } from '$lib/domain';
import { optionalId } from './fields';

export const grantRoleSchema = z
	.object({
		role: z.enum(['admin', ...organisationRoles], { error: () => m.error_invalid() }),
		organisationId: optionalId
	})
	.refine((v) => v.role === 'admin' || v.organisationId !== '', {
		path: ['organisationId'],
		error: () => m.error_organisation_required()
	});

export const revokeRoleSchema = grantRoleSchema;

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
