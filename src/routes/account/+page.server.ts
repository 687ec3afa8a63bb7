import { error, redirect } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { changePasswordSchema, deleteAccountSchema, profileSchema } from '$lib/schemas/account';
import { formatDate } from '$lib/format';
import { changePassword, deleteAccount, getUser, updateProfile } from '$lib/server/auth/accounts';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { listRoleAssignments } from '$lib/server/auth/roles';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import type { Database } from '$lib/server/db';
import { configuredChannels } from '$lib/server/messages/outbox';
import {
	displayPhone,
	phoneCodeSchema,
	phoneNumberSchema,
	phoneProblemMessage
} from '$lib/server/messages/phone';
import {
	phoneNumberOf,
	removePhoneNumber,
	requestPhoneCode,
	verifyPhoneCode
} from '$lib/server/messages/phone-numbers';
import { getOrganisation, listOrganisations } from '$lib/server/organisations';
import type { Actions, PageServerLoad } from './$types';

function requireUser(locals: App.Locals) {
	if (!locals.user || !locals.session) redirect(303, localizeHref('/sign-in'));
	return { user: locals.user, session: locals.session };
}

export const load: PageServerLoad = async ({ locals }) => {
	const { user: sessionUser } = requireUser(locals);
	const user = await getUser(locals.db, sessionUser.id);
	if (!user) error(404, m.error_not_found());
	const [organisations, roles, profileForm, passwordForm, deleteForm] = await Promise.all([
		listOrganisations(locals.db),
		listRoleAssignments(locals.db, user.id),
		superValidate(
			{
				fullName: user.fullName,
				dateOfBirth: user.dateOfBirth ?? '',
				audience: user.audience,
				organisationId: user.organisationId ?? '',
				area: user.area ?? ''
			},
			zod4(profileSchema),
			{ id: 'profile', errors: false }
		),
		superValidate(zod4(changePasswordSchema), { id: 'password' }),
		superValidate(zod4(deleteAccountSchema), { id: 'delete' })
	]);
	return {
		phone: await phoneSection(locals.db, user.id),
		identifier: user.email ?? user.username ?? '',
		isAdmin: user.isAdmin,
		roles: roles.map((r) => ({ role: r.role, organisation: r.organisationName })),
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
		areas: config().areas,
		profileForm,
		passwordForm,
		deleteForm
	};
};

/** Phone messages are collected only where a phone gateway is configured (ZALO_ZNS_* settings). */
const phoneAvailable = () => configuredChannels().includes('phone');

/** The phone section: the number kept (as its owner reads it), and its two forms. */
async function phoneSection(db: Database, userId: string) {
	const available = phoneAvailable();
	const [current, numberForm, codeForm] = await Promise.all([
		available ? phoneNumberOf(db, userId) : null,
		superValidate(zod4(phoneNumberSchema), { id: 'phone' }),
		superValidate(zod4(phoneCodeSchema), { id: 'phoneCode' })
	]);
	return {
		available,
		current: current && {
			number: displayPhone(current.number),
			verifiedOn: current.verifiedAt && current.consentAt ? formatDate(current.verifiedAt) : null,
			codePending: current.codePending
		},
		numberForm,
		codeForm
	};
}

function requirePhone() {
	if (!phoneAvailable()) error(404, m.error_not_found());
}

/** The same words as at sign-in: the account is locked for a while, whichever form asked. */
const throttledMessage = (seconds: number) =>
	m.error_sign_in_throttled({ minutes: Math.ceil(seconds / 60) });

export const actions: Actions = {
	profile: async ({ request, locals }) => {
		const { user } = requireUser(locals);
		const form = await superValidate(request, zod4(profileSchema), { id: 'profile' });
		if (!form.valid) return fail(400, { form });
		const { organisationId, area, dateOfBirth } = form.data;
		if (organisationId && !(await getOrganisation(locals.db, organisationId))) {
			return setError(form, 'organisationId', m.error_invalid());
		}
		if (area && !config().areas.includes(area)) return setError(form, 'area', m.error_invalid());
		await updateProfile(locals.db, user.id, {
			fullName: form.data.fullName,
			audience: form.data.audience,
			dateOfBirth: dateOfBirth || null,
			organisationId: organisationId || null,
			area: area || null
		});
		return message(form, { type: 'success', text: m.account_profile_saved() });
	},

	password: async ({ request, locals }) => {
		const { user, session } = requireUser(locals);
		const form = await superValidate(request, zod4(changePasswordSchema), { id: 'password' });
		if (!form.valid) return fail(400, { form });
		const result = await changePassword(
			locals.db,
			user.id,
			form.data.currentPassword,
			form.data.newPassword,
			session.id
		);
		if (!result.ok) {
			if (result.reason === 'throttled')
				return setError(form, 'currentPassword', throttledMessage(result.retryAfterSeconds), {
					status: 429
				});
			return result.reason === 'wrong_password'
				? setError(form, 'currentPassword', m.error_password_wrong())
				: setError(form, 'newPassword', passwordProblemMessage(result.reason));
		}
		form.data.currentPassword = '';
		form.data.newPassword = '';
		return message(form, { type: 'success', text: m.account_password_changed() });
	},

	phoneSend: async ({ request, locals }) => {
		const { user } = requireUser(locals);
		requirePhone();
		const form = await superValidate(request, zod4(phoneNumberSchema), { id: 'phone' });
		if (!form.valid) return fail(400, { form });
		const result = await requestPhoneCode(locals.db, user.id, form.data);
		if (!result.ok) {
			if (result.reason === 'throttled')
				return setError(
					form,
					'number',
					m.phone_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }),
					{ status: 429 }
				);
			if (result.reason === 'consent_required')
				return setError(form, 'consent', m.phone_error_consent());
			if (result.reason === 'already_verified')
				return setError(form, 'number', m.phone_error_already_verified());
			return setError(form, 'number', phoneProblemMessage(result.reason));
		}
		form.data.consent = false;
		return message(form, {
			type: 'success',
			text: m.phone_code_sent({ number: displayPhone(result.number) })
		});
	},

	phoneVerify: async ({ request, locals }) => {
		const { user } = requireUser(locals);
		requirePhone();
		const form = await superValidate(request, zod4(phoneCodeSchema), { id: 'phoneCode' });
		if (!form.valid) return fail(400, { form });
		const result = await verifyPhoneCode(locals.db, user.id, form.data.code);
		if (!result.ok) {
			const text =
				result.reason === 'wrong_code'
					? m.phone_error_code_wrong({ attempts: result.attemptsLeft })
					: result.reason === 'expired'
						? m.phone_error_code_expired()
						: result.reason === 'too_many_attempts'
							? m.phone_error_code_too_many()
							: m.phone_error_no_code();
			return setError(form, 'code', text);
		}
		form.data.code = '';
		return message(form, { type: 'success', text: m.phone_verified_saved() });
	},

	phoneRemove: async ({ locals }) => {
		const { user } = requireUser(locals);
		requirePhone();
		await removePhoneNumber(locals.db, user.id);
		return { phoneRemoved: true };
	},

	signOutEverywhere: async ({ locals, cookies }) => {
		const { user } = requireUser(locals);
		await invalidateUserSessions(locals.db, user.id);
		deleteSessionCookie(cookies);
		redirect(303, localizeHref('/sign-in?notice=signed-out'));
	},

	delete: async ({ request, locals, cookies }) => {
		const { user } = requireUser(locals);
		const form = await superValidate(request, zod4(deleteAccountSchema), { id: 'delete' });
		if (!form.valid) return fail(400, { form });
		const result = await deleteAccount(locals.db, user.id, form.data.password);
		if (!result.ok)
			return result.reason === 'throttled'
				? setError(form, 'password', throttledMessage(result.retryAfterSeconds), { status: 429 })
				: setError(form, 'password', m.error_password_wrong());
		deleteSessionCookie(cookies);
		redirect(303, localizeHref('/sign-in?notice=deleted'));
	}
};
