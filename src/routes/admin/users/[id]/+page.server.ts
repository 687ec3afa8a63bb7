import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { grantRoleSchema, revokeRoleSchema } from '$lib/schemas/admin';
import { getUser } from '$lib/server/auth/accounts';
import { issuePasswordReset } from '$lib/server/auth/reset';
import {
	grantRole,
	listRoleAssignments,
	revokeRole,
	setAdministrator
} from '$lib/server/auth/roles';
import { config } from '$lib/server/config';
import { getOrganisation, listOrganisations } from '$lib/server/organisations';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function subject({ locals, params }: Pick<RequestEvent, 'locals' | 'params'>) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, m.error_not_found());
	const user = await getUser(locals.db, params.id);
	if (!user) error(404, m.error_not_found());
	return { admin: locals.user, user };
}

export const load: PageServerLoad = async (event) => {
	const { user } = await subject(event);
	const [roles, organisations, grantForm] = await Promise.all([
		listRoleAssignments(event.locals.db, user.id),
		listOrganisations(event.locals.db),
		superValidate(zod4(grantRoleSchema), { id: 'grant' })
	]);
	return {
		subject: {
			id: user.id,
			fullName: user.fullName,
			identifier: user.email ?? user.username ?? '',
			isAdmin: user.isAdmin,
			audience: user.audience
		},
		roles,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
		grantForm
	};
};

export const actions: Actions = {
	grant: async (event) => {
		const { admin, user } = await subject(event);
		const form = await superValidate(event.request, zod4(grantRoleSchema), { id: 'grant' });
		if (!form.valid) return fail(400, { form });
		const { role, organisationId, confirmed } = form.data;
		if (role === 'admin') {
			// Everything on the platform in one click: the page asks again, with or without JavaScript.
			if (!confirmed) return { form, confirmAdmin: true };
			await setAdministrator(event.locals.db, admin.id, user.id, true);
		} else {
			if (!(await getOrganisation(event.locals.db, organisationId))) {
				return setError(form, 'organisationId', m.error_invalid());
			}
			await grantRole(event.locals.db, admin.id, user.id, role, organisationId);
		}
		return message(form, { type: 'success', text: m.admin_user_granted() });
	},

	revoke: async (event) => {
		const { admin, user } = await subject(event);
		const form = await superValidate(event.request, zod4(revokeRoleSchema), { id: 'revoke' });
		if (!form.valid) return fail(400, { revokeError: m.error_invalid() });
		const { role, organisationId } = form.data;
		if (role === 'admin') {
			// Keeps at least the acting administrator: nobody locks the platform out by mistake.
			if (user.id === admin.id) return fail(400, { revokeError: m.admin_user_not_self() });
			await setAdministrator(event.locals.db, admin.id, user.id, false);
		} else {
			await revokeRole(event.locals.db, admin.id, user.id, role, organisationId);
		}
		return { revoked: true };
	},

	reset: async (event) => {
		const { admin, user } = await subject(event);
		const { token, expiresAt } = await issuePasswordReset(event.locals.db, user.id, admin.id);
		const origin = config().origin ?? event.url.origin;
		return { resetLink: `${origin}/reset/${token}`, resetExpiresAt: expiresAt.toISOString() };
	}
};
