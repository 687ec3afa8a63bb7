import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { surveyTemplateFormValues, surveyTemplateSchema } from '$lib/schemas/workshop-day';
import { listOrganisations } from '$lib/server/organisations';
import { reachOf } from '$lib/server/organisations/reach';

/** Trainers, managers and administrators; anyone else is turned away (as on /workshops). */
export function requireStaff(locals: App.Locals): { id: string; scope: App.Locals['scope'] } {
	if (!locals.user) error(401, m.error_forbidden());
	if (!locals.scope.staff) error(403, m.manage_forbidden());
	return { id: locals.user.id, scope: locals.scope };
}

/**
 * Whom a new template (or a copy) may belong to: the organisations whose workshops the viewer
 * plans, and for administrators the platform (the value '').
 */
export async function ownerOptions(locals: App.Locals) {
	const reach = await reachOf(locals.db, locals.scope);
	const organisations = (await listOrganisations(locals.db))
		.filter((o) => reach.everyone || reach.organisationIds.includes(o.id))
		.map((o) => ({ value: o.id, label: o.name }));
	return locals.scope.admin
		? [{ value: '', label: m.ws_day_templates_owner_platform() }, ...organisations]
		: organisations;
}

/** The template form read and validated; errors by field ('title', 'questions', 'text.<n>'). */
export function readTemplateForm(form: FormData) {
	const values = surveyTemplateFormValues(form);
	const parsed = surveyTemplateSchema.safeParse(values);
	if (parsed.success) return { ok: true as const, values, data: parsed.data };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const [field, index, key] = issue.path;
		const name =
			field === 'questions' && index !== undefined
				? `${String(key)}.${String(index)}`
				: String(field ?? '');
		errors[name] ??= issue.message;
	}
	return { ok: false as const, values, errors };
}
