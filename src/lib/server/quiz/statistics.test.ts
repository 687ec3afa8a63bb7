import { describe, expect, it } from 'vitest';
import { quizSchema } from './format';
import type { Response } from './grading';
import { gradeAttempt } from './grading';
import { drawSnapshot, seeded } from './snapshot';
import { csvCell, questionStatistics, statisticsCsv, type GradedAttempt } from './statistics';

const definition = quizSchema.parse({
	title: { vi: 'Thống kê' },
	shuffleOptions: false,
	shuffleQuestions: false,
	questions: [
		{ id: 'de', type: 'true_false', text: 'Dễ', answer: true },
		{
			id: 'phan-biet',
			type: 'single',
			text: 'Phân biệt',
			options: [{ text: 'Đúng', correct: true }, { text: 'Nhiễu' }, { text: 'Không ai chọn' }]
		},
		{ id: 'kho', type: 'short', text: 'Khó', accepted: ['COD'] }
	]
});

function attempt(answers: { de: boolean; phanBiet: number; kho: string }): GradedAttempt {
	const snapshot = drawSnapshot(definition, seeded(1));
	const responses: Record<string, Response> = {
		de: { type: 'true_false', value: answers.de },
		'phan-biet': { type: 'single', choice: answers.phanBiet },
		kho: { type: 'short', value: answers.kho }
	};
	const grade = gradeAttempt(snapshot.questions, responses, 50);
	return { snapshot, responses, marks: grade.marks, percent: grade.percent };
}

describe('item analysis', () => {
	const strong = [1, 2, 3].map(() => attempt({ de: true, phanBiet: 0, kho: 'cod' }));
	const weak = [1, 2, 3].map(() => attempt({ de: true, phanBiet: 1, kho: 'bod' }));
	const stats = questionStatistics([...strong, ...weak]);
	const byId = Object.fromEntries(stats.map((s) => [s.id, s]));

	it('computes facility: the share who got it right', () => {
		expect(byId['de'].facility).toBe(1);
		expect(byId['phan-biet'].facility).toBe(0.5);
		expect(byId['kho'].facility).toBe(0.5);
		expect(byId['de'].asked).toBe(6);
	});

	it('computes discrimination: strong minus weak', () => {
		expect(byId['de'].discrimination).toBe(0);
		expect(byId['phan-biet'].discrimination).toBe(1);
	});

	it('counts how each option was chosen, including never', () => {
		expect(byId['phan-biet'].answers).toEqual([
			{ answer: 'Đúng', count: 3, correct: true },
			{ answer: 'Nhiễu', count: 3, correct: false },
			{ answer: 'Không ai chọn', count: 0, correct: false }
		]);
	});

	it('needs four attempts before judging discrimination', () => {
		expect(questionStatistics(strong)[0].discrimination).toBeNull();
		expect(questionStatistics([])).toEqual([]);
	});

	it('exports CSV with formulas neutralised and a BOM for spreadsheets', () => {
		expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
		expect(csvCell('-1')).toBe(`"'-1"`);
		expect(csvCell('Nói "có"')).toBe('"Nói ""có"""');
		const csv = statisticsCsv(stats);
		expect(csv.startsWith('\uFEFF"question"')).toBe(true);
		expect(csv).toContain('"phan-biet","single","Phân biệt","6","0.5","1","Đúng","3","yes"');
	});
});
