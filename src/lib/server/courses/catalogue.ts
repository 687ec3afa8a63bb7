import { and, asc, count, eq, ilike, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { courses, enrolments, lessons, lessonVersions } from '$db/schema';
import { fold } from '$lib/text';
import type { Database } from '../db';
import { viewableCourses } from './access';

export interface CatalogueFilters {
	audience?: string;
	language?: string;
	item?: string;
	q?: string;
}

/**
 * Published courses the viewer may see (access.ts: unlisted ones for staff, an organisation's own
 * for its members) matching the filters, with their lesson count and the viewer's enrolment; one
 * query however many courses there are. Without organisations, the province-wide courses only.
 */
export async function listCatalogue(
	db: Database,
	filters: CatalogueFilters,
	viewer: { userId: string | null; staff: boolean; admin?: boolean; organisationIds?: string[] }
) {
	const where: SQL[] = [
		viewableCourses({
			admin: viewer.admin ?? false,
			staff: viewer.staff,
			organisationIds: viewer.organisationIds ?? []
		})
	];
	const has = (column: AnyColumn, value: string) =>
		sql`${column} @> ${JSON.stringify([value])}::jsonb`;
	if (filters.audience) where.push(has(courses.audiences, filters.audience));
	if (filters.language) where.push(has(courses.languages, filters.language));
	if (filters.item) where.push(has(courses.directiveItems, filters.item));
	const q = fold(filters.q ?? '');
	if (q) {
		for (const word of q.split(' ')) {
			where.push(ilike(courses.searchKey, `%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`));
		}
	}
	return db
		.select({
			id: courses.id,
			slug: courses.slug,
			title: courses.title,
			summary: courses.summary,
			audiences: courses.audiences,
			directiveItems: courses.directiveItems,
			languages: courses.languages,
			hours: courses.hours,
			status: courses.status,
			enrolment: courses.enrolment,
			lessonCount: count(lessons.id),
			enrolmentStatus: enrolments.status,
			completedAt: enrolments.completedAt
		})
		.from(courses)
		.leftJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.retiredAt)))
		.leftJoin(
			enrolments,
			and(
				eq(enrolments.courseId, courses.id),
				viewer.userId ? eq(enrolments.userId, viewer.userId) : sql`false`
			)
		)
		.where(where.length ? and(...where) : undefined)
		.groupBy(courses.id, enrolments.id)
		.orderBy(asc(sql`${courses.title}->>'vi'`));
}

export type LessonContent = NonNullable<Awaited<ReturnType<typeof readLessonContent>>>;

/**
 * A published version's lessons do not change (publishing makes a new version; only a new build
 * re-renders them, at start-up), so their content is kept in memory once read: each lesson view
 * would otherwise fetch its HTML in both languages again. Per database, newest last, bounded.
 */
const contentCache = new WeakMap<Database, Map<string, LessonContent>>();
const CONTENT_CACHE_SIZE = 500;

/** The current version's content of one lesson, by slug. */
export async function lessonContent(
	db: Database,
	courseId: string,
	currentVersionId: string,
	slug: string
): Promise<LessonContent | undefined> {
	let cache = contentCache.get(db);
	if (!cache) contentCache.set(db, (cache = new Map()));
	const key = `${currentVersionId}/${slug}`;
	const cached = cache.get(key);
	if (cached) {
		cache.delete(key);
		cache.set(key, cached);
		return cached;
	}
	const row = await readLessonContent(db, courseId, currentVersionId, slug);
	if (!row) return undefined;
	cache.set(key, row);
	if (cache.size > CONTENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
	return row;
}

/** Forgets cached lesson content (after lessons of a stored version are rendered again). */
export function forgetLessonContent(db: Database): void {
	contentCache.delete(db);
}

async function readLessonContent(
	db: Database,
	courseId: string,
	currentVersionId: string,
	slug: string
) {
	const [row] = await db
		.select({
			id: lessons.id,
			slug: lessons.slug,
			position: lessons.position,
			title: lessonVersions.title,
			minutes: lessonVersions.minutes,
			required: lessonVersions.required,
			html: lessonVersions.html
		})
		.from(lessons)
		.innerJoin(
			lessonVersions,
			and(
				eq(lessonVersions.lessonId, lessons.id),
				eq(lessonVersions.courseVersionId, currentVersionId)
			)
		)
		.where(and(eq(lessons.courseId, courseId), eq(lessons.slug, slug), isNull(lessons.retiredAt)));
	return row;
}
