import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { organisations, users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { getCohort } from '$lib/server/cohorts/cohorts';
import { config } from '$lib/server/config';
import { mayReach } from '$lib/server/organisations/reach';
import { minorsAwaitingConsent } from '$lib/server/privacy/guardians';
import { vietnamDay } from '$lib/vietnam-time';
import type { PageServerLoad } from './$types';

export interface FormSheet {
	fullName: string;
	dateOfBirth: string | null;
	/** The class(es), or the organisation. */
	where: string;
	organisationName: string | null;
}

/**
 * The guardian consent form to print: a minor's own (no parameter); one learner's (`?user=`), a
 * class's minors still waiting (`?cohort=`) or every one waiting in reach (`?all`), for staff.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) error(401, m.error_forbidden());
	const minorAge = config().privacy.minorAge;
	const today = vietnamDay(new Date());
	const address = `${config().origin ?? url.origin}/privacy`;
	const params = url.searchParams;
	const staff = locals.scope.staff;
	let sheets: FormSheet[];
	let back = '/privacy/guardian';
	if ((params.has('user') || params.has('cohort') || params.has('all')) && !staff)
		error(403, m.manage_forbidden());
	if (params.has('cohort')) {
		const cohort = await getCohort(locals.db, locals.scope, params.get('cohort') ?? '');
		if (!cohort) error(404, m.error_not_found());
		const minors = await minorsAwaitingConsent(locals.db, locals.scope, {
			today,
			minorAge,
			cohortId: cohort.id
		});
		sheets = minors.map((r) => ({
			fullName: r.fullName,
			dateOfBirth: r.dateOfBirth,
			where: `${cohort.name} · ${cohort.organisationName}`,
			organisationName: cohort.organisationName
		}));
		back = `/manage/guardians?cohort=${cohort.id}`;
	} else if (params.has('all')) {
		const minors = await minorsAwaitingConsent(locals.db, locals.scope, { today, minorAge });
		sheets = minors.map((r) => ({
			fullName: r.fullName,
			dateOfBirth: r.dateOfBirth,
			where: [r.cohorts.map((c) => c.name).join(', '), r.organisationName]
				.filter(Boolean)
				.join(' · '),
			organisationName: r.organisationName
		}));
		back = '/manage/guardians';
	} else {
		const userId = params.get('user') ?? locals.user.id;
		if (
			userId !== locals.user.id &&
			(!/^[0-9a-f-]{36}$/i.test(userId) || !(await mayReach(locals.db, locals.scope, userId)))
		)
			error(404, m.error_not_found());
		const [learner] = await locals.db
			.select({
				fullName: users.fullName,
				dateOfBirth: users.dateOfBirth,
				organisationName: organisations.name
			})
			.from(users)
			.leftJoin(organisations, eq(organisations.id, users.organisationId))
			.where(eq(users.id, userId));
		sheets = [{ ...learner, where: learner.organisationName ?? '' }];
		if (userId !== locals.user.id) back = `/manage/guardians/${userId}`;
	}
	return { minorAge, address, sheets, back };
};
