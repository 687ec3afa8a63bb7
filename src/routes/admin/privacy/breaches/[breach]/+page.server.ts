import { error } from '@sveltejs/kit';
import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	authorityNoticeSchema,
	breachInput,
	breachSchema,
	peopleNoticeSchema,
	vietnamInstant,
	vietnamLocalInput,
	type BreachForm
} from '$lib/schemas/breach';
import {
	AUTHORITY_DEADLINE,
	breachClock,
	closeBreach,
	getBreach,
	recordAuthorityNotice,
	recordPeopleNotice,
	reopenBreach,
	updateBreach
} from '$lib/server/privacy/breaches';
import { categoryOptions } from '../categories.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function subject({ locals, params }: Pick<RequestEvent, 'locals' | 'params'>) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const breach = await getBreach(locals.db, params.breach);
	if (!breach) error(404, m.error_not_found());
	return { admin: locals.user, breach };
}

export const load: PageServerLoad = async (event) => {
	const { breach } = await subject(event);
	const [editForm, authorityForm, peopleForm] = await Promise.all([
		superValidate(
			{
				title: breach.title,
				description: breach.description,
				occurredAt: vietnamLocalInput(breach.occurredAt),
				discoveredAt: vietnamLocalInput(breach.discoveredAt),
				dataCategories: breach.dataCategories as BreachForm['dataCategories'],
				peopleAffected: breach.peopleAffected === null ? '' : String(breach.peopleAffected),
				peopleDescription: breach.peopleDescription,
				consequences: breach.consequences,
				measures: breach.measures
			},
			zod4(breachSchema),
			{ id: 'edit', errors: false }
		),
		superValidate(
			{
				notifiedAt: vietnamLocalInput(breach.authorityNotifiedAt),
				reference: breach.authorityReference ?? ''
			},
			zod4(authorityNoticeSchema),
			{ id: 'authority', errors: false }
		),
		superValidate(
			{ notifiedAt: vietnamLocalInput(breach.peopleNotifiedAt), how: breach.peopleNotice ?? '' },
			zod4(peopleNoticeSchema),
			{ id: 'people', errors: false }
		)
	]);
	return {
		breach,
		clock: breachClock(breach, new Date()),
		deadline: AUTHORITY_DEADLINE,
		categories: categoryOptions(),
		recorded: event.url.searchParams.has('recorded'),
		editForm,
		authorityForm,
		peopleForm
	};
};

export const actions: Actions = {
	edit: async (event) => {
		const { admin, breach } = await subject(event);
		const form = await superValidate(event.request, zod4(breachSchema), { id: 'edit' });
		if (!form.valid) return fail(400, { form });
		await updateBreach(event.locals.db, admin.id, breach.id, breachInput(form.data));
		return message(form, { type: 'success', text: m.privacy_breach_saved() });
	},

	authority: async (event) => {
		const { admin, breach } = await subject(event);
		const form = await superValidate(event.request, zod4(authorityNoticeSchema), {
			id: 'authority'
		});
		if (!form.valid) return fail(400, { form });
		const notifiedAt = vietnamInstant(form.data.notifiedAt)!;
		if (notifiedAt < breach.discoveredAt) {
			return message(
				form,
				{ type: 'error', text: m.privacy_breach_error_before_discovery() },
				{ status: 400 }
			);
		}
		await recordAuthorityNotice(event.locals.db, admin.id, breach.id, {
			notifiedAt,
			reference: form.data.reference
		});
		return message(form, { type: 'success', text: m.privacy_breach_authority_saved() });
	},

	people: async (event) => {
		const { admin, breach } = await subject(event);
		const form = await superValidate(event.request, zod4(peopleNoticeSchema), { id: 'people' });
		if (!form.valid) return fail(400, { form });
		const notifiedAt = vietnamInstant(form.data.notifiedAt)!;
		if (notifiedAt < breach.discoveredAt) {
			return message(
				form,
				{ type: 'error', text: m.privacy_breach_error_before_discovery() },
				{ status: 400 }
			);
		}
		await recordPeopleNotice(event.locals.db, admin.id, breach.id, {
			notifiedAt,
			how: form.data.how
		});
		return message(form, { type: 'success', text: m.privacy_breach_people_saved() });
	},

	close: async (event) => {
		const { admin, breach } = await subject(event);
		await closeBreach(event.locals.db, admin.id, breach.id);
		return { closed: true };
	},

	reopen: async (event) => {
		const { admin, breach } = await subject(event);
		await reopenBreach(event.locals.db, admin.id, breach.id);
		return { reopened: true };
	}
};
