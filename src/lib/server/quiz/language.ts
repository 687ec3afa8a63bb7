import type { SnapshotQuestion } from './snapshot';

/**
 * A question as read in the learner's language: its English texts where the quiz gives them, in the
 * same positions, so what was answered (by position) stays right whichever language it is read in.
 * Vietnamese, or a question without English, comes back as it is.
 */
export function inLanguage(q: SnapshotQuestion, locale: string): SnapshotQuestion {
	const en = q.en;
	if (locale !== 'en' || !en) return q;
	const texts = { text: en.text, explanation: en.explanation ?? q.explanation };
	switch (q.type) {
		case 'single':
		case 'multiple':
			return {
				...q,
				...texts,
				options: q.options.map((o) =>
					o.en ? { ...o, text: o.en.text, feedback: o.en.feedback } : o
				)
			};
		case 'true_false':
			return {
				...q,
				...texts,
				feedbackTrue: en.feedbackTrue ?? q.feedbackTrue,
				feedbackFalse: en.feedbackFalse ?? q.feedbackFalse
			};
		case 'numeric':
			return { ...q, ...texts, unit: en.unit ?? q.unit };
		case 'short':
			// Either language's answers are right; the review names the English ones first.
			return { ...q, ...texts, accepted: [...(en.accepted ?? []), ...q.accepted] };
		case 'ordering':
			return { ...q, ...texts, items: en.items ?? q.items };
		case 'matching': {
			const pairs = en.pairs ?? q.pairs;
			const distractors = en.distractors ?? q.distractors;
			const choices = q.choices.map((choice) => {
				const pair = q.pairs.findIndex((p) => p.right === choice);
				if (pair >= 0) return pairs[pair].right;
				const distractor = q.distractors.indexOf(choice);
				return distractor >= 0 ? distractors[distractor] : choice;
			});
			return { ...q, ...texts, pairs, distractors, choices };
		}
	}
}
