// Pure: what one cell of the progress matrix says about one learner and one assigned course.
import { progressPercent } from '../progress/arithmetic';
import { pastDue, vietnamDay } from '$lib/vietnam-time';

export type CellState = 'not_started' | 'in_progress' | 'completed' | 'overdue';

export interface CellFacts {
	completedAt: Date | null;
	/** Lessons viewed or completed, and required lessons completed. */
	lessonsTouched: number;
	requiredDone: number;
	required: number;
	attempts: number;
	bestPercent: number | null;
	certificateCode: string | null;
	dueOn: string | null;
}

export interface Cell {
	state: CellState;
	percent: number;
	bestPercent: number | null;
	certificateCode: string | null;
	/** When the course was completed, for the exports. */
	completedAt: Date | null;
	/** Still worked on, past the due date: shown with its progress. */
	overdue: boolean;
}

/**
 * `today` is `vietnamDay(now)`, the day in Vietnam; a matrix works it out once for its thousands of
 * cells. Overdue is `pastDue`'s rule: from the day after the due day, there.
 */
export function cellFor(facts: CellFacts, now: Date, today = vietnamDay(now)): Cell {
	const completed = facts.completedAt !== null;
	const started = completed || facts.lessonsTouched > 0 || facts.attempts > 0;
	const overdue = !completed && pastDue(facts.dueOn, today);
	const state: CellState = completed
		? 'completed'
		: overdue
			? 'overdue'
			: started
				? 'in_progress'
				: 'not_started';
	return {
		state,
		percent: completed ? 100 : progressPercent(facts.requiredDone, facts.required),
		bestPercent: facts.bestPercent,
		certificateCode: completed ? facts.certificateCode : null,
		completedAt: facts.completedAt,
		overdue
	};
}

const order: Record<CellState, number> = {
	overdue: 0,
	not_started: 1,
	in_progress: 2,
	completed: 3
};

/** Sorting key for a column: most in need of attention first, then by progress. */
export function cellRank(cell: Cell): number {
	return order[cell.state] * 1000 + cell.percent;
}
