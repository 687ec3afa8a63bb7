import { m } from '$lib/paraglide/messages';
import type { Cell } from '$lib/server/cohorts/cells';

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
