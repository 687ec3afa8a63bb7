import type { Question, QuizDefinition } from './format';

/**
 * What an attempt keeps: the questions drawn, in the order shown, each with its options (or items,
 * or choices) in the order shown, and its full content, so grading and review stay right after
 * the course changes. Responses refer to positions in this snapshot.
 */
type Choice = Extract<Question, { type: 'single' }>['options'][number];
/** A choice question's options in the order shown, each with its English when the quiz gives it. */
type WithShownOptions<Q> = Q extends unknown
	? Omit<Q, 'options'> & { options: (Choice & { en?: { text: string; feedback?: string } })[] }
	: never;

export type SnapshotQuestion =
	| WithShownOptions<Extract<Question, { type: 'single' | 'multiple' }>>
	| Extract<Question, { type: 'true_false' | 'numeric' | 'short' }>
	| (Extract<Question, { type: 'ordering' }> & {
			/** Indices into `items` (the correct order), in the order shown. */
			shown: number[];
	  })
	| (Extract<Question, { type: 'matching' }> & {
			/** Indices into `pairs`, in the order the left-hand sides are shown. */
			shownLeft: number[];
			/** Right-hand answers (and distractors), in the order offered. */
			choices: string[];
	  });

export interface QuizSnapshot {
	title: { vi: string; en?: string };
	passMark: number;
	review: QuizDefinition['review'];
	questionsPerPage: number;
	timeLimitMinutes: number | null;
	questions: SnapshotQuestion[];
}

/** A source of randomness in [0, 1); tests pass a seeded one. */
export type Random = () => number;

export function shuffle<T>(items: readonly T[], random: Random): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Draws an attempt's questions: every question without a pool, and `count` from each pool. */
export function drawSnapshot(quiz: QuizDefinition, random: Random = Math.random): QuizSnapshot {
	const fixed = quiz.questions.filter((q) => !q.pool);
	const drawn = quiz.draw.flatMap((d) =>
		shuffle(
			quiz.questions.filter((q) => q.pool === d.pool),
			random
		).slice(0, d.count)
	);
	// Without shuffling, keep the file's order.
	const chosen = new Set([...fixed, ...drawn]);
	const ordered = quiz.shuffleQuestions
		? shuffle([...chosen], random)
		: quiz.questions.filter((q) => chosen.has(q));
	const arrange = <T>(items: readonly T[]) =>
		quiz.shuffleOptions ? shuffle(items, random) : [...items];

	const questions = ordered.map((q): SnapshotQuestion => {
		switch (q.type) {
			case 'single':
			case 'multiple':
				return {
					...q,
					options: arrange(q.options.map((o, i) => ({ ...o, en: q.en?.options?.[i] })))
				};
			case 'ordering': {
				// Ordering is always shuffled: shown in the right order it would ask nothing.
				let shown = shuffle(range(q.items.length), random);
				if (shown.every((v, i) => v === i)) shown = [...shown.slice(1), shown[0]];
				return { ...q, shown };
			}
			case 'matching':
				return {
					...q,
					shownLeft: arrange(range(q.pairs.length)),
					choices: shuffle([...q.pairs.map((p) => p.right), ...q.distractors], random)
				};
			default:
				return q;
		}
	});
	return {
		title: quiz.title,
		passMark: quiz.passMark,
		review: quiz.review,
		questionsPerPage: quiz.questionsPerPage,
		timeLimitMinutes: quiz.timeLimitMinutes,
		questions
	};
}

/** A seeded random source (mulberry32), for reproducible tests. */
export function seeded(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
