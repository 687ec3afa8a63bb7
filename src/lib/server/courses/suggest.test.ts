import { describe, expect, it } from 'vitest';
import { suggestedCourses } from './suggest';

const course = (slug: string, audiences: string[], more: Record<string, unknown> = {}) => ({
	slug,
	audiences,
	status: 'published',
	enrolment: 'open',
	enrolmentStatus: null as string | null,
	...more
});

describe('courses suggested after sign-up', () => {
	const catalogue = [
		course('quan-ly', ['manager']),
		course('cap-xa', ['manager', 'operational']),
		course('tu-van', ['consultant'], { enrolment: 'key' }),
		course('truong-nghe', ['student']),
		course('giao-rieng', ['manager'], { enrolment: 'assigned' }),
		course('nhap', ['manager'], { status: 'draft' })
	];

	it('are the published courses for the learner’s group they may enrol in themselves', () => {
		expect(suggestedCourses(catalogue, 'manager').map((c) => c.slug)).toEqual([
			'quan-ly',
			'cap-xa'
		]);
		expect(suggestedCourses(catalogue, 'consultant').map((c) => c.slug)).toEqual(['tu-van']);
	});

	it('are none for "other", and none once a course is under way', () => {
		expect(suggestedCourses(catalogue, 'other')).toEqual([]);
		const started = catalogue.map((c, i) => (i === 3 ? { ...c, enrolmentStatus: 'active' } : c));
		expect(suggestedCourses(started, 'manager')).toEqual([]);
	});

	it('leave out a course the learner left', () => {
		const left = catalogue.map((c, i) => (i === 0 ? { ...c, enrolmentStatus: 'left' } : c));
		expect(suggestedCourses(left, 'manager').map((c) => c.slug)).toEqual(['cap-xa']);
	});
});
