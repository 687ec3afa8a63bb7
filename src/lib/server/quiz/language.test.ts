import { describe, expect, it } from 'vitest';
import { quizInEnglish, quizSchema } from './format';
import { gradeAttempt } from './grading';
import { inLanguage } from './language';
import { drawSnapshot, seeded } from './snapshot';
import { questionReview, questionView } from './view';

const quiz = (questions: unknown[], extra: Record<string, unknown> = {}) =>
	quizSchema.safeParse({ title: { vi: 'Kiểm tra', en: 'Test' }, questions, ...extra });

const single = {
	id: 'trong-tam',
	type: 'single',
	kind: 'scenario',
	text: 'Chọn công đoạn trọng tâm',
	options: [
		{ text: 'Rửa', correct: true, feedback: 'Đúng: tốn nước nhất.' },
		{ text: 'Đóng gói', feedback: 'Ít lãng phí.' },
		{ text: 'Sấy' }
	],
	explanation: 'Công đoạn tốn nhất.',
	en: {
		text: 'Choose the focus step',
		options: [
			{ text: 'Washing', feedback: 'Right: it uses most water.' },
			{ text: 'Packing', feedback: 'Little waste.' },
			{ text: 'Drying' }
		],
		explanation: 'The costliest step.'
	}
};

const matching = {
	id: 'ghep',
	type: 'matching',
	text: 'Ghép',
	pairs: [
		{ left: 'Nước', right: 'm³' },
		{ left: 'Điện', right: 'kWh' }
	],
	distractors: ['tấn'],
	en: {
		text: 'Match',
		pairs: [
			{ left: 'Water', right: 'cubic metres' },
			{ left: 'Power', right: 'kilowatt-hours' }
		],
		distractors: ['tonnes']
	}
};

describe('a question in English beside the Vietnamese', () => {
	it('must give every option, pair and feedback, in the same number', () => {
		const short = quiz([
			{ ...single, en: { ...single.en, options: single.en.options.slice(0, 2) } }
		]);
		expect(short.success).toBe(false);
		expect(JSON.stringify(short.error?.issues)).toMatch(/has 2 but the question has 3/);
		const noFeedback = quiz([
			{
				...single,
				en: { ...single.en, options: [{ text: 'Washing' }, ...single.en.options.slice(1)] }
			}
		]);
		expect(JSON.stringify(noFeedback.error?.issues)).toMatch(/option 1 has feedback/);
		const wrongField = quiz([{ ...single, en: { ...single.en, items: ['x'] } }]);
		expect(JSON.stringify(wrongField.error?.issues)).toMatch(/not used by a single question/);
		expect(quiz([single, matching]).success).toBe(true);
	});

	it('makes the quiz readable in English only when every question has it', () => {
		const both = quiz([single, matching]);
		expect(quizInEnglish(both.data!)).toBe(true);
		const half = quiz([single, { ...matching, en: undefined }]);
		expect(quizInEnglish(half.data!)).toBe(false);
	});

	it('is shown to an English reader, shuffled the same way, and graded the same', () => {
		const definition = quiz([single, matching]).data!;
		const snapshot = drawSnapshot(definition, seeded(7));
		for (const q of snapshot.questions) {
			const vi = questionView(q, 'vi');
			const en = questionView(q, 'en');
			if (vi.type === 'single' && en.type === 'single') {
				// Position by position, the English option is the Vietnamese one translated.
				const pairs = vi.options.map((text, i) => [text, en.options[i]]);
				expect(pairs).toEqual(
					expect.arrayContaining([
						['Rửa', 'Washing'],
						['Đóng gói', 'Packing'],
						['Sấy', 'Drying']
					])
				);
			}
			if (vi.type === 'matching' && en.type === 'matching') {
				const translate: Record<string, string> = {
					'm³': 'cubic metres',
					kWh: 'kilowatt-hours',
					tấn: 'tonnes'
				};
				expect(en.choices).toEqual(vi.choices.map((c) => translate[c]));
			}
		}
		// Answered on the English page (by position): right in both languages.
		const responses = Object.fromEntries(
			snapshot.questions.map((q) => {
				if (q.type === 'single')
					return [q.id, { type: 'single', choice: q.options.findIndex((o) => o.correct) }];
				if (q.type === 'matching') {
					const english = inLanguage(q, 'en');
					if (english.type !== 'matching') throw new Error('type changed');
					const picks = english.shownLeft.map((pair) =>
						english.choices.indexOf(english.pairs[pair].right)
					);
					return [q.id, { type: 'matching', picks }];
				}
				throw new Error('unexpected type');
			})
		);
		expect(gradeAttempt(snapshot.questions, responses, 70).percent).toBe(100);
		const review = questionReview(
			snapshot.questions.find((q) => q.type === 'single')!,
			{ type: 'single', choice: 0 },
			1,
			{ yes: 'True', no: 'False' },
			'en'
		);
		expect(review.explanation).toBe('The costliest step.');
		expect(review.correctAnswer).toEqual(['Washing']);
	});

	it('accepts a short answer in either language', () => {
		const definition = quiz([
			{
				id: 'dinh-nghia',
				type: 'short',
				text: 'Viết tắt của sản xuất sạch hơn',
				accepted: ['SXSH'],
				en: { text: 'Abbreviation of cleaner production', accepted: ['CP'] }
			}
		]).data!;
		const snapshot = drawSnapshot(definition, seeded(1));
		for (const value of ['SXSH', 'cp'])
			expect(
				gradeAttempt(snapshot.questions, { 'dinh-nghia': { type: 'short', value } }, 70).percent
			).toBe(100);
	});

	it('leaves a question without English as it is', () => {
		const definition = quiz([{ ...single, en: undefined }]).data!;
		const [q] = drawSnapshot(definition, seeded(3)).questions;
		expect(questionView(q, 'en').text).toBe('Chọn công đoạn trọng tâm');
	});
});
