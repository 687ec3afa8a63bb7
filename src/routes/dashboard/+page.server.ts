import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { invitationSchema } from '$lib/schemas/invitations';
import { certificatesOf } from '$lib/server/certificates/queries';
import { config } from '$lib/server/config';
import { invitationsFor } from '$lib/server/invitations';
import { answerInvitation, type Answer } from '$lib/server/invitations/respond';
import { dashboard } from '$lib/server/progress';
import { workshopStandings } from '$lib/server/workshops/blended';
import { myWorkshops } from '$lib/server/workshops/registration';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, localizeHref('/sign-in?redirectTo=%2Fdashboard'));
	const [progress, certificates, invitations, workshops] = await Promise.all([
		dashboard(locals.db, locals.user.id),
		certificatesOf(locals.db, locals.user.id),
		invitationsFor(locals.db, locals.user.id),
		myWorkshops(locals.db, locals.user.id)
	]);
	// Blended courses under way: the workshop each asks for, and how far the learner is.
	const standings = await workshopStandings(
		locals.db,
		locals.user.id,
		progress.inProgress.map((c) => c.courseId)
	);
	// Share links point at the public address, which may differ from the one this request came by.
	const notice =
		url.searchParams.get('notice') === 'password-set' ? m.dashboard_password_set() : null;
	return {
		...progress,
		inProgress: progress.inProgress.map((c) => ({
			...c,
			workshop: standings.get(c.courseId) ?? null
		})),
		certificates,
		invitations,
		workshops,
		notice,
		origin: config().origin ?? url.origin
	};
};

/** Accepting or declining one of the user's own invitations (anyone else's is simply not found). */
async function answer(locals: App.Locals, request: Request, choice: Answer) {
	if (!locals.user) redirect(303, localizeHref('/sign-in?redirectTo=%2Fdashboard'));
	const input = invitationSchema.safeParse(Object.fromEntries(await request.formData()));
	if (!input.success) return fail(400, { invitation: { ok: false, text: m.invitation_gone() } });
	const result = await answerInvitation(locals.db, locals.user.id, input.data.invitationId, choice);
	if (!result.ok) return fail(400, { invitation: { ok: false, text: m.invitation_gone() } });
	const text =
		choice === 'decline'
			? m.invitation_declined()
			: result.courseSlug
				? m.invitation_accepted_course()
				: m.invitation_accepted_cohort();
	return { invitation: { ok: true, text } };
}

export const actions: Actions = {
	accept: ({ locals, request }) => answer(locals, request, 'accept'),
	decline: ({ locals, request }) => answer(locals, request, 'decline')
};
