import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { rolesOf } from '$lib/server/auth/roles';
import { formatPeriod, parsePeriod, periodOf, type HalfYear } from '$lib/server/reports/period';
import type { ReportScope } from '$lib/server/reports/report';

/**
 * The report's scope for this user: an administrator sees everything; a manager only the
 * organisations they manage (and those under them); trainers and learners are turned away.
 */
export async function managerReportScope(
	locals: App.Locals,
	params: URLSearchParams
): Promise<{ scope: ReportScope; period: HalfYear; search: string }> {
	if (!locals.user) error(401, m.error_forbidden());
	const staff = locals.scope;
	const period = parsePeriod(params.get('period')) ?? periodOf(new Date());
	const search = new URLSearchParams({ period: formatPeriod(period) }).toString();
	if (staff.admin) return { scope: { type: 'all' }, period, search };
	const roles = await rolesOf(locals.db, locals.user.id);
	const organisationIds = staff.organisationIds.filter((id) =>
		roles.byOrganisation.get(id)?.has('manager')
	);
	if (organisationIds.length === 0) error(403, m.report_manage_none());
	return { scope: { type: 'organisations', organisationIds }, period, search };
}
