import { error, fail } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import { retentionRunSchema } from '$lib/schemas/retention';
import { config } from '$lib/server/config';
import {
	dryRunRetention,
	recentDryRun,
	recentRetentionRuns,
	retentionSettings,
	runRetention
} from '$lib/server/privacy/retention';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	return locals.user;
}

export const load: PageServerLoad = async ({ locals }) => {
	requireAdmin(locals);
	const now = new Date();
	const runs = await recentRetentionRuns(locals.db, 10);
	const starters = [...new Set(runs.map((r) => r.startedBy).filter((id) => id !== null))];
	const names = starters.length
		? await locals.db
				.select({ id: users.id, name: users.fullName })
				.from(users)
				.where(inArray(users.id, starters))
		: [];
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	const dryRun = await recentDryRun(locals.db, now);
	const form = await superValidate({ dryRun: dryRun?.id }, zod4(retentionRunSchema), {
		errors: false
	});
	return {
		settings: config().privacy.retention,
		dryRun,
		form,
		runs: runs.map((r) => ({
			...r,
			startedByName: r.startedBy ? (nameOf.get(r.startedBy) ?? null) : null
		}))
	};
};

export const actions: Actions = {
	preview: async ({ locals }) => {
		const admin = requireAdmin(locals);
		const settings = retentionSettings(config().privacy.retention);
		await dryRunRetention(locals.db, new Date(), settings, admin.id);
		return { previewed: true };
	},
	run: async ({ locals, request }) => {
		const admin = requireAdmin(locals);
		const form = await superValidate(request, zod4(retentionRunSchema));
		if (!form.valid) return fail(400, { form });
		const now = new Date();
		const latest = await recentDryRun(locals.db, now);
		if (!latest || latest.id !== form.data.dryRun) {
			return message(
				form,
				{ type: 'error', text: m.privacy_retention_error_stale() },
				{ status: 409 }
			);
		}
		await runRetention(locals.db, now, retentionSettings(config().privacy.retention), admin.id);
		form.data.confirm = false;
		return message(form, { type: 'success', text: m.privacy_retention_done() });
	}
};
