import { redirect } from '@sveltejs/kit';
import { fail, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { localizeHref } from '$lib/paraglide/runtime';
import { newPasswordSchema } from '$lib/schemas/account';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { completePasswordReset, findValidReset } from '$lib/server/auth/reset';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = await findValidReset(locals.db, params.token);
	return {
		valid: Boolean(user),
		name: user?.fullName ?? '',
		form: await superValidate(zod4(newPasswordSchema))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(newPasswordSchema));
		if (!form.valid) return fail(400, { form });
		const result = await completePasswordReset(locals.db, params.token, form.data.newPassword);
		if (!result.ok) {
			if (result.reason === 'invalid') redirect(303, localizeHref(`/reset/${params.token}`));
			return setError(form, 'newPassword', passwordProblemMessage(result.reason));
		}
		redirect(303, localizeHref('/sign-in?notice=reset'));
	}
};
