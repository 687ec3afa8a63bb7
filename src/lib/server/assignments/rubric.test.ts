import { describe, expect, it } from 'vitest';
import { rubricSchema } from './format';
import { cleanChoice, markDifferences, maxPoints, scoreRubric } from './rubric';

const level = (points: number) => ({
	points,
	title: { vi: `${points}` },
	description: { vi: `${points} điểm` }
});
const rubric = rubricSchema.parse({
	criteria: [
		{ id: 'a', title: { vi: 'A' }, levels: [level(0), level(1), level(2), level(3)] },
		{ id: 'b', title: { vi: 'B' }, levels: [level(0), level(1.5), level(3)] },
		{ id: 'c', title: { vi: 'C' }, levels: [level(0), level(2)] }
	],
	pass: { points: 5, everyCriterion: 1 }
});

describe('rubric arithmetic', () => {
	it('adds the chosen levels and knows the maximum', () => {
		expect(maxPoints(rubric)).toBe(8);
		expect(scoreRubric(rubric, { a: 2, b: 1, c: 1 })).toEqual({
			complete: true,
			points: 5.5,
			max: 8,
			below: [],
			passed: true
		});
	});

	it('does not pass an incomplete marking, one below the mark, or one with a criterion at its floor', () => {
		expect(scoreRubric(rubric, { a: 3, b: 2 })).toMatchObject({
			complete: false,
			passed: false,
			points: 6
		});
		expect(scoreRubric(rubric, { a: 1, b: 1, c: 1 })).toMatchObject({ points: 4.5, passed: false });
		expect(scoreRubric(rubric, { a: 3, b: 2, c: 0 })).toMatchObject({
			points: 6,
			below: ['c'],
			passed: false
		});
	});

	it('treats an index out of range as not chosen, and cleans what a form sends', () => {
		expect(scoreRubric(rubric, { a: 9, b: 1, c: 1 }).complete).toBe(false);
		expect(cleanChoice(rubric, { a: '2', b: '7', c: 'x', z: '1' })).toEqual({ a: 2 });
	});

	it('shows where two graders differ and by how much', () => {
		expect(markDifferences(rubric, { a: 2, b: 1, c: 1 }, { a: 3, b: 1, c: 0 })).toEqual({
			criteria: [
				{ id: 'a', first: 2, second: 3 },
				{ id: 'c', first: 1, second: 0 }
			],
			points: -1
		});
	});

	it('refuses a rubric whose pass mark is beyond its maximum or whose levels do not rise', () => {
		const bad = rubricSchema.safeParse({
			criteria: [{ id: 'a', title: { vi: 'A' }, levels: [level(2), level(1)] }],
			pass: { points: 9 }
		});
		expect(bad.success).toBe(false);
		const messages = bad.error!.issues.map((i) => i.message);
		expect(messages).toContain(
			'levels go from fewest to most points, each more than the one before'
		);
		expect(messages).toContain("is more than the rubric's maximum (1 points)");
	});
});
