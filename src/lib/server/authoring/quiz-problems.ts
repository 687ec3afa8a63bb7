import type { z } from 'zod';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { questionSchema, quizSchema } from '../quiz/format';
import { asRecord, questionsOf, type QuizFile } from './quiz-file';
import { isSlug } from '$lib/slug';

// The quiz editor's checks: exactly the format's schema (what `npm run courses:check` and
// publishing use) plus the loader's lesson check, with each problem placed on a form field and
// said in the reader's language. The schema's own messages stay in English for the command line.

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

export interface QuizProblem {
	path: Path;
	message: string;
}

export function checkQuiz(quiz: QuizFile, lessons?: ReadonlySet<string>): QuizProblem[] {
	if (quiz.syntaxError) return [{ path: [], message: m.author_quiz_error_yaml(quiz.syntaxError) }];
	const problems = issuesOf(quiz.data).map((issue) => ({
		path: issue.path,
		message: localise(issue, quiz.data)
	}));
	const after = asRecord(quiz.data).after;
	if (lessons && isSlug(after) && !lessons.has(after))
		problems.push({ path: ['after'], message: m.author_quiz_error_after({ slug: after }) });
	const seen = new Set<string>();
	return problems.filter((p) => {
		const key = `${p.path.join('.')}\n${p.message}`;
		return !seen.has(key) && Boolean(seen.add(key));
	});
}

const renumber = (issue: Issue, index: number): Issue => ({
	...issue,
	path: ['questions', index, ...issue.path.slice(2)]
});

/**
 * The schema's issues. Its cross-checks (a correct option, unique ids, pools that are drawn) only
 * run when nothing else stops the parse; so that an author sees them while other questions are
 * unfinished, they are also run on each question alone and on the questions that are valid.
 */
function issuesOf(data: unknown): Issue[] {
	const whole = quizSchema.safeParse(data);
	if (whole.success) return [];
	const issues = [...whole.error.issues];
	if (issues.some((i) => i.code === 'custom')) return issues;
	const questions = questionsOf(data);
	questions.forEach((question, i) => {
		const pool = asRecord(question).pool;
		const alone = quizSchema.safeParse({
			title: { vi: '-' },
			draw: isSlug(pool) ? [{ pool, count: 1 }] : [],
			questions: [question]
		});
		for (const issue of alone.error?.issues ?? []) {
			if (issue.code === 'custom' && issue.path[0] === 'questions') issues.push(renumber(issue, i));
		}
	});
	// The questions valid but for keys the format does not know (saving drops those).
	const valid = questions.flatMap((q, i) => {
		const parsed = questionSchema.safeParse(q);
		if (parsed.success) return [{ i, q }];
		const unknown = parsed.error.issues.filter((x) => x.code === 'unrecognized_keys');
		if (unknown.length !== parsed.error.issues.length || unknown.some((x) => x.path.length))
			return [];
		const known = Object.entries(asRecord(q)).filter(([k]) => !unknown[0].keys.includes(k));
		return [{ i, q: Object.fromEntries(known) }];
	});
	const draw = asRecord(data).draw ?? [];
	const drawValid = quizSchema.shape.draw.safeParse(draw).success;
	if (valid.length === 0) return issues;
	const together = quizSchema.safeParse({
		title: { vi: '-' },
		draw: drawValid ? draw : [],
		questions: valid.map((v) => v.q)
	});
	for (const issue of together.error?.issues ?? []) {
		if (issue.code !== 'custom') continue;
		if (issue.path[0] === 'draw') {
			if (drawValid) issues.push(issue);
		} else if (issue.path[2] !== 'pool' || drawValid) {
			issues.push(renumber(issue, valid[issue.path[1] as number].i));
		}
	}
	return issues;
}

function valueAt(data: unknown, path: Path): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/** The name of the list an issue is about: "options" for ['questions', 2, 'options']. */
const listName = (path: Path) => String([...path].reverse().find((k) => typeof k === 'string'));

function tooFew(path: Path, min: number): string {
	const list = listName(path);
	if (list === 'questions' && path.length === 1) return m.author_quiz_error_min_questions();
	if (list === 'options') return m.author_quiz_error_min_options({ min });
	if (list === 'items') return m.author_quiz_error_min_items({ min });
	if (list === 'pairs') return m.author_quiz_error_min_pairs({ min });
	if (list === 'accepted') return m.author_quiz_error_min_accepted();
	return m.author_quiz_error_min_rows({ min });
}

function tooMany(path: Path, max: number): string {
	const list = listName(path);
	if (list === 'options') return m.author_quiz_error_max_options({ max });
	if (list === 'items') return m.author_quiz_error_max_items({ max });
	if (list === 'pairs') return m.author_quiz_error_max_pairs({ max });
	if (list === 'distractors') return m.author_quiz_error_max_distractors({ max });
	return m.author_quiz_error_max_rows({ max });
}

function wrongType(expected: string): string {
	switch (expected) {
		case 'number':
			return m.author_quiz_error_number();
		case 'int':
			return m.author_quiz_error_whole_number();
		case 'boolean':
			return m.author_quiz_error_boolean();
		case 'string':
			return m.author_quiz_error_text();
		case 'array':
			return m.author_quiz_error_list();
		default:
			return m.author_quiz_error_group();
	}
}

/** The format's own checks (quiz/format.ts), recognised by their English messages. */
function custom(issue: Issue, value: unknown): string {
	const text = issue.message;
	let match: RegExpMatchArray | null;
	if ((match = text.match(/^is used by another question \("(.*)"\)$/)))
		return m.author_quiz_error_duplicate_id({ id: match[1] });
	if (text === 'needs at least one correct option') return m.author_quiz_error_no_correct();
	if (text === 'a single-choice question has exactly one correct option')
		return m.author_quiz_error_one_correct();
	if (text.startsWith('is not drawn from'))
		return m.author_quiz_error_pool_not_drawn({ pool: String(value) });
	if ((match = text.match(/^asks for (\d+) questions but pool "(.*)" has (\d+)$/)))
		return m.author_quiz_error_draw_too_many({
			count: match[1],
			pool: match[2],
			available: match[3]
		});
	return text;
}

/** An issue in the reader's language, built from its code and parameters. */
export function localise(issue: Issue, data: unknown): string {
	const value = valueAt(data, issue.path);
	switch (issue.code) {
		case 'invalid_type':
			return value === undefined ? m.author_quiz_error_required() : wrongType(issue.expected);
		case 'too_small': {
			const min = Number(issue.minimum);
			if (issue.origin === 'string') return m.author_quiz_error_empty();
			if (issue.origin === 'array') return tooFew(issue.path, min);
			return issue.inclusive
				? m.author_quiz_error_min({ min: formatNumber(min) })
				: m.author_quiz_error_more_than({ min: formatNumber(min) });
		}
		case 'too_big': {
			const max = Number(issue.maximum);
			if (issue.origin === 'string')
				return m.author_quiz_error_too_long({
					max,
					length: typeof value === 'string' ? value.trim().length : 0
				});
			if (issue.origin === 'array') return tooMany(issue.path, max);
			return m.author_quiz_error_max({ max: formatNumber(max) });
		}
		case 'invalid_value':
			return m.author_quiz_error_choice();
		case 'invalid_union':
			return issue.path.at(-1) === 'type'
				? m.author_quiz_error_type()
				: m.author_quiz_error_choice();
		case 'invalid_format':
			return m.author_quiz_error_slug();
		case 'unrecognized_keys':
			return m.author_quiz_error_unknown_fields({ fields: issue.keys.join(', ') });
		case 'custom':
			return custom(issue, value);
		default:
			return issue.message;
	}
}

// ---- Where each problem is shown ----------------------------------------------------------------

const rowFields: Record<string, Record<string, string>> = {
	options: { text: 'optionText', feedback: 'optionFeedback' },
	pairs: { left: 'pairLeft', right: 'pairRight' },
	draw: { pool: 'drawPool', count: 'drawCount' }
};

/** A path inside a settings object or a question → the form's field: "optionText[1]", "titleVi". */
function fieldName(path: Path): string {
	const [key, index, part] = path;
	if (key === undefined) return '';
	if (key === 'title' || key === 'description') return `${key}${index === 'en' ? 'En' : 'Vi'}`;
	if (typeof index !== 'number') return String(key);
	const rename = rowFields[String(key)]?.[String(part)];
	return rename ? `${rename}[${index}]` : `${String(key)}[${index}]`;
}

/**
 * Where a problem is shown: on question `question`'s form (null: the settings form or the quiz as a
 * whole), in field `field` ('' for the question or quiz as a whole).
 */
export function fieldOf(path: Path): { question: number | null; field: string } {
	if (path[0] === 'questions' && typeof path[1] === 'number')
		return { question: path[1], field: fieldName(path.slice(2)) };
	return { question: null, field: fieldName(path) };
}

export type FieldProblems = Record<string, string[]>;

/** The problems on one form: a question's (by index) or the settings' (null), by field name. */
export function problemsOn(problems: QuizProblem[], question: number | null): FieldProblems {
	const fields: FieldProblems = {};
	for (const problem of problems) {
		const where = fieldOf(problem.path);
		if (where.question !== question) continue;
		(fields[where.field] ??= []).push(problem.message);
	}
	return fields;
}

/** How many problems a form shows on its fields: a question's, or the settings' (null). */
export function countOn(problems: QuizProblem[], question: number | null): number {
	const fields = problemsOn(problems, question);
	// The quiz as a whole is not the settings form's: its problems are shown above the forms.
	if (question === null) {
		delete fields[''];
		delete fields.questions;
	}
	return Object.values(fields).flat().length;
}

/** How many problems each question has, by index. */
export function problemCounts(problems: QuizProblem[], questionCount: number): number[] {
	const counts = Array.from({ length: questionCount }, () => 0);
	for (const problem of problems) {
		const { question } = fieldOf(problem.path);
		if (question !== null && question < questionCount) counts[question]++;
	}
	return counts;
}
