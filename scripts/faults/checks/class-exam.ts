// Checks 1 and 2 on one server: a class of learners, each with all but two of the exam's attempts
// already used, starts the exam at once (check 1), hands in at once and twice more (check 2), and
// then finds further starts refused (check 1, its second half).
import { installGradingLog, makePastAttempts } from '../attempts';
import type { Engine } from '../databases';
import { heading, seconds, step, verdict } from '../report';
import { findExamQuiz, seedLearners } from '../seed';
import { Site } from '../site';
import { classStarts, startsBeyondLimit } from './class-start';
import { submissions } from './submissions';

export async function classExam(engine: Engine, port: number, size: number): Promise<void> {
	heading(`Checks 1 and 2 on ${engine.name}: a class of ${size} takes an exam`);
	const site = new Site(engine, port);
	try {
		step(`starting the server on ${engine.name} at ${site.origin}`);
		step(`ready in ${seconds(await site.start())} (migrations, course sync, administrator)`);
		const seeded = performance.now();
		const { exam, learners, past } = await site.inspect(async (db) => {
			await installGradingLog(db);
			const exam = await findExamQuiz(db);
			if (exam.limit < 2)
				throw new Error(`${exam.path} allows ${exam.limit} attempt: need 2 or more`);
			const learners = await seedLearners(db, exam, size);
			// Two attempts left: one for the class start, one for the double hand-in in progress.
			const past = exam.limit - 2;
			await makePastAttempts(db, exam, learners, past);
			return { exam, learners, past };
		});
		step(
			`${size} learners enrolled in ${exam.courseSlug} with a session cookie each and ${past} ` +
				`attempt(s) of ${exam.quizSlug} (limit ${exam.limit}) already used, in ${seconds(performance.now() - seeded)}`
		);
		const ctx = { site, exam, learners };
		const opened = await classStarts(ctx, `1. class starts an exam (${engine.name})`, past);
		const check2 = `2. hand-ins and double hand-ins (${engine.name})`;
		if (!opened) {
			verdict(check2, 'not run', ['check 1 left no attempt per learner to hand in']);
			return;
		}
		await submissions(ctx, check2, opened);
		await startsBeyondLimit(ctx, `1. starts beyond the attempt limit (${engine.name})`);
	} finally {
		await site.stop();
	}
}
