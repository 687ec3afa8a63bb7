import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { addMemberSchema, assignCourseSchema } from '$lib/schemas/cohorts';
import { assignCourse, assignedCourses } from '$lib/server/cohorts/assign';
import { addMemberByIdentifier, listMembers, removeMember } from '$lib/server/cohorts/members';
import { invitationSchema } from '$lib/schemas/invitations';
import { INVITATION_DAYS, openInvitations, withdrawInvitation } from '$lib/server/invitations';
import { listCatalogue } from '$lib/server/courses/catalogue';
import { localise } from '$lib/localise';
import { requireCohort } from '../../access.server';
import { readRosterFile, runImport } from './import.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { cohort } = await requireCohort(locals, params.id);
	const [members, invitations, courses, catalogue] = await Promise.all([
		listMembers(locals.db, cohort.id),
		openInvitations(locals.db, { cohortId: cohort.id }),
		assignedCourses(locals.db, cohort.id),
		listCatalogue(locals.db, {}, { userId: null, staff: false })
	]);
	return {
		cohort,
		members,
		invitations,
		invitationDays: INVITATION_DAYS,
		courses,
		courseOptions: catalogue.map((c) => ({ value: c.id, label: localise(c.title) })),
		addForm: await superValidate(zod4(addMemberSchema), { id: 'add' }),
		assignForm: await superValidate(zod4(assignCourseSchema), { id: 'assign' })
	};
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const { cohort, scope, userId } = await requireCohort(locals, params.id);
		const form = await superValidate(request, zod4(addMemberSchema), { id: 'add' });
		if (!form.valid) return fail(400, { addForm: form });
		const outcome = await addMemberByIdentifier(
			locals.db,
			scope,
			userId,
			cohort,
			form.data.identifier
		);
		// Only administrators hear of an unknown account; anyone else hears of an invitation, the
		// same words whether or not the account exists.
		if (outcome === 'not_found')
			return message(form, { type: 'error', text: m.cohort_member_not_found() }, { status: 400 });
		const text = {
			added: m.cohort_member_added,
			already: m.cohort_member_already,
			invited: m.cohort_member_invited
		}[outcome]();
		if (outcome === 'invited') form.data.identifier = '';
		return message(form, { type: 'success', text });
	},
	withdraw: async ({ request, locals, params }) => {
		const { cohort, userId } = await requireCohort(locals, params.id);
		const input = invitationSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success) return fail(400, { withdrawn: false });
		const where = { cohortId: cohort.id };
		return {
			withdrawn: await withdrawInvitation(locals.db, userId, where, input.data.invitationId)
		};
	},
	assign: async ({ request, locals, params }) => {
		const { cohort, userId } = await requireCohort(locals, params.id);
		const form = await superValidate(request, zod4(assignCourseSchema), { id: 'assign' });
		if (!form.valid) return fail(400, { assignForm: form });
		const catalogue = await listCatalogue(locals.db, {}, { userId: null, staff: false });
		if (!catalogue.some((c) => c.id === form.data.courseId))
			return message(form, { type: 'error', text: m.cohort_error_course() }, { status: 400 });
		await assignCourse(locals.db, userId, cohort.id, form.data.courseId, form.data.dueOn || null);
		return message(form, { type: 'success', text: m.cohort_assigned() });
	},
	remove: async ({ request, locals, params }) => {
		const { cohort } = await requireCohort(locals, params.id);
		const userId = String((await request.formData()).get('userId') ?? '');
		if (/^[0-9a-f-]{36}$/i.test(userId)) await removeMember(locals.db, cohort.id, userId);
		return { removed: true };
	},
	import: async ({ request, locals, params }) => {
		const { cohort, userId } = await requireCohort(locals, params.id);
		const file = await readRosterFile((await request.formData()).get('file'));
		if ('error' in file) return fail(400, { importProblems: [file.error] });
		const outcome = await runImport(locals, userId, cohort, file.rows);
		if ('importProblems' in outcome) {
			return fail(outcome.status, { importProblems: outcome.importProblems });
		}
		return outcome;
	}
};
