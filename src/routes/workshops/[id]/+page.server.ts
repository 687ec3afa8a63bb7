import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	cohortRegistrationSchema,
	sessionSchema,
	trainerSchema,
	workshopSchema
} from '$lib/schemas/workshops';
import { findUserByIdentifier } from '$lib/server/authoring/access';
import { qrPath } from '$lib/server/certificates/qr';
import { getCohort } from '$lib/server/cohorts/cohorts';
import { config } from '$lib/server/config';
import { workshopAccess } from '$lib/server/workshops/access';
import {
	addSession,
	addTrainer,
	removeSession,
	removeTrainer,
	trainersOf,
	sessionsOf,
	setWorkshopStatus,
	updateWorkshop
} from '$lib/server/workshops/plan';
import { registerCohort, registrationList } from '$lib/server/workshops/registration';
import { cancelWorkshop } from '$lib/server/workshops/cancel';
import { workshopCancelSchema } from '$lib/schemas/workshop-cancel';
import { vietnamDay } from '$lib/vietnam-time';
import { workshopStatuses, type WorkshopStatus } from '$lib/workshops';
import { dayPlanError } from '../day-plan-errors';
import { viewerOf, workshopFormOptions } from '../options.server';
import { announceForm, announcePreview, announceSend } from '../../announce.server';
import type { Actions, PageServerLoad } from './$types';

/** The workshop, for those who plan it or train at it; 404 for everyone else. */
async function staffAccess(locals: App.Locals, id: string) {
	if (!locals.user) error(401, m.error_forbidden());
	const access = await workshopAccess(locals.db, viewerOf(locals), id);
	if (!access || !access.takeAttendance) error(404, m.error_not_found());
	return access;
}

/** The same, for changing its plan. */
async function planAccess(locals: App.Locals, id: string) {
	const access = await staffAccess(locals, id);
	if (!access.plan) error(403, m.error_forbidden());
	return access;
}

/** A session's fields as the form has them: superforms validates an object, not its transform. */
const sessionFields = sessionSchema.in;

const ORDER = { registered: 0, waitlisted: 1, cancelled: 2 } as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const access = await staffAccess(locals, params.id);
	const { workshop } = access;
	const [sessions, people, trainers, options] = await Promise.all([
		sessionsOf(locals.db, workshop.id),
		registrationList(locals.db, workshop.id),
		trainersOf(locals.db, workshop.id),
		access.plan ? workshopFormOptions(locals) : null
	]);
	people.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
	const edit = await superValidate(
		{
			title: workshop.title,
			organisationId: workshop.organisationId,
			courseId: workshop.courseId ?? '',
			venue: workshop.venue,
			area: workshop.area ?? '',
			capacity: workshop.capacity === null ? '' : String(workshop.capacity),
			audiences: workshop.audiences,
			registrationMode: workshop.registrationMode,
			cohortId: workshop.cohortId ?? '',
			preQuizId: workshop.preQuizId ?? '',
			postQuizId: workshop.postQuizId ?? '',
			surveyTemplateId: workshop.surveyTemplateId ?? ''
		},
		zod4(workshopSchema),
		{ errors: false, id: 'edit' }
	);
	const session = await superValidate(zod4(sessionFields), { id: 'session' });
	session.data.day = vietnamDay(new Date());
	const publicLink = `${config().origin ?? url.origin}/w/${workshop.id}`;
	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			status: workshop.status,
			capacity: workshop.capacity
		},
		plan: access.plan,
		sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })),
		people,
		trainers,
		trainer: await superValidate(zod4(trainerSchema), { id: 'trainer' }),
		publicLink,
		qr: qrPath(publicLink),
		created: url.searchParams.has('created'),
		organisations: options?.organisations ?? [],
		areas: options?.areas ?? [],
		cohorts: options?.cohorts ?? [],
		courses: options?.courses ?? [],
		quizzes: options?.quizzes ?? [],
		surveys: options?.surveys ?? [],
		edit,
		session,
		cohort: await superValidate(zod4(cohortRegistrationSchema), { id: 'cohort' }),
		cancel: await superValidate(zod4(workshopCancelSchema), { id: 'cancel' }),
		announceForm: await announceForm()
	};
};

export const actions: Actions = {
	update: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const form = await superValidate(request, zod4(workshopSchema), { id: 'edit' });
		if (!form.valid) return fail(400, { edit: form });
		if (form.data.area && !config().areas.includes(form.data.area))
			return setError(form, 'area', m.error_invalid());
		if (form.data.cohortId && !(await getCohort(locals.db, locals.scope, form.data.cohortId)))
			return setError(form, 'cohortId', m.workshop_error_cohort());
		const result = await updateWorkshop(locals.db, viewerOf(locals), params.id, form.data);
		if (!result.ok) {
			const day = dayPlanError(result.reason);
			if (day) return setError(form, day.field, day.message);
			return result.reason === 'course'
				? setError(form, 'courseId', m.workshop_error_course())
				: setError(form, 'organisationId', m.workshop_error_not_allowed());
		}
		return message(form, {
			type: 'success',
			text: result.promoted.length
				? m.workshops_saved_promoted({ count: result.promoted.length })
				: m.workshops_saved()
		});
	},

	addSession: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const form = await superValidate(request, zod4(sessionFields), { id: 'session' });
		if (!form.valid) return fail(400, { session: form });
		// The same fields, now valid, with the instants they stand for.
		const times = sessionSchema.parse(form.data);
		const result = await addSession(locals.db, viewerOf(locals), params.id, times);
		if (!result.ok) error(404, m.error_not_found());
		return message(form, { type: 'success', text: m.workshops_session_added() });
	},

	removeSession: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const sessionId = String((await request.formData()).get('sessionId') ?? '');
		const result = await removeSession(locals.db, viewerOf(locals), sessionId);
		if (!result.ok) {
			if (result.reason === 'has_attendance')
				return fail(409, { sessionError: m.workshop_error_session_has_attendance() });
			error(404, m.error_not_found());
		}
		return { sessionRemoved: true };
	},

	status: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const status = String((await request.formData()).get('status') ?? '');
		// Cancelling asks for a reason and a confirmation: ?/cancel.
		if (!(workshopStatuses as readonly string[]).includes(status) || status === 'cancelled')
			return fail(400, { statusError: m.error_invalid() });
		const result = await setWorkshopStatus(
			locals.db,
			viewerOf(locals),
			params.id,
			status as WorkshopStatus
		);
		if (!result.ok) error(404, m.error_not_found());
		return { statusChanged: true };
	},

	cancel: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const form = await superValidate(request, zod4(workshopCancelSchema), { id: 'cancel' });
		if (!form.valid) return fail(400, { cancel: form });
		const result = await cancelWorkshop(locals.db, viewerOf(locals), params.id, form.data.reason);
		if (!result.ok) {
			if (result.reason === 'not_cancellable')
				return message(form, { type: 'error', text: m.ws_cancel_refused() }, { status: 409 });
			error(404, m.error_not_found());
		}
		return message(form, { type: 'success', text: m.ws_cancel_done() });
	},

	announcePreview: async ({ locals, params, request }) => {
		await staffAccess(locals, params.id);
		return announcePreview(locals, request, { workshopId: params.id });
	},

	announceSend: async ({ locals, params, request }) => {
		await staffAccess(locals, params.id);
		return announceSend(locals, request, { workshopId: params.id });
	},

	addTrainer: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const form = await superValidate(request, zod4(trainerSchema), { id: 'trainer' });
		if (!form.valid) return fail(400, { trainer: form });
		const person = await findUserByIdentifier(locals.db, form.data.identifier);
		if (!person) return setError(form, 'identifier', m.workshops_trainer_unknown());
		const result = await addTrainer(locals.db, viewerOf(locals), params.id, person.id);
		if (!result.ok) error(404, m.error_not_found());
		form.data.identifier = '';
		return message(form, {
			type: 'success',
			text: result.added
				? m.workshops_trainer_added({ name: person.name })
				: m.workshops_trainer_already({ name: person.name })
		});
	},

	removeTrainer: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const userId = String((await request.formData()).get('userId') ?? '');
		const result = await removeTrainer(locals.db, viewerOf(locals), params.id, userId);
		if (!result.ok) error(404, m.error_not_found());
		return { trainerRemoved: true };
	},

	registerCohort: async ({ locals, params, request }) => {
		await planAccess(locals, params.id);
		const form = await superValidate(request, zod4(cohortRegistrationSchema), { id: 'cohort' });
		if (!form.valid) return fail(400, { cohort: form });
		const cohort = await getCohort(locals.db, locals.scope, form.data.cohortId);
		if (!cohort) return setError(form, 'cohortId', m.workshop_error_cohort());
		const result = await registerCohort(locals.db, params.id, cohort.id, locals.user!.id);
		if (!result.ok)
			return message(form, { type: 'error', text: m.workshops_not_open() }, { status: 409 });
		return message(form, { type: 'success', text: m.workshops_cohort_registered(result) });
	}
};
