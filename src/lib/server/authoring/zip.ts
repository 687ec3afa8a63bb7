import { zipSync, type Zippable } from 'fflate';
import { eq } from 'drizzle-orm';
import { courseAuthors, courses, type Course } from '$db/schema';
import { fold } from '$lib/text';
import type { Database } from '../db';
import { sortedFiles, type CourseFiles } from '../courses/files';
import { loadCourseFiles } from '../courses/loader';
import type { CourseMeta } from '../courses/format';
import type { Problem } from '../courses/yaml';
import { recordAudit } from '../audit';
import { replaceDraft } from './drafts';
import { COURSE_ZIP_LIMITS } from '../intake/limits';
import { readZip, type ZipRefusal } from '../intake/zip';

/** Zip entries carry a date; a fixed one makes the same files give the same bytes. */
const EPOCH = new Date('2000-01-01T00:00:00');

/** A course as a zip holding its folder, exactly as in courses/: `<slug>/course.yaml`, … */
export function courseZip(slug: string, files: CourseFiles): Uint8Array {
	const entries: Zippable = {};
	for (const [path, content] of sortedFiles(files)) {
		entries[`${slug}/${path}`] = [
			content,
			{ mtime: EPOCH, level: /\.(png|jpe?g|gif|webp|pdf)$/i.test(path) ? 0 : 6 }
		];
	}
	return zipSync(entries);
}

const { files: MAX_FILES, bytes: MAX_BYTES, ratio: MAX_RATIO, ms: MAX_MS } = COURSE_ZIP_LIMITS;
const TOO_LARGE = `too large: at most ${MAX_FILES.toLocaleString('en')} files and ${MAX_BYTES / 1024 / 1024} MB unpacked`;

const REFUSALS: Record<ZipRefusal, string> = {
	not_a_zip: 'not a zip file',
	too_many_files: TOO_LARGE,
	too_large: TOO_LARGE,
	ratio: `too large: the files unpack to more than ${MAX_RATIO} times the size of the zip`,
	too_slow: `too large: unpacking took longer than ${MAX_MS / 1000} seconds`
};

export type ReadZip =
	{ ok: true; slug: string | null; files: CourseFiles } | { ok: false; problems: Problem[] };

/**
 * Reads a course zip: one folder named as the course, or its files at the top. Refuses what could
 * hurt (paths leaving the folder; more than 2,000 files or 100 MB really unpacked, an unpacking
 * ratio no course has: see intake/zip.ts); skips hidden files and the __MACOSX folder that macOS
 * adds, without unpacking them.
 */
export async function readCourseZip(bytes: Uint8Array, name = 'course.zip'): Promise<ReadZip> {
	const problems: Problem[] = [];
	const read = await readZip(bytes, COURSE_ZIP_LIMITS, (path) => {
		const parts = path.split('/');
		// '..' and '.' start with a dot too: they are kept, to be refused below, not skipped.
		return (
			!parts.some((p) => p.startsWith('.') && p !== '.' && p !== '..') && parts[0] !== '__MACOSX'
		);
	});
	if (!read.ok)
		return { ok: false, problems: [{ file: name, line: 1, message: REFUSALS[read.reason] }] };
	const entries = read.entries;
	const kept: [string, Uint8Array][] = [];
	for (const [path, content] of entries) {
		const parts = path.split('/');
		// A zip holding such a path is refused, not quietly read without it.
		if (
			path.startsWith('/') ||
			path.includes('\\') ||
			parts.some((p) => p === '..' || p === '.' || p === '')
		) {
			problems.push({ file: path, line: 1, message: 'a path in the zip leaves the course folder' });
			continue;
		}
		kept.push([path, content]);
	}
	if (problems.length) return { ok: false, problems };
	const tops = new Set(kept.map(([p]) => p.split('/')[0]));
	const oneFolder = tops.size === 1 && kept.every(([p]) => p.includes('/'));
	const slug = oneFolder ? [...tops][0] : null;
	const files: CourseFiles = new Map(
		kept.map(([p, c]) => [slug ? p.slice(slug.length + 1) : p, c] as [string, Uint8Array])
	);
	if (files.size === 0)
		return { ok: false, problems: [{ file: name, line: 1, message: 'the zip is empty' }] };
	return { ok: true, slug, files: sortedFiles(files) };
}

function columnsFromMeta(meta: CourseMeta) {
	return {
		title: { vi: meta.title.vi },
		summary: { vi: meta.summary.vi },
		audiences: meta.audiences,
		directiveItems: meta.directiveItems,
		hours: meta.hours,
		enrolment: meta.enrolment,
		completion: meta.completion,
		certificate: meta.certificate,
		// Invisible to learners until an author publishes it.
		status: 'draft' as const,
		languages: ['vi'],
		searchKey: fold(`${meta.title.vi} ${meta.summary.vi}`)
	};
}

export type ImportResult =
	| { ok: true; slug: string; created: boolean }
	| { ok: false; problems: Problem[] }
	| { ok: false; error: 'slug_taken' | 'slug_missing' | 'not_an_author' };

/**
 * Imports a course zip into the editor after validating it like `npm run courses:check`. A new slug
 * makes a new course owned by the importer; the slug of a course the importer already writes replaces
 * its draft (published only when they publish). Shipped courses and other people's are refused.
 */
export async function importCourseZip(
	db: Database,
	bytes: Uint8Array,
	options: { slug?: string; into?: Course; fileName?: string },
	user: { id: string; isAdmin: boolean },
	reservedSlugs: Set<string> = new Set()
): Promise<ImportResult> {
	const read = await readCourseZip(bytes, options.fileName);
	if (!read.ok) return read;
	const slug = options.into?.slug ?? options.slug ?? read.slug;
	if (!slug) return { ok: false, error: 'slug_missing' };
	const loaded = await loadCourseFiles(slug, read.files, { compile: true });
	if (!loaded.course) return { ok: false, problems: loaded.problems };
	const [existing] = await db.select().from(courses).where(eq(courses.slug, slug));
	if (existing) {
		if (existing.origin !== 'editor') return { ok: false, error: 'slug_taken' };
		const [author] = await db
			.select()
			.from(courseAuthors)
			.where(eq(courseAuthors.courseId, existing.id))
			.then((rows) => rows.filter((r) => r.userId === user.id));
		if (!author && !user.isAdmin) return { ok: false, error: 'not_an_author' };
		await replaceDraft(db, existing.id, read.files, user.id);
		await recordAudit(db, {
			actorId: user.id,
			action: 'course.imported',
			subjectId: existing.id,
			details: { slug }
		});
		return { ok: true, slug, created: false };
	}
	if (reservedSlugs.has(slug)) return { ok: false, error: 'slug_taken' };
	return db.transaction(async (tx) => {
		const [course] = await tx
			.insert(courses)
			.values({ slug, origin: 'editor', ...columnsFromMeta(loaded.course!.meta) })
			.returning({ id: courses.id });
		await replaceDraft(tx, course.id, read.files, user.id);
		await tx.insert(courseAuthors).values({ courseId: course.id, userId: user.id, role: 'owner' });
		await recordAudit(tx, {
			actorId: user.id,
			action: 'course.imported',
			subjectId: course.id,
			details: { slug }
		});
		return { ok: true as const, slug, created: true };
	});
}
