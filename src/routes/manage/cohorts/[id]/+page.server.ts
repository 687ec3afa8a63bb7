import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	addMemberSchema,
	assignCourseSchema,
	dueDateSchema,
	memberActionInput,
	memberActionSchema,
	unassignSchema
} from '$lib/schemas/cohorts';
import {
	assignableCourses,
	assignCourse,
	assignedCourses,
	changeDueDate,
	unassignCourse
} from '$lib/server/cohorts/assign';
import { listCohorts } from '$lib/server/cohorts/cohorts';
import { cohortMatrix } from '$lib/server/cohorts/matrix';
import {
	addMemberByIdentifier,
	listMembers,
	moveMembers,
	removeMembers
} from '$lib/server/cohorts/members';
import { memberOrder, MEMBER_ORDERS, sortMembers } from '$lib/server/cohorts/sort';
import { invitationSchema } from '$lib/schemas/invitations';
import { INVITATION_DAYS, openInvitations, withdrawInvitation } from '$lib/server/invitations';
import { localise } from '$lib/localise';
import { announceForm, announcePreview, announceSend } from '../../../announce.server';
import { requireCohort } from '../../access.server';
import { readRosterFile, runImport } from './import.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { cohort, scope } = await requireCohort(locals, params.id);
	const order = memberOrder(url.searchParams.get('order'));
	const [members, matrix, invitations, courses, catalogue, cohorts] = await Promise.all([
		listMembers(locals.db, cohort.id),
		cohortMatrix(locals.db, cohort.id),
		openInvitations(locals.db, { cohortId: cohort.id }),
		assignedCourses(locals.db, cohort.id),
		assignableCourses(locals.db, cohort),
		listCohorts(locals.db, scope)
	]);
	// Mean percent complete over the assigned courses, from the matrix's one statement.
	const progress = new Map(
		matrix.rows.map((r) => [
			r.userId,
			r.cells.length === 0
				? 0
				: Math.round(r.cells.reduce((sum, c) => sum + c.percent, 0) / r.cells.length)
		])
	);
	return {
		cohort,
		order,
		orders: MEMBER_ORDERS,
		members: sortMembers(
			members.map((m) => ({ ...m, progress: progress.get(m.id) ?? 0 })),
			order
		),
		hasCourses: courses.length > 0,
		otherCohorts: cohorts
			.filter((c) => c.id !== cohort.id)
			.map((c) => ({ value: c.id, label: `${c.name} (${c.organisationName}, ${c.year})` })),
		invitations,
		invitationDays: INVITATION_DAYS,
		courses,
		courseOptions: catalogue.map((c) => ({ value: c.id, label: localise(c.title) })),
		addForm: await superValidate(zod4(addMemberSchema), { id: 'add' }),
		assignForm: await superValidate(zod4(assignCourseSchema), { id: 'assign' }),
		announceForm: await announceForm()
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
		const catalogue = await assignableCourses(locals.db, cohort);
		if (!catalogue.some((c) => c.id === form.data.courseId))
			return message(form, { type: 'error', text: m.cohort_error_course() }, { status: 400 });
		await assignCourse(locals.db, userId, cohort.id, form.data.courseId, form.data.dueOn || null);
		return message(form, { type: 'success', text: m.cohort_assigned() });
	},
	due: async ({ request, locals, params }) => {
		const { cohort, userId } = await requireCohort(locals, params.id);
		const input = dueDateSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success)
			return fail(400, {
				due: { courseId: null, error: input.error.issues[0]?.message ?? m.error_invalid() }
			});
		const { courseId, dueOn } = input.data;
		const changed = await changeDueDate(locals.db, userId, cohort.id, courseId, dueOn || null);
		if (!changed) return fail(400, { due: { courseId, error: m.cohort_error_course() } });
		return { due: { courseId, done: true } };
	},
	unassign: async ({ request, locals, params }) => {
		const { cohort, userId } = await requireCohort(locals, params.id);
		const input = unassignSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!input.success)
			return fail(400, { unassign: { courseId: null, error: m.error_invalid() } });
		const { courseId, confirm } = input.data;
		// Asked first, on a page of its own without JavaScript: the form comes back with confirm=1.
		if (!confirm) return { unassign: { courseId, confirm: true } };
		const removed = await unassignCourse(locals.db, userId, cohort.id, courseId);
		if (!removed) return fail(400, { unassign: { courseId, error: m.cohort_error_course() } });
		return { unassign: { courseId, done: true } };
	},
	members: async ({ request, locals, params }) => {
		const { cohort, scope, userId } = await requireCohort(locals, params.id);
		const raw = memberActionInput(await request.formData());
		const input = memberActionSchema.safeParse(raw);
		if (!input.success) {
			const errors = Object.fromEntries(
				input.error.issues.map((i) => [String(i.path[0] ?? 'userIds'), i.message])
			);
			return fail(400, { bulk: { ...raw, errors } });
		}
		const { action, userIds, targetId, confirm } = input.data;
		if (action === 'remove') {
			if (!confirm) return { bulk: { ...raw, confirm: true } };
			const count = await removeMembers(locals.db, userId, cohort.id, userIds);
			return { bulk: { done: m.cohort_bulk_removed({ count }) } };
		}
		const moved = await moveMembers(locals.db, scope, userId, cohort, targetId, userIds);
		if (moved === 'not_found')
			return fail(400, {
				bulk: { ...raw, errors: { targetId: m.cohort_bulk_target_missing() } }
			});
		return { bulk: { done: m.cohort_bulk_moved({ count: moved.count, name: moved.to }) } };
	},
	announcePreview: async ({ request, locals, params }) => {
		const { cohort } = await requireCohort(locals, params.id);
		return announcePreview(locals, request, { cohortId: cohort.id });
	},
	announceSend: async ({ request, locals, params }) => {
		const { cohort } = await requireCohort(locals, params.id);
		return announceSend(locals, request, { cohortId: cohort.id });
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
