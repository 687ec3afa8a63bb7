import {
	Document,
	isMap,
	isNode,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	YAMLSeq,
	type Pair,
	type YAMLMap
} from 'yaml';
import type { Database } from '../db';
import { bytesOf, textOf } from '../courses/files';
import { isSlug } from '$lib/slug';
import { draftFile, saveDraftFile, type DraftFile } from './drafts';

// A quiz file (docs/course-format.md, "Quizzes") as a YAML document the web editor reads and
// writes. Reading is tolerant: a half-written or hand-written file still opens. Writing edits the
// document in place, so untouched parts keep their text (and comments), and a file written here
// reads back and saves to the same text. The forms' side is in quizzes.ts.

export const quizPath = (slug: string) => `${slug}.quiz.yaml`;

const settingKeys = [
	'title',
	'description',
	'required',
	'after',
	'passMark',
	'attempts',
	'timeLimitMinutes',
	'shuffleQuestions',
	'shuffleOptions',
	'review',
	'questionsPerPage',
	'draw'
];
const topKeys = [...settingKeys, 'questions'];

export interface QuizFile {
	/** The document being edited: always a map; a fresh one when the file could not be read. */
	doc: Document;
	/** What the file holds as plain data: anything, since the file may be hand-written. */
	data: unknown;
	syntaxError: { line: number; message: string } | null;
}

export function readQuiz(text: string): QuizFile {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length > 0) {
		const [first] = doc.errors;
		return {
			doc: new Document({}),
			data: {},
			syntaxError: {
				line: lineCounter.linePos(first.pos[0]).line,
				message: first.message.split('\n')[0]
			}
		};
	}
	const data: unknown = doc.toJS() ?? {};
	if (!isMap(doc.contents)) (doc as Document).contents = doc.createNode({});
	return { doc, data, syntaxError: null };
}

export const quizText = (quiz: QuizFile) => quiz.doc.toString({ lineWidth: 0 });

// ---- Plain data, tolerantly ---------------------------------------------------------------------

export const asRecord = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const questionsOf = (data: unknown) => asList(asRecord(data).questions);

// ---- Editing the document -----------------------------------------------------------------------

const keyOf = (pair: Pair) => (isScalar(pair.key) ? pair.key.value : pair.key);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sortKeys(map: YAMLMap, order: string[]) {
	const rank = (pair: Pair) => {
		const i = order.indexOf(String(keyOf(pair)));
		return i === -1 ? order.length : i;
	};
	map.items.sort((a, b) => rank(a) - rank(b));
}

/**
 * Sets `key` of `map` to `value` (undefined: removes it). An unchanged value keeps its node, and so
 * its style and comments; a changed scalar keeps its node too. Objects are set key by key, in the
 * value's order, and lose the keys the value does not have.
 */
function assign(doc: Document, map: YAMLMap, key: string, value: unknown) {
	if (value === undefined) {
		map.delete(key);
		return;
	}
	const node = map.get(key, true);
	if (isScalar(node) && (value === null || typeof value !== 'object')) {
		if (node.value !== value) node.value = value;
	} else if (isMap(node) && value && typeof value === 'object' && !Array.isArray(value)) {
		assignAll(doc, node, value as Record<string, unknown>);
	} else if (!(isNode(node) && same(node.toJSON(), value))) {
		map.set(key, doc.createNode(value));
	}
}

function assignAll(doc: Document, map: YAMLMap, value: Record<string, unknown>) {
	const order = Object.keys(value).filter((k) => value[k] !== undefined);
	for (const pair of [...map.items]) {
		if (!order.includes(String(keyOf(pair)))) map.delete(keyOf(pair));
	}
	for (const key of order) assign(doc, map, key, value[key]);
	sortKeys(map, order);
}

const rootOf = (quiz: QuizFile) => quiz.doc.contents as YAMLMap;

/** Writes the settings; keys of the file that are not part of the format are dropped with them. */
export function applySettings(quiz: QuizFile, settings: Record<string, unknown>) {
	const root = rootOf(quiz);
	for (const pair of [...root.items]) {
		if (!topKeys.includes(String(keyOf(pair)))) root.delete(keyOf(pair));
	}
	for (const key of settingKeys) assign(quiz.doc, root, key, settings[key]);
	if (!root.has('questions')) root.set('questions', new YAMLSeq());
	sortKeys(root, topKeys);
}

function questionSeq(quiz: QuizFile): YAMLSeq {
	const root = rootOf(quiz);
	const node = root.get('questions', true);
	if (isSeq(node)) return node;
	const seq = new YAMLSeq();
	root.set('questions', seq);
	sortKeys(root, topKeys);
	return seq;
}

/** Writes one question at `index` (null: a new one at the end); returns where it is. */
export function putQuestion(
	quiz: QuizFile,
	index: number | null,
	question: Record<string, unknown>
): number {
	const seq = questionSeq(quiz);
	const node = index === null ? undefined : seq.items[index];
	// The form edits the Vietnamese; the English beside it (`en`) is kept for publishing to check.
	if (isMap(node))
		assignAll(quiz.doc, node, { ...question, en: question.en ?? node.get('en', true)?.toJSON() });
	else if (index !== null && index < seq.items.length)
		seq.items[index] = quiz.doc.createNode(question);
	else seq.items.push(quiz.doc.createNode(question));
	seq.flow = false;
	return index !== null && index < seq.items.length ? index : seq.items.length - 1;
}

/** Moves a question one place up (-1) or down (+1); false when it is already at that end. */
export function moveQuestion(quiz: QuizFile, index: number, delta: -1 | 1): boolean {
	const seq = questionSeq(quiz);
	const other = index + delta;
	if (index < 0 || index >= seq.items.length || other < 0 || other >= seq.items.length)
		return false;
	[seq.items[index], seq.items[other]] = [seq.items[other], seq.items[index]];
	return true;
}

export function removeQuestion(quiz: QuizFile, index: number): boolean {
	const seq = questionSeq(quiz);
	if (index < 0 || index >= seq.items.length) return false;
	seq.items.splice(index, 1);
	seq.flow = seq.items.length === 0;
	return true;
}

// ---- The draft ----------------------------------------------------------------------------------

export interface OpenQuiz extends QuizFile {
	path: string;
	text: string;
	revision: number;
	updatedAt: Date;
	updatedByName: string | null;
}

const opened = (file: DraftFile): OpenQuiz => {
	const text = textOf(file.content);
	return { ...readQuiz(text), ...file, text };
};

export async function openQuiz(
	db: Database,
	courseId: string,
	slug: string
): Promise<OpenQuiz | null> {
	if (!isSlug(slug)) return null;
	const file = await draftFile(db, courseId, quizPath(slug));
	return file ? opened(file) : null;
}

export type QuizChange<T> =
	| { ok: true; revision: number; text: string; result: T }
	/** Someone saved since `baseRevision` (or removed the quiz): their version, nothing written. */
	| { ok: false; current: OpenQuiz | null };

/**
 * Applies `change` to the quiz as it was at `baseRevision` and saves it. A change that leaves the
 * text as it was writes nothing, so opening a quiz and saving it unchanged makes no new revision.
 */
export async function changeQuiz<T>(
	db: Database,
	courseId: string,
	slug: string,
	baseRevision: number,
	userId: string,
	change: (quiz: OpenQuiz) => T
): Promise<QuizChange<T>> {
	const current = await openQuiz(db, courseId, slug);
	if (!current || current.revision !== baseRevision) return { ok: false, current };
	const result = change(current);
	const text = quizText(current);
	if (text === current.text) return { ok: true, revision: current.revision, text, result };
	const saved = await saveDraftFile(
		db,
		courseId,
		current.path,
		bytesOf(text),
		baseRevision,
		userId
	);
	if (!saved.ok) return { ok: false, current: saved.current && opened(saved.current) };
	return { ok: true, revision: saved.revision, text, result };
}
