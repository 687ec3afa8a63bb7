import { fold } from '$lib/text';
import { questionKinds } from '$lib/domain';
import {
	authorNumber,
	isQuestionType,
	numberField,
	reviewModes,
	scorings,
	toleranceTypes,
	type QuestionForm,
	type QuestionType,
	type QuizSettingsForm
} from '$lib/schemas/authoring-quiz';
import { asList, asRecord, questionsOf } from './quiz-file';
import { isSlug } from '$lib/slug';
import { slugFrom, uniqueSlug } from './outline';

// The quiz editor's forms and the quiz file's data: what each form shows of a file (tolerantly, as
// text to edit) and what it writes back. The file itself is read and written in quiz-file.ts.

export * from './quiz-file';

// ---- From the file to the forms -----------------------------------------------------------------

const str = (v: unknown): string =>
	typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
/** A number as the form shows it (in the reader's writing); an absent key shows the format's default. */
const numText = (v: unknown, fallback: string) =>
	v === undefined ? fallback : typeof v === 'number' ? numberField(v) : str(v);
const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T =>
	values.includes(v as T) ? (v as T) : fallback;

export function settingsValues(data: unknown): QuizSettingsForm {
	const d = asRecord(data);
	const title = asRecord(d.title);
	const description = asRecord(d.description);
	const draw = asList(d.draw).map(asRecord);
	return {
		titleVi: str(title.vi),
		titleEn: str(title.en),
		descriptionVi: str(description.vi),
		descriptionEn: str(description.en),
		required: d.required !== false,
		after: str(d.after),
		passMark: numText(d.passMark, '70'),
		attempts: numText(d.attempts, ''),
		timeLimitMinutes: numText(d.timeLimitMinutes, ''),
		shuffleQuestions: d.shuffleQuestions !== false,
		shuffleOptions: d.shuffleOptions !== false,
		review: oneOf(reviewModes, d.review, 'after_each'),
		questionsPerPage: numText(d.questionsPerPage, '5'),
		drawPool: draw.map((r) => str(r.pool)),
		drawCount: draw.map((r) => numText(r.count, ''))
	};
}

export function questionValues(raw: unknown): QuestionForm {
	const q = asRecord(raw);
	const options = asList(q.options).map(asRecord);
	const pairs = asList(q.pairs).map(asRecord);
	return {
		text: str(q.text),
		points: numText(q.points, '1'),
		kind: oneOf(questionKinds, q.kind, 'recall'),
		explanation: str(q.explanation),
		pool: str(q.pool),
		optionText: options.map((o) => str(o.text)),
		optionFeedback: options.map((o) => str(o.feedback)),
		correct: options.flatMap((o, i) => (o.correct === true ? [String(i)] : [])),
		scoring: oneOf(scorings, q.scoring, q.type === 'matching' ? 'partial' : 'all_or_nothing'),
		answer: q.type === 'numeric' ? numText(q.answer, '') : str(q.answer),
		feedbackTrue: str(q.feedbackTrue),
		feedbackFalse: str(q.feedbackFalse),
		tolerance: numText(q.tolerance, '0'),
		toleranceType: oneOf(toleranceTypes, q.toleranceType, 'absolute'),
		unit: str(q.unit),
		accepted: asList(q.accepted).map(str),
		ignoreCase: q.ignoreCase !== false,
		ignoreDiacritics: q.ignoreDiacritics === true,
		items: asList(q.items).map(str),
		pairLeft: pairs.map((p) => str(p.left)),
		pairRight: pairs.map((p) => str(p.right)),
		distractors: asList(q.distractors).map(str)
	};
}

/**
 * The form with empty rows to fill where its type's list has none: what a new question starts with,
 * and what a question given its type in the editor gets. Rows left empty are not saved.
 */
export function withRows(type: QuestionType, values: QuestionForm): QuestionForm {
	const blank = (n: number) => Array.from({ length: n }, () => '');
	const next = { ...values };
	if ((type === 'single' || type === 'multiple') && next.optionText.length === 0) {
		next.optionText = blank(4);
		next.optionFeedback = blank(4);
	}
	if (type === 'short' && next.accepted.length === 0) next.accepted = blank(1);
	if (type === 'ordering' && next.items.length === 0) next.items = blank(4);
	if (type === 'matching' && next.pairLeft.length === 0) {
		next.pairLeft = blank(3);
		next.pairRight = blank(3);
	}
	return next;
}

/** A new question's form. */
export const blankQuestion = (type: QuestionType) => withRows(type, questionValues({ type }));

export interface QuestionSummary {
	/** How the editor's address names it: its id, or "_3" (its number) when the id is unusable. */
	key: string;
	id: string | null;
	type: QuestionType | null;
	text: string;
	points: number | null;
	pool: string | null;
}

/** Each question's key: its id when that is a slug not used by an earlier question. */
export function questionKeys(questions: unknown[]): string[] {
	const seen = new Set<string>();
	return questions.map((raw, i) => {
		const id = asRecord(raw).id;
		if (isSlug(id) && !seen.has(id)) {
			seen.add(id);
			return id;
		}
		return `_${i + 1}`;
	});
}

export function questionList(data: unknown): QuestionSummary[] {
	const questions = questionsOf(data);
	const keys = questionKeys(questions);
	return questions.map((raw, i) => {
		const q = asRecord(raw);
		return {
			key: keys[i],
			id: typeof q.id === 'string' ? q.id : null,
			type: isQuestionType(q.type) ? q.type : null,
			text: str(q.text),
			points: q.points === undefined ? 1 : typeof q.points === 'number' ? q.points : null,
			pool: typeof q.pool === 'string' && q.pool ? q.pool : null
		};
	});
}

/** A slug from the question's text, short enough for an address, unique among `taken`. */
export function questionIdFrom(text: string, taken: Set<string>): string {
	let base = /[a-z0-9]/.test(fold(text)) ? slugFrom(text) : 'cau-hoi';
	if (base.length > 40) {
		const cut = base.slice(0, 41);
		const dash = cut.lastIndexOf('-');
		base = dash > 0 ? cut.slice(0, dash) : base.slice(0, 40);
	}
	return uniqueSlug(base, taken);
}

/**
 * The id a question is saved with: its own, which is permanent (statistics follow it), unless it is
 * missing, not a slug or already an earlier question's; then a new one from its text.
 */
export function questionIdFor(questions: unknown[], index: number | null, text: string): string {
	const ids = questions.map((q) => str(asRecord(q).id));
	if (index !== null && isSlug(ids[index]) && !ids.slice(0, index).includes(ids[index]))
		return ids[index];
	return questionIdFrom(text, new Set(ids.filter((id, i) => id && i !== index)));
}

// ---- From the forms to the file -----------------------------------------------------------------

/** Text as written in the file: Unix line ends (browsers send CRLF), no surrounding spaces. */
const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const optional = (s: string) => clean(s) || undefined;
const filled = (rows: string[]) => rows.map(clean).filter(Boolean);
const whole = (s: string, fallback: number | null) => (s.trim() === '' ? fallback : Number(s));

/** A pool name as a slug ("Khái niệm" → "khai-niem"); text with no letters stays, as reported. */
const poolSlug = (name: string) =>
	isSlug(name) || !/[a-z0-9]/.test(fold(name)) ? name : slugFrom(name);

/** The settings as the file holds them; every setting is written out, so the file reads plainly. */
export function settingsData(v: QuizSettingsForm): Record<string, unknown> {
	const draw = v.drawPool
		.map((pool, i) => ({ pool: poolSlug(clean(pool)), count: (v.drawCount[i] ?? '').trim() }))
		.filter((row) => row.pool || row.count)
		.map((row) => ({ pool: row.pool, count: Number(row.count) }));
	const description = { vi: clean(v.descriptionVi), en: optional(v.descriptionEn) };
	return {
		title: { vi: clean(v.titleVi), en: optional(v.titleEn) },
		description: description.vi || description.en ? description : undefined,
		required: v.required,
		after: optional(v.after),
		passMark: authorNumber(v.passMark) ?? 70,
		attempts: whole(v.attempts, null),
		timeLimitMinutes: whole(v.timeLimitMinutes, null),
		shuffleQuestions: v.shuffleQuestions,
		shuffleOptions: v.shuffleOptions,
		review: v.review,
		questionsPerPage: whole(v.questionsPerPage, 5),
		draw: draw.length > 0 ? draw : undefined
	};
}

/** One question as the file holds it, keys in the documented order; empty rows are dropped. */
export function questionData(
	type: QuestionType,
	id: string,
	v: QuestionForm
): Record<string, unknown> {
	let fields: Record<string, unknown>;
	switch (type) {
		case 'single':
		case 'multiple': {
			const options = v.optionText
				.map((text, i) => ({
					text: clean(text),
					correct: v.correct.includes(String(i)) || undefined,
					feedback: optional(v.optionFeedback[i] ?? '')
				}))
				.filter((o) => o.text || o.correct || o.feedback);
			fields = type === 'multiple' ? { scoring: v.scoring, options } : { options };
			break;
		}
		case 'true_false':
			fields = {
				answer: v.answer === 'true' ? true : v.answer === 'false' ? false : undefined,
				feedbackTrue: optional(v.feedbackTrue),
				feedbackFalse: optional(v.feedbackFalse)
			};
			break;
		case 'numeric':
			fields = {
				answer: authorNumber(v.answer) ?? undefined,
				tolerance: authorNumber(v.tolerance) ?? 0,
				toleranceType: v.toleranceType,
				unit: optional(v.unit)
			};
			break;
		case 'short':
			fields = {
				accepted: filled(v.accepted),
				ignoreCase: v.ignoreCase,
				ignoreDiacritics: v.ignoreDiacritics
			};
			break;
		case 'ordering':
			fields = { scoring: v.scoring, items: filled(v.items) };
			break;
		case 'matching': {
			const pairs = v.pairLeft
				.map((left, i) => ({ left: clean(left), right: clean(v.pairRight[i] ?? '') }))
				.filter((p) => p.left || p.right);
			const distractors = filled(v.distractors);
			fields = {
				scoring: v.scoring,
				pairs,
				distractors: distractors.length > 0 ? distractors : undefined
			};
			break;
		}
	}
	return {
		id,
		pool: optional(v.pool),
		type,
		points: authorNumber(v.points) ?? 1,
		// The default is left unwritten, as in the shipped files.
		kind: v.kind === 'recall' ? undefined : v.kind,
		text: clean(v.text),
		...fields,
		explanation: optional(v.explanation)
	};
}
