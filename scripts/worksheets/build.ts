/**
 * Builds every worksheet (a workbook and a printable form each) and the vocational course's
 * teacher's guide, as bytes keyed by their path from the repository's root. Nothing here writes:
 * `generate.ts` does, and the test compares these bytes' contents with the shipped files.
 */
import { guideSheet, footerOf, SHEET_NAMES, COURSE } from './common';
import type { Worksheet } from './model';
import { PdfDoc } from './pdf';
import { matrix } from './sheets/01-ma-tran-chon-trong-tam';
import { flow } from './sheets/02-so-do-dong-va-bang-dau-vao-dau-ra';
import { balance } from './sheets/03-can-bang-vat-lieu-va-nang-luong';
import { costing } from './sheets/04-chi-phi-dong-thai';
import { options } from './sheets/05-danh-sach-va-sang-loc-giai-phap';
import { feasibility } from './sheets/06-tinh-kha-thi';
import { actionPlan } from './sheets/07-ke-hoach-hanh-dong-va-chi-so-giam-sat';
import { renderTeacherGuide } from './teacher-guide/render';
import { newWorkbook, SheetBuilder, workbookBytes } from './xlsx';
import { fileURLToPath } from 'node:url';

/** The repository's root: files are read and written relative to it, wherever the command runs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const WORKSHEET_DIR = 'courses/danh-gia-sxsh-tu-van-vien/phieu-lam-viec';
export const TEACHER_GUIDE = 'courses/sxsh-truong-nghe/giao-vien/huong-dan-giang-day.pdf';

export const WORKSHEETS: Worksheet[] = [
	matrix,
	flow,
	balance,
	costing,
	options,
	feasibility,
	actionPlan
];

export async function buildWorkbook(w: Worksheet): Promise<Uint8Array> {
	const wb = newWorkbook(`Phiếu ${w.file.slice(0, 2)}. ${w.title}`, `${COURSE}: ${w.tasks}`);
	const sheets = [guideSheet(wb, w)];
	for (const example of [true, false]) {
		const s = new SheetBuilder(
			wb,
			example ? SHEET_NAMES.example : SHEET_NAMES.blank,
			w.widths,
			w.landscape,
			footerOf(w)
		);
		w.sheet(s, example);
		sheets.push(s);
	}
	for (const s of sheets) await s.finish();
	wb.views = [
		{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }
	];
	return workbookBytes(wb);
}

export async function buildForm(w: Worksheet): Promise<Uint8Array> {
	const doc = await PdfDoc.create(
		{
			title: `Phiếu ${w.file.slice(0, 2)}. ${w.title}`,
			subject: `${COURSE}: ${w.tasks}`,
			footer: footerOf(w)
		},
		w.landscape
	);
	w.form(doc);
	return doc.save();
}

export async function buildAll(): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>();
	for (const w of WORKSHEETS) {
		files.set(`${WORKSHEET_DIR}/${w.file}.xlsx`, await buildWorkbook(w));
		files.set(`${WORKSHEET_DIR}/${w.file}.pdf`, await buildForm(w));
	}
	files.set(TEACHER_GUIDE, await renderTeacherGuide(`${ROOT}courses/sxsh-truong-nghe`));
	return files;
}
