import { error, redirect } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { getOrganisation } from '$lib/server/organisations';
import { workshopAccess } from '$lib/server/workshops/access';
import { sessionsOf } from '$lib/server/workshops/plan';
import { quickAccountWithConsent } from '$lib/server/privacy/consent';
import { quickAccountSchema } from '$lib/schemas/privacy-consent';
import { currentNotice } from '$lib/server/privacy/notices';
import { cancel, register, registeredCount } from '$lib/server/workshops/registration';
import { myDay, startWorkshopTest } from '$lib/server/workshops/test-taking';
import type { Actions, PageServerLoad } from './$types';

const viewerOf = (locals: App.Locals) => ({ user: locals.user, scope: locals.scope });

/** A workshop's public page: what, when, where, seats left, and registering for oneself. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
	if (!access) error(404, m.error_not_found());
	const { workshop, registration } = access;
	const [sessions, organisation, taken] = await Promise.all([
		sessionsOf(locals.db, workshop.id),
		getOrganisation(locals.db, workshop.organisationId),
		workshop.capacity === null ? 0 : registeredCount(locals.db, workshop.id)
	]);
	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			venue: workshop.venue,
			area: workshop.area,
			status: workshop.status,
			registrationMode: workshop.registrationMode,
			capacity: workshop.capacity,
			seatsLeft: workshop.capacity === null ? null : Math.max(0, workshop.capacity - taken)
		},
		organisation: organisation?.name ?? '',
		sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })),
		mine:
			registration && registration.status !== 'cancelled' ? { status: registration.status } : null,
		staff: access.takeAttendance,
		signedIn: Boolean(locals.user),
		quick: await superValidate(zod4(quickAccountSchema), { id: 'quick' }),
		noticeVersion: (await currentNotice(locals.db))?.version ?? 1,
		/** The person's tests and survey on the day (DayTasks.svelte). */
		day:
			locals.user &&
			workshop.status !== 'draft' &&
			(workshop.preQuizId || workshop.postQuizId || workshop.surveyTemplateId)
				? await myDay(locals.db, workshop, locals.user.id)
				: null
	};
};

const refusal = {
	not_found: () => m.error_not_found(),
	not_open: () => m.workshops_not_open(),
	invitation_only: () => m.workshops_invitation_only(),
	not_in_cohort: () => m.workshops_not_in_cohort()
};

const testRefusal = {
	not_participant: () => m.ws_day_refused_not_participant(),
	not_open: () => m.ws_day_refused_not_open(),
	no_test: () => m.ws_day_refused_no_test(),
	no_attempts_left: () => m.ws_day_refused_no_attempts()
};

export const actions: Actions = {
	register: async ({ locals, params, url }) => {
		if (!locals.user)
			redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
		const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
		if (!access) error(404, m.error_not_found());
		const result = await register(locals.db, params.id, locals.user.id, 'self');
		if (!result.ok) return fail(409, { refused: refusal[result.reason]() });
		return { registered: result.status };
	},

	/** Starts (or resumes) the pre- or post-test on the quiz engine, enrolling in the course. */
	test: async ({ locals, params, request, url }) => {
		if (!locals.user)
			redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
		const phase = (await request.formData()).get('phase');
		if (phase !== 'pre' && phase !== 'post') return fail(400, { refused: m.error_invalid() });
		const started = await startWorkshopTest(locals.db, viewerOf(locals), params.id, phase);
		if (!started.ok) {
			if (started.reason === 'not_found') error(404, m.error_not_found());
			return fail(409, { refused: testRefusal[started.reason]() });
		}
		redirect(
			303,
			localizeHref(`/courses/${started.courseSlug}/quiz/${started.quizSlug}/${started.attempt.id}`)
		);
	},

	/**
	 * A visitor's account in two fields (workshops/quick-account.ts), signed in on this phone and
	 * registered at once; the password made is shown once.
	 */
	quick: async ({ locals, params, request, cookies }) => {
		const form = await superValidate(request, zod4(quickAccountSchema), { id: 'quick' });
		if (locals.user) return { quick: form };
		if (!form.valid) return fail(400, { quick: form });
		const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
		if (!access) error(404, m.error_not_found());
		// A new account cannot be invited or in the class yet: those workshops need a sign-in.
		if (access.workshop.status !== 'open' || access.workshop.registrationMode !== 'open')
			return fail(409, { quick: form, refused: m.workshops_not_open() });
		const made = await quickAccountWithConsent(locals.db, form.data);
		if (!made.ok)
			return setError(
				form,
				'contact',
				made.reason === 'taken' ? m.workshops_quick_taken() : m.workshop_error_contact_invalid()
			);
		const token = generateSessionToken();
		const session = await createSession(locals.db, token, made.user.id);
		setSessionCookie(cookies, token, session.expiresAt);
		const result = await register(locals.db, params.id, made.user.id, 'self');
		return {
			quick: form,
			registered: result.ok ? result.status : null,
			account: { identifier: made.identifier, password: made.password }
		};
	},

	cancel: async ({ locals, params, url }) => {
		if (!locals.user)
			redirect(303, localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname)}`));
		const access = await workshopAccess(locals.db, viewerOf(locals), params.id);
		if (!access) error(404, m.error_not_found());
		await cancel(locals.db, params.id, locals.user.id);
		return { cancelled: true };
	}
};
