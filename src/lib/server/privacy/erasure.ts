/**
 * Erasing a person (README, "Personal data" › "Data requests"): what a deletion request, the
 * person's own "delete my account" and the retention job all end in. The user row stays, without
 * identity, because the reports count it (reports/report.ts and workshops.ts read users.audience,
 * organisation_id and area with enrolments, submitted quiz attempts, certificates and workshop
 * attendance); everything that says who the person was, or what they wrote, goes.
 *
 * Each table holding a user id, and what happens to the person's rows (db/schema/*.ts):
 * - users: kept; full name → ERASED_NAME, e-mail null, username a random `xoa-<hex>` (the table
 *   needs one identifier), password unusable, search key '', date of birth null, not an
 *   administrator, guardian consent cleared, anonymisedAt now. Audience, organisation and area stay:
 *   they are the report's groups, not the person.
 * - sessions, password_resets, phone_numbers, notifications, deliveries, message_preferences:
 *   deleted (contact details and what was sent to them).
 * - role_assignments, course_authors, course_graders, workshop_trainers: deleted; the person no
 *   longer acts on the platform.
 * - guardian_consents: deleted (the guardian's name and contact are another person's data).
 * - invitations: deleted, those to the account and those naming its e-mail or username.
 * - throttle_windows: the windows keyed by the e-mail or username deleted.
 * - lesson_progress: deleted (reading history; no report reads it).
 * - submissions (with their files and markings, by cascade): deleted; the work is the person's
 *   writing. A certificate keeps the graded work it printed (certificates.assessments).
 * - quiz_attempts: submitted ones kept with score, percent, passed and dates (the report's attempted
 *   and passed), their answers (responses) cleared; attempts still in progress deleted.
 * - quiz_attempt_grants: kept (how many extra attempts), the granter's free-text reason cleared.
 * - survey_responses: kept for the workshop's ratings, unlinked from the person (userId null) and
 *   their comments (text answers) removed.
 * - enrolments, cohort_members, workshop_registrations, workshop_attendance, workshop_test_scores:
 *   kept; ids, dates and scores only, counted by the reports.
 * - certificates: kept, see below.
 * - consent_records: kept; ids, notice versions and times, the controller's proof of consent.
 * - data_requests: kept as the record of how requests were handled; the person's own words
 *   (details) cleared.
 * - audit_events, and columns naming who did something (createdBy, gradedBy, recordedBy …): kept;
 *   they hold ids only, and the id now names no one.
 *
 * Certificates stay verifiable with a minimal record. A certificate is the holder's proof of
 * training that employers and authorities check on /verify, and the issuer keeps the register of
 * certificates it issued; erasing it would take away the holder's proof and break the register.
 * Kept: code, number, register number, the holder's name as printed, the course or workshop title
 * and version, hours, graded work, completion, issue and expiry dates, revocation. Cleared: date of
 * birth and organisation, which /verify never shows. The signed statement is signed again without
 * them (with the current key), so /verify and the published keys still vouch for what is stored.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import {
	certificates,
	courseAuthors,
	courseGraders,
	dataRequests,
	deliveries,
	guardianConsents,
	invitations,
	lessonProgress,
	messagePreferences,
	notifications,
	passwordResets,
	phoneNumbers,
	quizAttemptGrants,
	quizAttempts,
	roleAssignments,
	sessions,
	submissions,
	surveyResponses,
	throttleWindows,
	users,
	workshopTrainers
} from '$db/schema';
import { recordAudit } from '../audit';
import { config } from '../config';
import type { Database } from '../db';
import { refreshSummaries } from '../progress/summary';
import { currentSigningKey } from '../certificates/keystore';
import { resignCertificate } from '../certificates/documents';
import type { CertificateStatement } from '../certificates/statement';

/**
 * What an erased person is called wherever a name is shown (lists, matrices, the audit log); in
 * brackets like the audit log's "(tài khoản đã xóa)", so it reads as a marker, not a name.
 */
export const ERASED_NAME = '(đã xóa dữ liệu)';

export type ErasureReason = 'request' | 'self' | 'retention';

export interface ErasureOptions {
	/** Who erased: the administrator, or null for the person themself or the retention job. */
	by: string | null;
	reason: ErasureReason;
	now?: Date;
}

/** Rows deleted or cleared per table; `users` is 1 when erased now, 0 when already erased. */
export type ErasureSummary = Record<string, number>;

/** An argon2 hash never has this form, so no password ever verifies against it. */
const UNUSABLE_PASSWORD = '!erased';

/** The holder as a statement names them after erasure: the name printed, nothing else. */
export function minimalStatement(statement: CertificateStatement): CertificateStatement {
	return { ...statement, holder: { name: statement.holder.name } };
}

const count = (rows: unknown[]) => rows.length;

/**
 * Erases a person's identity and their own content in one transaction (see above for each table).
 * Erasing someone already erased changes nothing and records nothing again.
 */
export async function erasePerson(
	db: Database,
	userId: string,
	options: ErasureOptions
): Promise<ErasureSummary> {
	const now = options.now ?? new Date();
	// Loaded outside the transaction, as issuing does: the key store caches per database handle.
	const holds = await db
		.select({ id: certificates.id })
		.from(certificates)
		.where(eq(certificates.userId, userId))
		.limit(1);
	const key = holds.length
		? await currentSigningKey(db, config().certificates.signingKey)
		: undefined;

	return db.transaction(async (tx) => {
		const [person] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
		if (!person) throw new Error(`no user ${userId}`);
		if (person.anonymisedAt) return { users: 0 };
		const summary: ErasureSummary = {};
		const identifiers = [person.email, person.username].filter((v): v is string => !!v);

		summary.sessions = count(
			await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
		);
		summary.password_resets = count(
			await tx
				.delete(passwordResets)
				.where(eq(passwordResets.userId, userId))
				.returning({ id: passwordResets.id })
		);
		summary.phone_numbers = count(
			await tx
				.delete(phoneNumbers)
				.where(eq(phoneNumbers.userId, userId))
				.returning({ id: phoneNumbers.userId })
		);
		summary.deliveries = count(
			await tx
				.delete(deliveries)
				.where(eq(deliveries.userId, userId))
				.returning({ id: deliveries.id })
		);
		summary.notifications = count(
			await tx
				.delete(notifications)
				.where(eq(notifications.userId, userId))
				.returning({ id: notifications.id })
		);
		summary.message_preferences = count(
			await tx
				.delete(messagePreferences)
				.where(eq(messagePreferences.userId, userId))
				.returning({ id: messagePreferences.userId })
		);
		summary.role_assignments = count(
			await tx
				.delete(roleAssignments)
				.where(eq(roleAssignments.userId, userId))
				.returning({ id: roleAssignments.id })
		);
		summary.course_authors = count(
			await tx
				.delete(courseAuthors)
				.where(eq(courseAuthors.userId, userId))
				.returning({ id: courseAuthors.userId })
		);
		summary.course_graders = count(
			await tx
				.delete(courseGraders)
				.where(eq(courseGraders.userId, userId))
				.returning({ id: courseGraders.userId })
		);
		summary.workshop_trainers = count(
			await tx
				.delete(workshopTrainers)
				.where(eq(workshopTrainers.userId, userId))
				.returning({ id: workshopTrainers.userId })
		);
		summary.guardian_consents = count(
			await tx
				.delete(guardianConsents)
				.where(eq(guardianConsents.userId, userId))
				.returning({ id: guardianConsents.id })
		);
		summary.invitations = count(
			await tx
				.delete(invitations)
				.where(
					identifiers.length
						? or(eq(invitations.userId, userId), inArray(invitations.identifier, identifiers))
						: eq(invitations.userId, userId)
				)
				.returning({ id: invitations.id })
		);
		summary.throttle_windows = identifiers.length
			? count(
					await tx
						.delete(throttleWindows)
						.where(
							or(
								...identifiers.map(
									(identifier) =>
										sql`${throttleWindows.key} like ${'%:' + identifier.replace(/[\\%_]/g, '\\$&')}`
								)
							)
						)
						.returning({ key: throttleWindows.key })
				)
			: 0;
		summary.lesson_progress = count(
			await tx
				.delete(lessonProgress)
				.where(eq(lessonProgress.userId, userId))
				.returning({ id: lessonProgress.lessonId })
		);
		// Files and markings go with them (on delete cascade).
		summary.submissions = count(
			await tx
				.delete(submissions)
				.where(eq(submissions.userId, userId))
				.returning({ id: submissions.id })
		);
		summary.quiz_attempts_deleted = count(
			await tx
				.delete(quizAttempts)
				.where(and(eq(quizAttempts.userId, userId), ne(quizAttempts.state, 'submitted')))
				.returning({ id: quizAttempts.id })
		);
		summary.quiz_attempts_cleared = count(
			await tx
				.update(quizAttempts)
				.set({ responses: {} })
				.where(eq(quizAttempts.userId, userId))
				.returning({ id: quizAttempts.id })
		);
		// Lessons done and assignments passed went with the rows: their summaries follow.
		await refreshSummaries(tx, { userId });
		summary.quiz_attempt_grants = count(
			await tx
				.update(quizAttemptGrants)
				.set({ reason: null })
				.where(and(eq(quizAttemptGrants.userId, userId), isNotNull(quizAttemptGrants.reason)))
				.returning({ id: quizAttemptGrants.id })
		);
		// Ratings stay for the workshop's satisfaction; comments (text answers) and the link go.
		const responses = await tx
			.select({ id: surveyResponses.id, answers: surveyResponses.answers })
			.from(surveyResponses)
			.where(eq(surveyResponses.userId, userId));
		for (const response of responses) {
			const ratings = Object.fromEntries(
				Object.entries(response.answers).filter(([, answer]) => typeof answer === 'number')
			);
			await tx
				.update(surveyResponses)
				.set({ userId: null, answers: ratings })
				.where(eq(surveyResponses.id, response.id));
		}
		summary.survey_responses = responses.length;
		summary.data_requests = count(
			await tx
				.update(dataRequests)
				.set({ details: '' })
				.where(eq(dataRequests.userId, userId))
				.returning({ id: dataRequests.id })
		);

		const held = await tx.select().from(certificates).where(eq(certificates.userId, userId));
		for (const certificate of held) {
			const statement = certificate.credential as CertificateStatement;
			const minimal = minimalStatement(statement);
			const resign =
				key &&
				(statement.holder.dateOfBirth !== undefined || statement.holder.organisation !== undefined);
			const cleared = { dateOfBirth: null, organisationName: null };
			// Re-signing also drops the stored PDF, which printed the date of birth and organisation.
			if (resign && key) await resignCertificate(tx, certificate.id, minimal, key, cleared);
			else await tx.update(certificates).set(cleared).where(eq(certificates.id, certificate.id));
		}
		summary.certificates = held.length;

		await tx
			.update(users)
			.set({
				fullName: ERASED_NAME,
				email: null,
				username: `xoa-${randomBytes(8).toString('hex')}`,
				passwordHash: UNUSABLE_PASSWORD,
				searchKey: '',
				dateOfBirth: null,
				isAdmin: false,
				mustChangePassword: false,
				guardianConsentAt: null,
				anonymisedAt: now,
				updatedAt: now
			})
			.where(eq(users.id, userId));
		summary.users = 1;

		await recordAudit(tx, {
			actorId: options.by,
			action: 'person.erased',
			subjectId: userId,
			details: { reason: options.reason, certificates: held.length }
		});
		return summary;
	});
}
