import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
	certificates,
	courses,
	courseVersions,
	enrolments,
	organisations,
	users,
	type Certificate
} from '$db/schema';
import { config, type CertificateConfig } from '../config';
import type { Database } from '../db';
import { refreshSummaries } from '../progress/summary';
import { notify } from '../messages/outbox';
import { certifiedAssessments } from '../assignments/certified';
import { generateCertificateCode } from './code';
import { expiryFor, renewalDue } from './expiry';
import { currentSigningKey } from './keystore';
import { formatCertificateNumber, nextRegisterNumber } from './number';
import { signStatement, STATEMENT_VERSION, type CertificateStatement } from './statement';

export interface IssueInput {
	userId: string;
	courseId: string;
	now?: Date;
	/** When the learner met the rule this time (passed the assessment again, for a renewal). */
	completedAt?: Date;
	/** Issuer, signatory, place and signing key; the configuration's by default. */
	settings?: CertificateConfig;
	/** Draws verification codes; tests pass a fixed sequence to exercise a clash. */
	drawCode?: () => string;
}

export type IssueResult =
	| { ok: true; certificate: Certificate; issued: boolean }
	| { ok: false; reason: 'not_completed' | 'not_offered' };

/** Who signs for a course published to one organisation's members: the head of that organisation. */
export const ORGANISATION_SIGNATORY = 'Thủ trưởng đơn vị';

/**
 * The issuer printed and signed: the configured one (the centre) for province-wide courses; for a
 * course an organisation published to its own members without review (authoring/review.ts), that
 * organisation, so the province's name is not put on what it did not review.
 */
export async function issuerOf(
	db: Database,
	course: { organisationId: string | null },
	settings: CertificateConfig
): Promise<CertificateStatement['issuer']> {
	if (course.organisationId) {
		const [organisation] = await db
			.select({ name: organisations.name })
			.from(organisations)
			.where(eq(organisations.id, course.organisationId));
		if (organisation)
			return {
				name: organisation.name,
				place: settings.place,
				signatory: { title: ORGANISATION_SIGNATORY }
			};
	}
	return {
		name: settings.issuer,
		place: settings.place,
		signatory: {
			title: settings.signatoryTitle,
			...(settings.signatoryName ? { name: settings.signatoryName } : {})
		}
	};
}

/** Attempts at drawing an unused code; with 59 bits a second one is already vanishingly rare. */
const CODE_ATTEMPTS = 5;

/**
 * Issues the learner's certificate for a completed course, once: calling it again (or twice at the
 * same moment) returns the certificate already issued (`issued: false`). For a course whose
 * certificates expire, a call when the latest one has expired or expires within 90 days issues a
 * renewal (`renewsId`) — so call it when the learner passes the assessment again. A revoked
 * certificate is never replaced automatically. Name, birth date, organisation, course title, version
 * and hours are copied as they are now: the certificate keeps saying what it said when issued.
 */
export async function issueCertificate(db: Database, input: IssueInput): Promise<IssueResult> {
	const now = input.now ?? new Date();
	const settings = input.settings ?? config().certificates;
	const key = await currentSigningKey(db, settings.signingKey);
	return db.transaction(async (tx) => {
		// Locking the enrolment makes concurrent calls for one learner and course take turns.
		const [enrolment] = await tx
			.select()
			.from(enrolments)
			.where(and(eq(enrolments.userId, input.userId), eq(enrolments.courseId, input.courseId)))
			.for('update');
		if (!enrolment?.completedAt) return { ok: false, reason: 'not_completed' };
		const [course] = await tx.select().from(courses).where(eq(courses.id, input.courseId));
		if (!course?.certificate.enabled || !course.currentVersionId) {
			return { ok: false, reason: 'not_offered' };
		}
		const [latest] = await tx
			.select()
			.from(certificates)
			.where(
				and(
					eq(certificates.userId, input.userId),
					eq(certificates.courseId, course.id),
					// A certificate of attendance of the course's workshop is not this one.
					eq(certificates.kind, 'completion')
				)
			)
			.orderBy(desc(certificates.issuedAt), desc(certificates.registerNumber))
			.limit(1);
		if (latest && (latest.revokedAt || !renewalDue(latest.expiresAt, now))) {
			return { ok: true, certificate: latest, issued: false };
		}
		// The graded work the course asks for is printed; a renewal needs it all passed, so holders
		// certified before a course required its practicum keep their certificate but renew with it.
		const assessed = await certifiedAssessments(tx, input.userId, course.id);
		if (latest && assessed.missing > 0) return { ok: false, reason: 'not_completed' };

		const person = await holderFacts(tx, input.userId);
		const issuer = await issuerOf(tx, course, settings);
		const [version] = await tx
			.select({ number: courseVersions.number })
			.from(courseVersions)
			.where(eq(courseVersions.id, course.currentVersionId));
		const completedAt = latest ? (input.completedAt ?? now) : enrolment.completedAt;
		const expiresAt = expiryFor(completedAt, course.certificate.validityMonths, latest?.expiresAt);
		const registerNumber = await nextRegisterNumber(tx);
		const id = randomUUID();
		const number = formatCertificateNumber(registerNumber, now);

		const statement: Omit<CertificateStatement, 'code'> = {
			version: STATEMENT_VERSION,
			id,
			number,
			registerNumber,
			holder: holderOf(person),
			course: {
				id: course.id,
				slug: course.slug,
				title: course.title,
				version: version.number,
				hours: course.hours
			},
			completedAt: completedAt.toISOString(),
			issuedAt: now.toISOString(),
			...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
			...(latest ? { renews: latest.number } : {}),
			...(assessed.passed.length ? { assessments: assessed.passed } : {}),
			issuer
		};
		const certificate = await insertSigned(
			tx,
			statement,
			{
				userId: input.userId,
				courseId: course.id,
				courseVersionId: course.currentVersionId,
				enrolmentId: enrolment.id,
				fullName: person.fullName,
				dateOfBirth: person.dateOfBirth,
				organisationName: person.organisation,
				courseTitle: course.title,
				courseVersion: version.number,
				hours: course.hours,
				assessments: assessed.passed.length ? assessed.passed : null,
				completedAt,
				expiresAt,
				renewsId: latest?.id ?? null
			},
			key,
			input.drawCode
		);
		await refreshSummaries(tx, { enrolmentIds: [enrolment.id] });
		return { ok: true, certificate, issued: true };
	});
}

/** The holder as printed, from the profile as it is now. */
export function holderOf(person: {
	fullName: string;
	dateOfBirth: string | null;
	organisation: string | null;
}): CertificateStatement['holder'] {
	return {
		name: person.fullName,
		...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
		...(person.organisation ? { organisation: person.organisation } : {})
	};
}

/** The holder's name, birth date and organisation now, for a certificate about to be issued. */
export async function holderFacts(db: Database, userId: string) {
	const [person] = await db
		.select({
			fullName: users.fullName,
			dateOfBirth: users.dateOfBirth,
			organisation: organisations.name
		})
		.from(users)
		.leftJoin(organisations, eq(users.organisationId, organisations.id))
		.where(eq(users.id, userId));
	return person;
}

type CertificateColumns = Omit<
	typeof certificates.$inferInsert,
	'id' | 'code' | 'number' | 'registerNumber' | 'issuedAt' | 'credential' | 'signature' | 'keyId'
>;

/**
 * Signs the statement with a freshly drawn code and stores the certificate: the one way both kinds
 * of certificate are written, so the holder is told of either (certificate_issued, in this
 * transaction). The unique index on code decides; a clash (almost never) just draws another code.
 */
export async function insertSigned(
	tx: Database,
	statement: Omit<CertificateStatement, 'code'>,
	columns: CertificateColumns,
	key: Awaited<ReturnType<typeof currentSigningKey>>,
	drawCode: () => string = generateCertificateCode
): Promise<Certificate> {
	for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
		const signed = { ...statement, code: drawCode() } as CertificateStatement;
		const [row] = await tx
			.insert(certificates)
			.values({
				...columns,
				id: statement.id,
				code: signed.code,
				number: statement.number,
				registerNumber: statement.registerNumber,
				issuedAt: new Date(statement.issuedAt),
				credential: signed,
				signature: signStatement(signed, key),
				keyId: key.id
			})
			.onConflictDoNothing({ target: certificates.code })
			.returning();
		if (row) {
			await tellIssued(tx, row);
			return row;
		}
	}
	throw new Error('could not draw an unused certificate code');
}

/** The holder's message: the title printed (the course's, or the workshop's) and where to see it. */
async function tellIssued(tx: Database, certificate: Certificate): Promise<void> {
	const title = certificate.courseTitle;
	await notify(
		tx,
		[
			{
				userId: certificate.userId,
				kind: 'certificate_issued',
				key: `certificate_issued:${certificate.id}`,
				params: {
					course: title.vi,
					...(title.en ? { courseEn: title.en } : {}),
					code: certificate.code
				},
				link: `/certificates/${certificate.code}`
			}
		],
		{ now: certificate.issuedAt }
	);
}
