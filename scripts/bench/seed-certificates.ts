// Certificates for every completed enrolment. The first few are issued by the platform itself
// (issueCertificate); the rest are built exactly as it builds them — statement, Ed25519 signature
// with the database's own key, register numbers from its sequence, fresh codes — and inserted in
// batches, which takes seconds instead of minutes.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { certificates, type Localised } from '../../db/schema';
import { generateCertificateCode } from '../../src/lib/server/certificates/code';
import { expiryFor } from '../../src/lib/server/certificates/expiry';
import { issueCertificate } from '../../src/lib/server/certificates/issue';
import { refreshSummaries } from '../../src/lib/server/progress/summary';
import { currentSigningKey } from '../../src/lib/server/certificates/keystore';
import { formatCertificateNumber } from '../../src/lib/server/certificates/number';
import {
	signStatement,
	STATEMENT_VERSION,
	type CertificateStatement
} from '../../src/lib/server/certificates/statement';
import { parseConfig } from '../../src/lib/server/config';
import type { Database } from '../../src/lib/server/db';
import { rows } from './seed-sql';

/** Issued through the domain, one by one: enough to be sure the bulk ones look the same. */
const THROUGH_THE_DOMAIN = 10;
const BATCH = 500;

interface Completed {
	enrolment_id: string;
	user_id: string;
	course_id: string;
	slug: string;
	completed_at: string;
	full_name: string;
	date_of_birth: string | null;
	organisation: string | null;
	title: Localised;
	hours: number;
	version_id: string;
	version: number;
	validity: number | null;
}

export async function seedCertificates(db: Database): Promise<void> {
	// The defaults, not this process's environment: the server is started without certificate settings.
	const settings = parseConfig({}).certificates;
	const completed = await rows<Completed>(
		db,
		sql`select e.id as enrolment_id, e.user_id, e.course_id, c.slug, e.completed_at::text as completed_at,
			u.full_name, u.date_of_birth::text as date_of_birth, o.name as organisation, c.title, c.hours,
			v.id as version_id, v.number as version,
			(c.certificate->>'validityMonths')::int as validity
		from enrolments e join users u on u.id = e.user_id join courses c on c.id = e.course_id
		join course_versions v on v.id = c.current_version_id
		left join organisations o on o.id = u.organisation_id
		where e.completed_at is not null order by e.completed_at, e.id`
	);
	const byDomain = completed.slice(0, THROUGH_THE_DOMAIN);
	for (const c of byDomain) {
		const result = await issueCertificate(db, {
			userId: c.user_id,
			courseId: c.course_id,
			settings
		});
		if (!result.ok)
			throw new Error(`issueCertificate refused a seeded completion: ${result.reason}`);
	}
	const rest = completed.slice(THROUGH_THE_DOMAIN);
	const key = await currentSigningKey(db, settings.signingKey);
	const codes = new Set<string>();
	for (let start = 0; start < rest.length; start += BATCH) {
		const batch = rest.slice(start, start + BATCH);
		const numbers = await rows<{ n: number }>(
			db,
			sql`select nextval('certificate_register_seq')::int as n from generate_series(1, ${sql.raw(String(batch.length))})`
		);
		const values = batch.map((c, i) => {
			const completedAt = new Date(c.completed_at);
			// Issued the moment the course was completed, as evaluateCompletion does.
			const issuedAt = completedAt;
			const registerNumber = Number(numbers[i].n);
			let code = generateCertificateCode();
			while (codes.has(code)) code = generateCertificateCode();
			codes.add(code);
			const expiresAt = expiryFor(completedAt, c.validity);
			const id = randomUUID();
			const statement: CertificateStatement = {
				version: STATEMENT_VERSION,
				id,
				code,
				number: formatCertificateNumber(registerNumber, issuedAt),
				registerNumber,
				holder: {
					name: c.full_name,
					...(c.date_of_birth ? { dateOfBirth: c.date_of_birth } : {}),
					...(c.organisation ? { organisation: c.organisation } : {})
				},
				course: {
					id: c.course_id,
					slug: c.slug,
					title: c.title,
					version: c.version,
					hours: c.hours
				},
				completedAt: completedAt.toISOString(),
				issuedAt: issuedAt.toISOString(),
				...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
				issuer: {
					name: settings.issuer,
					place: settings.place,
					signatory: {
						title: settings.signatoryTitle,
						...(settings.signatoryName ? { name: settings.signatoryName } : {})
					}
				}
			};
			return {
				id,
				code,
				number: statement.number,
				registerNumber,
				userId: c.user_id,
				courseId: c.course_id,
				courseVersionId: c.version_id,
				enrolmentId: c.enrolment_id,
				fullName: c.full_name,
				dateOfBirth: c.date_of_birth,
				organisationName: c.organisation,
				courseTitle: c.title,
				courseVersion: c.version,
				hours: c.hours,
				completedAt,
				issuedAt,
				expiresAt,
				credential: statement,
				signature: signStatement(statement, key),
				keyId: key.id
			};
		});
		await db.insert(certificates).values(values);
	}
	// The last rows a learner's summary reads are written: every enrolment's summary, set-based.
	await refreshSummaries(db, { all: true });
}
