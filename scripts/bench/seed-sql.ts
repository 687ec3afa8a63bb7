// The bulk of the seed, as INSERT … SELECT over generate_series: organisations, learners, cohorts,
// enrolments, lesson progress and quiz attempts. Identifiers are md5-derived UUIDs ('u:42' is learner
// 42 everywhere) and every "random" choice is a hash of the row's numbers, so a seed is reproducible
// and each learner's state does not depend on the scale: learner 42 is in the same state at ×1 and
// ×10, which is what lets the query counts of two scales be compared.
import { sql, type SQL } from 'drizzle-orm';
import { audienceGroups, organisationKinds } from '../../src/lib/domain';
import { DEFAULT_AREAS } from '../../src/lib/server/config';
import type { Database } from '../../src/lib/server/db';
import { fold } from '../../src/lib/text';
import type { SeedScale } from './options';

export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}

const n = (value: number) => sql.raw(String(Math.trunc(value)));
/** A hash of a text in [0, 2^28): the seed's only source of variety. */
const hash = (text: SQL) => sql`(('x' || substr(md5(${text}), 1, 7))::bit(28)::int)`;
const list = (values: readonly string[]) => values.join('|');
const pickFrom = (values: readonly string[], index: SQL) =>
	sql`split_part(${list(values)}::text, '|', 1 + (${index}) % ${n(values.length)})`;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi'];
const FAMILY_MORE = ['Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam'];
const GIVEN_MORE = ['Ngân', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const families = [...FAMILY, ...FAMILY_MORE];
const givens = [...GIVEN, ...GIVEN_MORE];

/** Where the seeded activity happens: the eleven months before `now`, ending two weeks ago. */
export interface Window {
	start: string;
	/** Seconds from start to the last enrolment. */
	span: number;
}

/** The cohort of learner i: cohort 1 holds the matrix learners, the others share cohorts 2…K. */
const cohortOf = (i: SQL, s: SeedScale) =>
	sql`(case when ${i} <= ${n(s.matrixLearners)} then 1 else 2 + ${i} % ${n(s.cohorts - 1)} end)`;
const organisationOf = (cohort: SQL, s: SeedScale) =>
	sql`(case when ${cohort} = 1 then 1 else 1 + ${cohort} % ${n(s.organisations)} end)`;

export async function seedPeople(db: Database, s: SeedScale, w: Window, passwordHash: string) {
	await db.execute(sql`insert into organisations (id, name, kind, area, created_at)
		select md5('o:' || i)::uuid, 'Đơn vị thử tải ' || lpad(i::text, 3, '0'),
			${pickFrom(organisationKinds, sql`i`)}, ${pickFrom(DEFAULT_AREAS, sql`i`)},
			${w.start}::timestamptz
		from generate_series(1, ${n(s.organisations)}) i`);
	const person = (i: SQL, parts: (values: string[]) => string[]) => {
		const [f, m, g] = [parts(families), parts(MIDDLE), parts(givens)];
		return sql`${pickFrom(f, sql`${i}`)} || ' ' || ${pickFrom(m, sql`${i} / 7`)} || ' ' || ${pickFrom(g, sql`${i} / 3`)}`;
	};
	const cohort = cohortOf(sql`i`, s);
	await db.execute(sql`insert into users (id, username, password_hash, full_name, search_key,
			date_of_birth, audience, organisation_id, area, created_at, updated_at)
		select md5('u:' || i)::uuid, 'hv' || lpad(i::text, 6, '0'), ${passwordHash},
			${person(sql`i`, (v) => v)},
			${person(sql`i`, (v) => v.map(fold))} || ' hv' || lpad(i::text, 6, '0'),
			date '1968-01-01' + ${hash(sql`'d:' || i`)} % 14000,
			${pickFrom(audienceGroups, sql`i`)},
			md5('o:' || ${organisationOf(cohort, s)})::uuid,
			${pickFrom(DEFAULT_AREAS, organisationOf(cohort, s))},
			${w.start}::timestamptz + ((${hash(sql`'c:' || i`)} % 1000) / 1000.0)::float8 * ${n(w.span)} * interval '1 second',
			${w.start}::timestamptz
		from generate_series(1, ${n(s.learners)}) i`);
	await db.execute(sql`insert into cohorts (id, organisation_id, name, year, term, starts_on, created_at)
		select md5('c:' || c)::uuid, md5('o:' || ${organisationOf(sql`c`, s)})::uuid,
			case when c = 1 then 'Lớp ma trận (10 khóa)' else 'Lớp ' || lpad(c::text, 3, '0') end,
			extract(year from ${w.start}::timestamptz)::int, 'Khóa ' || (1 + c % 4),
			(${w.start}::timestamptz)::date, ${w.start}::timestamptz
		from generate_series(1, ${n(s.cohorts)}) c`);
	await db.execute(sql`insert into cohort_members (cohort_id, user_id, added_at)
		select md5('c:' || ${cohort})::uuid, md5('u:' || i)::uuid, u.created_at
		from generate_series(1, ${n(s.learners)}) i join users u on u.id = md5('u:' || i)::uuid`);
}

/**
 * Courses in a fixed order (k = 1…10): the shipped ones first. Cohort 1 has all ten assigned, the
 * others one shipped course each; every learner is enrolled in every shipped course (by the cohort
 * or on their own) and matrix learners in the six copies too.
 */
export async function seedEnrolments(
	db: Database,
	s: SeedScale,
	courseIds: string[],
	shipped: number
) {
	await db.execute(sql`create temp table bc as
		select c.id, k::int as k, c.enrolment, v.id as version_id,
			(select count(*)::int from lessons l where l.course_id = c.id and l.retired_at is null) as lessons
		from unnest(string_to_array(${courseIds.join(',')}, ',')::uuid[]) with ordinality as x(id, k)
		join courses c on c.id = x.id join course_versions v on v.id = c.current_version_id`);
	await db.execute(sql`insert into cohort_courses (cohort_id, course_id, due_on, assigned_at)
		select md5('c:1')::uuid, bc.id, current_date + (case when bc.k % 2 = 0 then -20 else 40 end),
			now() - interval '200 days'
		from bc
		union all
		select md5('c:' || c)::uuid, bc.id, current_date + (c % 90) - 30, now() - interval '200 days'
		from generate_series(2, ${n(s.cohorts)}) c join bc on bc.k = 1 + c % ${n(shipped)}`);
	// Completed enrolments get certificates: the share that makes about the asked-for number.
	const total = s.learners * shipped + s.matrixLearners * (courseIds.length - shipped);
	const completedBelow = Math.min(9000, Math.ceil((s.certificates / total) * 10_000));
	const cohort = cohortOf(sql`i`, s);
	await db.execute(sql`create temp table be as
		select md5('e:' || i || ':' || bc.k)::uuid as id, md5('u:' || i)::uuid as user_id,
			bc.id as course_id, bc.k, i as learner, bc.lessons,
			${hash(sql`'s:' || i || ':' || bc.k`)} % 10000 as s,
			((${hash(sql`'v:' || i || ':' || bc.k`)} % 1000) / 1000.0)::float8 as u,
			u.created_at + (${hash(sql`'t:' || i || ':' || bc.k`)} % 10) * interval '1 day' as enrolled_at,
			case when bc.k > ${n(shipped)} or i <= ${n(s.matrixLearners)}
					or bc.k = 1 + ${cohort} % ${n(shipped)} then 'cohort'
				when bc.enrolment = 'key' then 'key' when bc.enrolment = 'assigned' then 'staff'
				else 'self' end as source
		from generate_series(1, ${n(s.learners)}) i
		join users u on u.id = md5('u:' || i)::uuid
		join bc on bc.k <= ${n(shipped)} or i <= ${n(s.matrixLearners)}`);
	await db.execute(sql`alter table be add column stage text`);
	await db.execute(sql`update be set stage = case when s < ${n(completedBelow)} then 'completed'
		when s >= 9000 then 'not_started' else 'in_progress' end`);
	await db.execute(sql`insert into enrolments (id, user_id, course_id, status, source, enrolled_at, completed_at)
		select id, user_id, course_id, 'active', source, enrolled_at,
			case when stage = 'completed' then enrolled_at + interval '10 days' end
		from be`);
}

/** Completed enrolments have every lesson done; the rest of the rows go to learners in progress. */
export async function seedProgress(db: Database, s: SeedScale) {
	await db.execute(sql`create temp table bl as
		select l.course_id, l.id as lesson_id,
			row_number() over (partition by l.course_id order by l.position)::int as rank
		from lessons l join bc on bc.id = l.course_id where l.retired_at is null`);
	const row = (completed: SQL) => sql`be.user_id, bl.lesson_id, be.course_id,
		be.enrolled_at + bl.rank * interval '3 hours',
		${completed},
		120 + ${hash(sql`'p:' || be.learner || ':' || bl.lesson_id`)} % 900`;
	await db.execute(sql`insert into lesson_progress (user_id, lesson_id, course_id, first_viewed_at, completed_at, seconds_spent)
		select ${row(sql`be.enrolled_at + bl.rank * interval '3 hours' + interval '20 minutes'`)}
		from be join bl on bl.course_id = be.course_id where be.stage = 'completed'`);
	const [{ done }] = await rows<{ done: number }>(
		db,
		sql`select count(*)::int as done from lesson_progress`
	);
	// Prefixes of the course for learners in progress: the smallest (position share + jitter) first.
	await db.execute(sql`insert into lesson_progress (user_id, lesson_id, course_id, first_viewed_at, completed_at, seconds_spent)
		select ${row(sql`case when ${hash(sql`'q:' || be.learner || ':' || bl.lesson_id`)} % 10 < 8
			then be.enrolled_at + bl.rank * interval '3 hours' + interval '20 minutes' end`)}
		from be join bl on bl.course_id = be.course_id where be.stage = 'in_progress'
		order by bl.rank::float8 / be.lessons + be.u, be.id, bl.rank
		limit ${n(Math.max(0, s.progress - done))}`);
	// "Continue where you left off": the last lesson opened, and when.
	await db.execute(sql`update enrolments e set last_lesson_id = x.lesson_id, last_activity_at = x.at
		from (select distinct on (p.user_id, p.course_id) p.user_id, p.course_id, p.lesson_id,
				p.first_viewed_at + interval '20 minutes' as at
			from lesson_progress p join bl on bl.lesson_id = p.lesson_id
			order by p.user_id, p.course_id, bl.rank desc) x
		where e.user_id = x.user_id and e.course_id = x.course_id`);
}

export interface QuizVariantRow {
	quizId: string;
	variant: number;
	snapshot: unknown;
	responses: unknown;
	marks: unknown;
	score: number;
	maxScore: number;
	percent: number;
	passed: boolean;
}

/**
 * Every completed enrolment has passed its final quiz (attempt 1); the rest of the attempts are
 * module quizzes at any stage and failed finals of learners in progress, at most two each.
 */
export async function seedAttempts(db: Database, s: SeedScale, variants: QuizVariantRow[]) {
	await db.execute(sql`create temp table bv (quiz_id uuid, variant int, snapshot jsonb,
		responses jsonb, marks jsonb, score real, max_score real, percent real, passed boolean)`);
	for (const v of variants) {
		await db.execute(sql`insert into bv values (${v.quizId}::uuid, ${n(v.variant)},
			${JSON.stringify(v.snapshot)}::jsonb, ${JSON.stringify(v.responses)}::jsonb,
			${JSON.stringify(v.marks)}::jsonb, ${v.score}, ${v.maxScore}, ${v.percent}, ${v.passed})`);
	}
	await db.execute(sql`create temp table bq as
		select q.id, q.course_id, q.required, bc.version_id,
			(q.definition->>'timeLimitMinutes')::int as minutes,
			row_number() over (partition by q.course_id order by q.slug)::int as qi
		from quizzes q join bc on bc.id = q.course_id where q.retired_at is null`);
	const insert = (from: SQL, tail: SQL = sql``) => sql`insert into quiz_attempts (quiz_id, user_id,
			course_id, course_version_id, number, state, started_at, deadline_at, submitted_at,
			snapshot, responses, marks, score, max_score, percent, passed)
		select a.quiz_id, a.user_id, a.course_id, a.version_id, a.number, 'submitted', a.started,
			a.started + a.minutes * interval '1 minute', a.started + interval '15 minutes',
			bv.snapshot, bv.responses, bv.marks, bv.score, bv.max_score, bv.percent, bv.passed
		from (${from}) a join bv on bv.quiz_id = a.quiz_id and bv.variant = a.variant ${tail}`;
	const attempt = (number: SQL, variant: SQL) => sql`bq.id as quiz_id, be.user_id, be.course_id,
		bq.version_id, bq.minutes, ${number} as number, ${variant} as variant,
		be.enrolled_at + interval '9 days' - (3 - ${number}) * interval '2 hours' as started, be.u, be.id`;
	await db.execute(
		insert(sql`select ${attempt(sql`1`, sql`0`)} from be join bq on bq.course_id = be.course_id
			where be.stage = 'completed' and bq.required`)
	);
	const [{ done }] = await rows<{ done: number }>(
		db,
		sql`select count(*)::int as done from quiz_attempts`
	);
	const pick = hash(sql`'a:' || be.learner || ':' || bq.id || ':' || nr`);
	await db.execute(
		insert(
			sql`select ${attempt(sql`nr`, sql`case when bq.required then 1 + ${pick} % 2 else ${pick} % 3 end`)}
			from be join bq on bq.course_id = be.course_id cross join generate_series(1, 2) nr
			where be.stage <> 'not_started' and not (bq.required and be.stage = 'completed')`,
			sql`order by a.number + a.u, a.id, a.quiz_id limit ${n(Math.max(0, s.attempts - done))}`
		)
	);
}

export async function dropSeedTables(db: Database) {
	for (const table of ['bv', 'bq', 'bl', 'be', 'bc'])
		await db.execute(sql.raw(`drop table if exists ${table}`));
}
