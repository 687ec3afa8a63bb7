import { describe, expect, it } from 'vitest';
import { change } from './arithmetic';
import { publicRow } from './public';
import type { Figures, ReportRow } from './report';

const figures = (learners: number): Figures => ({
	enrolments: learners * 2,
	completions: learners,
	certificates: learners,
	attempted: learners,
	passed: learners,
	learners
});
const row = (learners: number): ReportRow => ({
	key: 'Ba Tri',
	current: figures(learners),
	previous: figures(0),
	change: { enrolments: change(0, 0), completions: change(0, 0), certificates: change(0, 0) },
	passRate: 100,
	previousPassRate: null,
	passRateChange: null
});

describe('public figures', () => {
	it('withholds every count of a group with fewer than five learners', () => {
		expect(publicRow(row(4))).toEqual({
			key: 'Ba Tri',
			title: undefined,
			suppressed: true,
			learners: null,
			enrolments: null,
			completions: null,
			certificates: null
		});
	});

	it('shows groups of five and more, without pass rates', () => {
		const shown = publicRow(row(5));
		expect(shown).toMatchObject({ suppressed: false, learners: 5, enrolments: 10 });
		expect(shown).not.toHaveProperty('passRate');
	});
});
