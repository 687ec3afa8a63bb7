import { error } from '@sveltejs/kit';
import { fail, message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { reinstateCertificateSchema, revokeCertificateSchema } from '$lib/schemas/certificates';
import {
	getCertificate,
	reinstateCertificate,
	revokeCertificate,
	statusOf,
	type CertificateStatement
} from '$lib/server/certificates';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function subject({ locals, params }: Pick<RequestEvent, 'locals' | 'params'>) {
	if (!locals.user?.isAdmin) error(403, m.error_forbidden());
	const certificate = await getCertificate(locals.db, params.id);
	if (!certificate) error(404, m.error_not_found());
	return { admin: locals.user, certificate };
}

export const load: PageServerLoad = async (event) => {
	const { certificate: c } = await subject(event);
	const [revokeForm, reinstateForm, renewed] = await Promise.all([
		superValidate(zod4(revokeCertificateSchema), { id: 'revoke' }),
		superValidate(zod4(reinstateCertificateSchema), { id: 'reinstate' }),
		c.renewsId ? getCertificate(event.locals.db, c.renewsId) : undefined
	]);
	const statement = c.credential as CertificateStatement;
	return {
		certificate: {
			id: c.id,
			code: c.code,
			number: c.number,
			registerNumber: c.registerNumber,
			userId: c.userId,
			fullName: c.fullName,
			dateOfBirth: c.dateOfBirth,
			organisationName: c.organisationName,
			kind: c.kind,
			courseTitle: c.courseTitle,
			courseVersion: c.courseVersion,
			hours: c.hours,
			completedAt: c.completedAt,
			issuedAt: c.issuedAt,
			expiresAt: c.expiresAt,
			revokedAt: c.revokedAt,
			revokedReason: c.revokedReason,
			issuer: statement.issuer.name,
			status: statusOf(c, new Date())
		},
		renews: renewed ? { id: renewed.id, number: renewed.number } : null,
		revokeForm,
		reinstateForm
	};
};

export const actions: Actions = {
	revoke: async (event) => {
		const { admin, certificate } = await subject(event);
		const form = await superValidate(event.request, zod4(revokeCertificateSchema), {
			id: 'revoke'
		});
		if (!form.valid) return fail(400, { form });
		const result = await revokeCertificate(event.locals.db, {
			certificateId: certificate.id,
			actorId: admin.id,
			reason: form.data.reason
		});
		if (!result.ok) {
			if (result.reason === 'reason_required') {
				return setError(form, 'reason', m.admin_cert_error_reason_required());
			}
			return message(
				form,
				{ type: 'error', text: m.admin_cert_already_revoked() },
				{ status: 409 }
			);
		}
		return message(form, { type: 'success', text: m.admin_cert_revoked_done() });
	},

	reinstate: async (event) => {
		const { admin, certificate } = await subject(event);
		const form = await superValidate(event.request, zod4(reinstateCertificateSchema), {
			id: 'reinstate'
		});
		if (!form.valid) return fail(400, { form });
		const result = await reinstateCertificate(event.locals.db, {
			certificateId: certificate.id,
			actorId: admin.id,
			note: form.data.note
		});
		if (!result.ok) {
			return message(form, { type: 'error', text: m.admin_cert_not_revoked() }, { status: 409 });
		}
		return message(form, { type: 'success', text: m.admin_cert_reinstated_done() });
	}
};
