/**
 * The class record as a workbook: participants with their attendance per session, test scores,
 * the survey in figures, certificates issued. In Vietnamese whatever the reader's language, as the
 * certificates are: it is filed with a Vietnamese centre's accounts.
 */
import ExcelJS from 'exceljs';
import { vietnamClock } from '$lib/vietnam-time';
import { dateVi } from '../certificates/pdf-text';
import { xlsxCell } from '../reports/xlsx';
import type { Dossier } from './dossier';
import { sessionsNeeded } from './rules';

export const METHOD_VI: Record<string, string> = {
	qr: 'Quét mã QR',
	tap: 'Giảng viên điểm danh',
	paper: 'Danh sách ký tên',
	staff: 'Cán bộ ghi nhận'
};

export const STATUS_VI: Record<string, string> = {
	registered: 'Đã đăng ký',
	waitlisted: 'Danh sách chờ',
	cancelled: 'Đã hủy'
};

export const percentVi = (n: number | null) =>
	n === null ? '' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n)}%`;

export const sessionLabel = (s: { startsAt: Date; endsAt: Date }, i: number) =>
	`Buổi ${i + 1} (${dateVi(s.startsAt.toISOString())} ${vietnamClock(s.startsAt)}–${vietnamClock(s.endsAt)})`;

export const ruleVi = (rule: Dossier['workshop']['rule'], total: number) =>
	rule.kind === 'all'
		? 'Có mặt tất cả các buổi'
		: `Có mặt ít nhất ${Math.round(rule.share * 100)}% số buổi (${sessionsNeeded(rule, total) ?? 0}/${total})`;

type Value = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Value[][]) {
	const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = header.map((_, i) => ({ width: i === 1 ? 30 : 18 }));
	ws.addRow(header).font = { bold: true };
	for (const row of rows) ws.addRow(row.map((v) => xlsxCell(v)));
	return ws;
}

export async function dossierWorkbook(d: Dossier): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = d.workshop.organisation;
	workbook.title = `Hồ sơ lớp: ${d.workshop.title}`;

	addSheet(
		workbook,
		'Thông tin',
		['Mục', 'Nội dung'],
		[
			['Buổi tập huấn', d.workshop.title],
			['Đơn vị tổ chức', d.workshop.organisation],
			['Khóa học', d.workshop.course ?? ''],
			['Địa điểm', d.workshop.venue],
			['Địa bàn', d.workshop.area ?? ''],
			['Số buổi', d.sessions.length],
			['Số người tham dự', d.participants.filter((p) => p.attended > 0).length],
			['Điều kiện cấp giấy chứng nhận', ruleVi(d.workshop.rule, d.sessions.length)],
			['Giấy chứng nhận tham dự đã cấp', d.certificates.length],
			['Kết thúc lớp', d.workshop.closedAt ? dateVi(d.workshop.closedAt.toISOString()) : '']
		]
	);

	addSheet(
		workbook,
		'Học viên',
		[
			'STT',
			'Họ và tên',
			'Tài khoản',
			'Đơn vị',
			'Đăng ký',
			...d.sessions.map(sessionLabel),
			'Số buổi có mặt',
			'Đủ điều kiện',
			'Điểm đầu vào',
			'Điểm cuối khóa',
			'Số giấy chứng nhận'
		],
		d.participants.map((p, i) => [
			i + 1,
			p.fullName,
			p.account,
			p.organisation ?? '',
			p.source === 'walk_in' ? 'Đến trực tiếp' : (STATUS_VI[p.status] ?? p.status),
			...p.attendance.map((a) => (a ? `${METHOD_VI[a.method]} ${vietnamClock(a.at)}` : 'Vắng')),
			p.attended,
			p.met ? 'Có' : 'Không',
			percentVi(p.pre),
			percentVi(p.post),
			p.certificateNumber ?? ''
		])
	);

	const t = d.tests;
	addSheet(
		workbook,
		'Kiểm tra',
		['Chỉ số', 'Giá trị'],
		[
			['Số người làm bài đầu vào', t.pre?.count ?? 0],
			['Điểm trung bình đầu vào', percentVi(t.pre?.average ?? null)],
			['Số người làm bài cuối khóa', t.post?.count ?? 0],
			['Điểm trung bình cuối khóa', percentVi(t.post?.average ?? null)],
			['Số người làm cả hai bài', t.paired],
			['Mức tăng trung bình (điểm %)', t.gain === null ? '' : Math.round(t.gain * 10) / 10]
		]
	);

	addSheet(
		workbook,
		'Khảo sát',
		['Câu hỏi', 'Số trả lời', 'Điểm trung bình (1–5)', '1', '2', '3', '4', '5', 'Ý kiến'],
		d.survey.questions.map((q) => [
			q.text,
			q.count,
			q.average === null ? '' : Math.round(q.average * 100) / 100,
			...(q.kind === 'rating' ? q.distribution : ['', '', '', '', '']),
			q.comments.join('\n')
		])
	);

	addSheet(
		workbook,
		'Giấy chứng nhận',
		['Số', 'Họ và tên', 'Mã xác thực', 'Số giờ', 'Ngày cấp', 'Tình trạng'],
		d.certificates.map((c) => [
			c.number,
			c.fullName,
			c.code,
			c.hours,
			dateVi(c.issuedAt.toISOString()),
			c.revokedAt ? 'Đã thu hồi' : 'Còn hiệu lực'
		])
	);

	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
