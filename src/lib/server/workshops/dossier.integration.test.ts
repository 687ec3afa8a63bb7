import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	surveyResponses,
	surveyTemplates,
	workshopRegistrations,
	workshops,
	workshopSessions,
	workshopTestScores
} from '$db/schema';
import { pdfText } from '$testing/certificates';
import { grantRole } from '../auth/roles';
import { staffScope } from '../auth/staff';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { createOrganisation } from '../organisations';
import { makeUser } from '$testing/factories';
import { recordAttendance } from './attendance';
import { closeWorkshop } from './close';
import { dossierZip } from './dossier-zip';

/** Each row of a sheet as plain values (the first cell is column A). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
	const rows: unknown[][] = [];
	sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	return rows;
}

describe.each(testEngines)('the class record (hồ sơ lớp) on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('zips a workbook and a PDF with attendance per session and method, scores, survey, certificates', async () => {
		const organisation = await createOrganisation(db, {
			name: 'Trung tâm Khuyến công Bến Tre',
			kind: 'agency',
			area: null
		});
		const trainerUser = await makeUser(db, { fullName: 'Giảng viên Hòa' });
		await grantRole(db, null, trainerUser.id, 'trainer', organisation.id);
		const trainer = { user: trainerUser, scope: await staffScope(db, trainerUser) };
		const [template] = await db
			.insert(surveyTemplates)
			.values({
				title: 'Phiếu khảo sát mức độ hài lòng',
				questions: [
					{ id: 'q1', kind: 'rating', text: 'Nội dung có hữu ích không?' },
					{ id: 'q2', kind: 'comment', text: 'Góp ý thêm' }
				]
			})
			.returning();
		const [w] = await db
			.insert(workshops)
			.values({
				title: 'Tập huấn sản xuất sạch hơn ngành dừa',
				organisationId: organisation.id,
				venue: 'Hội trường UBND xã Lương Quới',
				status: 'open',
				attendanceCertificate: true,
				surveyTemplateId: template.id
			})
			.returning();
		const sessions = await db
			.insert(workshopSessions)
			.values([
				{
					workshopId: w.id,
					startsAt: new Date('2026-03-02T01:00:00Z'),
					endsAt: new Date('2026-03-02T04:00:00Z')
				},
				{
					workshopId: w.id,
					startsAt: new Date('2026-03-03T01:00:00Z'),
					endsAt: new Date('2026-03-03T04:00:00Z')
				}
			])
			.returning();
		sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
		const an = await makeUser(db, { fullName: 'Nguyễn Văn An' });
		const binh = await makeUser(db, { fullName: 'Trần Thị Bình' });
		const absent = await makeUser(db, { fullName: 'Lê Văn Vắng' });
		await db.insert(workshopRegistrations).values(
			[an, binh, absent].map((u) => ({
				workshopId: w.id,
				userId: u.id,
				status: 'registered' as const,
				source: 'self' as const
			}))
		);
		const at = (i: number, minutes: number) =>
			new Date(sessions[i].startsAt.getTime() + minutes * 60_000);
		await recordAttendance(db, {
			sessionId: sessions[0].id,
			userId: an.id,
			method: 'qr',
			by: an.id,
			at: at(0, 5)
		});
		await recordAttendance(db, {
			sessionId: sessions[1].id,
			userId: an.id,
			method: 'paper',
			by: trainerUser.id,
			at: at(1, 0)
		});
		await recordAttendance(db, {
			sessionId: sessions[0].id,
			userId: binh.id,
			method: 'tap',
			by: trainerUser.id,
			at: at(0, 20)
		});
		await db.insert(workshopTestScores).values([
			{ workshopId: w.id, userId: an.id, phase: 'pre', percent: 40, source: 'paper' },
			{ workshopId: w.id, userId: an.id, phase: 'post', percent: 85, source: 'online' }
		]);
		await db.insert(surveyResponses).values([
			{
				workshopId: w.id,
				templateId: template.id,
				userId: an.id,
				answers: { q1: 5, q2: 'Rất thiết thực' }
			},
			{ workshopId: w.id, templateId: template.id, userId: null, answers: { q1: 4 } }
		]);
		const closed = await closeWorkshop(db, trainer, w.id, new Date('2026-03-04T00:00:00Z'));
		if (!closed.ok) throw new Error('not closed');
		const number = closed.issued[0].number;
		expect(closed.issued).toHaveLength(1);

		const zip = await dossierZip(db, w.id, new Date('2026-03-04T00:00:00Z'));
		expect(zip?.fileName).toBe('Hồ sơ lớp - Tập huấn sản xuất sạch hơn ngành dừa.zip');
		const files = unzipSync(zip!.bytes);
		expect(Object.keys(files).sort()).toEqual(['ho-so-lop.pdf', 'ho-so-lop.xlsx']);

		const book = new ExcelJS.Workbook();
		await book.xlsx.load(files['ho-so-lop.xlsx'].buffer as ArrayBuffer);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			'Thông tin',
			'Học viên',
			'Kiểm tra',
			'Khảo sát',
			'Giấy chứng nhận'
		]);
		const people = rowsOf(book.getWorksheet('Học viên')!);
		expect(people[0]).toEqual([
			'STT',
			'Họ và tên',
			'Tài khoản',
			'Đơn vị',
			'Đăng ký',
			'Buổi 1 (02/03/2026 08:00–11:00)',
			'Buổi 2 (03/03/2026 08:00–11:00)',
			'Số buổi có mặt',
			'Đủ điều kiện',
			'Điểm đầu vào',
			'Điểm cuối khóa',
			'Số giấy chứng nhận'
		]);
		const byName = new Map(people.slice(1).map((r) => [r[1], r]));
		expect(byName.get('Nguyễn Văn An')?.slice(5)).toEqual([
			'Quét mã QR 08:05',
			'Danh sách ký tên 08:00',
			2,
			'Có',
			'40%',
			'85%',
			number
		]);
		expect(byName.get('Trần Thị Bình')?.slice(5, 9)).toEqual([
			'Giảng viên điểm danh 08:20',
			'Vắng',
			1,
			'Không'
		]);
		expect(byName.get('Lê Văn Vắng')?.slice(5, 8)).toEqual(['Vắng', 'Vắng', 0]);
		expect(rowsOf(book.getWorksheet('Kiểm tra')!)).toContainEqual([
			'Mức tăng trung bình (điểm %)',
			45
		]);
		const survey = rowsOf(book.getWorksheet('Khảo sát')!);
		expect(survey[1]).toEqual(['Nội dung có hữu ích không?', 2, 4.5, 0, 0, 0, 1, 1, '']);
		expect(survey[2][8]).toBe('Rất thiết thực');
		const issued = rowsOf(book.getWorksheet('Giấy chứng nhận')!);
		expect(issued.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([
			[number, 'Nguyễn Văn An', 'Còn hiệu lực']
		]);

		const text = (await pdfText(files['ho-so-lop.pdf'])).normalize('NFC');
		for (const expected of [
			'HỒ SƠ LỚP TẬP HUẤN',
			'Tập huấn sản xuất sạch hơn ngành dừa',
			'Danh sách điểm danh – Buổi 1 (02/03/2026 08:00–11:00)',
			'Danh sách điểm danh – Buổi 2 (03/03/2026 08:00–11:00)',
			'Trần Thị Bình',
			'Giảng viên điểm danh',
			'Ký tên',
			'Mức tăng trung bình: 45%',
			'Nội dung có hữu ích không?',
			'4,50',
			'– Rất thiết thực',
			number
		])
			expect(text).toContain(expected);
		// The absent person is listed in the workbook, not in any session's sign-in record.
		expect(text).not.toContain('Lê Văn Vắng');
	});
});
