import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	certificates,
	cohortMembers,
	cohorts,
	courses,
	courseVersions,
	enrolments,
	organisations,
	users
} from '$db/schema';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { makeUser } from '$testing/factories';
import { adminOverview } from './overview';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));
// 10:00 on 2 December 2026 in Vietnam: the half-year is H2 2026, from 1 July 00:00 there.
const NOW = new Date('2026-12-02T10:00:00+07:00');

describe.each(testEngines)('administrator overview on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	const course: Record<string, string> = {};
	let versionId: string;
	let factory: string, school: string, quietOrg: string, cohortOrg: string;

	async function learner(organisationId: string | null) {
		const user = await makeUser(db);
		await db.update(users).set({ organisationId }).where(eq(users.id, user.id));
		return user.id;
	}
	async function enrol(userId: string, slug: string, enrolledAt: string, completedAt?: string) {
		await db.insert(enrolments).values({
			userId,
			courseId: course[slug],
			source: 'self',
			enrolledAt: new Date(enrolledAt),
			completedAt: completedAt ? new Date(completedAt) : null
		});
	}

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-overview-'));
		for (const slug of ['khoa-a', 'khoa-b', 'khoa-c'])
			cpSync(fixture, join(root, slug), { recursive: true });
		await syncCourses(db, root, 'test');
		for (const c of await db.select({ id: courses.id, slug: courses.slug }).from(courses))
			course[c.slug] = c.id;
		[{ id: versionId }] = await db
			.select({ id: courseVersions.id })
			.from(courseVersions)
			.where(eq(courseVersions.courseId, course['khoa-a']));
		[factory, school, quietOrg, cohortOrg] = (
			await db
				.insert(organisations)
				.values([
					{ name: 'Công ty Dừa', kind: 'enterprise', area: 'Châu Thành' },
					{ name: 'Trường Cao đẳng', kind: 'school', area: 'Mỏ Cày Nam' },
					{ name: 'Hợp tác xã Im Lặng', kind: 'enterprise', area: 'Ba Tri' },
					{ name: 'Sở Lớp Học', kind: 'agency', area: null }
				])
				.returning()
		).map((o) => o.id);
		await makeUser(db, { isAdmin: true, fullName: 'Quản Trị' });

		// This half-year: two factory workers enrol in A, one completes it and is certified.
		const a = await learner(factory);
		const b = await learner(factory);
		await enrol(a, 'khoa-a', '2026-07-01T00:10:00+07:00', '2026-08-01T09:00:00+07:00');
		await enrol(b, 'khoa-a', '2026-09-01T09:00:00+07:00');
		await db.insert(certificates).values({
			code: `ov-${engine}`,
			number: 'SH-OV-1',
			registerNumber: 1,
			userId: a,
			courseId: course['khoa-a'],
			courseVersionId: versionId,
			fullName: 'Học Viên',
			courseTitle: { vi: 'Khóa' },
			courseVersion: 1,
			hours: 1.5,
			completedAt: new Date('2026-08-01T09:00:00+07:00'),
			issuedAt: new Date('2026-08-01T09:00:00+07:00'),
			credential: {},
			signature: 'x',
			keyId: 'k'
		});
		// The school's student enrolled last half-year (23:50 on 30 June in Vietnam) and studied
		// nothing since: the school reported no activity this half-year. Course B: 1 of 1 complete.
		const s = await learner(school);
		await enrol(s, 'khoa-b', '2026-06-30T23:50:00+07:00', '2026-06-30T23:55:00+07:00');
		// A learner of no organisation studies in a class of the agency: the agency is active.
		const c = await learner(null);
		const [cohort] = await db
			.insert(cohorts)
			.values({ organisationId: cohortOrg, name: 'K1', year: 2026 })
			.returning();
		await db.insert(cohortMembers).values({ cohortId: cohort.id, userId: c });
		await enrol(c, 'khoa-a', '2026-01-05T09:00:00+07:00');
		await db
			.update(enrolments)
			.set({ lastActivityAt: new Date('2026-11-30T20:00:00+07:00') })
			.where(eq(enrolments.userId, c));
		// The quiet cooperative has a member who never studied.
		await learner(quietOrg);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	it('counts the half-year in Vietnam time', async () => {
		const o = await adminOverview(db, NOW);
		expect(o.period).toEqual({ year: 2026, half: 2 });
		expect(o.since.toISOString()).toBe('2026-06-30T17:00:00.000Z');
		expect(o).toMatchObject({
			accounts: 5,
			activeLearners: 3,
			enrolments: 2,
			completions: 1,
			certificates: 1
		});
	});

	it('ranks courses by completion rate, courses nobody took last', async () => {
		const o = await adminOverview(db, NOW);
		expect(o.courses.map((c) => [c.slug, c.enrolled, c.completed, c.rate])).toEqual([
			['khoa-b', 1, 1, 100],
			['khoa-a', 3, 1, 33.3],
			['khoa-c', 0, 0, null]
		]);
	});

	it('lists the organisations with no learner activity this half-year', async () => {
		const o = await adminOverview(db, NOW);
		expect(o.quietOrganisations.map((q) => [q.name, q.members])).toEqual([
			['Hợp tác xã Im Lặng', 1],
			['Trường Cao đẳng', 1]
		]);
	});
});
