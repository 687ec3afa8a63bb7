// Check 2: the whole class hands in at once, then hands in again twice at once (a retry); and a
// fresh attempt each, handed in with a double click while still in progress. Every attempt
// must be graded exactly once, and a second hand-in must change nothing.
import {
	gradingCounts,
	gradedState,
	gradeProblems,
	readAttempts,
	type AttemptRow
} from '../attempts';
import { postAction, type Reply } from '../http';
import { Problems, step, verdict } from '../report';
import { answerForm, type Learner } from '../seed';
import { attemptIn, burst, figures, newErrors, replyProblems, type ClassExam } from './class';

const pages = (count: number) => 1 + Math.floor(Math.random() * count);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands attempt `attempts[i]` in for learner i, `times` over, each time with other answers: all at
 * once, or as a double click does, the later presses 0–300 ms after the first (spread over the
 * class, so that some land while the first is being graded).
 */
function handIn(
	{ site, exam, learners }: ClassExam,
	attempts: string[],
	times: number,
	{ doubleClick = false } = {}
) {
	const pageCount = Math.max(1, Math.ceil(exam.questions.length / 4));
	const send = (learner: Learner, i: number) =>
		postAction(
			site.origin,
			`${exam.path}/${attempts[i]}`,
			'save',
			learner.cookie,
			answerForm(exam, pages(pageCount))
		);
	return burst(
		learners,
		times,
		(learner, i, round) =>
			doubleClick && round > 0
				? sleep((i % 100) * 3).then(() => send(learner, i))
				: send(learner, i),
		{ together: true }
	);
}

/** Every reply sends the learner back to the attempt handed in (its result page). */
function backToAttempt(ctx: ClassExam, replies: Reply[][], attempts: string[], what: string) {
	const problems = replyProblems(replies.flat(), what);
	const mislabelled = replies.flat().filter((r) => r.location?.endsWith('?timeup')).length;
	if (mislabelled) {
		// The deadline is the quiz's time limit away: "time is up" can only be the wrong message.
		problems.push(
			`${mislabelled} ${what} were sent to the “time is up” notice (…?timeup) long before the deadline`
		);
	}
	const astray = replies.flatMap((mine, i) =>
		mine.filter((r) => attemptIn(ctx.exam, r) !== attempts[i] && !r.location?.endsWith('?timeup'))
	);
	if (astray.length) {
		problems.push(
			`${astray.length} ${what} did not return to the attempt (first: ${astray[0].status} ${astray[0].location ?? astray[0].body.slice(0, 120)})`
		);
	}
	return problems;
}

/** Graded once, consistently, for each of these attempts. */
function gradedOnce(rows: AttemptRow[], attempts: string[], gradings: Map<string, number>) {
	const problems: string[] = [];
	const byId = new Map(rows.map((r) => [r.id, r]));
	for (const id of attempts) {
		const row = byId.get(id);
		if (!row) problems.push(`attempt ${id} is missing`);
		else if (row.state !== 'submitted') problems.push(`attempt ${id} is still ${row.state}`);
		else problems.push(...gradeProblems(row));
		const times = gradings.get(id) ?? 0;
		if (times !== 1) problems.push(`attempt ${id} was graded ${times} times`);
	}
	return problems;
}

export async function submissions(ctx: ClassExam, name: string, opened: string[]): Promise<void> {
	const { site, exam, learners } = ctx;
	const problems = new Problems();
	const errorsBefore = site.errors().length;
	const ids = learners.map((l) => l.id);

	step(`${learners.length} learners hand in at once`);
	const first = await handIn(ctx, opened, 1);
	for (const p of backToAttempt(ctx, first, opened, 'submissions')) problems.add(p);
	const before = await site.inspect(async (db) => ({
		rows: await readAttempts(db, exam, ids),
		gradings: await gradingCounts(db)
	}));
	for (const p of gradedOnce(before.rows, opened, before.gradings)) problems.add(p);

	step('each hands the same attempt in again, twice at once');
	const again = await handIn(ctx, opened, 2);
	for (const p of backToAttempt(ctx, again, opened, 'repeated submissions')) problems.add(p);

	step('each starts a new attempt, then hands it in with a double click (0–300 ms apart)');
	const starts = (
		await burst(learners, 1, (learner) =>
			postAction(site.origin, exam.path, 'start', learner.cookie)
		)
	).map(([r]) => r);
	for (const p of replyProblems(starts, 'starts')) problems.add(p);
	const fresh = starts.map((r) => attemptIn(exam, r) ?? '');
	const notNew = fresh.filter((id, i) => !id || id === opened[i]).length;
	problems.expect(notNew === 0, `${notNew} starts did not open a new attempt`);
	const double = notNew ? [] : await handIn(ctx, fresh, 2, { doubleClick: true });
	for (const p of backToAttempt(ctx, double, fresh, 'double submissions')) problems.add(p);

	const after = await site.inspect(async (db) => ({
		rows: await readAttempts(db, exam, ids),
		gradings: await gradingCounts(db)
	}));
	const earlier = new Map(before.rows.map((r) => [r.id, gradedState(r)]));
	const changed = after.rows.filter(
		(r) => earlier.has(r.id) && earlier.get(r.id) !== gradedState(r)
	);
	problems.expect(
		changed.length === 0,
		`${changed.length} results changed when handed in again (first: ${changed[0]?.id})`
	);
	const handedIn = notNew ? opened : [...opened, ...fresh];
	for (const p of gradedOnce(after.rows, handedIn, after.gradings)) problems.add(p);
	const perLearner = after.rows.length / learners.length;
	problems.expect(
		after.rows.length === learners.length * exam.limit,
		`${after.rows.length} attempt rows, expected ${learners.length * exam.limit}`
	);
	for (const e of newErrors(site, errorsBefore)) problems.add(e);
	const regraded = [...after.gradings.values()].filter((n) => n > 1).length;
	verdict(
		name,
		`${figures(first.flat(), 'submissions')}; again twice each: ${figures(again.flat(), 'submissions')}, ` +
			`${changed.length} results changed; fresh attempts handed in with a double click: ` +
			`${figures(double.flat(), 'submissions')}; ${handedIn.length} attempts graded, ` +
			`${regraded} graded more than once, ${perLearner} rows per learner`,
		problems.list
	);
}
