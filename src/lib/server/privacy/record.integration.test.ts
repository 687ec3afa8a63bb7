import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardianConsents, privacyNotices, users } from '$db/schema';
import { BREACH_CATEGORY_KEYS } from '$lib/schemas/breach';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { makeUser } from '$testing/factories';
import { parseConfig } from '../config';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { workbookStream } from '../reports/xlsx';
import { processingRecord } from './record';
import { recordSheets } from './record-xlsx';
import { dataCategories, purposes } from './registry';

const ZALO = {
	ORIGIN: 'https://sxsh.example.vn',
	ZALO_ZNS_TEMPLATES: 'phone_code=123456',
	ZALO_ZNS_ACCESS_TOKEN: 'a-fixed-token-for-a-quick-test'
};
const MAIL = { SMTP_URL: 'smtps://u:p@mail.example.vn:465', MAIL_FROM: 'no-reply@example.vn' };

describe('the breach form offers exactly the registry categories', () => {
	it('keeps the schema list in step with registry.ts', () => {
		expect([...BREACH_CATEGORY_KEYS]).toEqual(dataCategories.map((c) => c.key));
	});
});

describe.each(testEngines)('the record of processing activities, on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		overwriteGetLocale(() => 'vi');
		const admin = await makeUser(db, { isAdmin: true });
		const minor = await makeUser(db, { dateOfBirth: '2012-03-01' });
		await makeUser(db, { dateOfBirth: '1990-03-01' });
		const erased = await makeUser(db);
		await db.update(users).set({ anonymisedAt: new Date() }).where(eq(users.id, erased.id));
		await db.insert(guardianConsents).values({
			userId: minor.id,
			guardianName: 'Lê Văn Cha',
			guardianContact: '0900000000',
			relationship: 'cha',
			consentedOn: '2026-09-01',
			method: 'paper'
		});
		await db.insert(privacyNotices).values([
			{
				version: 1,
				body: { vi: 'Cũ' },
				html: { vi: '<p>Cũ</p>' },
				controller: {
					name: 'Sở cũ',
					address: '',
					email: '',
					phone: '',
					contact: ''
				},
				publishedBy: admin.id
			},
			{
				version: 2,
				body: { vi: 'Mới' },
				html: { vi: '<p>Mới</p>' },
				controller: {
					name: 'Trung tâm Khuyến công và Xúc tiến thương mại',
					address: '1 Đường Hùng Vương, Vĩnh Long',
					email: 'dlcn@example.vn',
					phone: '0270 000 000',
					contact: 'Phòng Hành chính'
				},
				publishedBy: admin.id
			}
		]);
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('lists every registry purpose, with the periods of the given configuration', async () => {
		const config = parseConfig({ RETENTION_INACTIVE_YEARS: '7', RETENTION_MESSAGE_MONTHS: '18' });
		const record = await processingRecord(db, config, new Date('2026-12-04T03:00:00Z'));
		expect(record.activities.map((a) => a.key)).toEqual(purposes.map((p) => p.key));
		expect(record.activities.find((a) => a.key === 'service')!.retention.vi).toContain('7 năm');
		expect(record.activities.find((a) => a.key === 'messages')!.retention.vi).toBe('18 tháng');
		expect(record.retention.find((r) => r.key === 'inactive')).toMatchObject({
			value: 7,
			unit: 'years'
		});
		expect(record.retention.find((r) => r.key === 'messages')).toMatchObject({
			value: 18,
			unit: 'months'
		});
		// Sensitive categories are marked where a purpose uses them.
		const service = record.activities.find((a) => a.key === 'service')!;
		expect(service.categories.filter((c) => c.sensitive).length).toBeGreaterThan(0);
		expect(record.categories).toHaveLength(dataCategories.length);
	});

	it('names the controller of the current notice and counts the people', async () => {
		const record = await processingRecord(db, parseConfig({}), new Date('2026-12-04T03:00:00Z'));
		expect(record.noticeVersion).toBe(2);
		expect(record.controller?.name).toBe('Trung tâm Khuyến công và Xúc tiến thương mại');
		expect(record.subjects).toEqual({ accounts: 3, minors: 1, anonymised: 1, guardians: 1 });
	});

	it('lists Zalo and the mail server only when configured, and no transfer abroad by default', async () => {
		const plain = await processingRecord(db, parseConfig({}));
		expect(plain.processors.map((p) => p.key)).toEqual(['database']);
		expect(plain.transfers).toEqual([]);

		const withBoth = await processingRecord(db, parseConfig({ ...ZALO, ...MAIL }));
		expect(withBoth.processors.map((p) => p.key)).toEqual(['database', 'mail', 'zalo']);
		expect(withBoth.processors.find((p) => p.key === 'mail')?.where).toBe('mail.example.vn');
		expect(withBoth.transfers.map((t) => t.vi).join(' ')).toContain('Zalo');

		const onPostgres = await processingRecord(
			db,
			parseConfig({ DATABASE_URL: 'postgres://sxsh:secret@db.example.vn:5432/sxsh' })
		);
		expect(onPostgres.processors[0]).toMatchObject({ key: 'database', where: 'db.example.vn' });
		expect(JSON.stringify(onPostgres)).not.toContain('secret');
	});

	it('writes a workbook that opens with exceljs and holds the rows', async () => {
		const record = await processingRecord(db, parseConfig({ ...ZALO }));
		const bytes = await new Response(
			workbookStream(recordSheets(record), { title: 'Ghi nhận', creator: 'Sạch Hơn' })
		).arrayBuffer();
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(bytes);
		expect(book.worksheets.map((w) => w.name)).toEqual([
			'Bên kiểm soát',
			'Hoạt động xử lý',
			'Loại dữ liệu',
			'Bên xử lý',
			'Thời hạn lưu trữ'
		]);
		const activities = book.getWorksheet('Hoạt động xử lý')!;
		expect(activities.rowCount).toBe(purposes.length + 1);
		expect(activities.getRow(2).getCell(1).value).toBe(purposes[0].name.vi);
		const controller = book.getWorksheet('Bên kiểm soát')!;
		expect(controller.getRow(2).getCell(2).value).toBe(
			'Trung tâm Khuyến công và Xúc tiến thương mại'
		);
		const processors = book.getWorksheet('Bên xử lý')!;
		expect(processors.rowCount).toBe(3);
		expect(String(processors.getRow(3).getCell(1).value)).toContain('Zalo');
	});
});
