import { questionKinds, type QuestionKind } from '$lib/domain';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import {
	questionTypes,
	reviewModes,
	type QuestionType,
	type scorings
} from '$lib/schemas/authoring-quiz';

// The quiz editor's words for the format's values, in the reader's language.

const typeLabels: Record<QuestionType, () => string> = {
	single: m.author_quiz_type_single,
	multiple: m.author_quiz_type_multiple,
	true_false: m.author_quiz_type_true_false,
	numeric: m.author_quiz_type_numeric,
	short: m.author_quiz_type_short,
	ordering: m.author_quiz_type_ordering,
	matching: m.author_quiz_type_matching
};

const typeHints: Record<QuestionType, () => string> = {
	single: m.author_quiz_type_single_hint,
	multiple: m.author_quiz_type_multiple_hint,
	true_false: m.author_quiz_type_true_false_hint,
	numeric: m.author_quiz_type_numeric_hint,
	short: m.author_quiz_type_short_hint,
	ordering: m.author_quiz_type_ordering_hint,
	matching: m.author_quiz_type_matching_hint
};

const reviewLabels: Record<(typeof reviewModes)[number], () => string> = {
	never: m.author_quiz_review_never,
	after_each: m.author_quiz_review_after_each,
	after_pass: m.author_quiz_review_after_pass,
	after_last: m.author_quiz_review_after_last
};

export const typeLabel = (type: QuestionType | null) =>
	type ? typeLabels[type]() : m.author_quiz_type_unknown();
export const typeHint = (type: QuestionType) => typeHints[type]();
export const typeOptions = () =>
	questionTypes.map((value) => ({ value, label: typeLabels[value]() }));

export const reviewLabel = (mode: string) =>
	mode in reviewLabels ? reviewLabels[mode as keyof typeof reviewLabels]() : mode;
export const reviewOptions = () =>
	reviewModes.map((value) => ({ value, label: reviewLabels[value]() }));

export const scoringLabel = (scoring: (typeof scorings)[number]) =>
	scoring === 'partial' ? m.author_quiz_scoring_partial() : m.author_quiz_scoring_all();

export const pointsLabel = (points: number | null) =>
	points === null
		? m.author_quiz_points_invalid()
		: m.quiz_points({ points: formatNumber(points) });

const kindLabels: Record<QuestionKind, () => string> = {
	recall: m.author_quiz_kind_recall,
	scenario: m.author_quiz_kind_scenario,
	calculation: m.author_quiz_kind_calculation
};
export const kindOptions = () =>
	questionKinds.map((value) => ({ value, label: kindLabels[value]() }));
