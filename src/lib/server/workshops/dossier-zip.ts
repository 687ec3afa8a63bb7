import { zipSync } from 'fflate';
import type { Database } from '../db';
import { pause } from '../intake/slices';
import { workshopDossier } from './dossier';
import { dossierPdf } from './dossier-pdf';
import { dossierWorkbook } from './dossier-xlsx';

/**
 * The "hồ sơ lớp" as one zip: the workbook and the printable PDF. Built in the request, as the
 * certificates and sign-in sheets are (150 people and three sessions take well under a second),
 * with a pause between the two files so other requests are served meanwhile.
 */
export async function dossierZip(
	db: Database,
	workshopId: string,
	now = new Date()
): Promise<{ fileName: string; bytes: Uint8Array } | undefined> {
	const dossier = await workshopDossier(db, workshopId);
	if (!dossier) return undefined;
	const xlsx = await dossierWorkbook(dossier);
	await pause();
	const pdf = await dossierPdf(dossier, now);
	await pause();
	// The files inside keep plain names: some unzip tools still mangle accented ones.
	const bytes = zipSync({ 'ho-so-lop.xlsx': xlsx, 'ho-so-lop.pdf': pdf }, { level: 6 });
	return { fileName: `Hồ sơ lớp - ${dossier.workshop.title}.zip`, bytes };
}
