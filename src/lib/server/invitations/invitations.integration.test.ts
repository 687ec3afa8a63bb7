import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditEvents,
	cohortMembers,
	enrolments,
	invitations,
	users,
	type Cohort,
	type Course
} from '$db/schema';
import { grantRole } from '../auth/roles';
import { staffScope, type StaffScope } from '../auth/staff';
import { assignCourse } from '../cohorts/assign';
import { createCohort } from '../cohorts/cohorts';
import { cohortMatrix } from '../cohorts/matrix';
import { addMemberByIdentifier, listMembers } from '../cohorts/members';
import { syncCourses } from '../courses/sync';
import { createTestDatabase, testEngines } from '../db/test-helpers';
import type { Database, DatabaseHandle } from '../db';
import { enrolByStaff, getCourseBySlug } from '../enrolment';
import { createOrganisation } from '../organisations';
import { reachOf } from '../organisations/reach';
import { courseLearners } from '../progress';
import { makeUser } from '$testing/factories';
import { invitationsFor, openInvitations, withdrawInvitation } from './index';
import { answerInvitation } from './respond';

const fixture = fileURLToPath(new URL('../courses/fixtures/good/mini-course', import.meta.url));

describe.each(testEngines)('invitations on %s', (engine) => {
	let handle: DatabaseHandle;
	let db: Database;
	let root: string;
	let course: Course;
	let orgA: string, orgB: string;
	let manager: { id: string; scope: StaffScope };

	beforeAll(async () => {
		handle = await createTestDatabase(engine);
		db = handle.db;
		root = mkdtempSync(join(tmpdir(), 'sachhon-invite-'));
		cpSync(fixture, join(root, 'khoa-moi'), { recursive: true });
		await syncCourses(db, root, 'test');
		course = (await getCourseBySlug(db, 'khoa-moi'))!;
		orgA = (await createOrganisation(db, { name: 'Trường A', kind: 'school', area: null })).id;
		orgB = (await createOrganisation(db, { name: 'Trường B', kind: 'school', area: null })).id;
		manager = await staff('manager', orgA);
	});
	afterAll(async () => {
		await handle?.close();
		rmSync(root, { recursive: true, force: true });
	});

	async function staff(role: 'manager' | 'trainer', organisationId: string) {
		const user = await makeUser(db);
		await grantRole(db, null, user.id, role, organisationId);
		return { id: user.id, scope: await staffScope(db, user) };
	}
	/** Another organisation's learner, with everything a page could leak about them. */
	const outsider = (identifier: string) =>
		makeUser(db, {
			identifier,
			fullName: 'Huỳnh Thị Người Ngoài',
			organisationId: orgB,
			dateOfBirth: '2009-04-30'
		});
	async function cohortOfA(name: string): Promise<Cohort> {
		const cohort = await createCohort(db, manager.scope, manager.id, {
			organisationId: orgA,
			name,
			year: 2026
		});
		await assignCourse(db, manager.id, cohort!.id, course.id, '2030-12-31');
		return cohort!;
	}
	const invitationsOf = (cohortId: string) =>
		db.select().from(invitations).where(eq(invitations.cohortId, cohortId));
	const isEnrolled = async (userId: string) =>
		(
			await db
				.select()
				.from(enrolments)
				.where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, course.id)))
		).length > 0;

	it("invites another organisation's learner instead of adding them, and shows nothing of them", async () => {
		const cohort = await cohortOfA('10A1');
		const learner = await outsider('hs-ngoai-01@example.vn');
		const outcome = await addMemberByIdentifier(
			db,
			manager.scope,
			manager.id,
			cohort,
			'HS-NGOAI-01@example.vn'
		);
		expect(outcome).toBe('invited');
		expect(await listMembers(db, cohort.id)).toEqual([]);
		expect(await isEnrolled(learner.id)).toBe(false);
		const matrix = JSON.stringify(await cohortMatrix(db, cohort.id));
		for (const fact of [learner.id, learner.fullName, learner.email!, '2009-04-30'])
			expect(matrix).not.toContain(fact);

		const [invitation] = await invitationsOf(cohort.id);
		expect(invitation).toMatchObject({
			organisationId: orgA,
			invitedBy: manager.id,
			identifier: 'hs-ngoai-01@example.vn',
			userId: learner.id,
			status: 'pending'
		});
		const days = (invitation.expiresAt.getTime() - invitation.createdAt.getTime()) / 86_400_000;
		expect(Math.round(days)).toBe(14);
		// The manager sees what they typed and dates; the learner sees who invites them to what.
		const open = await openInvitations(db, { cohortId: cohort.id });
		expect(open).toEqual([
			{
				id: invitation.id,
				identifier: 'hs-ngoai-01@example.vn',
				createdAt: invitation.createdAt,
				expiresAt: invitation.expiresAt
			}
		]);
		expect(await invitationsFor(db, learner.id)).toEqual([
			{
				id: invitation.id,
				organisationName: 'Trường A',
				cohortName: '10A1',
				courseTitle: null,
				expiresAt: invitation.expiresAt
			}
		]);
		// Audited with ids, never the identifier or a name.
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, 'invitation.sent'), eq(auditEvents.subjectId, invitation.id))
			);
		expect(audit.actorId).toBe(manager.id);
		expect(audit.details).toEqual({
			organisationId: orgA,
			cohortId: cohort.id,
			courseId: null,
			userId: learner.id
		});
		expect(JSON.stringify(audit)).not.toMatch(/hs-ngoai|Huỳnh/);

		// Asking again while it is open sends nothing new.
		expect(await addMemberByIdentifier(db, manager.scope, manager.id, cohort, learner.email!)).toBe(
			'invited'
		);
		expect(await invitationsOf(cohort.id)).toHaveLength(1);
	});

	it('adds the learner, enrolled in the cohort courses, once they accept', async () => {
		const cohort = await cohortOfA('10A2');
		const learner = await outsider('hs-ngoai-02');
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-02');
		const [invitation] = await invitationsOf(cohort.id);
		// No one else may answer it, the manager included.
		const stranger = await makeUser(db);
		for (const userId of [stranger.id, manager.id])
			expect(await answerInvitation(db, userId, invitation.id, 'accept')).toEqual({
				ok: false,
				reason: 'not_found'
			});
		expect(await listMembers(db, cohort.id)).toEqual([]);

		expect(await answerInvitation(db, learner.id, invitation.id, 'accept')).toEqual({
			ok: true,
			answer: 'accept',
			courseSlug: null
		});
		expect((await listMembers(db, cohort.id)).map((m) => m.id)).toEqual([learner.id]);
		expect(await isEnrolled(learner.id)).toBe(true);
		expect((await cohortMatrix(db, cohort.id)).rows.map((r) => r.userId)).toEqual([learner.id]);
		expect(await openInvitations(db, { cohortId: cohort.id })).toEqual([]);
		expect(await invitationsFor(db, learner.id)).toEqual([]);
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, 'invitation.accepted'), eq(auditEvents.subjectId, invitation.id))
			);
		expect(audit).toMatchObject({
			actorId: learner.id,
			details: { cohortId: cohort.id, courseId: null }
		});
		// Answered once: a second answer finds nothing.
		expect(await answerInvitation(db, learner.id, invitation.id, 'decline')).toMatchObject({
			ok: false
		});
	});

	it('records a decline, adds nothing, and shows the manager no difference', async () => {
		const cohort = await cohortOfA('10A3');
		const learner = await outsider('hs-ngoai-03');
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-03');
		const [invitation] = await invitationsOf(cohort.id);
		expect(await answerInvitation(db, learner.id, invitation.id, 'decline')).toMatchObject({
			ok: true,
			answer: 'decline'
		});
		expect(await listMembers(db, cohort.id)).toEqual([]);
		expect(await isEnrolled(learner.id)).toBe(false);
		expect((await invitationsOf(cohort.id))[0].status).toBe('declined');
		expect(await invitationsFor(db, learner.id)).toEqual([]);
		// Declining is the learner's business: to the manager it is an invitation still unanswered,
		// and asking again does not ask the learner again.
		expect((await openInvitations(db, { cohortId: cohort.id })).map((i) => i.id)).toEqual([
			invitation.id
		]);
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-03');
		expect(await invitationsFor(db, learner.id)).toEqual([]);
		expect(await invitationsOf(cohort.id)).toHaveLength(1);
	});

	it('answers an unknown identifier exactly as a real one, and invites no one', async () => {
		const cohort = await cohortOfA('10A4');
		const usersBefore = await db.$count(users);
		expect(await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'khong-co-ai')).toBe(
			'invited'
		);
		expect(await db.$count(users)).toBe(usersBefore);
		expect(await listMembers(db, cohort.id)).toEqual([]);
		// The manager's list looks the same as for a real account; the record reaches no one.
		const [invitation] = await invitationsOf(cohort.id);
		expect(invitation.userId).toBeNull();
		expect(Object.keys((await openInvitations(db, { cohortId: cohort.id }))[0]).sort()).toEqual([
			'createdAt',
			'expiresAt',
			'id',
			'identifier'
		]);
	});

	it("adds the manager's own people and their sub-organisations' directly, and administrators anyone", async () => {
		const cohort = await cohortOfA('10A5');
		const sub = await createOrganisation(db, {
			name: 'Phân hiệu A',
			kind: 'school',
			area: null,
			parentId: orgA
		});
		const own = await makeUser(db, { identifier: 'hs-a-01', organisationId: orgA });
		const below = await makeUser(db, { identifier: 'hs-a-02', organisationId: sub.id });
		expect(await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-a-01')).toBe(
			'added'
		);
		expect(await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-a-02')).toBe(
			'added'
		);
		expect(await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-a-01')).toBe(
			'already'
		);

		const admin = await makeUser(db, { isAdmin: true });
		const adminScope = await staffScope(db, admin);
		const learner = await outsider('hs-ngoai-05');
		expect(await addMemberByIdentifier(db, adminScope, admin.id, cohort, 'hs-ngoai-05')).toBe(
			'added'
		);
		expect(await addMemberByIdentifier(db, adminScope, admin.id, cohort, 'khong-co-ai')).toBe(
			'not_found'
		);
		expect((await listMembers(db, cohort.id)).map((m) => m.id).sort()).toEqual(
			[own.id, below.id, learner.id].sort()
		);
		expect(await invitationsOf(cohort.id)).toEqual([]);
	});

	it('lets the manager withdraw an invitation, after which it cannot be accepted', async () => {
		const cohort = await cohortOfA('10A6');
		const other = await cohortOfA('10A7');
		const learner = await outsider('hs-ngoai-06');
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-06');
		const [invitation] = await invitationsOf(cohort.id);
		// Only from the cohort it belongs to.
		expect(await withdrawInvitation(db, manager.id, { cohortId: other.id }, invitation.id)).toBe(
			false
		);
		expect(await withdrawInvitation(db, manager.id, { cohortId: cohort.id }, invitation.id)).toBe(
			true
		);
		expect(await openInvitations(db, { cohortId: cohort.id })).toEqual([]);
		expect(await answerInvitation(db, learner.id, invitation.id, 'accept')).toMatchObject({
			ok: false,
			reason: 'not_found'
		});
		expect(await listMembers(db, cohort.id)).toEqual([]);
	});

	it('lets an invitation expire after 14 days, and a new one be sent', async () => {
		const cohort = await cohortOfA('10A8');
		const learner = await outsider('hs-ngoai-07');
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-07');
		const [invitation] = await invitationsOf(cohort.id);
		await db
			.update(invitations)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(invitations.id, invitation.id));
		expect(await invitationsFor(db, learner.id)).toEqual([]);
		expect(await openInvitations(db, { cohortId: cohort.id })).toEqual([]);
		expect(await answerInvitation(db, learner.id, invitation.id, 'accept')).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect((await invitationsOf(cohort.id))[0].status).toBe('expired');
		expect(await listMembers(db, cohort.id)).toEqual([]);
		await addMemberByIdentifier(db, manager.scope, manager.id, cohort, 'hs-ngoai-07');
		expect((await invitationsFor(db, learner.id)).map((i) => i.cohortName)).toEqual(['10A8']);
	});

	it('invites to a course and shows the trainer nothing of the learner until they accept', async () => {
		const trainer = await staff('trainer', orgA);
		const learner = await outsider('hs-ngoai-08');
		// Already learning the course on their own: the trainer must not learn even that.
		await db.insert(enrolments).values({ userId: learner.id, courseId: course.id, source: 'self' });
		const reach = await reachOf(db, trainer.scope);
		const listed = async () =>
			(await courseLearners(db, course.id, reach)).map((l) => l.userId).includes(learner.id);

		const result = await enrolByStaff(db, trainer.scope, trainer.id, course, orgA, 'hs-ngoai-08');
		expect(result).toEqual({ ok: true, enrolled: 'invited' });
		const unknown = await enrolByStaff(db, trainer.scope, trainer.id, course, orgA, 'khong-ai');
		expect(unknown).toEqual(result);
		expect(await listed()).toBe(false);
		const open = await openInvitations(db, { courseId: course.id, organisationIds: [orgA] });
		expect(open.map((i) => i.identifier).sort()).toEqual(['hs-ngoai-08', 'khong-ai']);
		// Another organisation's staff do not see A's invitations.
		expect(await openInvitations(db, { courseId: course.id, organisationIds: [orgB] })).toEqual([]);

		const [invitation] = await invitationsFor(db, learner.id);
		expect(invitation).toMatchObject({ organisationName: 'Trường A', cohortName: null });
		expect(invitation.courseTitle).toEqual(course.title);
		expect(await answerInvitation(db, learner.id, invitation.id, 'accept')).toEqual({
			ok: true,
			answer: 'accept',
			courseSlug: 'khoa-moi'
		});
		expect(await listed()).toBe(true);
		// B's staff see their own learner anyway; a third organisation's staff do not.
		const bStaff = await staff('trainer', orgB);
		const bSees = await courseLearners(db, course.id, await reachOf(db, bStaff.scope));
		expect(bSees.map((l) => l.userId)).toContain(learner.id);
		const cStaff = await staff(
			'trainer',
			(await createOrganisation(db, { name: 'Trường C', kind: 'school', area: null })).id
		);
		const cSees = await courseLearners(db, course.id, await reachOf(db, cStaff.scope));
		expect(cSees.map((l) => l.userId)).not.toContain(learner.id);
	});

	it("enrols the trainer's own people directly, naming them", async () => {
		const trainer = await staff('trainer', orgA);
		const own = await makeUser(db, { identifier: 'hs-a-09', organisationId: orgA });
		const result = await enrolByStaff(db, trainer.scope, trainer.id, course, orgA, 'hs-a-09');
		expect(result).toEqual({
			ok: true,
			enrolled: 'new',
			user: { id: own.id, fullName: own.fullName }
		});
		expect(
			await db
				.select()
				.from(invitations)
				.where(inArray(invitations.identifier, ['hs-a-09']))
		).toEqual([]);
		expect(await db.select().from(cohortMembers).where(eq(cohortMembers.userId, own.id))).toEqual(
			[]
		);
	});
});
