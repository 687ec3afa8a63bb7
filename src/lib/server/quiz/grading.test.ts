import { describe, expect, it } from 'vitest';
import { quizSchema, type QuizDefinition } from './format';
import { answersToReenter, creditFor, gradeAttempt } from './grading';
import { drawSnapshot, seeded, type SnapshotQuestion } from './snapshot';

const quiz = (questions: unknown[], extra: Record<string, unknown> = {}): QuizDefinition =>
	quizSchema.parse({ title: { vi: 'Thử' }, questions, ...extra });

const only = (q: unknown) =>
	quiz([q], { shuffleOptions: false, shuffleQuestions: false }).questions[0] as SnapshotQuestion;

describe('grading each question type', () => {
	it('single choice: the correct option or nothing', () => {
		const q = only({
			id: 'a',
			type: 'single',
			text: 'T',
			options: [{ text: 'x' }, { text: 'y', correct: true }]
		});
		expect(creditFor(q, { type: 'single', choice: 1 })).toBe(1);
		expect(creditFor(q, { type: 'single', choice: 0 })).toBe(0);
		expect(creditFor(q, { type: 'single', choice: null })).toBe(0);
		expect(creditFor(q, { type: 'single', choice: 7 })).toBe(0);
		expect(creditFor(q, undefined)).toBe(0);
		expect(creditFor(q, { type: 'true_false', value: true })).toBe(0);
	});

	it('multiple choice: all-or-nothing, or partial credit with wrong picks subtracted', () => {
		const options = [
			{ text: 'a', correct: true },
			{ text: 'b', correct: true },
			{ text: 'c' },
			{ text: 'd' }
		];
		const strict = only({ id: 'm', type: 'multiple', text: 'T', options });
		expect(creditFor(strict, { type: 'multiple', choices: [0, 1] })).toBe(1);
		expect(creditFor(strict, { type: 'multiple', choices: [0] })).toBe(0);
		expect(creditFor(strict, { type: 'multiple', choices: [0, 1, 2] })).toBe(0);
		const partial = only({ id: 'm', type: 'multiple', text: 'T', options, scoring: 'partial' });
		expect(creditFor(partial, { type: 'multiple', choices: [0] })).toBe(0.5);
		expect(creditFor(partial, { type: 'multiple', choices: [0, 1, 2] })).toBe(0.5);
		expect(creditFor(partial, { type: 'multiple', choices: [0, 2, 3] })).toBe(0);
		expect(creditFor(partial, { type: 'multiple', choices: [] })).toBe(0);
	});

	it('true/false', () => {
		const q = only({ id: 't', type: 'true_false', text: 'T', answer: false });
		expect(creditFor(q, { type: 'true_false', value: false })).toBe(1);
		expect(creditFor(q, { type: 'true_false', value: true })).toBe(0);
		expect(creditFor(q, { type: 'true_false', value: null })).toBe(0);
	});

	it('numeric: absolute and relative tolerance, inclusive at the edge, decimal comma accepted', () => {
		const abs = only({
			id: 'n',
			type: 'numeric',
			text: 'T',
			answer: 3.25,
			tolerance: 0.05,
			unit: 'năm'
		});
		expect(creditFor(abs, { type: 'numeric', value: '3,25' })).toBe(1);
		expect(creditFor(abs, { type: 'numeric', value: '3.3' })).toBe(1);
		expect(creditFor(abs, { type: 'numeric', value: '3.2' })).toBe(1);
		expect(creditFor(abs, { type: 'numeric', value: '3.31' })).toBe(0);
		expect(creditFor(abs, { type: 'numeric', value: 'ba năm' })).toBe(0);
		expect(creditFor(abs, { type: 'numeric', value: '' })).toBe(0);
		const rel = only({
			id: 'r',
			type: 'numeric',
			text: 'T',
			answer: 456000000,
			tolerance: 0.01,
			toleranceType: 'relative'
		});
		expect(creditFor(rel, { type: 'numeric', value: '460.000.000' })).toBe(1);
		expect(creditFor(rel, { type: 'numeric', value: '461560000' })).toBe(0);
		const exact = only({ id: 'e', type: 'numeric', text: 'T', answer: 0.1 });
		expect(creditFor(exact, { type: 'numeric', value: String(0.1 + 0.2 - 0.2) })).toBe(1);
	});

	it('numeric: reads the answer in the language of the page it was typed on', () => {
		const eighth = only({ id: 'n', type: 'numeric', text: 'T', answer: 0.125 });
		// The issue: a right three-decimal answer was read as 125.
		for (const value of ['0,125', '0.125', ' 0,125 '])
			for (const locale of ['vi', 'en'] as const)
				expect(creditFor(eighth, { type: 'numeric', value, locale })).toBe(1);
		const large = only({ id: 'l', type: 'numeric', text: 'T', answer: 1250000 });
		for (const value of ['1.250.000', '1,250,000', '1 250 000', '1250000'])
			for (const locale of ['vi', 'en'] as const)
				expect(creditFor(large, { type: 'numeric', value, locale })).toBe(1);
		const price = only({ id: 'p', type: 'numeric', text: 'T', answer: 1250 });
		expect(creditFor(price, { type: 'numeric', value: '1,250', locale: 'vi' })).toBe(0);
		// Saved before the language was kept with the answer: read as Vietnamese.
		expect(creditFor(eighth, { type: 'numeric', value: '0,125' })).toBe(1);
	});

	it('numeric: asks again for answers that read two ways or are not numbers, and never marks them down', () => {
		const questions = quiz([
			{ id: 'a', type: 'numeric', text: 'T', answer: 1.25 },
			{ id: 'b', type: 'numeric', text: 'T', answer: 1250 },
			{ id: 'c', type: 'numeric', text: 'T', answer: 3 },
			{ id: 'd', type: 'short', text: 'T', accepted: ['x'] }
		]).questions as SnapshotQuestion[];
		const responses = {
			a: { type: 'numeric' as const, value: '1.250', locale: 'vi' as const },
			b: { type: 'numeric' as const, value: '1,250', locale: 'en' as const },
			c: { type: 'numeric' as const, value: 'ba', locale: 'vi' as const },
			d: { type: 'short' as const, value: '1.250' }
		};
		expect(answersToReenter(questions, responses).sort()).toEqual(['a', 'b', 'c']);
		expect(answersToReenter(questions, { c: { type: 'numeric', value: '' } })).toEqual([]);
		// Graded only when time ran out before the learner could say: either reading counts.
		expect(creditFor(questions[0], responses.a)).toBe(1);
		expect(creditFor(questions[1], responses.b)).toBe(1);
		expect(creditFor(questions[2], responses.c)).toBe(0);
	});

	it('short answer: spaces always, case by default, diacritics when asked', () => {
		const q = only({ id: 's', type: 'short', text: 'T', accepted: ['Quản lý nội vi'] });
		expect(creditFor(q, { type: 'short', value: '  quản  lý nội VI ' })).toBe(1);
		expect(creditFor(q, { type: 'short', value: 'quan ly noi vi' })).toBe(0);
		const folded = only({
			id: 's',
			type: 'short',
			text: 'T',
			accepted: ['Quản lý nội vi'],
			ignoreDiacritics: true
		});
		expect(creditFor(folded, { type: 'short', value: 'quan ly noi vi' })).toBe(1);
		expect(creditFor(folded, { type: 'short', value: 'Quản Lý Nội Vi' })).toBe(1);
		const exact = only({ id: 's', type: 'short', text: 'T', accepted: ['COD'], ignoreCase: false });
		expect(creditFor(exact, { type: 'short', value: 'cod' })).toBe(0);
		expect(creditFor(exact, { type: 'short', value: ' COD' })).toBe(1);
		expect(creditFor(q, { type: 'short', value: '   ' })).toBe(0);
	});

	it('ordering: by the positions given to the items as shown', () => {
		const q = {
			...only({
				id: 'o',
				type: 'ordering',
				text: 'T',
				items: ['một', 'hai', 'ba'],
				scoring: 'partial'
			}),
			shown: [2, 0, 1] // shown: ba, một, hai
		} as SnapshotQuestion;
		expect(creditFor(q, { type: 'ordering', positions: [3, 1, 2] })).toBe(1);
		expect(creditFor(q, { type: 'ordering', positions: [3, 2, 1] })).toBeCloseTo(1 / 3);
		expect(creditFor(q, { type: 'ordering', positions: [null, null, null] })).toBe(0);
		const strict = { ...q, scoring: 'all_or_nothing' } as SnapshotQuestion;
		expect(creditFor(strict, { type: 'ordering', positions: [3, 2, 1] })).toBe(0);
	});

	it('matching: pairs right by the text of the choice picked, distractors never', () => {
		const base = only({
			id: 'x',
			type: 'matching',
			text: 'T',
			pairs: [
				{ left: 'Quản lý nội vi', right: 'Khóa vòi khi không dùng' },
				{ left: 'Thu hồi tại chỗ', right: 'Dùng lại nước làm mát' }
			],
			distractors: ['Mua máy mới']
		});
		const q = {
			...base,
			shownLeft: [1, 0],
			choices: ['Mua máy mới', 'Khóa vòi khi không dùng', 'Dùng lại nước làm mát']
		} as SnapshotQuestion;
		expect(creditFor(q, { type: 'matching', picks: [2, 1] })).toBe(1);
		expect(creditFor(q, { type: 'matching', picks: [2, 0] })).toBe(0.5);
		expect(creditFor(q, { type: 'matching', picks: [null, null] })).toBe(0);
	});
});

describe('a whole attempt', () => {
	it('adds points, rounds, and passes at the mark exactly', () => {
		const def = quiz(
			[
				{ id: 'a', type: 'true_false', text: 'T', answer: true, points: 2 },
				{ id: 'b', type: 'true_false', text: 'T', answer: true, points: 1 },
				{
					id: 'c',
					type: 'multiple',
					text: 'T',
					scoring: 'partial',
					points: 1,
					options: [
						{ text: 'x', correct: true },
						{ text: 'y', correct: true },
						{ text: 'z', correct: true }
					]
				}
			],
			{ shuffleOptions: false }
		);
		const grade = gradeAttempt(
			def.questions as SnapshotQuestion[],
			{
				a: { type: 'true_false', value: true },
				b: { type: 'true_false', value: false },
				c: { type: 'multiple', choices: [0] }
			},
			58.33
		);
		expect(grade.marks).toEqual({ a: 2, b: 0, c: 0.33 });
		expect(grade.score).toBe(2.33);
		expect(grade.maxScore).toBe(4);
		expect(grade.percent).toBe(58.25);
		expect(grade.passed).toBe(false);
		expect(gradeAttempt(def.questions as SnapshotQuestion[], {}, 0).passed).toBe(true);
	});
});

describe('drawing an attempt', () => {
	const def = quiz(
		[
			{ id: 'fixed', type: 'true_false', text: 'T', answer: true },
			...['a', 'b', 'c', 'd'].map((id) => ({
				id,
				pool: 'p',
				type: 'true_false',
				text: id,
				answer: true
			})),
			{ id: 'o', type: 'ordering', text: 'T', items: ['1', '2', '3'] },
			{
				id: 's',
				type: 'single',
				text: 'T',
				options: [{ text: 'x', correct: true }, { text: 'y' }, { text: 'z' }]
			}
		],
		{ draw: [{ pool: 'p', count: 2 }] }
	);

	it('asks every unpooled question and the number drawn from each pool', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const snapshot = drawSnapshot(def, seeded(seed));
			const ids = snapshot.questions.map((q) => q.id);
			expect(ids).toHaveLength(5);
			expect(ids).toEqual(expect.arrayContaining(['fixed', 'o', 's']));
			expect(ids.filter((id) => 'abcd'.includes(id))).toHaveLength(2);
			const ordering = snapshot.questions.find((q) => q.type === 'ordering');
			// Never shown already in order.
			expect(ordering && 'shown' in ordering && ordering.shown).not.toEqual([0, 1, 2]);
		}
	});

	it('is reproducible with a seed and varies between seeds', () => {
		expect(drawSnapshot(def, seeded(7))).toEqual(drawSnapshot(def, seeded(7)));
		const orders = new Set(
			Array.from({ length: 10 }, (_, s) =>
				drawSnapshot(def, seeded(s))
					.questions.map((q) => q.id)
					.join()
			)
		);
		expect(orders.size).toBeGreaterThan(3);
	});

	it('keeps the file order when shuffling is off', () => {
		const plain = quiz(
			def.questions.filter((q) => !q.pool),
			{ shuffleQuestions: false, shuffleOptions: false }
		);
		const snapshot = drawSnapshot(plain, seeded(3));
		expect(snapshot.questions.map((q) => q.id)).toEqual(['fixed', 'o', 's']);
		const single = snapshot.questions[2];
		expect(single.type === 'single' && single.options.map((o) => o.text)).toEqual(['x', 'y', 'z']);
	});
});
