import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	applyQuestionIntent,
	applySettingsIntent,
	authorNumber,
	numberField,
	questionFormSchemas,
	quizSettingsSchema,
	reviewModes,
	type QuestionForm,
	type QuestionType
} from '$lib/schemas/authoring-quiz';
import { quizSchema, reviewModes as formatReviewModes } from '../quiz/format';
import { checkQuiz, countOn, fieldOf, problemCounts, problemsOn } from './quiz-problems';
import {
	applySettings,
	blankQuestion,
	moveQuestion,
	putQuestion,
	questionData,
	questionIdFor,
	questionIdFrom,
	questionKeys,
	questionList,
	questionsOf,
	questionValues,
	quizText,
	readQuiz,
	removeQuestion,
	settingsData,
	settingsValues,
	type QuizFile
} from './quizzes';

// The file a new quiz starts as (authoring/courses.ts, addQuiz).
const NEW_QUIZ = stringify(
	{ title: { vi: 'Kiểm tra cuối khóa' }, questions: [] },
	{ lineWidth: 0 }
);

/** A question form as a trainer fills it: the type's blank form with these values. */
function filled(type: QuestionType, values: Partial<QuestionForm>): QuestionForm {
	return { ...blankQuestion(type), ...values };
}

const EXAMPLES: [QuestionType, Partial<QuestionForm>][] = [
	[
		'single',
		{
			text: 'Theo UNEP, sản xuất sạch hơn trước hết là một chiến lược gì?',
			optionText: ['Phòng ngừa, áp dụng liên tục', 'Xử lý chất thải cuối đường ống', '', ''],
			optionFeedback: ['Đúng: phòng ngừa là cốt lõi.', '', '', ''],
			correct: ['0'],
			explanation: 'Vì sao đáp án đúng là đúng.\nDòng thứ hai.'
		}
	],
	[
		'multiple',
		{
			text: 'Những việc nào là quản lý nội vi?',
			optionText: ['Sửa rò rỉ', 'Tắt máy khi không dùng', 'Xây thêm bể xử lý'],
			optionFeedback: ['', '', ''],
			correct: ['0', '1'],
			scoring: 'partial',
			points: '2'
		}
	],
	[
		'true_false',
		{
			text: 'Sản xuất sạch hơn chỉ dành cho doanh nghiệp lớn.',
			answer: 'false',
			feedbackTrue: 'Chưa đúng.',
			pool: 'khai-niem'
		}
	],
	[
		'numeric',
		{
			text: 'Thời gian hoàn vốn là bao nhiêu năm?',
			answer: '3,25',
			tolerance: '0,05',
			unit: 'năm'
		}
	],
	[
		'short',
		{
			text: 'Giải pháp không tốn tiền đầu tiên nên làm là gì?',
			accepted: ['quản lý nội vi', 'nội vi', ''],
			ignoreDiacritics: true
		}
	],
	[
		'ordering',
		{
			text: 'Xếp các bước đánh giá sản xuất sạch hơn theo thứ tự.',
			items: ['Khởi động', 'Phân tích công đoạn', 'Đề xuất giải pháp', '']
		}
	],
	[
		'matching',
		{
			text: 'Ghép mỗi giải pháp với nhóm của nó.',
			pairLeft: ['Sửa rò rỉ hơi', 'Thay nồi hơi', ''],
			pairRight: ['Quản lý nội vi', 'Thay đổi công nghệ', ''],
			distractors: ['Xử lý cuối đường ống']
		}
	]
];

/** A complete quiz built the way the editor builds it: settings form, then one question form each. */
function builtQuiz(): QuizFile {
	const quiz = readQuiz(NEW_QUIZ);
	const settings = {
		...settingsValues(quiz.data),
		titleEn: 'Final test',
		descriptionVi: 'Mười câu hỏi về cả khóa học.\r\nCần đạt 80%.',
		passMark: '80',
		attempts: '3',
		drawPool: ['khai-niem'],
		drawCount: ['1']
	};
	applySettings(quiz, settingsData(settings));
	for (const [type, values] of EXAMPLES) {
		const form = filled(type, values);
		const id = questionIdFor(questionsOf(readQuiz(quizText(quiz)).data), null, form.text);
		putQuestion(quiz, null, questionData(type, id, form));
	}
	return readQuiz(quizText(quiz));
}

/** Opens the text and saves every form unchanged, as a trainer clicking every save button would. */
function resaved(text: string): string {
	const quiz = readQuiz(text);
	applySettings(quiz, settingsData(settingsValues(quiz.data)));
	questionsOf(quiz.data).forEach((raw, i) => {
		const q = raw as { id: string; type: QuestionType };
		putQuestion(quiz, i, questionData(q.type, q.id, questionValues(raw)));
	});
	return quizText(quiz);
}

beforeEach(() => {
	overwriteGetLocale(() => 'vi');
});

describe('reading a quiz file', () => {
	it('opens the file of a new quiz, with the format’s defaults in the form', () => {
		const quiz = readQuiz(NEW_QUIZ);
		expect(quiz.syntaxError).toBeNull();
		expect(settingsValues(quiz.data)).toMatchObject({
			titleVi: 'Kiểm tra cuối khóa',
			required: true,
			passMark: '70',
			attempts: '',
			timeLimitMinutes: '',
			review: 'after_each',
			questionsPerPage: '5',
			drawPool: []
		});
		expect(questionList(quiz.data)).toEqual([]);
		expect(problemsOn(checkQuiz(quiz), null)).toEqual({
			questions: ['Bài kiểm tra cần ít nhất một câu hỏi.']
		});
	});

	it('opens a file it cannot parse, says where, and writes a fresh one on saving', () => {
		const quiz = readQuiz('title:\n  vi: Kiểm tra\nquestions: [\n');
		expect(quiz.syntaxError?.line).toBeGreaterThan(0);
		expect(checkQuiz(quiz)[0].message).toMatch(/^Tệp bị lỗi ở dòng \d+/);
		applySettings(quiz, settingsData({ ...settingsValues({}), titleVi: 'Làm lại' }));
		expect(readQuiz(quizText(quiz)).data).toMatchObject({
			title: { vi: 'Làm lại' },
			questions: []
		});
	});

	it('reads a hand-written file tolerantly: odd values show as they are, nothing throws', () => {
		const quiz = readQuiz('- just\n- a list\n');
		expect(settingsValues(quiz.data).titleVi).toBe('');
		expect(checkQuiz(quiz)[0]).toMatchObject({
			path: [],
			message: 'Không đúng cấu trúc của một bài kiểm tra.'
		});
		const odd = readQuiz(
			'title: {vi: X}\npassMark: abc\nquestions:\n  - text: Hỏi gì?\n    type: essay\n  - oops\n'
		);
		expect(settingsValues(odd.data).passMark).toBe('abc');
		expect(questionList(odd.data)).toMatchObject([
			{ key: '_1', id: null, type: null, text: 'Hỏi gì?' },
			{ key: '_2', type: null, text: '' }
		]);
	});

	it('names questions by id, or by number when the id is missing, not a slug or taken', () => {
		const questions = [{ id: 'a' }, {}, { id: 'a' }, { id: 'Not Slug' }, { id: 'b' }];
		expect(questionKeys(questions)).toEqual(['a', '_2', '_3', '_4', 'b']);
	});
});

describe('writing a quiz file', () => {
	it('writes what the forms hold as a valid quiz, readable and in the documented order', () => {
		const quiz = builtQuiz();
		expect(quizSchema.safeParse(quiz.data).success).toBe(true);
		expect(checkQuiz(quiz, new Set())).toEqual([]);
		const text = quizText(quiz);
		expect(text).toContain(
			'title:\n  vi: Kiểm tra cuối khóa\n  en: Final test\ndescription:\n  vi: |-\n    Mười câu hỏi về cả khóa học.\n    Cần đạt 80%.\nrequired: true\npassMark: 80\nattempts: 3\n'
		);
		expect(text).toContain('draw:\n  - pool: khai-niem\n    count: 1\nquestions:\n');
		expect(text).toContain(
			[
				'  - id: theo-unep-san-xuat-sach-hon-truoc-het-la',
				'    type: single',
				'    points: 1',
				'    text: Theo UNEP, sản xuất sạch hơn trước hết là một chiến lược gì?',
				'    options:',
				'      - text: Phòng ngừa, áp dụng liên tục',
				'        correct: true',
				'        feedback: "Đúng: phòng ngừa là cốt lõi."',
				'      - text: Xử lý chất thải cuối đường ống',
				'    explanation: |-',
				'      Vì sao đáp án đúng là đúng.',
				'      Dòng thứ hai.'
			].join('\n')
		);
		const [, , tf, numeric, short, ordering, matching] = questionsOf(quiz.data);
		expect(tf).toMatchObject({ answer: false, feedbackTrue: 'Chưa đúng.' });
		expect(tf).not.toHaveProperty('feedbackFalse');
		expect(numeric).toMatchObject({
			answer: 3.25,
			tolerance: 0.05,
			toleranceType: 'absolute',
			unit: 'năm'
		});
		expect(short).toMatchObject({
			accepted: ['quản lý nội vi', 'nội vi'],
			ignoreCase: true,
			ignoreDiacritics: true
		});
		expect(ordering).toMatchObject({
			scoring: 'all_or_nothing',
			items: ['Khởi động', 'Phân tích công đoạn', 'Đề xuất giải pháp']
		});
		expect(matching).toMatchObject({
			scoring: 'partial',
			pairs: [
				{ left: 'Sửa rò rỉ hơi', right: 'Quản lý nội vi' },
				{ left: 'Thay nồi hơi', right: 'Thay đổi công nghệ' }
			]
		});
	});

	it('saves a quiz it wrote, unchanged, to the very same text', () => {
		const text = quizText(builtQuiz());
		expect(resaved(text)).toBe(text);
		expect(resaved(resaved(text))).toBe(text);
	});

	it('keeps the comments and other text of parts no form changed', () => {
		const hand = [
			'# Bài kiểm tra cuối khóa, soạn tay',
			'title:',
			'  vi: Kiểm tra',
			'passMark: 70 # theo quy định',
			'questions:',
			'  # Phần 1',
			'  - id: dinh-nghia',
			'    type: true_false',
			'    text: Phòng ngừa tốt hơn xử lý.',
			'    answer: true',
			''
		].join('\n');
		const quiz = readQuiz(hand);
		applySettings(quiz, settingsData({ ...settingsValues(quiz.data), passMark: '75' }));
		const text = quizText(quiz);
		expect(text).toContain('# Bài kiểm tra cuối khóa, soạn tay');
		expect(text).toContain('passMark: 75 # theo quy định');
		expect(text).toContain('  # Phần 1\n  - id: dinh-nghia\n    type: true_false\n');
	});

	it('drops on saving what the format does not know, after reporting it', () => {
		const quiz = readQuiz(
			'title: {vi: X, fr: Y}\nnote: xem lại\nquestions:\n  - id: a\n    type: true_false\n    text: Đúng không?\n    answer: true\n    hint: gợi ý\n'
		);
		const problems = checkQuiz(quiz);
		expect(problemsOn(problems, null)).toMatchObject({
			'': ['Mục không thuộc định dạng bài kiểm tra, sẽ bị bỏ khi lưu: note.'],
			titleVi: ['Mục không thuộc định dạng bài kiểm tra, sẽ bị bỏ khi lưu: fr.']
		});
		expect(problemsOn(problems, 0)).toEqual({
			'': ['Mục không thuộc định dạng bài kiểm tra, sẽ bị bỏ khi lưu: hint.']
		});
		applySettings(quiz, settingsData(settingsValues(quiz.data)));
		putQuestion(
			quiz,
			0,
			questionData('true_false', 'a', questionValues(questionsOf(quiz.data)[0]))
		);
		expect(checkQuiz(readQuiz(quizText(quiz)))).toEqual([]);
	});

	it('writes numbers as typed in Vietnamese or English, and empty rows not at all', () => {
		const form = filled('single', {
			text: '  Hỏi?\r\nDòng 2  ',
			points: '1,5',
			optionText: ['', 'A', ' ', 'B'],
			optionFeedback: ['', '', '', 'Nhận xét'],
			correct: ['3']
		});
		expect(questionData('single', 'hoi', form)).toEqual({
			id: 'hoi',
			type: 'single',
			points: 1.5,
			text: 'Hỏi?\nDòng 2',
			options: [{ text: 'A' }, { text: 'B', correct: true, feedback: 'Nhận xét' }]
		});
	});

	it('saves a pool’s name as a slug, and leaves what has no letters for the check to report', () => {
		const data = settingsData({
			...settingsValues({}),
			drawPool: ['Khái niệm', 'khai-niem-2', '???', ''],
			drawCount: ['2', '1', '1', '']
		});
		expect(data.draw).toEqual([
			{ pool: 'khai-niem', count: 2 },
			{ pool: 'khai-niem-2', count: 1 },
			{ pool: '???', count: 1 }
		]);
	});

	it('moves and removes questions', () => {
		const quiz = builtQuiz();
		const types = (q: QuizFile) => questionList(readQuiz(quizText(q)).data).map((s) => s.type);
		expect(moveQuestion(quiz, 0, -1)).toBe(false);
		expect(moveQuestion(quiz, 0, 1)).toBe(true);
		expect(types(quiz).slice(0, 3)).toEqual(['multiple', 'single', 'true_false']);
		expect(removeQuestion(quiz, 1)).toBe(true);
		expect(types(quiz)).toEqual([
			'multiple',
			'true_false',
			'numeric',
			'short',
			'ordering',
			'matching'
		]);
		for (let i = 5; i >= 0; i--) removeQuestion(quiz, i);
		expect(quizText(quiz)).toMatch(/\nquestions: \[\]\n$/);
	});
});

describe('question ids', () => {
	it('makes a short slug from the text, unique in the quiz', () => {
		expect(questionIdFrom('Đâu là lợi ích của sản xuất sạch hơn?', new Set())).toBe(
			'dau-la-loi-ich-cua-san-xuat-sach-hon'
		);
		expect(questionIdFrom('Đâu là lợi ích?', new Set(['dau-la-loi-ich']))).toBe('dau-la-loi-ich-2');
		expect(questionIdFrom('???', new Set())).toBe('cau-hoi');
		const long = questionIdFrom(
			'Một câu hỏi rất dài về việc tiết kiệm năng lượng trong các nhà máy',
			new Set()
		);
		expect(long.length).toBeLessThanOrEqual(40);
		expect(long).toBe('mot-cau-hoi-rat-dai-ve-viec-tiet-kiem');
	});

	it('keeps a question’s own id, and renews one that is missing or taken', () => {
		const questions = [{ id: 'a' }, { id: 'a' }, { text: 'x' }];
		expect(questionIdFor(questions, 0, 'Khác')).toBe('a');
		expect(questionIdFor(questions, 1, 'Câu hai')).toBe('cau-hai');
		expect(questionIdFor(questions, 2, 'a')).toBe('a-2');
		expect(questionIdFor(questions, null, 'Câu mới')).toBe('cau-moi');
	});
});

describe('checking a quiz as courses:check does, field by field, in the reader’s language', () => {
	it('places each problem on its form field', () => {
		expect(fieldOf(['questions', 3, 'options', 1, 'text'])).toEqual({
			question: 3,
			field: 'optionText[1]'
		});
		expect(fieldOf(['questions', 3, 'options', 1, 'feedback'])).toEqual({
			question: 3,
			field: 'optionFeedback[1]'
		});
		expect(fieldOf(['questions', 3, 'options', 1])).toEqual({ question: 3, field: 'options[1]' });
		expect(fieldOf(['questions', 0, 'options'])).toEqual({ question: 0, field: 'options' });
		expect(fieldOf(['questions', 2, 'pairs', 0, 'right'])).toEqual({
			question: 2,
			field: 'pairRight[0]'
		});
		expect(fieldOf(['questions', 2, 'accepted', 4])).toEqual({ question: 2, field: 'accepted[4]' });
		expect(fieldOf(['questions', 2])).toEqual({ question: 2, field: '' });
		expect(fieldOf(['title', 'en'])).toEqual({ question: null, field: 'titleEn' });
		expect(fieldOf(['description'])).toEqual({ question: null, field: 'descriptionVi' });
		expect(fieldOf(['draw', 1, 'count'])).toEqual({ question: null, field: 'drawCount[1]' });
		expect(fieldOf(['passMark'])).toEqual({ question: null, field: 'passMark' });
		expect(fieldOf(['questions'])).toEqual({ question: null, field: 'questions' });
	});

	const broken = () =>
		readQuiz(
			stringify(
				{
					title: { vi: '' },
					passMark: 120,
					attempts: 1.5,
					draw: [{ pool: 'Khái niệm', count: 0 }],
					questions: [
						{ id: 'a', type: 'single', text: 'A?', options: [{ text: 'x' }, { text: 'y' }] },
						{ id: 'b', type: 'numeric', text: '', points: 0 },
						{ id: 'a', type: 'ordering', text: 'C?', items: ['một'] },
						{ id: 'a', type: 'true_false', text: 'B2?', answer: true, hint: 'thừa' },
						{
							id: 'd',
							type: 'matching',
							text: 'D?',
							pairs: [{ left: 'l', right: 'r' }, { left: 'l2' }]
						},
						{ id: 'e', type: 'essay', text: 'E?' },
						{ id: 'f', type: 'short', text: 'F?', accepted: ['x'.repeat(201)], pool: 'p' }
					]
				},
				{ lineWidth: 0 }
			)
		);

	it('says every problem in Vietnamese, including the cross-checks while other questions are unfinished', () => {
		const problems = checkQuiz(broken());
		expect(problemsOn(problems, null)).toEqual({
			titleVi: ['Không được để trống.'],
			passMark: ['Không được lớn hơn 100.'],
			attempts: ['Phải là số nguyên, ví dụ 3.'],
			'drawPool[0]': ['Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ: khai-niem.'],
			'drawCount[0]': ['Không được nhỏ hơn 1.']
		});
		expect(problemsOn(problems, 0)).toEqual({ options: ['Hãy đánh dấu ít nhất một đáp án đúng.'] });
		expect(problemsOn(problems, 1)).toEqual({
			text: ['Không được để trống.'],
			points: ['Phải lớn hơn 0.'],
			answer: ['Chưa điền mục này.']
		});
		expect(problemsOn(problems, 2)).toEqual({ items: ['Cần ít nhất 2 mục.'] });
		expect(problemsOn(problems, 3)).toEqual({
			'': ['Mục không thuộc định dạng bài kiểm tra, sẽ bị bỏ khi lưu: hint.'],
			id: ['Mã “a” đã dùng cho một câu hỏi khác.']
		});
		expect(problemsOn(problems, 4)).toEqual({ 'pairRight[1]': ['Chưa điền mục này.'] });
		expect(problemsOn(problems, 5)).toEqual({ type: ['Loại câu hỏi không hợp lệ.'] });
		expect(problemsOn(problems, 6)).toEqual({ 'accepted[0]': ['Tối đa 200 ký tự (hiện có 201).'] });
		expect(problemCounts(problems, 7)).toEqual([1, 3, 1, 2, 1, 1, 1]);
		expect(countOn(problems, null)).toBe(5);
		expect(countOn(problems, 1)).toBe(3);
	});

	it('reports the format’s own checks once the rest is valid, as courses:check does', () => {
		const quiz = readQuiz(
			stringify({
				title: { vi: 'T' },
				draw: [{ pool: 'p', count: 3 }],
				questions: [
					{
						id: 'a',
						type: 'single',
						text: 'A?',
						options: [
							{ text: 'x', correct: true },
							{ text: 'y', correct: true }
						]
					},
					{ id: 'a', type: 'true_false', text: 'B?', answer: true, pool: 'p' },
					{ id: 'c', type: 'true_false', text: 'C?', answer: true, pool: 'q' }
				]
			})
		);
		const problems = checkQuiz(quiz);
		expect(problemsOn(problems, 0)).toEqual({
			options: ['Câu hỏi một đáp án đúng chỉ được đánh dấu một đáp án.']
		});
		expect(problemsOn(problems, 1)).toEqual({ id: ['Mã “a” đã dùng cho một câu hỏi khác.'] });
		expect(problemsOn(problems, 2)).toEqual({
			pool: ['Nhóm “q” chưa có trong phần rút câu hỏi ngẫu nhiên ở cài đặt bài kiểm tra.']
		});
		expect(problemsOn(problems, null)).toEqual({
			'drawCount[0]': ['Cần rút 3 câu nhưng nhóm “p” chỉ có 1 câu.']
		});
	});

	it('checks that the quiz follows a lesson of the course', () => {
		const quiz = builtQuiz();
		applySettings(quiz, settingsData({ ...settingsValues(quiz.data), after: 'bai-da-xoa' }));
		const reread = readQuiz(quizText(quiz));
		expect(checkQuiz(reread, new Set(['gioi-thieu']))).toEqual([
			{ path: ['after'], message: 'Khóa học không có bài học “bai-da-xoa”. Hãy chọn lại vị trí.' }
		]);
		expect(checkQuiz(reread, new Set(['bai-da-xoa']))).toEqual([]);
	});

	it('speaks English to English readers', () => {
		overwriteGetLocale(() => 'en');
		const problems = checkQuiz(broken());
		expect(problemsOn(problems, 0)).toEqual({ options: ['Mark at least one correct option.'] });
		expect(problemsOn(problems, 2)).toEqual({ items: ['Needs at least 2 items.'] });
	});
});

describe('the forms', () => {
	it('read numbers as Vietnamese and English authors write them, as learners’ answers are read', () => {
		expect(authorNumber('3,25')).toBe(3.25);
		expect(authorNumber('3.25')).toBe(3.25);
		expect(authorNumber('0.125')).toBe(0.125);
		expect(authorNumber(' 1.300.000 ')).toBe(1300000);
		expect(authorNumber('1.300.000,5')).toBe(1300000.5);
		expect(authorNumber('1,300.5')).toBe(1300.5);
		expect(authorNumber('-0,5')).toBe(-0.5);
		expect(authorNumber('2,125')).toBe(2.125);
		// Read two ways on a Vietnamese page: not a number until typed again.
		expect(authorNumber('2.125')).toBeNull();
		for (const bad of ['', 'abc', '1e5', '3.2.1', '1,2,3']) expect(authorNumber(bad)).toBeNull();
		overwriteGetLocale(() => 'en');
		expect(authorNumber('2.125')).toBe(2.125);
		expect(authorNumber('2,125')).toBeNull();
		// What a field shows reads back unchanged, in either language.
		for (const locale of ['vi', 'en'] as const) {
			overwriteGetLocale(() => locale);
			for (const n of [2.125, 0.05, 0.125, 1300000, -3, 70, 1e-7])
				expect(authorNumber(numberField(n))).toBe(n);
		}
	});

	it('ask an author to type again a number that reads two ways, in their language', () => {
		const numeric = questionFormSchemas.numeric.safeParse(filled('numeric', { answer: '1.250' }));
		expect(numeric.error?.issues[0]).toMatchObject({
			path: ['answer'],
			message: 'Chưa rõ là 1250 hay 1,25: hãy nhập lại, ví dụ 1250 hoặc 1,25.'
		});
		overwriteGetLocale(() => 'en');
		const points = questionFormSchemas.single.safeParse({
			...blankQuestion('single'),
			points: '1,500'
		});
		expect(points.error?.issues[0]).toMatchObject({
			path: ['points'],
			message: 'This could be 1500 or 1.5: please type it again, e.g. 1500 or 1.5.'
		});
	});

	it('show a quiz file’s numbers in the reader’s writing', () => {
		const numeric = { type: 'numeric', text: 'T', answer: 2.125, tolerance: 0.005, points: 1.5 };
		expect(questionValues(numeric)).toMatchObject({
			answer: '2,125',
			tolerance: '0,005',
			points: '1,5'
		});
		overwriteGetLocale(() => 'en');
		expect(questionValues(numeric)).toMatchObject({
			answer: '2.125',
			tolerance: '0.005',
			points: '1.5'
		});
	});

	it('keep the format’s review modes', () => {
		expect([...reviewModes]).toEqual([...formatReviewModes]);
	});

	it('refuse what cannot be written, in the reader’s language, and accept unfinished drafts', () => {
		const settings = quizSettingsSchema.safeParse({
			...settingsValues({}),
			passMark: 'bảy mươi',
			attempts: '2,5',
			drawPool: ['khai-niem'],
			drawCount: ['']
		});
		expect(settings.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['passMark', 'Phải là một số, ví dụ 3,25 hoặc 3.25.'],
			['attempts', 'Phải là số nguyên, ví dụ 3.'],
			['drawCount.0', 'Nhập số câu cần rút từ nhóm này.']
		]);
		const numeric = questionFormSchemas.numeric.safeParse(filled('numeric', { answer: 'ba' }));
		expect(numeric.error?.issues[0]).toMatchObject({
			path: ['answer'],
			message: 'Phải là một số, ví dụ 3,25 hoặc 3.25.'
		});
		expect(questionFormSchemas.single.safeParse(blankQuestion('single')).success).toBe(true);
	});

	it('add, remove and move rows, the correct marks following their options', () => {
		const form = filled('single', {
			optionText: ['A', 'B', 'C'],
			optionFeedback: ['a', 'b', 'c'],
			correct: ['2']
		});
		const removed = applyQuestionIntent(form, 'remove:option:0');
		expect(removed?.values).toMatchObject({
			optionText: ['B', 'C'],
			optionFeedback: ['b', 'c'],
			correct: ['1']
		});
		expect(removed?.focus).toBe(0);
		const added = applyQuestionIntent(removed!.values, 'add:option');
		expect(added?.values.optionText).toEqual(['B', 'C', '']);
		expect(added?.focus).toBe(2);
		const items = filled('ordering', { items: ['1', '2', '3'] });
		expect(applyQuestionIntent(items, 'up:item:2')?.values.items).toEqual(['1', '3', '2']);
		expect(applyQuestionIntent(items, 'up:item:0')?.focus).toBeNull();
		const pairs = filled('matching', { pairLeft: ['l1', 'l2'], pairRight: ['r1', 'r2'] });
		expect(applyQuestionIntent(pairs, 'remove:pair:1')?.values).toMatchObject({
			pairLeft: ['l1'],
			pairRight: ['r1']
		});
		expect(applyQuestionIntent(form, 'save')).toBeNull();
		expect(applyQuestionIntent(form, 'remove:option:9')?.values).toEqual(form);
		const draw = applySettingsIntent(
			{ ...settingsValues({}), drawPool: ['p'], drawCount: ['2'] },
			'add:draw'
		);
		expect(draw?.values).toMatchObject({ drawPool: ['p', ''], drawCount: ['2', ''] });
		expect(applySettingsIntent(draw!.values, 'remove:draw:0')?.values).toMatchObject({
			drawPool: [''],
			drawCount: ['']
		});
	});
});
