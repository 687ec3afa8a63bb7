import { m } from '$lib/paraglide/messages';
import type { Cell, CellState } from '$lib/server/cohorts/cells';

/** A matrix cell in words, in the reader's language (also the text of the exports). */
export function cellLabel(cell: Pick<Cell, 'state' | 'percent'>): string {
	switch (cell.state) {
		case 'completed':
			return m.matrix_completed();
		case 'overdue':
			return cell.percent > 0
				? m.matrix_overdue_percent({ percent: cell.percent })
				: m.matrix_overdue();
		case 'in_progress':
			return m.matrix_in_progress({ percent: cell.percent });
		default:
			return m.matrix_not_started();
	}
}

/** A state in words, without numbers: a column of its own beside the percentages in the exports. */
export function stateLabel(state: CellState): string {
	switch (state) {
		case 'completed':
			return m.matrix_completed();
		case 'in_progress':
			return m.matrix_state_in_progress();
		case 'overdue':
			return m.matrix_overdue();
		default:
			return m.matrix_not_started();
	}
}

/** What the matrix page shows of a cell. */
export interface ShownCell {
	state: CellState;
	/** The state's letter (n, p, c, o): the cell's class on the page. */
	code: string;
	percent: number;
	/** Rounded, as shown. */
	bestPercent: number | null;
	certificate: boolean;
}

// The page sends its thousand cells to the browser (hydration data) as short tokens, one string
// per learner: a letter for the state, the percentage when it is shown, ":best score", "*" for a
// certificate. "p40:75 n c:90* o0".
export const STATE_LETTER: Record<CellState, string> = {
	not_started: 'n',
	in_progress: 'p',
	completed: 'c',
	overdue: 'o'
};
const STATE: Record<string, CellState> = {
	n: 'not_started',
	p: 'in_progress',
	c: 'completed',
	o: 'overdue'
};

export function encodeCells(cells: Cell[]): string {
	return cells
		.map((cell) => {
			let token = STATE_LETTER[cell.state];
			if (cell.state === 'in_progress' || cell.state === 'overdue') token += cell.percent;
			if (cell.bestPercent !== null) token += `:${Math.round(cell.bestPercent)}`;
			if (cell.certificateCode) token += '*';
			return token;
		})
		.join(' ');
}

export function decodeCells(encoded: string): ShownCell[] {
	if (!encoded) return [];
	return encoded.split(' ').map((token) => {
		const state = STATE[token[0]] ?? 'not_started';
		const [percent, best] = token.slice(1).replace('*', '').split(':');
		return {
			state,
			code: STATE_LETTER[state],
			percent: state === 'completed' ? 100 : Number(percent) || 0,
			bestPercent: best === undefined ? null : Number(best),
			certificate: token.endsWith('*')
		};
	});
}
