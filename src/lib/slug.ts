/**
 * The one rule for the short names in addresses and file names (courses, lessons, modules, quizzes,
 * questions): lower-case letters, digits and single dashes, at most 64 characters. Used by the course
 * format, the folder loader, zip import and the editor's forms alike.
 */
export const SLUG_MAX = 64;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The same pattern as a fragment, for file names that embed a slug (`02-slug.md`). */
export const SLUG_SOURCE = '[a-z0-9]+(?:-[a-z0-9]+)*';

export function isSlug(value: unknown): value is string {
	return typeof value === 'string' && value.length <= SLUG_MAX && SLUG_PATTERN.test(value);
}
