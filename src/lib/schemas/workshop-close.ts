import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { WorkshopAttendanceRule } from '$lib/workshops';

/**
 * Whether closing issues certificates of attendance, and to whom: those present at every session,
 * or at a share of them (a whole percentage, 75 for three of four).
 */
export const attendanceCertificateSchema = z
	.object({
		attendanceCertificate: z.boolean().default(false),
		rule: z.enum(['all', 'share'], { error: () => m.error_invalid() }).default('all'),
		/** Kept as typed, so a wrong value comes back to the form as it was. */
		sharePercent: z.string().trim().default('')
	})
	.refine(
		(v) => v.rule !== 'share' || (/^\d{1,3}$/.test(v.sharePercent) && shareOk(v.sharePercent)),
		{ path: ['sharePercent'], error: () => m.ws_close_error_share() }
	);

const shareOk = (v: string) => Number(v) >= 1 && Number(v) <= 100;

export type AttendanceCertificateForm = z.infer<typeof attendanceCertificateSchema>;

/** The rule the form stands for. */
export function ruleOf(form: AttendanceCertificateForm): WorkshopAttendanceRule {
	return form.rule === 'share'
		? { kind: 'share', share: Number(form.sharePercent) / 100 }
		: { kind: 'all' };
}
