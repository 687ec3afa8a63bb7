import { sql } from 'drizzle-orm';
import type { Controller } from '$db/schema';
import { addMonths, vietnamDay } from '$lib/vietnam-time';
import type { Config } from '../config';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { dataCategories, legalBases, purposes, type Localised } from './registry';

/**
 * The record of processing activities, generated from what the platform knows: the registry of
 * processing (registry.ts), the retention periods and channels configured, the controller named by
 * the current privacy notice, and live counts of the people whose data it holds. The impact
 * assessment template (dpia.ts) is filled from the same record.
 */
export interface ProcessingRecord {
	generatedAt: Date;
	/** From the current privacy notice; null before one is published. */
	controller: Controller | null;
	noticeVersion: number | null;
	categories: { key: string; name: Localised; sensitive: boolean; tables: string[] }[];
	activities: RecordActivity[];
	processors: Processor[];
	/** Transfers abroad as the platform sees them; empty means none it knows of. */
	transfers: Localised[];
	subjects: SubjectCounts;
	retention: { key: string; name: Localised; value: number; unit: 'years' | 'months' }[];
}

export interface RecordActivity {
	key: string;
	name: Localised;
	basis: Localised;
	optional: boolean;
	categories: { name: Localised; sensitive: boolean }[];
	recipients: Localised;
	retention: Localised;
}

export interface Processor {
	key: 'database' | 'mail' | 'zalo';
	name: Localised;
	/** What it does with the data. */
	role: Localised;
	/** Where, as far as the platform can tell (a host name), or null. */
	where: string | null;
	/** Whether the operator must check for a transfer abroad. */
	checkAbroad: boolean;
}

export interface SubjectCounts {
	/** Accounts not anonymised. */
	accounts: number;
	/** Of those, under the configured minor age today (Vietnam). */
	minors: number;
	/** Accounts whose identity was erased (kept for the reports). */
	anonymised: number;
	/** Guardians whose name and contact are held (consent not withdrawn). */
	guardians: number;
}

const hostOf = (url: string) => {
	try {
		return new URL(url).hostname || null;
	} catch {
		return null;
	}
};

/** The processors this instance uses, from its configuration. */
export function processorsOf(c: Pick<Config, 'databaseUrl' | 'messages'>): Processor[] {
	const list: Processor[] = [
		c.databaseUrl
			? {
					key: 'database',
					name: { vi: 'Máy chủ cơ sở dữ liệu PostgreSQL', en: 'PostgreSQL database server' },
					role: {
						vi: 'Lưu toàn bộ dữ liệu của nền tảng',
						en: "Stores all of the platform's data"
					},
					where: hostOf(c.databaseUrl),
					checkAbroad: false
				}
			: {
					key: 'database',
					name: {
						vi: 'Cơ sở dữ liệu nhúng (PGlite) trên chính máy chủ của nền tảng',
						en: "Embedded database (PGlite) on the platform's own server"
					},
					role: {
						vi: 'Lưu toàn bộ dữ liệu của nền tảng trong thư mục dữ liệu',
						en: "Stores all of the platform's data in its data directory"
					},
					where: null,
					checkAbroad: false
				}
	];
	if (c.messages.mail)
		list.push({
			key: 'mail',
			name: { vi: 'Máy chủ gửi e-mail (SMTP)', en: 'E-mail server (SMTP)' },
			role: {
				vi: 'Chuyển e-mail thông báo, nhắc hạn đến địa chỉ e-mail của người dùng',
				en: "Carries notices and reminders to users' e-mail addresses"
			},
			where: hostOf(c.messages.mail.url),
			checkAbroad: true
		});
	if (c.messages.zns)
		list.push({
			key: 'zalo',
			name: {
				vi: 'Zalo Notification Service (Công ty Cổ phần VNG)',
				en: 'Zalo Notification Service (VNG Corporation)'
			},
			role: {
				vi: 'Gửi tin nhắn đến số điện thoại người dùng đã xác nhận và đồng ý nhận tin',
				en: 'Sends messages to phone numbers their owners confirmed and agreed to'
			},
			where: hostOf(c.messages.zns.url),
			checkAbroad: true
		});
	return list;
}

/** Transfers abroad the operator should check: a processor whose servers the platform cannot see. */
export function transfersOf(processors: Processor[]): Localised[] {
	return processors
		.filter((p) => p.checkAbroad)
		.map((p) => ({
			vi: `${p.name.vi}: kiểm tra với nhà cung cấp nơi dữ liệu được lưu và xử lý; nếu ở nước ngoài, cần hồ sơ đánh giá tác động chuyển dữ liệu ra nước ngoài`,
			en: `${p.name.en}: check with the provider where the data is stored and processed; if abroad, a transfer impact assessment is needed`
		}));
}

export function retentionOf(c: Pick<Config, 'privacy'>): ProcessingRecord['retention'] {
	const r = c.privacy.retention;
	return [
		{
			key: 'inactive',
			name: {
				vi: 'Tài khoản không hoạt động, sau đó ẩn danh',
				en: 'Inactive accounts, then anonymised'
			},
			value: r.inactiveYears,
			unit: 'years'
		},
		{
			key: 'attempts',
			name: { vi: 'Câu trả lời bài kiểm tra', en: 'Quiz answers' },
			value: r.attemptYears,
			unit: 'years'
		},
		{
			key: 'submissions',
			name: { vi: 'Bài nộp và tệp đính kèm', en: 'Work handed in and its files' },
			value: r.submissionYears,
			unit: 'years'
		},
		{
			key: 'logs',
			name: { vi: 'Nhật ký thao tác', en: 'Audit log' },
			value: r.logYears,
			unit: 'years'
		},
		{
			key: 'messages',
			name: {
				vi: 'Tin nhắn trong hộp thư và nhật ký gửi',
				en: 'Inbox messages and delivery records'
			},
			value: r.messageMonths,
			unit: 'months'
		}
	];
}

interface CountRow {
	accounts: number | string;
	minors: number | string;
	anonymised: number | string;
	guardians: number | string;
	notice_version: number | null;
	controller: Controller | string | null;
}

/** The record as of `now`, for this configuration. */
export async function processingRecord(
	db: Database,
	c: Pick<Config, 'databaseUrl' | 'messages' | 'privacy'>,
	now: Date = new Date()
): Promise<ProcessingRecord> {
	const bornAfter = addMonths(vietnamDay(now), -12 * c.privacy.minorAge);
	const [row] = await queryRows<CountRow>(
		db,
		sql`
		with notice as (
			select version, controller from privacy_notices order by version desc limit 1
		)
		select
			(select count(*) from users where anonymised_at is null) as accounts,
			(select count(*) from users
				where anonymised_at is null and date_of_birth > ${bornAfter}::date) as minors,
			(select count(*) from users where anonymised_at is not null) as anonymised,
			(select count(*) from guardian_consents where withdrawn_at is null) as guardians,
			(select version from notice) as notice_version,
			(select controller from notice) as controller
	`
	);
	const categoryOf = new Map(dataCategories.map((d) => [d.key, d]));
	const processors = processorsOf(c);
	const controller =
		typeof row.controller === 'string'
			? (JSON.parse(row.controller) as Controller)
			: row.controller;
	return {
		generatedAt: now,
		controller: controller ?? null,
		noticeVersion: row.notice_version === null ? null : Number(row.notice_version),
		categories: dataCategories.map((d) => ({ ...d, tables: [...d.tables] })),
		activities: purposes.map((p) => ({
			key: p.key,
			name: p.name,
			basis: legalBases[p.basis],
			optional: p.optional,
			categories: p.categories.map((key) => {
				const d = categoryOf.get(key)!;
				return { name: d.name, sensitive: d.sensitive };
			}),
			recipients: p.recipients,
			retention: p.retention(c.privacy.retention)
		})),
		processors,
		transfers: transfersOf(processors),
		subjects: {
			accounts: Number(row.accounts),
			minors: Number(row.minors),
			anonymised: Number(row.anonymised),
			guardians: Number(row.guardians)
		},
		retention: retentionOf(c)
	};
}
