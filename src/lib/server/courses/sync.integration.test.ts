import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courses, courseVersions, lessons, lessonVersions } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolSelf, getCourseBySlug } from '../enrolment';
import { lessonStates, recordActivity } from '../progress';
import { makeUser } from '$testing/factories';
import { lessonContent } from './catalogue';
import { syncCourses } from './sync';

const fixture = fileURLToPath(new URL('./fixtures/good/mini-course', import.meta.url));

describe.each(testEngines)('course sync on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const dir = () => join(root, 'mini-course');

	// Each test edits the course folder through builds of its own: a fresh folder and database
	// each, so none relies on what another left behind.
	beforeEach(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-sync-'));
		cpSync(fixture, dir(), { recursive: true });
	});
	afterEach(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	const versionCount = async () => {
		const course = await getCourseBySlug(db, 'mini-course');
		return (await db.select().from(courseVersions).where(eq(courseVersions.courseId, course!.id)))
			.length;
	};

	it('publishes a new course with its lessons and rendered HTML, then leaves it unchanged', async () => {
		const first = await syncCourses(db, root, 'build-1');
		expect(first.created).toEqual(['mini-course']);
		const course = await getCourseBySlug(db, 'mini-course');
		expect(course?.title).toEqual({ vi: 'Khóa học mẫu', en: 'Sample course' });
		expect(course?.languages).toEqual(['vi', 'en']);
		expect(course?.searchKey).toContain('khoa hoc mau');
		const rows = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, course!.id))
			.orderBy(lessons.position);
		expect(rows.map((l) => [l.slug, l.required])).toEqual([
			['gioi-thieu', true],
			['can-bang-nuoc', true],
			['doc-them', false]
		]);
		const [version] = await db
			.select()
			.from(lessonVersions)
			.where(
				and(
					eq(lessonVersions.lessonId, rows[0].id),
					eq(lessonVersions.courseVersionId, course!.currentVersionId!)
				)
			);
		expect(version.html.vi).toContain('<strong>phòng ngừa</strong>');
		expect(version.html.en).toContain('<strong>prevention</strong>');

		expect((await syncCourses(db, root, 'build-1')).unchanged).toEqual(['mini-course']);
		// Lesson content is kept in memory once read; a re-render under a new build replaces it.
		await db
			.update(lessonVersions)
			.set({ html: { vi: '<p>cũ</p>' } })
			.where(eq(lessonVersions.id, version.id));
		const read = () => lessonContent(db, course!.id, course!.currentVersionId!, 'gioi-thieu');
		expect((await read())?.html.vi).toBe('<p>cũ</p>');
		expect((await syncCourses(db, root, 'build-2')).rerendered).toEqual(['mini-course']);
		expect((await read())?.html.vi).toContain('<strong>phòng ngừa</strong>');
		expect(await versionCount()).toBe(1);
	});

	it('makes a new version when content changes, keeping progress across edits, renames and removals', async () => {
		expect((await syncCourses(db, root, 'build-1')).created).toEqual(['mini-course']);
		const course = (await getCourseBySlug(db, 'mini-course'))!;
		const learner = await makeUser(db);
		expect((await enrolSelf(db, learner.id, course, 'mau-2026')).ok).toBe(true);
		const [intro, balance] = await db
			.select()
			.from(lessons)
			.where(eq(lessons.courseId, course.id))
			.orderBy(lessons.position);
		await recordActivity(db, {
			userId: learner.id,
			courseId: course.id,
			lessonId: intro.id,
			complete: true
		});
		await recordActivity(db, {
			userId: learner.id,
			courseId: course.id,
			lessonId: balance.id,
			complete: true
		});

		// An edit: same slugs, new version, progress intact.
		appendFileSync(join(dir(), '01-gioi-thieu.md'), '\nThêm một đoạn mới.\n');
		expect((await syncCourses(db, root, 'build-2')).updated).toEqual(['mini-course']);
		expect(await versionCount()).toBe(2);
		const edited = (await getCourseBySlug(db, 'mini-course'))!;
		const content = await lessonContent(db, course.id, edited.currentVersionId!, 'gioi-thieu');
		expect(content?.html.vi).toContain('Thêm một đoạn mới.');
		let states = await lessonStates(db, learner.id, [course.id]);
		expect(states.map((s) => [s.slug, s.completed])).toEqual([
			['gioi-thieu', true],
			['can-bang-nuoc', true],
			['doc-them', false]
		]);

		// A rename is a new lesson; the old one is retired with its progress kept.
		renameSync(join(dir(), '03-doc-them.md'), join(dir(), '03-doc-them-nua.md'));
		renameSync(join(dir(), '03-doc-them.en.md'), join(dir(), '03-doc-them-nua.en.md'));
		// A removal retires the lesson.
		rmSync(join(dir(), '02-chi-tiet'), { recursive: true });
		expect((await syncCourses(db, root, 'build-2')).updated).toEqual(['mini-course']);
		states = await lessonStates(db, learner.id, [course.id]);
		expect(states.map((s) => [s.position, s.slug, s.completed])).toEqual([
			[1, 'gioi-thieu', true],
			[2, 'doc-them-nua', false]
		]);
		const all = await db.select().from(lessons).where(eq(lessons.courseId, course.id));
		const retired = all
			.filter((l) => l.retiredAt)
			.map((l) => l.slug)
			.sort();
		expect(retired).toEqual(['can-bang-nuoc', 'doc-them']);

		// Bringing the lesson back restores it with its progress.
		cpSync(join(fixture, '02-chi-tiet'), join(dir(), '02-chi-tiet'), { recursive: true });
		await syncCourses(db, root, 'build-2');
		states = await lessonStates(db, learner.id, [course.id]);
		expect(states.find((s) => s.slug === 'can-bang-nuoc')?.completed).toBe(true);
	});

	it('never publishes an invalid change: the last valid version stays online', async () => {
		expect((await syncCourses(db, root, 'build-1')).created).toEqual(['mini-course']);
		const before = (await getCourseBySlug(db, 'mini-course'))!;
		writeFileSync(join(dir(), '01-gioi-thieu.md'), '---\ntitle: Hỏng\n---\n\nThiếu số phút.\n');
		const report = await syncCourses(db, root, 'build-2');
		expect(report.invalid.map((i) => i.slug)).toEqual(['mini-course']);
		expect(report.invalid[0].problems[0]).toEqual({
			file: 'mini-course/01-gioi-thieu.md',
			line: 2,
			message: 'minutes is required'
		});
		const after = (await getCourseBySlug(db, 'mini-course'))!;
		expect(after.currentVersionId).toBe(before.currentVersionId);
		expect(after.syncProblems).toHaveLength(1);

		// A new invalid course is simply not published.
		cpSync(fixture, join(root, 'khoa-hong'), { recursive: true });
		rmSync(join(root, 'khoa-hong', 'course.yaml'));
		const again = await syncCourses(db, root, 'build-2');
		expect(again.invalid.map((i) => i.slug).sort()).toEqual(['khoa-hong', 'mini-course']);
		expect(await getCourseBySlug(db, 'khoa-hong')).toBeUndefined();
		expect((await db.select().from(courses)).map((c) => c.slug)).toEqual(['mini-course']);
	});
});
