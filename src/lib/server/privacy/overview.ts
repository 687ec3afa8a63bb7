import { sql } from 'drizzle-orm';
import { vietnamDay } from '$lib/vietnam-time';
import type { Database } from '../db';
import { queryRows } from '../db/rows';
import { AUTHORITY_DEADLINE } from './breaches';
import { minorBornAfter } from './standing';

/** The privacy hub's state at a glance (/admin/privacy), read in one query. */
export interface PrivacyOverview {
	/** `contactMissing`: the notice gives neither an e-mail address nor a phone number to reach the operator. */
	notice: { version: number; publishedAt: Date; contactMissing: boolean } | null;
	requests: { open: number; overdue: number };
	/** Accounts under the minor age with no guardian's consent recorded (and not anonymised). */
	minorsAwaitingGuardian: number;
	breaches: { open: number; clockRunOut: number };
	lastRetentionRun: { startedAt: Date; finishedAt: Date | null; dryRun: boolean } | null;
}

interface Row {
	notice_version: number | null;
	notice_published_at: string | Date | null;
	notice_contact_missing: boolean | null;
	requests_open: number | string;
	requests_overdue: number | string;
	minors: number | string;
	breaches_open: number | string;
	breaches_late: number | string;
	run_started_at: string | Date | null;
	run_finished_at: string | Date | null;
	run_dry: boolean | null;
}

const instant = (v: string | Date | null) => (v === null ? null : new Date(v));

export async function privacyOverview(
	db: Database,
	minorAge: number,
	now: Date = new Date()
): Promise<PrivacyOverview> {
	const at = sql`${now.toISOString()}::timestamptz`;
	const bornAfter = minorBornAfter(vietnamDay(now), minorAge);
	const clockStart = sql`${new Date(now.getTime() - AUTHORITY_DEADLINE.hours * 3_600_000).toISOString()}::timestamptz`;
	const [row] = await queryRows<Row>(
		db,
		sql`
		with notice as (
			select version, published_at, controller from privacy_notices order by version desc limit 1
		), run as (
			select started_at, finished_at, dry_run from retention_runs order by started_at desc limit 1
		)
		select
			(select version from notice) as notice_version,
			(select published_at from notice) as notice_published_at,
			(select coalesce(controller->>'email', '') = '' and coalesce(controller->>'phone', '') = ''
				from notice) as notice_contact_missing,
			(select count(*) from data_requests where status = 'open') as requests_open,
			(select count(*) from data_requests
				where status = 'open' and coalesce(extended_due_at, due_at) < ${at}) as requests_overdue,
			(select count(*) from users
				where date_of_birth > ${bornAfter}::date and guardian_consent_at is null
					and anonymised_at is null) as minors,
			(select count(*) from data_breaches where status = 'open') as breaches_open,
			(select count(*) from data_breaches
				where status = 'open' and authority_notified_at is null
					and discovered_at <= ${clockStart}) as breaches_late,
			(select started_at from run) as run_started_at,
			(select finished_at from run) as run_finished_at,
			(select dry_run from run) as run_dry
	`
	);
	return {
		notice:
			row.notice_version === null
				? null
				: {
						version: Number(row.notice_version),
						publishedAt: instant(row.notice_published_at)!,
						contactMissing: Boolean(row.notice_contact_missing)
					},
		requests: { open: Number(row.requests_open), overdue: Number(row.requests_overdue) },
		minorsAwaitingGuardian: Number(row.minors),
		breaches: { open: Number(row.breaches_open), clockRunOut: Number(row.breaches_late) },
		lastRetentionRun:
			row.run_started_at === null
				? null
				: {
						startedAt: instant(row.run_started_at)!,
						finishedAt: instant(row.run_finished_at),
						dryRun: Boolean(row.run_dry)
					}
	};
}
