import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { resetRequestSchema } from '$lib/schemas/reset';
import { requestPasswordReset } from '$lib/server/auth/reset-request';
import { config } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

// Asking for a password-reset e-mail. Without e-mail configured the page says to ask an
// administrator for a link instead (admin/users/[id]), and takes no request.

const mailConfigured = () => Boolean(config().messages.mail);

export const load: PageServerLoad = async () => ({
	available: mailConfigured(),
	form: await superValidate(zod4(resetRequestSchema))
});

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const form = await superValidate(request, zod4(resetRequestSchema));
		if (!mailConfigured()) return fail(503, { form });
		if (!form.valid) return fail(400, { form });
		const result = await requestPasswordReset(locals.db, form.data.email, getClientAddress());
		if (!result.ok) {
			const minutes = Math.ceil(result.retryAfterSeconds / 60);
			return message(
				form,
				{ type: 'error', text: m.reset_request_throttled({ minutes }) },
				{ status: 429 }
			);
		}
		// The same answer whether or not an account has the address.
		return message(form, {
			type: 'success',
			text: m.reset_request_sent({ email: form.data.email })
		});
	}
};
