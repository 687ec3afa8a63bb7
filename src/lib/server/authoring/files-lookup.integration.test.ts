import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courses, courseVersionFiles } from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { sha256 } from '../courses/files';
import { syncCourses } from '../courses/sync';
import { makeUser } from '$testing/factories';
import { createCourse, courseBySlug } from './courses';
import { currentVersion, publishedFile, versionsWithFiles } from '../courses/versions';

const fixture = fileURLToPath(new URL('../courses/fixtures/good', import.meta.url));
const SVG = 'images/so-do.svg';

describe.each(testEngines)('published course files on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const svgPath = () => join(root, 'mini-course', SVG);
	const course = async () => (await courseBySlug(db, 'mini-course'))!;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-files-'));
		cpSync(fixture, root, { recursive: true });
		await syncCourses(db, root, 'build-1');
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('finds a file of the version learners see, with the hash of its bytes', async () => {
		const bytes = new Uint8Array(readFileSync(svgPath()));
		const found = await publishedFile(db, 'mini-course', SVG);
		expect(found).toMatchObject({ from: 'store', hash: sha256(bytes), content: bytes });
		expect(found?.course).toMatchObject({ status: 'published', organisationId: null });
	});

	it('finds nothing for a path the version does not hold, or a course that does not exist', async () => {
		expect(await publishedFile(db, 'mini-course', 'images/khong-co.png')).toBeNull();
		expect(await publishedFile(db, 'mini-course', 'IMAGES/so-do.svg')).toBeNull();
		expect(await publishedFile(db, 'khong-co-khoa-nay', SVG)).toBeNull();
	});

	it('follows the current version when a new one is published', async () => {
		const first = await publishedFile(db, 'mini-course', SVG);
		writeFileSync(svgPath(), '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>\n');
		expect((await syncCourses(db, root, 'build-1')).updated).toEqual(['mini-course']);
		const second = await publishedFile(db, 'mini-course', SVG);
		expect(second?.from === 'store' && second.hash).toBe(sha256(readFileSync(svgPath())));
		expect(second).not.toEqual(first);
		const { id } = await course();
		expect((await currentVersion(db, id))?.number).toBe(2);
		expect((await versionsWithFiles(db, id)).size).toBe(2);
	});

	it('sends to the folder only a course from it whose version has no stored files', async () => {
		const { id, currentVersionId } = await course();
		await db
			.delete(courseVersionFiles)
			.where(eq(courseVersionFiles.courseVersionId, currentVersionId!));
		expect(await publishedFile(db, 'mini-course', SVG)).toMatchObject({ from: 'folder' });
		expect(await versionsWithFiles(db, id)).not.toContain(currentVersionId);

		// A course edited in the browser has no folder to fall back on.
		await db.update(courses).set({ origin: 'editor' }).where(eq(courses.id, id));
		expect(await publishedFile(db, 'mini-course', SVG)).toBeNull();
	});

	it('finds nothing of a course never published, whatever its draft holds', async () => {
		const author = await makeUser(db, { fullName: 'Trần Văn Soạn' });
		const created = await createCourse(
			db,
			{
				titleVi: 'Khóa mới',
				summaryVi: 'Chưa xuất bản.',
				audiences: ['student'],
				directiveItems: [],
				hours: 1,
				enrolment: 'open',
				certificateEnabled: false,
				completeOnReachingEnd: true,
				listed: true
			},
			author.id
		);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		expect(await publishedFile(db, created.slug, 'course.yaml')).toBeNull();
		expect(await currentVersion(db, created.id)).toBeNull();
		expect(await versionsWithFiles(db, created.id)).toEqual(new Set());
	});
});
