// What checks 1 and 2 share: a class on a running server, and reading a burst's replies.
import { seconds } from '../report';
import { closeIdleConnections, statusList, tally, type Reply } from '../http';
import type { ExamQuiz, Learner } from '../seed';
import type { Site } from '../site';

export interface ClassExam {
	site: Site;
	exam: ExamQuiz;
	learners: Learner[];
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The attempt a start or submit redirected to, or null for any other answer. */
export function attemptIn(exam: ExamQuiz, reply: Reply): string | null {
	if (reply.status !== 303 || !reply.location) return null;
	const match = new RegExp(`^${exam.path}/(${UUID})(\\?completed)?$`).exec(reply.location);
	return match ? match[1] : null;
}

/**
 * Sends `perLearner` requests for every learner at once. By default the learners' first requests
 * go first (a class pressing "start"); `together` sends each learner's requests back to back, as
 * a double click does, so that they meet on the server.
 */
export async function burst(
	learners: Learner[],
	perLearner: number,
	request: (learner: Learner, index: number, round: number) => Promise<Reply>,
	{ together = false } = {}
): Promise<Reply[][]> {
	closeIdleConnections();
	const sent: Promise<Reply>[][] = learners.map(() => []);
	if (together) {
		learners.forEach((learner, index) => {
			for (let round = 0; round < perLearner; round++) {
				sent[index].push(request(learner, index, round));
			}
		});
	} else {
		for (let round = 0; round < perLearner; round++) {
			learners.forEach((learner, index) => sent[index].push(request(learner, index, round)));
		}
	}
	// Per learner: that learner's replies in the order sent.
	return Promise.all(sent.map((mine) => Promise.all(mine)));
}

/** "2000 requests sent in 0.21 s, answered within 19.4 s (p50 9.8 s, p95 18.0 s): 2000×303". */
export function figures(replies: Reply[], what: string): string {
	const t = tally(replies);
	return (
		`${t.count} ${what} sent in ${seconds(t.sendSpanMs)}, all answered within ${seconds(t.totalMs)} ` +
		`(p50 ${seconds(t.p50)}, p95 ${seconds(t.p95)}): ${statusList(t.byStatus)}`
	);
}

/** Problems with a batch's replies: server errors and answers that are neither 2xx nor 3xx. */
export function replyProblems(replies: Reply[], what: string): string[] {
	const t = tally(replies);
	const problems: string[] = [];
	if (t.serverErrors) problems.push(`${t.serverErrors} ${what} answered 5xx`);
	if (t.networkErrors) {
		const sample = replies.find((r) => r.status === 0)?.error;
		problems.push(`${t.networkErrors} ${what} got no answer (${sample})`);
	}
	return problems;
}

/** The new server error lines since `before` (a count of lines). */
export function newErrors(site: Site, before: number): string[] {
	return site
		.errors()
		.slice(before)
		.map((line) => `server logged: ${line.slice(0, 300)}`);
}
