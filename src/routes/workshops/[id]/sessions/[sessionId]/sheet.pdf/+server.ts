import { m } from '$lib/paraglide/messages';
import { getOrganisation } from '$lib/server/organisations';
import { contentDisposition } from '$lib/server/http/content-disposition';
import { sheetRows } from '$lib/server/workshops/paper';
import { renderSheetPdf } from '$lib/server/workshops/sheet';
import { vietnamDay } from '$lib/vietnam-time';
import { sessionWhen } from '$lib/workshop-labels';
import { paperSession } from '../paper/session.server';
import type { RequestHandler } from './$types';

/**
 * The session's sign-in sheet to print (A4). Rendered in the request as the certificates and the
 * password slips are: a sheet of 150 names takes a fraction of a second.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { access, session, ordinal } = await paperSession(locals, params);
	const { workshop } = access;
	const [rows, organisation] = await Promise.all([
		sheetRows(locals.db, workshop.id, session),
		getOrganisation(locals.db, workshop.organisationId)
	]);
	const when = sessionWhen(session);
	const pdf = await renderSheetPdf(rows, {
		site: m.site_name(),
		heading: m.ws_paper_sheet_heading(),
		organisation: organisation?.name ?? '',
		workshop: workshop.title,
		when: ordinal ? m.ws_paper_sheet_session_of({ ...ordinal, when }) : when,
		venue: workshop.venue ? m.ws_paper_sheet_venue({ venue: workshop.venue }) : '',
		columns: {
			row: m.ws_paper_col_row(),
			name: m.ws_paper_col_name(),
			unit: m.ws_paper_col_unit(),
			contact: m.ws_paper_col_contact(),
			signature: m.ws_paper_col_signature()
		},
		walkInNote: m.ws_paper_sheet_walk_in_note(),
		total: m.ws_paper_sheet_total(),
		trainer: m.ws_paper_sheet_trainer(),
		trainerNote: m.ws_paper_sheet_trainer_note(),
		page: (page, pages) => m.ws_paper_sheet_page({ page, pages })
	});
	const day = vietnamDay(session.startsAt);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': contentDisposition(`danh-sach-ky-ten-${day}-${workshop.title}.pdf`),
			'cache-control': 'no-store'
		}
	});
};
