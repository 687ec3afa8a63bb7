import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	real,
	text,
	timestamp,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { bytes } from './authoring';
import { users } from './auth';
import { courses, courseVersions, type Localised } from './courses';
import { enrolments } from './learning';
import { workshops } from './workshops';

/** A required assignment a completion certificate records (certificates.assessments). */
export type CertifiedAssessment = {
	title: Localised;
	points: number;
	maxPoints: number;
	gradedAt: string;
};

/** A course's certificate of completion, or a workshop's certificate of attendance. */
export const certificateKinds = ['completion', 'attendance'] as const;

/** The register ("số vào sổ") numbers certificates in order of issue, across the platform. */
export const certificateRegister = pgSequence('certificate_register_seq', { startWith: 1 });

export const certificates = pgTable(
	'certificates',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Random, unguessable, unique: the address of /verify/<code>. */
		code: text().notNull().unique(),
		/** Printed number, e.g. SH-2026-000123. */
		number: text().notNull().unique(),
		/** Sequential register number (số vào sổ). */
		registerNumber: integer().notNull(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text({ enum: certificateKinds }).notNull().default('completion'),
		/** The course completed; for a certificate of attendance, the workshop's course if it has one. */
		courseId: uuid().references(() => courses.id, { onDelete: 'cascade' }),
		courseVersionId: uuid().references(() => courseVersions.id),
		/** The workshop attended (certificates of attendance); kept verifiable if it is deleted. */
		workshopId: uuid().references((): AnyPgColumn => workshops.id, { onDelete: 'set null' }),
		enrolmentId: uuid().references(() => enrolments.id, { onDelete: 'set null' }),
		/**
		 * What was certified, as printed: kept even if the profile, course or workshop changes later.
		 * `courseTitle` is the title printed: the course's, or the workshop's for attendance.
		 */
		fullName: text().notNull(),
		dateOfBirth: date({ mode: 'string' }),
		organisationName: text(),
		courseTitle: jsonb().$type<Localised>().notNull(),
		courseVersion: integer().notNull(),
		hours: real().notNull(),
		/**
		 * The graded work the completion rested on, as printed (e.g. the consultants' practicum): each
		 * required assignment's title, points, maximum and when it was graded. Null when none was asked.
		 */
		assessments: jsonb().$type<CertifiedAssessment[]>(),
		completedAt: timestamp({ withTimezone: true }).notNull(),
		issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }),
		revokedAt: timestamp({ withTimezone: true }),
		revokedReason: text(),
		revokedBy: uuid().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
		/** The certificate this one renews, for courses whose certificates expire. */
		renewsId: uuid().references((): AnyPgColumn => certificates.id, { onDelete: 'set null' }),
		/** The signed statement (canonical JSON) and its Ed25519 signature (base64url). */
		credential: jsonb().$type<Record<string, unknown>>().notNull(),
		signature: text().notNull(),
		keyId: text().notNull()
	},
	(t) => [
		// A learner's newest certificate for a course (the cohort matrix); also serves by-user lookups.
		index('certificates_user_course_idx').on(t.userId, t.courseId, t.issuedAt),
		index('certificates_issued_at_idx').on(t.issuedAt),
		index('certificates_expires_idx').on(t.expiresAt),
		index('certificates_workshop_idx').on(t.workshopId),
		check(
			'certificates_completion_has_course',
			sql`${t.kind} <> 'completion' or (${t.courseId} is not null and ${t.courseVersionId} is not null)`
		)
	]
);

/**
 * An issued certificate's PDF, rendered once and served as bytes from then on (it does not change:
 * revocation shows on /verify, not in the file). Rendered again only when the address printed in
 * its QR code changes (another ORIGIN) or the certificate is re-signed (erasure drops the row).
 */
export const certificateDocuments = pgTable('certificate_documents', {
	certificateId: uuid()
		.primaryKey()
		.references(() => certificates.id, { onDelete: 'cascade' }),
	/** The /verify address the QR code and the text print. */
	verifyUrl: text().notNull(),
	pdf: bytes().notNull(),
	/** Strong validator for conditional GETs: a hash of the bytes. */
	etag: text().notNull(),
	renderedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** Ed25519 keys for signing certificates; the newest active one signs, all of them verify. */
export const signingKeys = pgTable('signing_keys', {
	id: text().primaryKey(),
	publicKey: text().notNull(),
	/** PKCS#8 (base64); absent when the key comes from configuration. */
	privateKey: text(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

export type Certificate = typeof certificates.$inferSelect;
