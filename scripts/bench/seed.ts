// Seeds a database at a given scale and creates the sessions the scenarios sign in with. The server
// has been started on it once before: it applied the migrations and synced the courses folder with
// syncCourses (lessons are rendered with Svelte components, which only the build can load). The seed
// runs in the bench's own process while no server runs (one process owns a PGlite directory).
import { certificateLinks } from '../../src/lib/server/certificates/links';
import { renderMissingDocuments } from '../../src/lib/server/certificates/documents';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { cohorts, roleAssignments, sessions, users } from '../../db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	SESSION_LIFETIME,
	sessionIdFromToken
} from '../../src/lib/server/auth/session';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { formatPeriod, periodOf } from '../../src/lib/server/reports/period';
import { fold } from '../../src/lib/text';
import { seededAgreeToNotice } from '../../tests/support/consent';
import type { CourseFolder } from './courses';
import type { BenchDatabase } from './engines';
import type { SeedScale } from './options';
import { attemptVariants } from './quiz-answers';
import { seedCertificates } from './seed-certificates';
import { seedCheckInSession, type CheckInSession } from './seed-workshop';
import {
	dropSeedTables,
	rows,
	seedAttempts,
	seedEnrolments,
	seedPeople,
	seedProgress,
	type QuizVariantRow
} from './seed-sql';

/** The course every learner scenario uses: its final quiz allows unlimited attempts, no time limit. */
export const SCENARIO_COURSE = 'sxsh-tai-co-so-san-xuat';
export const SCENARIO_QUIZ = 'kiem-tra-cuoi-khoa';
const PASSWORD = 'mật khẩu thử tải 2026';
const DAY = 86_400_000;
/** Signed-in learners the lesson and dashboard scenarios rotate through, and quiz takers. */
const READERS = 1000;
const TAKERS = 4000;
/** Distinct people of the check-in scenario (readers, signed in already). */
export const CHECK_INS = 150;

export interface Seeded {
	seconds: number;
	/** Milliseconds per step, to see where a slow seed spends its time. */
	phases: Record<string, number>;
	counts: Record<string, number>;
	scale: SeedScale;
	matrixCohortId: string;
	/** An empty cohort of organisation 1's that the class-import scenario fills (class-import.ts). */
	importCohortId: string;
	/** Courses assigned to the matrix cohort. */
	matrixCourses: number;
	reportPeriod: string;
	lessonPath: string;
	quizPath: string;
	/** Session tokens. The count* ones are learners in the same state at every scale. */
	tokens: {
		admin: string;
		trainer: string;
		/** Organisation 1's manager: imports the class. */
		manager: string;
		readers: string[];
		takers: string[];
		countReader: string;
		countTaker: string;
	};
	/** Codes of certificates that exist (/verify and PDFs). */
	codes: string[];
	/** The session people check in to, by the trainer's rotating code. */
	checkIn: CheckInSession;
}

/**
 * Certificates whose PDF the bench downloads, in turn: enough that no one file is all that is
 * measured, few enough to render beforehand (~0.2 s each).
 */
const PDF_CODES = 100;

export async function seed(
	target: BenchDatabase,
	scale: SeedScale,
	folder: CourseFolder,
	/** The address the bench's server answers at: the one its certificates' QR codes print. */
	origin: string,
	now = new Date()
): Promise<Seeded> {
	const started = performance.now();
	// One connection: the seed's temporary tables live on it.
	const handle = await openDatabase({ ...target.open, max: 1 });
	try {
		const { db } = handle;
		const courseIds = await idsOf(db, folder.slugs);

		const start = new Date(now.getTime() - 335 * DAY);
		const window = { start: start.toISOString(), span: Math.round((310 * DAY) / 1000) };
		const passwordHash = await hashPassword(PASSWORD);
		let mark = performance.now();
		const phase = (name: string) => {
			phases[name] = Math.round(performance.now() - mark);
			mark = performance.now();
		};
		const phases: Record<string, number> = {};
		await seedPeople(db, scale, window, passwordHash);
		const staff = await seedStaff(db, passwordHash);
		// They stand for people who signed up: each agreed to the privacy notice then.
		await seededAgreeToNotice(db);
		phase('people');
		await seedEnrolments(db, scale, courseIds, folder.shipped.length);
		phase('enrolments');
		await seedProgress(db, scale);
		phase('progress');
		await seedAttempts(db, scale, await quizVariants(db));
		phase('attempts');
		await seedCertificates(db);
		phase('certificates');

		const k = folder.slugs.indexOf(SCENARIO_COURSE) + 1;
		const learner = async (where: ReturnType<typeof sql>, limit: number) =>
			(
				await rows<{ user_id: string }>(
					db,
					sql`select user_id from be where k = ${sql.raw(String(k))} and learner > ${sql.raw(String(scale.matrixLearners))} and ${where} order by learner limit ${sql.raw(String(limit))}`
				)
			).map((r) => r.user_id);
		const [countReader] = await learner(sql`stage = 'completed'`, 1);
		const [countTaker] = await learner(sql`stage = 'not_started'`, 1);
		const readers = await learner(sql`true`, READERS);
		const takers = await learner(sql`stage <> 'completed'`, TAKERS);
		// The check-in wave takes CHECK_INS readers, and its query count one more.
		if (!countReader || !countTaker || readers.length <= CHECK_INS)
			throw new Error('The seed is too small for the scenarios.');
		const tokens = {
			admin: await session(db, staff.admin),
			trainer: await session(db, staff.trainer),
			manager: await session(db, staff.manager),
			countReader: await session(db, countReader),
			countTaker: await session(db, countTaker),
			readers: await bulkSessions(db, readers, now),
			takers: await bulkSessions(db, takers, now)
		};
		const [lesson] = await rows<{ slug: string }>(
			db,
			sql`select l.slug from lessons l join courses c on c.id = l.course_id
			where c.slug = ${SCENARIO_COURSE} and l.retired_at is null order by l.position offset 2 limit 1`
		);
		const codes = (
			await rows<{ code: string }>(
				db,
				sql`select code from certificates order by register_number limit ${sql.raw(String(PDF_CODES))}`
			)
		).map((r) => r.code);
		// An issued certificate's PDF is rendered once, on its first download, and stored: measured
		// here is the download of a certificate already downloaded, which is every later one.
		await renderMissingDocuments(db, certificateLinks(origin), codes);
		phase('certificate PDFs');
		const checkIn = await seedCheckInSession(db, md5Uuid('o:1'), now);
		phase('sessions');
		await dropSeedTables(db);
		// A server that has run a while has statistics; PGlite has no autovacuum to gather them.
		await db.execute(sql`analyze`);
		phase('analyze');
		return {
			phases,
			seconds: (performance.now() - started) / 1000,
			counts: await tableCounts(db),
			scale,
			matrixCohortId: md5Uuid('c:1'),
			importCohortId: staff.importCohort,
			matrixCourses: courseIds.length,
			reportPeriod: formatPeriod(periodOf(now)),
			lessonPath: `/courses/${SCENARIO_COURSE}/${lesson.slug}`,
			quizPath: `/courses/${SCENARIO_COURSE}/quiz/${SCENARIO_QUIZ}`,
			tokens,
			codes,
			checkIn
		};
	} finally {
		await handle.close();
	}
}

async function idsOf(db: Database, slugs: string[]): Promise<string[]> {
	const found = await rows<{ id: string; slug: string }>(db, sql`select id, slug from courses`);
	return slugs.map((slug) => {
		const course = found.find((c) => c.slug === slug);
		if (!course) throw new Error(`Course ${slug} was not synced (see the server's log).`);
		return course.id;
	});
}

/** An administrator (the server made it from ADMIN_EMAIL), a trainer and a manager of cohort 1's. */
async function seedStaff(db: Database, passwordHash: string) {
	const organisationId = md5Uuid('o:1');
	const person = (email: string, fullName: string) => ({
		email,
		fullName,
		passwordHash,
		organisationId,
		searchKey: fold(`${fullName} ${email}`)
	});
	const [admin] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.email, ADMIN.email), eq(users.isAdmin, true)));
	if (!admin) throw new Error(`The server did not create the administrator ${ADMIN.email}.`);
	const [trainer, manager] = await db
		.insert(users)
		.values([
			person('giangvien@thutai.example', 'Giảng viên thử tải'),
			person('quanly@thutai.example', 'Quản lý thử tải')
		])
		.returning({ id: users.id });
	await db.insert(roleAssignments).values([
		{ userId: trainer.id, role: 'trainer', organisationId },
		{ userId: manager.id, role: 'manager', organisationId }
	]);
	const [importCohort] = await db
		.insert(cohorts)
		.values({
			organisationId,
			name: 'Lớp nhập 2.000 học viên',
			year: new Date().getFullYear(),
			createdBy: manager.id
		})
		.returning({ id: cohorts.id });
	return {
		admin: admin.id,
		trainer: trainer.id,
		manager: manager.id,
		importCohort: importCohort.id
	};
}

export const ADMIN = { email: 'quantri@thutai.example', password: PASSWORD };

async function session(db: Database, userId: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(db, token, userId);
	return token;
}

/** Many sessions at once: the same rows createSession writes, in batches. */
async function bulkSessions(db: Database, userIds: string[], now: Date): Promise<string[]> {
	const tokens = userIds.map(() => generateSessionToken());
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
	for (let i = 0; i < userIds.length; i += 1000) {
		await db.insert(sessions).values(
			userIds.slice(i, i + 1000).map((userId, j) => ({
				id: sessionIdFromToken(tokens[i + j]),
				userId,
				expiresAt,
				createdAt: now
			}))
		);
	}
	return tokens;
}

async function quizVariants(db: Database): Promise<QuizVariantRow[]> {
	const quizzes = await rows<{
		id: string;
		definition: Record<string, unknown>;
		required: boolean;
	}>(
		db,
		sql`select id, definition, required from quizzes where retired_at is null order by course_id, slug`
	);
	const out: QuizVariantRow[] = [];
	quizzes.forEach((q, index) => {
		const variants = attemptVariants(q.definition as never, index + 1);
		// A learner still in progress has not passed the final quiz: its "half right" must fail.
		if (q.required && variants[1].passed) variants[1] = variants[2];
		variants.forEach((v, variant) => out.push({ quizId: q.id, variant, ...v }));
	});
	return out;
}

const TABLES = [
	'organisations',
	'users',
	'cohorts',
	'cohort_members',
	'cohort_courses',
	'courses',
	'lessons',
	'enrolments',
	'lesson_progress',
	'quiz_attempts',
	'certificates',
	'sessions'
];

async function tableCounts(db: Database): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		const [{ n }] = await rows<{ n: number }>(
			db,
			sql.raw(`select count(*)::int as n from ${table}`)
		);
		counts[table] = Number(n);
	}
	return counts;
}

function md5Uuid(text: string): string {
	// md5 in SQL is the seed's identity function; the same in Node gives the same UUID.
	const hex = createHash('md5').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
