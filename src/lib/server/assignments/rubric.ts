import type { Rubric } from './format';

// Rubric arithmetic, pure and unit-tested: what a grader's clicks on levels add up to.

/** The chosen level of each criterion, by criterion id: an index into that criterion's levels. */
export type LevelChoice = Record<string, number>;

/** The most points the rubric gives: the top level of every criterion. */
export function maxPoints(rubric: Pick<Rubric, 'criteria'>): number {
	return rubric.criteria.reduce((sum, c) => sum + (c.levels.at(-1)?.points ?? 0), 0);
}

export interface RubricScore {
	/** Every criterion has a level chosen. */
	complete: boolean;
	points: number;
	max: number;
	/** Complete, at least the pass mark, and every criterion at its minimum when the rubric sets one. */
	passed: boolean;
	/** Criteria below pass.everyCriterion. */
	below: string[];
}

/** The score of a choice of levels; a level index out of range counts as not chosen. */
export function scoreRubric(rubric: Rubric, choice: LevelChoice): RubricScore {
	let points = 0;
	let complete = true;
	const below: string[] = [];
	for (const criterion of rubric.criteria) {
		const index = choice[criterion.id];
		const level = Number.isInteger(index) ? criterion.levels[index] : undefined;
		if (!level) {
			complete = false;
			continue;
		}
		points += level.points;
		if (rubric.pass.everyCriterion !== undefined && level.points < rubric.pass.everyCriterion)
			below.push(criterion.id);
	}
	// Half points add up exactly in binary; round anyway so a sum never prints as 13.999….
	points = Math.round(points * 2) / 2;
	return {
		complete,
		points,
		max: maxPoints(rubric),
		below,
		passed: complete && points >= rubric.pass.points && below.length === 0
	};
}

/** Only the criteria of the rubric, each with a level that exists: what a grader's form may save. */
export function cleanChoice(rubric: Rubric, choice: Record<string, unknown>): LevelChoice {
	const clean: LevelChoice = {};
	for (const criterion of rubric.criteria) {
		const value = Number(choice[criterion.id]);
		if (Number.isInteger(value) && value >= 0 && value < criterion.levels.length)
			clean[criterion.id] = value;
	}
	return clean;
}

/**
 * Where two graders' marks differ, criterion by criterion (moderation): the criteria whose levels
 * differ, and the difference in total points.
 */
export function markDifferences(rubric: Rubric, first: LevelChoice, second: LevelChoice) {
	const criteria = rubric.criteria
		.filter((c) => first[c.id] !== second[c.id])
		.map((c) => ({ id: c.id, first: first[c.id], second: second[c.id] }));
	const gap = scoreRubric(rubric, second).points - scoreRubric(rubric, first).points;
	return { criteria, points: gap };
}
