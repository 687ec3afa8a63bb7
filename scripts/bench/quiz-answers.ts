// Seeded attempts carry a real snapshot drawn from the quiz and responses graded by the platform's
// own grader, so every score, mark and pass in the bench database is one the server could have made.
import type { QuizDefinition } from '../../src/lib/server/quiz/format';
import { gradeAttempt, type Response } from '../../src/lib/server/quiz/grading';
import { drawSnapshot, seeded, type SnapshotQuestion } from '../../src/lib/server/quiz/snapshot';

/** The response that earns full marks, in the snapshot's own terms. */
export function correctResponse(q: SnapshotQuestion): Response {
	switch (q.type) {
		case 'single':
			return { type: 'single', choice: q.options.findIndex((o) => o.correct) };
		case 'multiple':
			return {
				type: 'multiple',
				choices: q.options.flatMap((o, i) => (o.correct ? [i] : []))
			};
		case 'true_false':
			return { type: 'true_false', value: q.answer };
		case 'numeric':
			return { type: 'numeric', value: String(q.answer) };
		case 'short':
			return { type: 'short', value: q.accepted[0] };
		case 'ordering':
			return { type: 'ordering', positions: q.shown.map((item) => item + 1) };
		case 'matching':
			return {
				type: 'matching',
				picks: q.shownLeft.map((pair) => q.choices.indexOf(q.pairs[pair].right))
			};
	}
}

export interface AttemptVariant {
	snapshot: unknown;
	responses: Record<string, Response>;
	marks: Record<string, number>;
	score: number;
	maxScore: number;
	percent: number;
	passed: boolean;
}

/**
 * Three attempts at a quiz: every answer right (passes), the first half right (usually fails), and
 * nothing answered (fails). Seeded draws, so a run is reproducible.
 */
export function attemptVariants(definition: QuizDefinition, seed: number): AttemptVariant[] {
	return [1, 0.5, 0].map((share, i) => {
		const snapshot = drawSnapshot(definition, seeded(seed * 7 + i));
		const answered = snapshot.questions.slice(0, Math.round(snapshot.questions.length * share));
		const responses = Object.fromEntries(answered.map((q) => [q.id, correctResponse(q)]));
		const grade = gradeAttempt(snapshot.questions, responses, snapshot.passMark);
		return { snapshot, responses, ...grade };
	});
}
