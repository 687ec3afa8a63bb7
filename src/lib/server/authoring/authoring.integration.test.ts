import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	courses,
	courseVersionFiles,
	courseVersions,
	lessons,
	lessonVersions,
	organisations,
	quizAttempts,
	roleAssignments
} from '$db/schema';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { bytesOf, readCourseFolder, textOf, type CourseFiles } from '../courses/files';
import { syncCourses } from '../courses/sync';
import { enrolSelf, getCourseBySlug } from '../enrolment';
import { getQuiz, startAttempt, submitAttempt } from '../quiz/attempts';
import { makeUser } from '$testing/factories';
import { authoringAccess, mayWriteCourses } from './access';
import { uploadAsset } from './assets';
import { detectType, MAX_ASSET_BYTES, unsafeSvg } from '../courses/assets';
import {
	addLesson,
	addModule,
	applyMeta,
	createCourse,
	metaOf,
	move,
	removeLesson,
	removeModule,
	saveMeta,
	takeOverCourse,
	type CourseMetaInput
} from './courses';
import { draftFile, draftFiles, draftTree, saveDraftFile } from './drafts';
import { diffCourseFiles, filesAt, listVersions } from './history';
import { lessonFileText } from './outline';
import {
	draftDiffersFromPublished,
	publishDraft,
	rerenderEditorCourses,
	rollback
} from './publish';
import { saveVersionFiles, storeBlobs, versionFiles } from '../courses/versions';
import { courseZip, importCourseZip, readCourseZip } from './zip';

const SHIPPED = readdirSync('courses', { withFileTypes: true })
	.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
	.map((e) => e.name)
	.sort();

const META: CourseMetaInput = {
	titleVi: 'Khóa học thử nghiệm',
	summaryVi: 'Một khóa học viết trong trình soạn thảo.',
	audiences: ['student'],
	directiveItems: ['1b'],
	hours: 2,
	enrolment: 'open',
	certificateEnabled: true,
	validityMonths: null,
	completeOnReachingEnd: false,
	workshopRule: 'none',
	workshopShare: '',
	listed: true
};

const QUIZ = `title:
  vi: Kiểm tra nhanh
passMark: 50
attempts: 3
questions:
  - id: dinh-nghia
    type: single
    text: Sản xuất sạch hơn là cách tiếp cận nào?
    options:
      - text: Phòng ngừa ô nhiễm ngay từ nguồn
        correct: true
      - text: Xử lý chất thải ở cuối đường ống
    explanation: SXSH là chiến lược phòng ngừa.
  - id: hoan-von
    type: numeric
    text: Đầu tư 65 triệu, tiết kiệm 20 triệu mỗi năm. Hoàn vốn sau bao nhiêu năm?
    answer: 3.25
    tolerance: 0.01
`;

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
	a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** Two file trees hold the same paths in the same order with the same bytes. */
function expectSameFiles(actual: CourseFiles, expected: CourseFiles, label: string) {
	expect([...actual.keys()], label).toEqual([...expected.keys()]);
	for (const [path, content] of expected) {
		expect(same(actual.get(path), content), `${label}: ${path}`).toBe(true);
	}
}

async function makeTrainer(db: Database, fullName: string) {
	const user = await makeUser(db, { fullName });
	const [org] = await db
		.insert(organisations)
		.values({ name: `Trường ${fullName}`, kind: 'school' })
		.returning();
	await db
		.insert(roleAssignments)
		.values({ userId: user.id, role: 'trainer', organisationId: org.id });
	return { id: user.id, isAdmin: false, name: fullName };
}

async function newCourse(
	db: Database,
	userId: string,
	slug: string,
	extra: Partial<CourseMetaInput> = {}
) {
	const created = await createCourse(db, { ...META, ...extra, slug }, userId);
	if (!created.ok) throw new Error(`could not create ${slug}: ${created.error}`);
	return created.id;
}

async function writeLesson(
	db: Database,
	courseId: string,
	path: string,
	title: string,
	body: string,
	userId: string
) {
	const current = await draftFile(db, courseId, path);
	const saved = await saveDraftFile(
		db,
		courseId,
		path,
		bytesOf(lessonFileText({ title, minutes: 10, required: true }, body)),
		current?.revision ?? null,
		userId
	);
	if (!saved.ok) throw new Error(`could not save ${path}`);
	return saved.revision;
}

const paths = async (db: Database, courseId: string) => [...(await draftTree(db, courseId)).keys()];

async function versionId(db: Database, courseId: string, number: number) {
	const [row] = await db
		.select({ id: courseVersions.id })
		.from(courseVersions)
		.where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, number)));
	return row.id;
}

async function lessonRowsOf(db: Database, courseVersionId: string) {
	return db
		.select({
			slug: lessons.slug,
			title: lessonVersions.title,
			position: lessonVersions.position,
			source: lessonVersions.source,
			html: lessonVersions.html
		})
		.from(lessonVersions)
		.innerJoin(lessons, eq(lessonVersions.lessonId, lessons.id))
		.where(eq(lessonVersions.courseVersionId, courseVersionId))
		.orderBy(lessonVersions.position);
}

describe.each(testEngines)('course authoring on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let trainer: Awaited<ReturnType<typeof makeTrainer>>;
	let other: Awaited<ReturnType<typeof makeTrainer>>;

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		trainer = await makeTrainer(db, 'Trần Văn Soạn');
		other = await makeTrainer(db, 'Lê Thị Đồng');
	});
	afterAll(async () => {
		await handle?.close();
	});

	describe('export and import round trip of every shipped course', () => {
		let shipped: DatabaseHandle;
		beforeAll(async () => {
			shipped = await createTestDatabase(engine);
			const report = await syncCourses(shipped.db, 'courses', 'test-build');
			expect(report.invalid).toEqual([]);
			expect(report.created.sort()).toEqual(SHIPPED);
		});
		afterAll(async () => {
			await shipped?.close();
		});

		it('finds the shipped courses', () => {
			expect(SHIPPED.length).toBeGreaterThanOrEqual(4);
		});

		it.each(SHIPPED)('%s: version files → zip → import → draft → zip is lossless', async (slug) => {
			const course = (await getCourseBySlug(shipped.db, slug))!;
			const published = await versionFiles(shipped.db, course.currentVersionId!);
			const onDisk = readCourseFolder(join('courses', slug));
			expectSameFiles(published, onDisk, `${slug} version vs disk`);

			const exported = courseZip(slug, published);
			const imported = await importCourseZip(db, exported, { fileName: `${slug}.zip` }, trainer);
			expect(imported).toEqual({ ok: true, slug, created: true });
			const copy = (await courseBySlugIn(db, slug))!;
			expect(copy.origin).toBe('editor');
			expect(copy.status).toBe('draft');
			expect(copy.currentVersionId).toBeNull();
			expect(await authoringAccess(db, trainer, copy.id)).toBe('owner');
			expect(await authoringAccess(db, other, copy.id)).toBeNull();

			const draft = await draftTree(db, copy.id);
			expectSameFiles(draft, onDisk, `${slug} draft vs disk`);
			const again = courseZip(slug, draft);
			expect(Buffer.from(again).equals(Buffer.from(exported)), `${slug} zip bytes`).toBe(true);
			const unzipped = await readCourseZip(again);
			expect(unzipped.ok && unzipped.slug).toBe(slug);
			if (unzipped.ok) expectSameFiles(unzipped.files, published, `${slug} unzipped`);

			// The draft publishes to the very same content.
			const published2 = await publishDraft(db, copy.id, trainer.id, 'test-build');
			expect(published2).toEqual({ ok: true, number: 1 });
			const [version] = await db
				.select()
				.from(courseVersions)
				.where(eq(courseVersions.courseId, copy.id));
			const [original] = await shipped.db
				.select()
				.from(courseVersions)
				.where(eq(courseVersions.id, course.currentVersionId!));
			expect(version.contentHash).toBe(original.contentHash);
			expect(await draftDiffersFromPublished(db, copy.id)).toBe(false);
		});

		it('re-imports over the owner’s course: a new draft, and open editors are told on saving', async () => {
			// A published copy of its own (the round trip above makes others, in any order).
			const slug = 'nhap-lai';
			const zip = courseZip(slug, readCourseFolder(join('courses', SHIPPED[1])));
			expect(await importCourseZip(db, zip, {}, trainer)).toEqual({
				ok: true,
				slug,
				created: true
			});
			const copy = (await courseBySlugIn(db, slug))!;
			expect(await publishDraft(db, copy.id, trainer.id, 'test-build')).toEqual({
				ok: true,
				number: 1
			});
			const files = await draftTree(db, copy.id);
			const lessonPath = [...files.keys()].find((p) => p.endsWith('.md'))!;
			const open = (await draftFile(db, copy.id, lessonPath))!;
			const edited = new Map(files).set(
				lessonPath,
				bytesOf(`${textOf(files.get(lessonPath)!)}\nMột đoạn thêm khi nhập lại.\n`)
			);
			const result = await importCourseZip(db, courseZip(slug, edited), { into: copy }, trainer);
			expect(result).toEqual({ ok: true, slug, created: false });
			expectSameFiles(await draftTree(db, copy.id), edited, `${slug} re-imported`);
			const stale = await saveDraftFile(
				db,
				copy.id,
				lessonPath,
				bytesOf('cũ'),
				open.revision,
				other.id
			);
			expect(stale.ok).toBe(false);
			expect(!stale.ok && stale.current && textOf(stale.current.content)).toBe(
				textOf(edited.get(lessonPath)!)
			);
			// Published only when they publish.
			expect(await draftDiffersFromPublished(db, copy.id)).toBe(true);
			expect(await publishDraft(db, copy.id, trainer.id, 'test-build')).toEqual({
				ok: true,
				number: 2
			});
		});

		it('refuses an invalid zip with problems at file and line, creating nothing', async () => {
			const files = readCourseFolder(join('courses', SHIPPED[2]));
			const lessonPath = [...files.keys()].find((p) => p.endsWith('.md'))!;
			files.set(lessonPath, bytesOf('---\ntitle: Hỏng\nminutes: 5\n---\n\n{process.exit(1)}\n'));
			const result = await importCourseZip(db, courseZip('khoa-hong', files), {}, trainer);
			expect(result).toEqual({
				ok: false,
				problems: [
					{ file: `khoa-hong/${lessonPath}`, line: 6, message: expect.stringContaining('braces') }
				]
			});
			expect(await courseBySlugIn(db, 'khoa-hong')).toBeUndefined();
			expect(
				await importCourseZip(db, bytesOf('PK no zip'), { fileName: 'x.zip' }, trainer)
			).toEqual({
				ok: false,
				problems: [{ file: 'x.zip', line: 1, message: 'not a zip file' }]
			});
			const loose = new Map(files);
			loose.delete(lessonPath);
			// Files at the top of the zip and no slug given: the course has no name.
			const { zipSync } = await import('fflate');
			const flat = zipSync(Object.fromEntries([...loose].map(([p, c]) => [p, c])));
			expect(await importCourseZip(db, flat, {}, trainer)).toEqual({
				ok: false,
				error: 'slug_missing'
			});
			expect(await importCourseZip(db, flat, { slug: 'khoa-phang' }, trainer)).toEqual({
				ok: true,
				slug: 'khoa-phang',
				created: true
			});
		});

		it('takes a shipped course into the editor with its published files', async () => {
			const admin = await makeUser(shipped.db, { fullName: 'Quản Trị', isAdmin: true });
			const taken = SHIPPED.at(-1)!;
			const course = (await getCourseBySlug(shipped.db, taken))!;
			const published = await versionFiles(shipped.db, course.currentVersionId!);
			expect(await takeOverCourse(shipped.db, course.id, admin, new Map())).toBe(true);
			expect(await takeOverCourse(shipped.db, course.id, admin, new Map())).toBe(false);
			expectSameFiles(await draftTree(shipped.db, course.id), published, 'taken over');
			expect(await authoringAccess(shipped.db, { id: admin.id, isAdmin: true }, course.id)).toBe(
				'owner'
			);
			const report = await syncCourses(shipped.db, 'courses', 'test-build');
			expect(report.managedInBrowser).toEqual([taken]);
			expect(report.unchanged.sort()).toEqual(SHIPPED.filter((slug) => slug !== taken));
			expect(await draftDiffersFromPublished(shipped.db, course.id)).toBe(false);
			expect(await publishDraft(shipped.db, course.id, admin.id, 'test-build')).toEqual({
				ok: false,
				unchanged: true
			});
		});

		it('renders browser-written courses again for a new build, without a new version', async () => {
			// One published here; whatever other tests have published is rendered again too.
			const slug = 'dung-lai';
			const zip = courseZip(slug, readCourseFolder(join('courses', SHIPPED[0])));
			expect(await importCourseZip(db, zip, {}, trainer)).toEqual({
				ok: true,
				slug,
				created: true
			});
			const copy = (await courseBySlugIn(db, slug))!;
			expect(await publishDraft(db, copy.id, trainer.id, 'test-build')).toEqual({
				ok: true,
				number: 1
			});
			const before = await db.select({ id: courseVersions.id }).from(courseVersions);
			const done = await rerenderEditorCourses(db, 'build-next');
			expect(done).toContain(slug);
			const after = await db.select({ id: courseVersions.id }).from(courseVersions);
			expect(after.length).toBe(before.length);
			const stale = await db
				.select({ id: lessonVersions.id })
				.from(lessonVersions)
				.innerJoin(courses, eq(courses.currentVersionId, lessonVersions.courseVersionId))
				.where(and(eq(courses.origin, 'editor'), ne(lessonVersions.renderedWith, 'build-next')));
			expect(stale).toEqual([]);
			expect(await rerenderEditorCourses(db, 'build-next')).toEqual([]);
		});

		it('refuses to import over a shipped course or someone else’s', async () => {
			const files = readCourseFolder(join('courses', SHIPPED[0]));
			// Imported by one trainer: another trainer may not replace it.
			const theirs = courseZip('cua-nguoi-khac', files);
			expect(await importCourseZip(db, theirs, {}, trainer)).toMatchObject({ ok: true });
			expect(await importCourseZip(db, theirs, {}, other)).toEqual({
				ok: false,
				error: 'not_an_author'
			});
			// A course from the courses/ folder is never replaced by an import.
			const bytes = courseZip(SHIPPED[0], files);
			expect(await importCourseZip(shipped.db, bytes, {}, trainer)).toEqual({
				ok: false,
				error: 'slug_taken'
			});
			expect(
				await importCourseZip(db, bytes, { slug: 'ten-khac' }, trainer, new Set(['ten-khac']))
			).toEqual({
				ok: false,
				error: 'slug_taken'
			});
		});
	});

	const courseBySlugIn = async (database: Database, slug: string) => {
		const [row] = await database.select().from(courses).where(eq(courses.slug, slug));
		return row;
	};

	it('lets trainers and administrators write courses, nobody else', async () => {
		expect(await mayWriteCourses(db, trainer)).toBe(true);
		const learner = await makeUser(db);
		expect(await mayWriteCourses(db, { id: learner.id, isAdmin: false })).toBe(false);
		expect(await mayWriteCourses(db, { id: learner.id, isAdmin: true })).toBe(true);
		expect(await mayWriteCourses(db, null)).toBe(false);
	});

	describe('conflicts between two authors', () => {
		let courseId: string;
		const path = '01-nuoc-thai.md';

		beforeAll(async () => {
			courseId = await newCourse(db, trainer.id, 'xung-dot');
			const added = await addLesson(db, courseId, { title: 'Nước thải', minutes: 10 }, trainer.id);
			expect(added).toEqual({ ok: true, slug: 'nuoc-thai' });
		});

		it('keeps the first save and hands the second author both texts', async () => {
			const loadedByA = (await draftFile(db, courseId, path))!;
			const loadedByB = (await draftFile(db, courseId, path))!;
			expect(loadedByA.revision).toBe(loadedByB.revision);
			const textA = lessonFileText(
				{ title: 'Nước thải', minutes: 10, required: true },
				'Văn bản của A.'
			);
			const textB = lessonFileText(
				{ title: 'Nước thải', minutes: 10, required: true },
				'Văn bản của B.'
			);

			const a = await saveDraftFile(
				db,
				courseId,
				path,
				bytesOf(textA),
				loadedByA.revision,
				trainer.id
			);
			expect(a).toEqual({ ok: true, revision: loadedByA.revision + 1 });
			const b = await saveDraftFile(
				db,
				courseId,
				path,
				bytesOf(textB),
				loadedByB.revision,
				other.id
			);
			expect(b.ok).toBe(false);
			if (b.ok) return;
			expect(b.current).not.toBeNull();
			expect(textOf(b.current!.content)).toBe(textA);
			expect(b.current!.revision).toBe(loadedByA.revision + 1);
			expect(b.current!.updatedByName).toBe(trainer.name);
			// Nothing lost: A's text is saved, B's is still in B's hands to merge and save again.
			expect(textOf((await draftFile(db, courseId, path))!.content)).toBe(textA);
			const merged = await saveDraftFile(
				db,
				courseId,
				path,
				bytesOf(textB),
				b.current!.revision,
				other.id
			);
			expect(merged).toEqual({ ok: true, revision: loadedByA.revision + 2 });
			expect(textOf((await draftFile(db, courseId, path))!.content)).toBe(textB);
		});

		it('lets only one of two simultaneous saves win', async () => {
			const base = (await draftFile(db, courseId, path))!.revision;
			const results = await Promise.all(
				['Một.', 'Hai.', 'Ba.'].map((body, i) =>
					saveDraftFile(
						db,
						courseId,
						path,
						bytesOf(lessonFileText({ title: 'Nước thải', minutes: 10, required: true }, body)),
						base,
						i % 2 ? other.id : trainer.id
					)
				)
			);
			expect(results.filter((r) => r.ok)).toEqual([{ ok: true, revision: base + 1 }]);
		});

		it('treats a save to a file removed meanwhile as a conflict with nothing current', async () => {
			// A lesson of its own to remove: the others here go on editing theirs.
			const added = await addLesson(db, courseId, { title: 'Bị xóa', minutes: 5 }, trainer.id);
			expect(added).toEqual({ ok: true, slug: 'bi-xoa' });
			const removed = (await paths(db, courseId)).find((p) => p.endsWith('-bi-xoa.md'))!;
			const loaded = (await draftFile(db, courseId, removed))!;
			expect(await removeLesson(db, courseId, 'bi-xoa')).toBe(true);
			const saved = await saveDraftFile(
				db,
				courseId,
				removed,
				bytesOf('---\ntitle: x\nminutes: 1\n---\n\nx\n'),
				loaded.revision,
				other.id
			);
			expect(saved).toEqual({ ok: false, current: null });
			expect(await draftFile(db, courseId, removed)).toBeNull();
		});

		it('refuses to create a file that someone else created first', async () => {
			const first = await saveDraftFile(
				db,
				courseId,
				'images/a.txt',
				bytesOf('A'),
				null,
				trainer.id
			);
			expect(first).toEqual({ ok: true, revision: 1 });
			const second = await saveDraftFile(
				db,
				courseId,
				'images/a.txt',
				bytesOf('B'),
				null,
				other.id
			);
			expect(second.ok).toBe(false);
			expect(!second.ok && second.current && textOf(second.current.content)).toBe('A');
		});

		it('detects conflicting saves of the course settings', async () => {
			const loaded = (await draftFile(db, courseId, 'course.yaml'))!;
			const a = await saveMeta(db, courseId, { ...META, hours: 3 }, loaded.revision, trainer.id);
			expect(a).toEqual({ ok: true, revision: loaded.revision + 1 });
			const b = await saveMeta(db, courseId, { ...META, hours: 7 }, loaded.revision, other.id);
			expect(b.ok).toBe(false);
			if (b.ok) return;
			expect(metaOf(textOf(b.current!.content)).hours).toBe(3);
			expect(metaOf(textOf((await draftFile(db, courseId, 'course.yaml'))!.content)).hours).toBe(3);
		});
	});

	// Each test has a course of its own, brought to the state it starts from by the helpers below.
	describe('publishing, history and rollback', () => {
		const intro = '01-gioi-thieu.md';
		const water = '02-nuoc.md';
		const BODY_1 = 'Sản xuất sạch hơn là **phòng ngừa**.\n\nDòng thứ hai.\n\nDòng thứ ba.';
		const BODY_2 = 'Sản xuất sạch hơn là **phòng ngừa** từ nguồn.\n\nDòng thứ hai.\n\nDòng thứ ba.';

		/** A draft of two lessons and a quiz, ready to publish. */
		async function readyDraft(slug: string) {
			const courseId = await newCourse(db, trainer.id, slug);
			await addLesson(db, courseId, { title: 'Giới thiệu', minutes: 10 }, trainer.id);
			await writeLesson(db, courseId, intro, 'Giới thiệu', BODY_1, trainer.id);
			await addLesson(db, courseId, { title: 'Nước', minutes: 10 }, trainer.id);
			await writeLesson(db, courseId, water, 'Nước', 'Nước là tài nguyên.', trainer.id);
			await saveDraftFile(db, courseId, 'kiem-tra.quiz.yaml', bytesOf(QUIZ), null, trainer.id);
			return courseId;
		}

		/** v1 published by the trainer ('Bản đầu'), then v2 by the other author, with BODY_2. */
		async function publishedTwice(slug: string) {
			const courseId = await readyDraft(slug);
			const v1 = await publishDraft(db, courseId, trainer.id, 'build-1', ' Bản đầu ');
			const v1Files = await draftTree(db, courseId);
			await writeLesson(db, courseId, intro, 'Giới thiệu', BODY_2, other.id);
			const v2 = await publishDraft(db, courseId, other.id, 'build-1');
			if (!v1.ok || !v2.ok) throw new Error(`could not publish ${slug} twice`);
			return { courseId, v1Files };
		}

		it('refuses an invalid draft with problems at file and line', async () => {
			const courseId = await newCourse(db, trainer.id, 'lich-su');
			expect(
				await addLesson(db, courseId, { title: 'Giới thiệu', minutes: 10 }, trainer.id)
			).toEqual({ ok: true, slug: 'gioi-thieu' });
			const result = await publishDraft(db, courseId, trainer.id, 'build-1');
			expect(result.ok).toBe(false);
			expect('problems' in result && result.problems).toEqual([
				{ file: `lich-su/${intro}`, line: 5, message: 'the lesson has no text' }
			]);
			expect((await courseBySlugIn(db, 'lich-su'))!.currentVersionId).toBeNull();

			// A problem in the front matter and in the body, each at its own line.
			await saveDraftFile(
				db,
				courseId,
				intro,
				bytesOf('---\ntitle: Giới thiệu\nminutes: nhiều\n---\n\nDòng một.\n\n# Tiêu đề cấp một\n'),
				(await draftFile(db, courseId, intro))!.revision,
				trainer.id
			);
			const again = await publishDraft(db, courseId, trainer.id, 'build-1');
			expect('problems' in again && again.problems).toEqual([
				{ file: `lich-su/${intro}`, line: 3, message: expect.stringContaining('minutes') },
				{ file: `lich-su/${intro}`, line: 8, message: expect.stringContaining('level-1 heading') }
			]);
		});

		it('publishes v1 and v2, then finds nothing to publish', async () => {
			const courseId = await newCourse(db, trainer.id, 'xuat-ban');
			expect(
				await addLesson(db, courseId, { title: 'Giới thiệu', minutes: 10 }, trainer.id)
			).toEqual({ ok: true, slug: 'gioi-thieu' });
			await writeLesson(db, courseId, intro, 'Giới thiệu', BODY_1, trainer.id);
			expect(await addLesson(db, courseId, { title: 'Nước', minutes: 10 }, trainer.id)).toEqual({
				ok: true,
				slug: 'nuoc'
			});
			await writeLesson(db, courseId, water, 'Nước', 'Nước là tài nguyên.', trainer.id);
			expect(
				await saveDraftFile(db, courseId, 'kiem-tra.quiz.yaml', bytesOf(QUIZ), null, trainer.id)
			).toEqual({ ok: true, revision: 1 });
			expect(await draftDiffersFromPublished(db, courseId)).toBe(true);
			expect(await publishDraft(db, courseId, trainer.id, 'build-1', ' Bản đầu ')).toEqual({
				ok: true,
				number: 1
			});
			expect(await draftDiffersFromPublished(db, courseId)).toBe(false);
			expect(await publishDraft(db, courseId, trainer.id, 'build-1')).toEqual({
				ok: false,
				unchanged: true
			});
			const v1Files = await draftTree(db, courseId);
			expectSameFiles(await versionFiles(db, await versionId(db, courseId, 1)), v1Files, 'v1');
			const course = (await courseBySlugIn(db, 'xuat-ban'))!;
			expect(course.status).toBe('published');
			expect(course.origin).toBe('editor');
		});

		it('keeps what learners made on v1 pointing at v1 after v2', async () => {
			const courseId = await readyDraft('lam-bai');
			expect(await publishDraft(db, courseId, trainer.id, 'build-1')).toEqual({
				ok: true,
				number: 1
			});
			const course = (await getCourseBySlug(db, 'lam-bai'))!;
			const learner = await makeUser(db);
			expect((await enrolSelf(db, learner.id, course)).ok).toBe(true);
			const quiz = (await getQuiz(db, course.id, 'kiem-tra'))!;
			const v1 = await versionId(db, courseId, 1);
			expect(quiz.courseVersionId).toBe(v1);
			const started = await startAttempt(db, quiz, learner.id);
			if (!started.ok) throw new Error('attempt not started');
			await submitAttempt(db, started.attempt.id, learner.id);
			const v1Lessons = await lessonRowsOf(db, v1);
			expect(v1Lessons.map((l) => l.slug)).toEqual(['gioi-thieu', 'nuoc']);

			await writeLesson(db, courseId, intro, 'Giới thiệu', BODY_2, other.id);
			expect(await publishDraft(db, courseId, other.id, 'build-1')).toEqual({
				ok: true,
				number: 2
			});
			const v2 = await versionId(db, courseId, 2);

			const [attempt] = await db
				.select()
				.from(quizAttempts)
				.where(eq(quizAttempts.id, started.attempt.id));
			expect(attempt.courseVersionId).toBe(v1);
			expect(attempt.state).toBe('submitted');
			expect((await getQuiz(db, course.id, 'kiem-tra'))!.courseVersionId).toBe(v2);
			expect(await lessonRowsOf(db, v1)).toEqual(v1Lessons);
			const v2Lessons = await lessonRowsOf(db, v2);
			expect(v2Lessons[0].source.vi).toContain('từ nguồn');
			expect(v2Lessons[0].html.vi).toContain('<strong>phòng ngừa</strong> từ nguồn');
		});

		it('shows what changed between versions, line by line', async () => {
			const { courseId } = await publishedTwice('so-sanh');
			const before = (await filesAt(db, courseId, 1))!;
			const after = (await filesAt(db, courseId, 2))!;
			expect(await filesAt(db, courseId, 99)).toBeNull();
			const diffs = diffCourseFiles(before, after);
			expect(diffs.map((d) => [d.path, d.status])).toEqual([[intro, 'changed']]);
			const lines = diffs[0].hunks!.flatMap((h) => h.lines);
			expect(lines.filter((l) => l.kind !== 'context')).toEqual([
				{ kind: 'removed', text: 'Sản xuất sạch hơn là **phòng ngừa**.', oldLine: 6 },
				{ kind: 'added', text: 'Sản xuất sạch hơn là **phòng ngừa** từ nguồn.', newLine: 6 }
			]);
			expect(diffs[0].hunks![0].header).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);

			// Added and removed files, and binary files by size only.
			const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
			const withImage = new Map(after).set('images/a.png', png);
			withImage.delete(water);
			expect(
				diffCourseFiles(after, withImage).map((d) => [d.path, d.status, d.hunks === null, d.sizes])
			).toEqual([
				[water, 'removed', false, [after.get(water)!.byteLength, 0]],
				['images/a.png', 'added', true, [0, png.byteLength]]
			]);
		});

		it('rolls back to v1 as a new v3 with exactly v1’s files, lessons and draft', async () => {
			const { courseId, v1Files } = await publishedTwice('khoi-phuc');
			// An unpublished edit in the draft is replaced by the rollback.
			await writeLesson(db, courseId, water, 'Nước', 'Chưa xuất bản.', trainer.id);
			const result = await rollback(
				db,
				courseId,
				1,
				trainer.id,
				'build-1',
				'Khôi phục phiên bản 1'
			);
			expect(result).toEqual({ ok: true, number: 3 });
			const [v1, v2, v3] = await Promise.all([1, 2, 3].map((n) => versionId(db, courseId, n)));
			expectSameFiles(await versionFiles(db, v3), await versionFiles(db, v1), 'v3 vs v1');
			expectSameFiles(await versionFiles(db, v3), v1Files, 'v3 vs v1 draft');
			expectSameFiles(await draftTree(db, courseId), v1Files, 'draft vs v1');
			expect(await draftDiffersFromPublished(db, courseId)).toBe(false);

			const strip = (rows: Awaited<ReturnType<typeof lessonRowsOf>>) =>
				rows.map(({ slug, title, position, source, html }) => ({
					slug,
					title,
					position,
					source,
					html
				}));
			expect(strip(await lessonRowsOf(db, v3))).toEqual(strip(await lessonRowsOf(db, v1)));
			expect(strip(await lessonRowsOf(db, v2))).not.toEqual(strip(await lessonRowsOf(db, v1)));
			expect((await getCourseBySlug(db, 'khoi-phuc'))!.currentVersionId).toBe(v3);
			expect((await getQuiz(db, courseId, 'kiem-tra'))!.courseVersionId).toBe(v3);

			const history = await listVersions(db, courseId);
			expect(history.map((v) => [v.number, v.publishedByName, v.note])).toEqual([
				[3, trainer.name, 'Khôi phục phiên bản 1'],
				[2, other.name, null],
				[1, trainer.name, 'Bản đầu']
			]);
			expect(history[0].contentHash).toBe(history[2].contentHash);

			// Rolling back to what is online changes nothing; an unknown version is not found.
			expect(await rollback(db, courseId, 3, trainer.id, 'build-1', 'x')).toEqual({
				ok: false,
				unchanged: true
			});
			expect(await rollback(db, courseId, 42, trainer.id, 'build-1', 'x')).toEqual({
				ok: false,
				notFound: true
			});
			expect(await listVersions(db, courseId)).toHaveLength(3);
		});

		it('leaves the draft alone when the version rolled back to no longer publishes', async () => {
			const { courseId } = await publishedTwice('khoi-phuc-hong');
			// A version valid when published may fail today's rules (a stricter build): simulate it by
			// pointing v1's lesson at text that no longer passes.
			const v1 = await versionId(db, courseId, 1);
			const hashes = await storeBlobs(
				db,
				new Map([[intro, bytesOf('---\ntitle: Giới thiệu\nminutes: 10\n---\n\n{alert(1)}\n')]])
			);
			await db
				.update(courseVersionFiles)
				.set({ blobHash: hashes.get(intro)! })
				.where(and(eq(courseVersionFiles.courseVersionId, v1), eq(courseVersionFiles.path, intro)));
			await writeLesson(db, courseId, water, 'Nước', 'Một chỉnh sửa chưa xuất bản.', trainer.id);
			const edited = await draftFiles(db, courseId);
			const result = await rollback(db, courseId, 1, trainer.id, 'build-1', 'x');
			expect(result.ok).toBe(false);
			expect('problems' in result && result.problems.map((p) => [p.file, p.line])).toEqual([
				[`khoi-phuc-hong/${intro}`, 6]
			]);
			// The unpublished edit is still there, at the same revisions: nobody's work is lost.
			const after = await draftFiles(db, courseId);
			expect(after.map((f) => [f.path, f.revision, textOf(f.content)])).toEqual(
				edited.map((f) => [f.path, f.revision, textOf(f.content)])
			);
			expect(await listVersions(db, courseId)).toHaveLength(2);
			expect(await rollback(db, courseId, 42, trainer.id, 'build-1', 'x')).toEqual({
				ok: false,
				notFound: true
			});
		});
	});

	it('writes the settings form into course.yaml and reads it back, keeping comments', async () => {
		const input: CourseMetaInput = {
			...META,
			titleVi: 'Tiêu đề: có dấu hai chấm # và dấu thăng',
			titleEn: 'A title',
			summaryEn: 'A summary',
			audiences: ['manager', 'consultant'],
			directiveItems: ['1b', '6'],
			hours: 1.5,
			enrolment: 'key',
			enrolmentKey: 'KHOA-2026',
			validityMonths: 24,
			completeOnReachingEnd: true,
			workshopRule: 'share',
			workshopShare: '75',
			listed: false
		};
		const text = applyMeta('# Ghi chú của tác giả\ntitle:\n  vi: Cũ\n', input);
		expect(text).toContain('# Ghi chú của tác giả');
		// A blended course's requirement as the course format writes it.
		expect(text).toContain('workshop: { share: 0.75 }');
		expect(metaOf(text)).toEqual(input);
		expect(metaOf(applyMeta(text, { ...input, workshopRule: 'all' }))).toMatchObject({
			workshopRule: 'all'
		});
		const open = applyMeta(text, { ...META, titleEn: '', enrolmentKey: 'bỏ qua' });
		expect(metaOf(open)).toEqual({ ...META, titleEn: '', summaryEn: '', enrolmentKey: '' });
	});

	it('lists files in byte order whatever the database’s collation', async () => {
		const courseId = await newCourse(db, trainer.id, 'thu-tu');
		const names = [
			'01-ab.md',
			'01-a-c.md',
			'01-a.md',
			'01-a/module.yaml',
			'Z.png',
			'_x.txt',
			'a.png'
		];
		for (const name of names)
			await saveDraftFile(db, courseId, name, bytesOf(name), null, trainer.id);
		const expected = [...names, 'course.yaml'].sort();
		// A server created with a language's collation sorts '01-ab.md' before '01-a-c.md'.
		// (PGlite has no ICU collations; PostgreSQL servers usually do.)
		const [icu] =
			engine === 'postgres'
				? ((await db.execute(
						sql`select count(*)::int as n from pg_collation where collname = 'en-US-x-icu'`
					)) as unknown as { n: number }[])
				: [{ n: 0 }];
		const collate = async (collation: string) => {
			for (const table of ['course_draft_files', 'course_version_files'])
				await db.execute(
					sql.raw(`alter table ${table} alter column path type text collate "${collation}"`)
				);
		};
		if (icu?.n) await collate('en-US-x-icu');
		try {
			expect(await paths(db, courseId)).toEqual(expected);
			expect((await draftFiles(db, courseId)).map((f) => f.path)).toEqual(expected);
			const [version] = await db
				.insert(courseVersions)
				.values({ courseId, number: 1, contentHash: 'x', meta: {} })
				.returning();
			await saveVersionFiles(db, version.id, await draftTree(db, courseId));
			expect([...(await versionFiles(db, version.id)).keys()]).toEqual(expected);
		} finally {
			if (icu?.n) await collate('default');
		}
	});

	it('serialises structural changes made at the same time', async () => {
		const courseId = await newCourse(db, trainer.id, 'dong-thoi');
		const results = await Promise.all(
			[0, 1, 2, 3].map((i) =>
				addLesson(db, courseId, { title: 'Cùng tên', minutes: 5 }, i % 2 ? other.id : trainer.id)
			)
		);
		expect(results.map((r) => r.ok && r.slug).sort()).toEqual([
			'cung-ten',
			'cung-ten-2',
			'cung-ten-3',
			'cung-ten-4'
		]);
		const found = (await paths(db, courseId)).filter((p) => p.endsWith('.md'));
		expect(found.map((p) => p.slice(0, 3)).sort()).toEqual(['01-', '02-', '03-', '04-']);
	});

	// Each test has a course of its own, laid out as it needs by the helpers below.
	describe('structure', () => {
		/** Adds lessons by title, in order, into a module when one is given. */
		async function addLessons(courseId: string, titles: string[], moduleFolder?: string) {
			for (const title of titles) {
				const added = await addLesson(
					db,
					courseId,
					{ title, minutes: 5, moduleFolder },
					trainer.id
				);
				if (!added.ok) throw new Error(`could not add ${title}`);
			}
		}

		/** The layout the first test builds and checks: lessons, a module with one, more lessons. */
		async function numbered(slug: string) {
			const courseId = await newCourse(db, trainer.id, slug);
			await addLessons(courseId, ['Bài một', 'Bài hai']);
			await addModule(db, courseId, { vi: 'Chương A' }, trainer.id);
			await addLessons(courseId, ['Bài ba'], '03-chuong-a');
			await addLessons(courseId, ['Bài bốn', 'Bài một']);
			return courseId;
		}

		it('numbers lessons and modules 01, 02… as they are added', async () => {
			const courseId = await newCourse(db, trainer.id, 'cau-truc-so');
			expect(await addLesson(db, courseId, { title: 'Bài một', minutes: 5 }, trainer.id)).toEqual({
				ok: true,
				slug: 'bai-mot'
			});
			await addLesson(db, courseId, { title: 'Bài hai', minutes: 5 }, trainer.id);
			expect(await addModule(db, courseId, { vi: 'Chương A' }, trainer.id)).toEqual({
				ok: true,
				folder: '03-chuong-a'
			});
			expect(
				await addLesson(
					db,
					courseId,
					{ title: 'Bài ba', minutes: 5, moduleFolder: '03-chuong-a' },
					trainer.id
				)
			).toEqual({ ok: true, slug: 'bai-ba' });
			expect(await addLesson(db, courseId, { title: 'Bài bốn', minutes: 5 }, trainer.id)).toEqual({
				ok: true,
				slug: 'bai-bon'
			});
			// The same title again gets its own slug.
			expect(await addLesson(db, courseId, { title: 'Bài một', minutes: 5 }, trainer.id)).toEqual({
				ok: true,
				slug: 'bai-mot-2'
			});
			expect(
				await addLesson(
					db,
					courseId,
					{ title: 'x', minutes: 5, moduleFolder: '09-khong-co' },
					trainer.id
				)
			).toEqual({ ok: false, error: 'not_found' });
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot.md',
				'02-bai-hai.md',
				'03-chuong-a/01-bai-ba.md',
				'03-chuong-a/module.yaml',
				'04-bai-bon.md',
				'05-bai-mot-2.md',
				'course.yaml'
			]);
		});

		it('moves lessons into and out of modules, and modules past lessons', async () => {
			const courseId = await numbered('cau-truc-chuyen');
			// Down into the module below: it becomes the module's first lesson.
			expect(await move(db, courseId, { lesson: 'bai-hai' }, 'down')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot.md',
				'02-chuong-a/01-bai-hai.md',
				'02-chuong-a/02-bai-ba.md',
				'02-chuong-a/module.yaml',
				'03-bai-bon.md',
				'04-bai-mot-2.md',
				'course.yaml'
			]);
			// Within the module.
			expect(await move(db, courseId, { lesson: 'bai-hai' }, 'down')).toBe(true);
			expect((await paths(db, courseId)).slice(1, 3)).toEqual([
				'02-chuong-a/01-bai-ba.md',
				'02-chuong-a/02-bai-hai.md'
			]);
			// Down out of the module's end: it follows the module.
			expect(await move(db, courseId, { lesson: 'bai-hai' }, 'down')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot.md',
				'02-chuong-a/01-bai-ba.md',
				'02-chuong-a/module.yaml',
				'03-bai-hai.md',
				'04-bai-bon.md',
				'05-bai-mot-2.md',
				'course.yaml'
			]);
			// Up into the module above: it becomes the module's last lesson.
			expect(await move(db, courseId, { lesson: 'bai-bon' }, 'up')).toBe(true);
			expect(await move(db, courseId, { lesson: 'bai-bon' }, 'up')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot.md',
				'02-chuong-a/01-bai-ba.md',
				'02-chuong-a/02-bai-bon.md',
				'02-chuong-a/module.yaml',
				'03-bai-hai.md',
				'04-bai-mot-2.md',
				'course.yaml'
			]);
			// Up out of the module's start: it comes before the module.
			expect(await move(db, courseId, { lesson: 'bai-ba' }, 'up')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot.md',
				'02-bai-ba.md',
				'03-chuong-a/01-bai-bon.md',
				'03-chuong-a/module.yaml',
				'04-bai-hai.md',
				'05-bai-mot-2.md',
				'course.yaml'
			]);
			// A module moves past a lesson, with its lessons.
			expect(await move(db, courseId, { module: '03-chuong-a' }, 'up')).toBe(true);
			expect(await move(db, courseId, { module: '02-chuong-a' }, 'up')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-chuong-a/01-bai-bon.md',
				'01-chuong-a/module.yaml',
				'02-bai-mot.md',
				'03-bai-ba.md',
				'04-bai-hai.md',
				'05-bai-mot-2.md',
				'course.yaml'
			]);
			// Nothing moves past the ends, or for names that are not there.
			expect(await move(db, courseId, { module: '01-chuong-a' }, 'up')).toBe(false);
			expect(await move(db, courseId, { lesson: 'bai-mot-2' }, 'down')).toBe(false);
			expect(await move(db, courseId, { lesson: 'khong-co' }, 'down')).toBe(false);
			expect(await move(db, courseId, { module: '07-khong-co' }, 'down')).toBe(false);
		});

		it('keeps a lesson’s content and revision when it is renumbered', async () => {
			const courseId = await numbered('cau-truc-doi-so');
			const text = lessonFileText(
				{ title: 'Bài hai', minutes: 10, required: true },
				'Nội dung hai.'
			);
			const revision = await writeLesson(
				db,
				courseId,
				'02-bai-hai.md',
				'Bài hai',
				'Nội dung hai.',
				trainer.id
			);
			expect(await move(db, courseId, { lesson: 'bai-hai' }, 'up')).toBe(true);
			const moved = (await draftFile(db, courseId, '01-bai-hai.md'))!;
			expect(textOf(moved.content)).toBe(text);
			expect(moved.revision).toBe(revision);
			expect(await draftFile(db, courseId, '02-bai-hai.md')).toBeNull();
		});

		it('removes lessons and empty modules, renumbering what follows', async () => {
			const courseId = await newCourse(db, trainer.id, 'cau-truc-xoa');
			await addModule(db, courseId, { vi: 'Chương A' }, trainer.id);
			await addLessons(courseId, ['Bài bốn'], '01-chuong-a');
			await addLessons(courseId, ['Bài một', 'Bài hai', 'Bài ba', 'Bài một']);
			expect(await paths(db, courseId)).toEqual([
				'01-chuong-a/01-bai-bon.md',
				'01-chuong-a/module.yaml',
				'02-bai-mot.md',
				'03-bai-hai.md',
				'04-bai-ba.md',
				'05-bai-mot-2.md',
				'course.yaml'
			]);
			expect(await removeModule(db, courseId, '01-chuong-a')).toEqual({
				ok: false,
				error: 'not_empty'
			});
			expect(await removeModule(db, courseId, '09-khong-co')).toEqual({
				ok: false,
				error: 'not_found'
			});
			expect(await removeLesson(db, courseId, 'bai-mot')).toBe(true);
			expect(await removeLesson(db, courseId, 'bai-mot')).toBe(false);
			expect(await paths(db, courseId)).toEqual([
				'01-chuong-a/01-bai-bon.md',
				'01-chuong-a/module.yaml',
				'02-bai-hai.md',
				'03-bai-ba.md',
				'04-bai-mot-2.md',
				'course.yaml'
			]);
			expect(await removeLesson(db, courseId, 'bai-bon')).toBe(true);
			expect(await removeModule(db, courseId, '01-chuong-a')).toEqual({ ok: true });
			expect(await paths(db, courseId)).toEqual([
				'01-bai-hai.md',
				'02-bai-ba.md',
				'03-bai-mot-2.md',
				'course.yaml'
			]);
		});

		it('removes a lesson’s English text with it', async () => {
			const courseId = await newCourse(db, trainer.id, 'cau-truc-tieng-anh');
			await addLessons(courseId, ['Bài hai', 'Bài ba', 'Bài một 2']);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-hai.md',
				'02-bai-ba.md',
				'03-bai-mot-2.md',
				'course.yaml'
			]);
			await saveDraftFile(
				db,
				courseId,
				'02-bai-ba.en.md',
				bytesOf(lessonFileText({ title: 'Lesson three', minutes: 5, required: true }, 'Text.')),
				null,
				trainer.id
			);
			expect(await move(db, courseId, { lesson: 'bai-ba' }, 'up')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-ba.en.md',
				'01-bai-ba.md',
				'02-bai-hai.md',
				'03-bai-mot-2.md',
				'course.yaml'
			]);
			expect(await removeLesson(db, courseId, 'bai-ba')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-hai.md',
				'02-bai-mot-2.md',
				'course.yaml'
			]);
		});

		it('publishes what the structure operations made', async () => {
			const courseId = await numbered('cau-truc');
			// Removed and moved until two lessons are left, the later one first.
			expect(await removeLesson(db, courseId, 'bai-mot')).toBe(true);
			expect(await removeLesson(db, courseId, 'bai-ba')).toBe(true);
			expect(await removeModule(db, courseId, '02-chuong-a')).toEqual({ ok: true });
			expect(await removeLesson(db, courseId, 'bai-bon')).toBe(true);
			expect(await move(db, courseId, { lesson: 'bai-mot-2' }, 'up')).toBe(true);
			expect(await paths(db, courseId)).toEqual([
				'01-bai-mot-2.md',
				'02-bai-hai.md',
				'course.yaml'
			]);
			await addModule(db, courseId, { vi: 'Chương B', en: 'Chapter B' }, trainer.id);
			await addLesson(
				db,
				courseId,
				{ title: 'Bài năm', minutes: 5, moduleFolder: '03-chuong-b' },
				trainer.id
			);
			for (const path of await paths(db, courseId)) {
				if (!path.endsWith('.md')) continue;
				const slug = path.replace(/^(.*\/)?\d+-/, '').replace(/\.md$/, '');
				await writeLesson(db, courseId, path, slug, `Nội dung của ${slug}.`, trainer.id);
			}
			expect(await publishDraft(db, courseId, trainer.id, 'build-1')).toEqual({
				ok: true,
				number: 1
			});
			const course = (await getCourseBySlug(db, 'cau-truc'))!;
			const rows = await lessonRowsOf(db, course.currentVersionId!);
			expect(rows.map((r) => [r.position, r.slug])).toEqual([
				[1, 'bai-mot-2'],
				[2, 'bai-hai'],
				[3, 'bai-nam']
			]);
		});
	});

	describe('uploads', () => {
		let courseId: string;
		const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
		const GIF = bytesOf('GIF89a\u0001\u0000\u0001\u0000');
		const WEBP = bytesOf('RIFF\u0024\u0000\u0000\u0000WEBPVP8 ');
		const PDF = bytesOf('%PDF-1.7\n%âãÏÓ\n');
		const SVG = bytesOf(
			'<?xml version="1.0" encoding="UTF-8"?>\n<!-- sơ đồ -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
		);

		beforeAll(async () => {
			courseId = await newCourse(db, trainer.id, 'tai-len');
		});

		it('knows each type by its first bytes, whatever the name says', () => {
			expect(detectType(PNG)).toBe('png');
			expect(detectType(JPEG)).toBe('jpg');
			expect(detectType(GIF)).toBe('gif');
			expect(detectType(WEBP)).toBe('webp');
			expect(detectType(PDF)).toBe('pdf');
			expect(detectType(SVG)).toBe('svg');
			expect(detectType(bytesOf('\uFEFF  <svg>\n</svg>'))).toBe('svg');
			expect(
				detectType(
					bytesOf(
						'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg>x</svg>'
					)
				)
			).toBe('svg');
			expect(detectType(bytesOf('RIFF\u0024\u0000\u0000\u0000WAVEfmt '))).toBeNull();
			expect(detectType(bytesOf('hello, I am text'))).toBeNull();
			expect(detectType(bytesOf('<html><svg></svg></html>'))).toBeNull();
			expect(detectType(new Uint8Array([0x89, 0x50]))).toBeNull();
		});

		it('adds each type under images/ with a clean, unused name', async () => {
			const upload = (name: string, bytes: Uint8Array) =>
				uploadAsset(db, courseId, name, bytes, trainer.id);
			expect(await upload('Sơ đồ Nước (1).PNG', PNG)).toEqual({
				ok: true,
				path: 'images/so-do-nuoc-1.png'
			});
			expect(await upload('Sơ đồ Nước (1).png', PNG)).toEqual({
				ok: true,
				path: 'images/so-do-nuoc-1-2.png'
			});
			// The real type decides the extension.
			expect(await upload('anh.gif', JPEG)).toEqual({ ok: true, path: 'images/anh.jpg' });
			expect(await upload('../../etc/passwd.gif', GIF)).toEqual({
				ok: true,
				path: 'images/etc-passwd.gif'
			});
			expect(await upload('hinh.webp', WEBP)).toEqual({ ok: true, path: 'images/hinh.webp' });
			expect(await upload('Tài liệu.pdf', PDF)).toEqual({ ok: true, path: 'files/tai-lieu.pdf' });
			expect(await upload('sơ-đồ.svg', SVG)).toEqual({ ok: true, path: 'images/so-do.svg' });
			expect(await upload('.png', PNG)).toEqual({ ok: true, path: 'images/bai.png' });
			const tree = await draftTree(db, courseId);
			expect(same(tree.get('images/anh.jpg'), JPEG)).toBe(true);
			expect(same(tree.get('images/so-do.svg'), SVG)).toBe(true);
		});

		it('refuses what is not an image or PDF, too large, empty, or an SVG that could run script', async () => {
			const upload = (name: string, bytes: Uint8Array) =>
				uploadAsset(db, courseId, name, bytes, trainer.id);
			expect(await upload('anh.png', bytesOf('just text, renamed'))).toEqual({
				ok: false,
				error: 'type'
			});
			expect(
				await upload('trang.html', bytesOf('<!doctype html><script>alert(1)</script>'))
			).toEqual({
				ok: false,
				error: 'type'
			});
			const big = new Uint8Array(MAX_ASSET_BYTES + 1);
			big.set(PNG);
			expect(await upload('to.png', big)).toEqual({ ok: false, error: 'size' });
			const justRight = new Uint8Array(MAX_ASSET_BYTES);
			justRight.set(PNG);
			expect((await upload('vua.png', justRight)).ok).toBe(true);
			expect(await upload('rong.png', new Uint8Array(0))).toEqual({ ok: false, error: 'empty' });
			for (const svg of UNSAFE_SVGS) {
				// An SVG with an internal DTD subset is not even recognised as one: refused all the same.
				const error = svg.includes('<!ENTITY') ? 'type' : 'unsafe_svg';
				expect(await upload('x.svg', bytesOf(svg)), svg).toEqual({ ok: false, error });
				expect(unsafeSvg(svg), svg).toBe(true);
			}
			const tree = await draftTree(db, courseId);
			expect([...tree.keys()].filter((p) => p.startsWith('images/x'))).toEqual([]);
		});

		it('accepts ordinary SVGs, the shipped courses’ among them', () => {
			expect(unsafeSvg(textOf(SVG))).toBe(false);
			const shipped = SHIPPED.flatMap((slug) =>
				[...readCourseFolder(join('courses', slug))].filter(([path]) => path.endsWith('.svg'))
			);
			expect(shipped.length).toBeGreaterThan(0);
			for (const [path, content] of shipped) {
				expect(detectType(content), path).toBe('svg');
				expect(unsafeSvg(textOf(content)), path).toBe(false);
			}
			expect(
				unsafeSvg(
					'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><use xlink:href="#g"/><text>online, one</text></svg>'
				)
			).toBe(false);
		});
	});
});

const UNSAFE_SVGS = [
	'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"\nonload="alert(1)"></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick = "alert(1)"/></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="JaVaScRiPt:alert(1)">x</a></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="https://example.com"/></foreignObject></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><foreignobject><div>x</div></foreignobject></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
	// Namespace prefixes, entities and plain href: the same attacks, spelled differently.
	'<svg xmlns="http://www.w3.org/2000/svg"><svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)">x</a></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x09;script:alert(1)">x</a></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml;base64,PHN2Zz4=#x"/></svg>',
	'<!DOCTYPE svg [<!ENTITY j "javascript">]><svg xmlns="http://www.w3.org/2000/svg"><a href="&j;:alert(1)">x</a></svg>',
	'<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
	'<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" values="javascript:alert(1)"/></svg>'
];
