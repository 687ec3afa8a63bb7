// Check 3: the server is killed with SIGKILL in the middle of a burst of hand-ins, then started
// again on the same data. Whatever was acknowledged must be there, submitted and graded exactly
// once; the clients' retries after the restart must grade nothing twice.
import {
	gradeProblems,
	gradedState,
	gradingCounts,
	installGradingLog,
	makePastAttempts,
	readAttempts
} from '../attempts';
import type { Engine } from '../databases';
import { closeIdleConnections, get, postAction, type Reply } from '../http';
import { heading, Problems, seconds, step, verdict } from '../report';
import { answerForm, findExamQuiz, seedLearners } from '../seed';
import { Site } from '../site';
import { attemptIn, figures, newErrors, replyProblems } from './class';

export async function crashDuringHandIns(engine: Engine, port: number, size = 300): Promise<void> {
	const name = `3. kill -9 during hand-ins (${engine.name})`;
	heading(`Check 3 on ${engine.name}: kill -9 during a burst of ${size} hand-ins`);
	const site = new Site(engine, port);
	try {
		step(`ready in ${seconds(await site.start())} on ${engine.name} at ${site.origin}`);
		const { exam, learners, open } = await site.inspect(async (db) => {
			await installGradingLog(db);
			const exam = await findExamQuiz(db);
			const learners = await seedLearners(db, exam, size);
			return { exam, learners, open: await makePastAttempts(db, exam, learners, 1, true) };
		});
		step(`${size} learners each with an attempt of ${exam.path} in progress`);

		// Kill once a third of the hand-ins are acknowledged: the rest are queued or in flight.
		const killAt = Math.ceil(size / 3);
		let answered = 0;
		const started = performance.now();
		let killedAfterMs = 0;
		let killing: Promise<void> | undefined;
		const kill = () => {
			if (killing) return;
			killedAfterMs = performance.now() - started;
			killing = site.kill();
		};
		const fallback = setTimeout(kill, 60_000);
		closeIdleConnections();
		const replies: Reply[] = await Promise.all(
			learners.map((learner, i) =>
				postAction(
					site.origin,
					`${exam.path}/${open[i]}`,
					'save',
					learner.cookie,
					answerForm(exam, 1)
				).then((reply) => {
					if (reply.status && ++answered >= killAt) kill();
					return reply;
				})
			)
		);
		clearTimeout(fallback);
		await killing;
		// Acknowledged: answered with the redirect to the result, before or while the kill landed.
		const acked = new Set(open.filter((id, i) => attemptIn(exam, replies[i]) === id));
		const unanswered = replies.filter((r) => r.status === 0).length;
		step(
			`SIGKILL after ${seconds(killedAfterMs)}: ${acked.size} hand-ins acknowledged, ` +
				`${unanswered} without an answer`
		);
		const problems = new Problems();
		// Requests cut off by the kill have no answer; among the answers, a 5xx is a fault.
		const answers = replies.filter((r) => r.status !== 0);
		for (const p of replyProblems(answers, 'hand-ins')) problems.add(p);
		problems.expect(acked.size > 0 && unanswered > 0, 'the kill did not fall inside the burst');

		const errorsBefore = site.errors().length;
		const restartMs = await site.start();
		const health = await get(site.origin, '/healthz');
		step(
			`restarted on the same data in ${seconds(restartMs)}; /healthz ${health.status} ${health.body}`
		);
		problems.expect(health.status === 200, `/healthz answered ${health.status} after the restart`);

		const ids = learners.map((l) => l.id);
		const afterKill = await site.inspect(async (db) => ({
			rows: await readAttempts(db, exam, ids),
			gradings: await gradingCounts(db)
		}));
		const byId = new Map(afterKill.rows.map((r) => [r.id, r]));
		let ackedFound = 0;
		for (const id of acked) {
			const row = byId.get(id);
			const times = afterKill.gradings.get(id) ?? 0;
			const found = !row
				? [`acknowledged hand-in ${id} is missing after the restart`]
				: row.state !== 'submitted'
					? [`acknowledged hand-in ${id} is ${row.state} after the restart`]
					: times !== 1
						? [`acknowledged hand-in ${id} was graded ${times} times`]
						: gradeProblems(row);
			for (const p of found) problems.add(p);
			if (!found.length) ackedFound++;
		}
		problems.expect(
			afterKill.rows.length === size,
			`${afterKill.rows.length} attempt rows for ${size} learners with one attempt each`
		);
		const committedUnacked = afterKill.rows.filter(
			(r) => r.state === 'submitted' && !acked.has(r.id)
		).length;

		step('every client retries its hand-in');
		closeIdleConnections();
		const retries = await Promise.all(
			learners.map((learner, i) =>
				postAction(
					site.origin,
					`${exam.path}/${open[i]}`,
					'save',
					learner.cookie,
					answerForm(exam, 2)
				)
			)
		);
		for (const p of replyProblems(retries, 'retries')) problems.add(p);
		const astray = retries.filter((r, i) => attemptIn(exam, r) !== open[i]).length;
		problems.expect(astray === 0, `${astray} retries did not return to their attempt`);
		const final = await site.inspect(
			async (db) => ({
				rows: await readAttempts(db, exam, ids),
				gradings: await gradingCounts(db)
			}),
			{ restart: false }
		);
		const before = new Map(afterKill.rows.map((r) => [r.id, gradedState(r)]));
		const changed = final.rows.filter(
			(r) => before.get(r.id)?.startsWith('["submitted"') && before.get(r.id) !== gradedState(r)
		).length;
		problems.expect(changed === 0, `${changed} results changed when handed in again`);
		const notSubmitted = final.rows.filter((r) => r.state !== 'submitted').length;
		problems.expect(notSubmitted === 0, `${notSubmitted} attempts not submitted after the retries`);
		const twice = [...final.gradings.values()].filter((n) => n > 1).length;
		problems.expect(twice === 0, `${twice} attempts graded more than once`);
		for (const row of final.rows) for (const p of gradeProblems(row)) problems.add(p);
		for (const e of newErrors(site, errorsBefore)) problems.add(e);
		verdict(
			name,
			`SIGKILL ${seconds(killedAfterMs)} into ${size} hand-ins: ${acked.size} acknowledged, ` +
				`${ackedFound} of them found submitted and graded once after a restart in ${seconds(restartMs)} ` +
				`(${committedUnacked} unacknowledged ones had committed too); retries ${figures(retries, 'hand-ins')}; ` +
				`${final.rows.length - notSubmitted}/${size} submitted, ${twice} graded twice, ${changed} changed`,
			problems.list
		);
	} finally {
		await site.stop();
	}
}
