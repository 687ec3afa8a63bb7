// Check 1: a class starts an exam at once, each learner pressing "start" more times than the quiz
// allows attempts; and, once the attempts are used up, more starts are refused.
import { postAction } from '../http';
import { Problems, seconds, step, verdict } from '../report';
import { byLearner, readAttempts } from '../attempts';
import { attemptIn, burst, figures, newErrors, replyProblems, type ClassExam } from './class';

/** The sentence the quiz page shows when no attempt is left (messages/vi.json). */
const NO_ATTEMPTS_LEFT = 'Bạn đã dùng hết số lần làm bài.';

/**
 * Every learner, with attempts left, sends limit + 1 starts at once. Returns the attempt each one
 * was sent to (one per learner), or null when the check failed too badly to go on.
 */
export async function classStarts(
	{ site, exam, learners }: ClassExam,
	name: string,
	pastAttempts: number
): Promise<string[] | null> {
	const perLearner = exam.limit + 1;
	step(`${learners.length} learners × ${perLearner} starts of ${exam.path} at once`);
	const errorsBefore = site.errors().length;
	const replies = await burst(learners, perLearner, (learner) =>
		postAction(site.origin, exam.path, 'start', learner.cookie)
	);
	const all = replies.flat();
	const problems = new Problems();
	for (const p of replyProblems(all, 'starts')) problems.add(p);
	// The class: every learner's first press of "start" within one second.
	const firsts = replies.map(([first]) => first.sentAt);
	const classSpan = Math.max(...firsts) - Math.min(...firsts);
	problems.expect(classSpan <= 1000, `the class's first starts took ${seconds(classSpan)} to send`);
	const wrong = all.filter((r) => !attemptIn(exam, r));
	problems.expect(
		wrong.length === 0,
		`${wrong.length} starts did not redirect to an attempt (first: ${wrong[0]?.status} ${wrong[0]?.location ?? wrong[0]?.body.slice(0, 120)})`
	);
	// All of one learner's starts land on the same attempt: one was made, the others resumed it.
	const sentTo = replies.map((mine) => new Set(mine.map((r) => attemptIn(exam, r))));
	const split = sentTo.filter((ids) => ids.size > 1).length;
	problems.expect(split === 0, `${split} learners were sent to more than one attempt`);

	const ids = learners.map((l) => l.id);
	const rows = await site.inspect((db) => readAttempts(db, exam, ids));
	const mine = byLearner(rows);
	let most = 0;
	let mostOpen = 0;
	learners.forEach((learner, i) => {
		const attempts = mine.get(learner.id) ?? [];
		const open = attempts.filter((a) => a.state === 'in_progress');
		most = Math.max(most, attempts.length);
		mostOpen = Math.max(mostOpen, open.length);
		const [expected] = sentTo[i];
		if (open.length !== 1 || open[0].id !== expected) {
			problems.add(`${learner.username}: ${open.length} attempts open, redirected to ${expected}`);
		}
		if (attempts.length !== pastAttempts + 1) {
			problems.add(
				`${learner.username}: ${attempts.length} attempts, expected ${pastAttempts + 1}`
			);
		}
	});
	problems.expect(most <= exam.limit, `a learner has ${most} attempts (limit ${exam.limit})`);
	problems.expect(mostOpen <= 1, `a learner has ${mostOpen} attempts in progress at once`);
	for (const e of newErrors(site, errorsBefore)) problems.add(e);
	verdict(
		name,
		`${learners.length} learners' first starts sent within ${seconds(classSpan)}; ` +
			`${figures(all, 'starts')}; ${site.errors().length - errorsBefore} server errors; ` +
			`max attempts per learner ${most} (limit ${exam.limit}), max in progress ${mostOpen}`,
		problems.list
	);
	// The submissions need one attempt per learner to submit.
	return wrong.length || split ? null : sentTo.map((ids) => [...ids][0]!);
}

/** With every attempt used, two more starts per learner at once: all refused, nothing made. */
export async function startsBeyondLimit({ site, exam, learners }: ClassExam, name: string) {
	step(`every learner has used all ${exam.limit} attempts: 2 more starts each, at once`);
	const errorsBefore = site.errors().length;
	const all = (
		await burst(learners, 2, (learner) =>
			postAction(site.origin, exam.path, 'start', learner.cookie)
		)
	).flat();
	const problems = new Problems();
	for (const p of replyProblems(all, 'starts')) problems.add(p);
	const refused = all.filter((r) => r.status === 409 && r.body.includes(NO_ATTEMPTS_LEFT));
	problems.expect(
		refused.length === all.length,
		`${all.length - refused.length} starts were not refused with “${NO_ATTEMPTS_LEFT}” (first: ${
			all.find((r) => !refused.includes(r))?.status
		})`
	);
	const ids = learners.map((l) => l.id);
	const rows = await site.inspect((db) => readAttempts(db, exam, ids), { restart: false });
	const counts = [...byLearner(rows).values()].map((a) => a.length);
	const open = rows.filter((r) => r.state === 'in_progress').length;
	problems.expect(
		counts.every((n) => n === exam.limit) && counts.length === learners.length,
		`attempts per learner range ${Math.min(...counts)}–${Math.max(...counts)}, expected ${exam.limit}`
	);
	problems.expect(open === 0, `${open} attempts were opened beyond the limit`);
	for (const e of newErrors(site, errorsBefore)) problems.add(e);
	verdict(
		name,
		`${figures(all, 'starts')}; ${refused.length} refused with the “no attempts left” message; ` +
			`attempts per learner ${Math.max(...counts)} ` +
			`(limit ${exam.limit}), ${open} in progress`,
		problems.list
	);
}
