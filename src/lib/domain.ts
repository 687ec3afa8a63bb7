// Vocabulary shared by the database schema, the forms and the pages. No server code here.

/** Audience groups of directive items 1b, 1c and 6; reports are broken down by them. */
export const audienceGroups = ['manager', 'operational', 'consultant', 'student', 'other'] as const;
export type AudienceGroup = (typeof audienceGroups)[number];

/**
 * Items of the directive a course serves: 1b awareness training, 1c consultants, 6 vocational
 * schools, 9a training in communes (districts' task until the 2025 reform).
 */
export const directiveItems = ['1b', '1c', '6', '9a'] as const;
export type DirectiveItem = (typeof directiveItems)[number];

/**
 * What a quiz question asks of the learner: recognise something (recall), judge a described
 * situation (scenario), or compute (calculation). A course's share of the last two is its measure of
 * testing judgement (courses/quality.ts).
 */
export const questionKinds = ['recall', 'scenario', 'calculation'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** The kinds of organisation the directive names. */
export const organisationKinds = [
	'school',
	'agency',
	'enterprise',
	'industrial_zone',
	'area_office'
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/**
 * Roles held in an organisation; administrator is platform-wide and kept on the user. A reviewer
 * approves trainers' courses for the province-wide catalogue (README, "Course review"); the
 * organisation only says where they work: it gives them no reach over its people.
 */
export const organisationRoles = ['manager', 'trainer', 'reviewer'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

/** Usernames: 3–32 of a–z, 0–9, dot, dash, underscore, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
