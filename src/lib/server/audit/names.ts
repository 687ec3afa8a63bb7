import { eq, inArray } from 'drizzle-orm';
import { cohorts, courses, invitations, organisations, users, workshops } from '$db/schema';
import { localise } from '$lib/localise';
import type { Database } from '../db';
import {
	auditSentence,
	subjectKind,
	type AuditDetails,
	type AuditSentence,
	type EventNames,
	type Name
} from './messages';

export interface AuditRow {
	action: string;
	actorId: string | null;
	actorName: string | null;
	subjectId: string | null;
	details: AuditDetails;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idIn = (details: AuditDetails, key: string) => {
	const v = details[key];
	return typeof v === 'string' ? v : null;
};

/**
 * The names a page of audit events speaks of, looked up in one query per kind of thing (people,
 * courses, classes, organisations, invitations, workshops) whatever the number of events. The subject id is
 * looked up in the table its kind names (messages.ts), so a course or a class is never taken for a
 * deleted account; an id that is not found in its own table really was deleted.
 */
export async function lookUpNames(db: Database, rows: AuditRow[]): Promise<EventNames[]> {
	const wanted = {
		user: new Set<string>(),
		course: new Set<string>(),
		cohort: new Set<string>(),
		workshop: new Set<string>()
	};
	const organisationIds = new Set<string>();
	const invitationIds = new Set<string>();
	const want = (set: Set<string>, id: string | null) => {
		if (id && UUID.test(id)) set.add(id);
	};
	for (const row of rows) {
		const kind = subjectKind(row.action);
		if (kind === 'invitation') want(invitationIds, row.subjectId);
		else if (kind) want(wanted[kind], row.subjectId);
		want(wanted.user, idIn(row.details, 'userId'));
		want(wanted.course, idIn(row.details, 'courseId'));
		want(wanted.cohort, idIn(row.details, 'cohortId'));
		if (kind === 'cohort') want(wanted.cohort, idIn(row.details, 'to'));
		want(organisationIds, idIn(row.details, 'organisationId'));
		want(wanted.workshop, idIn(row.details, 'workshopId'));
	}
	const ids = (set: Set<string>) => [...set];
	const [people, courseRows, cohortRows, organisationRows, invitationRows, workshopRows] =
		await Promise.all([
			wanted.user.size
				? db
						.select({ id: users.id, name: users.fullName })
						.from(users)
						.where(inArray(users.id, ids(wanted.user)))
				: [],
			wanted.course.size
				? db
						.select({ id: courses.id, title: courses.title })
						.from(courses)
						.where(inArray(courses.id, ids(wanted.course)))
				: [],
			wanted.cohort.size
				? db
						.select({ id: cohorts.id, name: cohorts.name })
						.from(cohorts)
						.where(inArray(cohorts.id, ids(wanted.cohort)))
				: [],
			organisationIds.size
				? db
						.select({ id: organisations.id, name: organisations.name })
						.from(organisations)
						.where(inArray(organisations.id, ids(organisationIds)))
				: [],
			invitationIds.size
				? db
						.select({
							id: invitations.id,
							userId: invitations.userId,
							userName: users.fullName,
							cohortName: cohorts.name,
							courseTitle: courses.title,
							organisationName: organisations.name
						})
						.from(invitations)
						.innerJoin(organisations, eq(invitations.organisationId, organisations.id))
						.leftJoin(users, eq(invitations.userId, users.id))
						.leftJoin(cohorts, eq(invitations.cohortId, cohorts.id))
						.leftJoin(courses, eq(invitations.courseId, courses.id))
						.where(inArray(invitations.id, ids(invitationIds)))
				: [],
			wanted.workshop.size
				? db
						.select({ id: workshops.id, name: workshops.title })
						.from(workshops)
						.where(inArray(workshops.id, ids(wanted.workshop)))
				: []
		]);
	const names = {
		user: new Map(people.map((p) => [p.id, p.name])),
		course: new Map(courseRows.map((c) => [c.id, localise(c.title)])),
		cohort: new Map(cohortRows.map((c) => [c.id, c.name])),
		organisation: new Map(organisationRows.map((o) => [o.id, o.name])),
		workshop: new Map(workshopRows.map((w) => [w.id, w.name]))
	};
	const invitationsById = new Map(invitationRows.map((i) => [i.id, i]));
	const look = (map: Map<string, string>, id: string): Name => {
		const name = map.get(id);
		return name === undefined ? { missing: true } : { name };
	};
	const named = (n: string | null): Name | undefined => (n === null ? undefined : { name: n });

	return rows.map((row) => {
		const result: EventNames = {
			actor:
				row.actorId === null ? null : row.actorName ? { name: row.actorName } : { missing: true }
		};
		const kind = subjectKind(row.action);
		const subject = row.subjectId;
		if (subject && kind && kind !== 'invitation') result[kind] = look(names[kind], subject);
		const userId = row.details.userId;
		if (userId === null && 'userId' in row.details) result.user = null;
		else if (typeof userId === 'string' && !result.user) result.user = look(names.user, userId);
		const courseId = idIn(row.details, 'courseId');
		if (courseId && !result.course) result.course = look(names.course, courseId);
		const cohortId = idIn(row.details, 'cohortId');
		if (cohortId && !result.cohort) result.cohort = look(names.cohort, cohortId);
		const toCohort = kind === 'cohort' ? idIn(row.details, 'to') : null;
		if (toCohort) result.toCohort = look(names.cohort, toCohort);
		const organisationId = idIn(row.details, 'organisationId');
		if (organisationId) result.organisation = look(names.organisation, organisationId);
		const workshopId = idIn(row.details, 'workshopId');
		if (workshopId && !result.workshop) result.workshop = look(names.workshop, workshopId);
		if (kind === 'invitation' && subject) {
			const invitation = invitationsById.get(subject);
			result.invitation = invitation ? 'found' : 'missing';
			if (invitation) {
				result.organisation = { name: invitation.organisationName };
				result.cohort ??= named(invitation.cohortName);
				result.course ??= invitation.courseTitle
					? { name: localise(invitation.courseTitle) }
					: undefined;
				if (result.user === undefined)
					result.user = invitation.userId
						? invitation.userName === null
							? { missing: true }
							: { name: invitation.userName }
						: null;
			}
		}
		return result;
	});
}

/** A page of events, each with its sentence in the reader's language. */
export async function describeAuditEvents<T extends AuditRow>(
	db: Database,
	rows: T[]
): Promise<(T & { sentence: AuditSentence })[]> {
	const names = await lookUpNames(db, rows);
	return rows.map((row, i) => ({
		...row,
		sentence: auditSentence({ action: row.action, details: row.details, names: names[i] })
	}));
}
