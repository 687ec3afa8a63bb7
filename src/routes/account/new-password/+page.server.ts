import { redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { localizeHref } from '$lib/paraglide/runtime';
import { newPasswordSchema } from '$lib/schemas/account';
import { changePassword } from '$lib/server/auth/accounts';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import type { Actions, PageServerLoad } from './$types';

// Reached after signing in with a one-time password (accounts created by a teacher or import).
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user?.mustChangePassword) redirect(303, localizeHref('/account'));
	return { form: await superValidate(zod4(newPasswordSchema)) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user || !locals.session) redirect(303, localizeHref('/sign-in'));
		const form = await superValidate(request, zod4(newPasswordSchema));
		if (!form.valid) return fail(400, { form });
		const result = await changePassword(
			locals.db,
			locals.user.id,
			undefined,
			form.data.newPassword,
			locals.session.id
		);
		if (!result.ok) {
			return setError(
				form,
				'newPassword',
				// No current password is asked here: only the new one can be refused.
				passwordProblemMessage(
					result.reason === 'wrong_password' || result.reason === 'throttled'
						? 'common'
						: result.reason
				)
			);
		}
		// On to what they came for: their courses, with those their class was assigned.
		redirect(303, localizeHref('/dashboard?notice=password-set'));
	}
};
