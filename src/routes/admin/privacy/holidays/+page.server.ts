import { error } from '@sveltejs/kit';
import { fail, message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { fixedHolidaysSchema, holidaySchema, removeHolidaySchema } from '$lib/schemas/data-request';
import { formatDate } from '$lib/format';
import {
	addFixedHolidays,
	addHoliday,
	listHolidays,
	removeHoliday
} from '$lib/server/privacy/holidays';
import { vietnamDay } from '$lib/vietnam-time';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return locals.user;
}

/** The days off that working days skip (privacy/holidays.ts), from the start of last year on. */
export const load: PageServerLoad = async ({ locals }) => {
	requireAdmin(locals);
	const year = Number(vietnamDay(new Date()).slice(0, 4));
	return {
		year,
		holidays: await listHolidays(locals.db, `${year - 1}-01-01`),
		addForm: await superValidate(zod4(holidaySchema), { id: 'add' }),
		fixedForm: await superValidate({ year: year + 1 }, zod4(fixedHolidaysSchema), {
			id: 'fixed',
			errors: false
		})
	};
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const admin = requireAdmin(locals);
		const form = await superValidate(request, zod4(holidaySchema), { id: 'add' });
		if (!form.valid) return fail(400, { form });
		await addHoliday(locals.db, admin.id, form.data);
		return message(form, {
			type: 'success',
			text: m.privacy_holiday_added({ date: formatDate(form.data.day) })
		});
	},

	fixed: async ({ request, locals }) => {
		const admin = requireAdmin(locals);
		const form = await superValidate(request, zod4(fixedHolidaysSchema), { id: 'fixed' });
		if (!form.valid) return fail(400, { form });
		const added = await addFixedHolidays(locals.db, admin.id, form.data.year);
		return message(form, {
			type: 'success',
			text: m.privacy_holiday_fixed_added({ count: added, year: form.data.year })
		});
	},

	remove: async ({ request, locals }) => {
		const admin = requireAdmin(locals);
		const form = await superValidate(request, zod4(removeHolidaySchema));
		if (!form.valid) return fail(400, { removeError: m.privacy_holiday_error_day() });
		await removeHoliday(locals.db, admin.id, form.data.day);
		return { removed: m.privacy_holiday_removed({ date: formatDate(form.data.day) }) };
	}
};
