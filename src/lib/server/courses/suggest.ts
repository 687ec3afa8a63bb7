import type { AudienceGroup } from '$lib/domain';

interface Listed {
	audiences: string[];
	status: string;
	enrolment: string;
	/** The viewer's enrolment, if any (catalogue.ts). */
	enrolmentStatus: string | null;
}

/**
 * The courses a learner who has not started any is offered first: the published courses written for
 * the group they chose when signing up that they may enrol in themselves (open, or with the key a
 * trainer gives), in catalogue order. Nothing for "other" (every course is theirs to browse), and
 * nothing once they have a course under way: they have found their way.
 */
export function suggestedCourses<T extends Listed>(courses: T[], audience: AudienceGroup): T[] {
	if (audience === 'other' || courses.some((c) => c.enrolmentStatus === 'active')) return [];
	return courses.filter(
		(c) =>
			c.status === 'published' &&
			c.enrolment !== 'assigned' &&
			c.enrolmentStatus === null &&
			c.audiences.includes(audience)
	);
}
