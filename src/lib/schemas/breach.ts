import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseDay } from '$lib/vietnam-time';

/** The categories a breach may name: registry.ts's keys (kept here so the form can be checked). */
export const BREACH_CATEGORY_KEYS = [
	'identity',
	'affiliation',
	'credentials',
	'learning_activity',
	'assignment_work',
	'attendance',
	'certificates',
	'contact',
	'guardian',
	'privacy_records'
] as const;

const LOCAL = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
/** A little leeway for clocks: a time "now" typed on a fast computer is not in the future. */
const FUTURE_LEEWAY_MS = 5 * 60_000;

/** "2026-12-04T09:30" read as Vietnam time (UTC+7, no summer time), or null when not one. */
export function vietnamInstant(value: string): Date | null {
	const match = LOCAL.exec(value.trim());
	if (!match || !parseDay(match[1])) return null;
	return new Date(`${match[1]}T${match[2]}:${match[3]}:00+07:00`);
}

/** An instant as a datetime-local field shows it, in Vietnam time. */
export function vietnamLocalInput(value: Date | null | undefined): string {
	if (!value) return '';
	return new Date(value.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

const pastInstant = (message: () => string) =>
	z
		.string()
		.trim()
		.refine(
			(v) => {
				const at = vietnamInstant(v);
				return at !== null && at.getTime() <= Date.now() + FUTURE_LEEWAY_MS;
			},
			{ error: message }
		);

const optionalPastInstant = z
	.string()
	.trim()
	.refine(
		(v) => {
			if (v === '') return true;
			const at = vietnamInstant(v);
			return at !== null && at.getTime() <= Date.now() + FUTURE_LEEWAY_MS;
		},
		{ error: () => m.privacy_breach_error_time() }
	);

const longText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.privacy_breach_error_too_long({ max }) });

/** An incident as its form sends it (record and edit). */
export const breachSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.privacy_breach_error_title() })
			.max(200, { error: () => m.privacy_breach_error_too_long({ max: 200 }) }),
		description: z
			.string()
			.trim()
			.min(1, { error: () => m.privacy_breach_error_description() })
			.max(5000, { error: () => m.privacy_breach_error_too_long({ max: 5000 }) }),
		occurredAt: optionalPastInstant,
		discoveredAt: pastInstant(() => m.privacy_breach_error_discovered()),
		dataCategories: z
			.array(z.enum(BREACH_CATEGORY_KEYS, { error: () => m.error_invalid() }))
			.default([]),
		/** Empty when not known yet. */
		peopleAffected: z
			.string()
			.trim()
			.refine((v) => v === '' || /^\d{1,9}$/.test(v), {
				error: () => m.privacy_breach_error_people()
			}),
		peopleDescription: longText(2000),
		consequences: longText(5000),
		measures: longText(5000)
	})
	.refine(
		(v) => {
			const occurred = vietnamInstant(v.occurredAt);
			const discovered = vietnamInstant(v.discoveredAt);
			return !occurred || !discovered || occurred.getTime() <= discovered.getTime();
		},
		{ path: ['occurredAt'], error: () => m.privacy_breach_error_order() }
	);

export type BreachForm = z.output<typeof breachSchema>;

/** The form's values as the register stores them. */
export function breachInput(form: BreachForm) {
	return {
		title: form.title,
		description: form.description,
		occurredAt: vietnamInstant(form.occurredAt),
		discoveredAt: vietnamInstant(form.discoveredAt)!,
		dataCategories: [...form.dataCategories],
		peopleAffected: form.peopleAffected === '' ? null : Number(form.peopleAffected),
		peopleDescription: form.peopleDescription,
		consequences: form.consequences,
		measures: form.measures
	};
}

/** The authority was notified: when, and its reference (optional). */
export const authorityNoticeSchema = z.object({
	notifiedAt: pastInstant(() => m.privacy_breach_error_time()),
	reference: longText(200)
});

/** The people affected were notified: when and how. */
export const peopleNoticeSchema = z.object({
	notifiedAt: pastInstant(() => m.privacy_breach_error_time()),
	how: z
		.string()
		.trim()
		.min(1, { error: () => m.privacy_breach_error_how() })
		.max(2000, { error: () => m.privacy_breach_error_too_long({ max: 2000 }) })
});
