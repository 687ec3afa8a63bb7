// A class made straight in the database, as the checks need it fast: learners, a session cookie
// each (the auth module's own token and session functions) and an enrolment (the enrolment
// module, as a trainer would enrol them), in a shipped course whose final quiz limits attempts.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { courses, quizzes, users } from '$db/schema';
import { searchKeyFor } from '$lib/server/auth/directory';
import { hashPassword } from '$lib/server/auth/password';
import { createSession, generateSessionToken, SESSION_COOKIE } from '$lib/server/auth/session';
import type { Database } from '$lib/server/db';
import { enrolByStaff, getCourseBySlug } from '$lib/server/enrolment';
import { scopeOf } from '$lib/server/auth/staff';
import type { Question, QuizDefinition } from '$lib/server/quiz/format';
import { seededAgreeToNotice } from '../../tests/support/consent';
import { ADMIN } from './server';

/** The administrator enrols directly: everyone is within their reach. */
const ADMIN_SCOPE = scopeOf({ isAdmin: true }, []);

export interface Learner {
	id: string;
	username: string;
	cookie: string;
}

export interface ExamQuiz {
	courseSlug: string;
	quizSlug: string;
	quizId: string;
	/** The quiz page; an attempt's page is `${path}/${attemptId}`. */
	path: string;
	limit: number;
	questions: Question[];
}

/** The first shipped course (by slug) with a quiz that limits attempts: an exam. */
export async function findExamQuiz(db: Database): Promise<ExamQuiz> {
	const rows = await db
		.select({
			course: courses.slug,
			quiz: quizzes.slug,
			id: quizzes.id,
			definition: quizzes.definition
		})
		.from(quizzes)
		.innerJoin(courses, eq(quizzes.courseId, courses.id))
		.where(
			and(
				eq(courses.status, 'published'),
				eq(courses.origin, 'files'),
				isNull(quizzes.retiredAt),
				sql`jsonb_typeof(${quizzes.definition}->'attempts') = 'number'`
			)
		)
		.orderBy(asc(courses.slug), asc(quizzes.slug));
	const exam = rows[0];
	if (!exam) throw new Error('no shipped course has a quiz with an attempt limit');
	// As the quiz module reads it (definitionOf): the stored JSON is the parsed quiz file.
	const definition = exam.definition as unknown as QuizDefinition;
	return {
		courseSlug: exam.course,
		quizSlug: exam.quiz,
		quizId: exam.id,
		path: `/courses/${exam.course}/quiz/${exam.quiz}`,
		limit: definition.attempts!,
		questions: definition.questions
	};
}

/**
 * `count` learners enrolled in the exam's course, each with a session cookie. One password hash
 * serves them all: none signs in with it, and 500 argon2 hashes would take most of a minute.
 */
export async function seedLearners(
	db: Database,
	exam: ExamQuiz,
	count: number,
	prefix = `hv-${randomBytes(3).toString('hex')}`
): Promise<Learner[]> {
	const course = await getCourseBySlug(db, exam.courseSlug);
	const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN.email));
	if (!course || !admin) throw new Error('the server has not set the database up (course, admin)');
	const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
	const rows = Array.from({ length: count }, (_, i) => {
		const username = `${prefix}-${String(i + 1).padStart(3, '0')}`;
		const fullName = `Học Viên Thử Tải ${i + 1}`;
		return {
			username,
			fullName,
			passwordHash,
			audience: 'student' as const,
			searchKey: searchKeyFor({ fullName, email: null, username })
		};
	});
	const made = await db
		.insert(users)
		.values(rows)
		.returning({ id: users.id, username: users.username });
	// They stand for learners who signed up: each agreed to the privacy notice then.
	await seededAgreeToNotice(db);
	return Promise.all(
		made.map(async ({ id, username }) => {
			const enrolled = await enrolByStaff(db, ADMIN_SCOPE, admin.id, course, null, username!);
			if (!enrolled.ok) throw new Error(`could not enrol ${username}: ${enrolled.reason}`);
			const token = generateSessionToken();
			await createSession(db, token, id);
			return { id, username: username!, cookie: `${SESSION_COOKIE}=${token}` };
		})
	);
}

const pick = (n: number) => Math.floor(Math.random() * n);

/**
 * A page's worth of answers as the quiz form sends them (`q.<id>`, `q.<id>.<i>`), random but
 * well-formed, for every question of the quiz: the server reads those on the page named.
 */
export function answerForm(exam: ExamQuiz, page: number): [string, string][] {
	const fields: [string, string][] = [
		['page', String(page)],
		['go', 'submit'],
		// As the quiz page's confirmation sends it: without it a hand-in from before the last page
		// (or with a blank) only asks, and nothing is handed in.
		['confirm', 'yes']
	];
	for (const q of exam.questions) {
		const name = `q.${q.id}`;
		switch (q.type) {
			case 'single':
				fields.push([name, String(pick(q.options.length))]);
				break;
			case 'multiple':
				fields.push([name, String(pick(q.options.length))], [name, String(pick(q.options.length))]);
				break;
			case 'true_false':
				fields.push([name, pick(2) ? 'true' : 'false']);
				break;
			case 'numeric':
				fields.push([name, String(pick(2) ? q.answer : q.answer + 1)]);
				break;
			case 'short':
				fields.push([name, pick(2) ? q.accepted[0] : 'không biết']);
				break;
			case 'ordering':
				q.items.forEach((_, i) => fields.push([`${name}.${i}`, String(1 + pick(q.items.length))]));
				break;
			case 'matching':
				q.pairs.forEach((_, i) =>
					fields.push([`${name}.${i}`, String(pick(q.pairs.length + q.distractors.length))])
				);
				break;
		}
	}
	return fields;
}
