import { m } from '$lib/paraglide/messages';
import { localise } from '$lib/localise';
import { formatNumber } from '$lib/format';
import { vietnamDay } from '$lib/vietnam-time';
import type { Sheet } from '../reports/xlsx';
import type { ProcessingRecord } from './record';

const yesNo = (v: boolean) => (v ? m.privacy_record_yes() : m.privacy_record_no());

/** The record of processing activities as sheets, in the reader's language. */
export function recordSheets(record: ProcessingRecord): Sheet[] {
	const c = record.controller;
	return [
		{
			name: m.privacy_record_sheet_controller(),
			header: [m.privacy_record_field(), m.privacy_record_value()],
			rows: [
				[m.privacy_record_controller_name(), c?.name ?? ''],
				[m.privacy_record_controller_address(), c?.address ?? ''],
				[m.privacy_record_controller_email(), c?.email ?? ''],
				[m.privacy_record_controller_phone(), c?.phone ?? ''],
				[m.privacy_record_controller_contact(), c?.contact ?? ''],
				[m.privacy_record_notice_version(), record.noticeVersion],
				[m.privacy_record_generated(), new Date(`${vietnamDay(record.generatedAt)}T00:00:00Z`)],
				[m.privacy_record_subjects_accounts(), record.subjects.accounts],
				[m.privacy_record_subjects_minors(), record.subjects.minors],
				[m.privacy_record_subjects_guardians(), record.subjects.guardians],
				[m.privacy_record_subjects_anonymised(), record.subjects.anonymised]
			]
		},
		{
			name: m.privacy_record_sheet_activities(),
			header: [
				m.privacy_record_purpose(),
				m.privacy_record_basis(),
				m.privacy_record_optional(),
				m.privacy_record_categories(),
				m.privacy_record_recipients(),
				m.privacy_record_retention()
			],
			rows: record.activities.map((a) => [
				localise(a.name),
				localise(a.basis),
				yesNo(a.optional),
				a.categories
					.map((d) => localise(d.name) + (d.sensitive ? ` (${m.privacy_record_sensitive()})` : ''))
					.join('; '),
				localise(a.recipients),
				localise(a.retention)
			])
		},
		{
			name: m.privacy_record_sheet_categories(),
			header: [
				m.privacy_record_category(),
				m.privacy_record_sensitive(),
				m.privacy_record_tables()
			],
			rows: record.categories.map((d) => [
				localise(d.name),
				yesNo(d.sensitive),
				d.tables.join(', ')
			])
		},
		{
			name: m.privacy_record_sheet_processors(),
			header: [
				m.privacy_record_processor(),
				m.privacy_record_processor_role(),
				m.privacy_record_processor_where(),
				m.privacy_record_transfer_check()
			],
			rows: record.processors.map((p) => [
				localise(p.name),
				localise(p.role),
				p.where ?? '',
				yesNo(p.checkAbroad)
			])
		},
		{
			name: m.privacy_record_sheet_retention(),
			header: [m.privacy_record_retention_item(), m.privacy_record_retention_period()],
			rows: record.retention.map((r) => [
				localise(r.name),
				r.unit === 'years'
					? m.privacy_record_years({ count: formatNumber(r.value) })
					: m.privacy_record_months({ count: formatNumber(r.value) })
			])
		}
	];
}
