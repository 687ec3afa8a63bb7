import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { organisations, roleAssignments, rubrics, users } from '$db/schema';
import { m } from '$lib/paraglide/messages';
import {
	blankLevel,
	handInTypes,
	type AssignmentForm,
	type CriterionForm
} from '$lib/schemas/assignment-editor';
import { authorNumber, numberField } from '$lib/schemas/authoring-quiz';
import { isSlug } from '$lib/slug';
import type { Database } from '../db';
import { assignmentSchema, rubricSchema, type Rubric } from '../assignments/format';
import { maxPoints } from '../assignments/rubric';
import { checkLessonBody } from '../courses/compile';
import { slugFrom, uniqueSlug } from './outline';
import { asList, asRecord } from './quiz-file';

// The assignment editor's domain: what the form shows of a file (tolerantly), the definition it
// writes (validated by the format's own schema, its problems said in Vietnamese beside the fields),
// and the rubric library shared across courses. The file is read and written in assignment-file.ts.

export * from './assignment-file';

const str = (v: unknown): string =>
	typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const num = (v: unknown, fallback = '') =>
	v === undefined ? fallback : typeof v === 'number' ? numberField(v) : str(v);

// ---- From the file to the form ------------------------------------------------------------------

function criterionValues(raw: unknown): CriterionForm {
	const c = asRecord(raw);
	return {
		id: str(c.id),
		titleVi: str(asRecord(c.title).vi),
		titleEn: str(asRecord(c.title).en),
		levels: asList(c.levels).map((rawLevel) => {
			const l = asRecord(rawLevel);
			return {
				...blankLevel(num(l.points)),
				titleVi: str(asRecord(l.title).vi),
				titleEn: str(asRecord(l.title).en),
				descriptionVi: str(asRecord(l.description).vi),
				descriptionEn: str(asRecord(l.description).en)
			};
		})
	};
}

/** The rubric part of the form (criteria and pass rule) from a rubric's plain data. */
export function rubricValues(raw: unknown) {
	const r = asRecord(raw);
	const pass = asRecord(r.pass);
	return {
		criteria: asList(r.criteria).map(criterionValues),
		passPoints: num(pass.points),
		everyCriterion: num(pass.everyCriterion)
	};
}

export function assignmentValues(data: unknown): AssignmentForm {
	const d = asRecord(data);
	const handIn = asRecord(d.handIn);
	const files = handIn.files === undefined ? null : asRecord(handIn.files);
	const due = asRecord(d.due);
	const sample = asRecord(d.moderation).sample;
	return {
		titleVi: str(asRecord(d.title).vi),
		titleEn: str(asRecord(d.title).en),
		instructionsVi: str(asRecord(d.instructions).vi),
		instructionsEn: str(asRecord(d.instructions).en),
		attachments: asList(d.attachments).map(str).filter(Boolean),
		after: str(d.after),
		required: d.required !== false,
		filesAllowed: files !== null,
		types: asList(files?.types).filter((t) => handInTypes.includes(t as never)) as never[],
		maxCount: num(files?.maxCount, '5'),
		maxMegabytes: num(files?.maxMegabytes, '20'),
		text: handIn.text === 'optional' || handIn.text === 'required' ? handIn.text : 'none',
		dueKind:
			due.date !== undefined ? 'date' : due.daysAfterEnrolment !== undefined ? 'days' : 'none',
		dueDate: str(due.date),
		dueDays: num(due.daysAfterEnrolment),
		late: d.late === 'refuse' ? 'refuse' : 'accept',
		resubmissions: num(d.resubmissions, '1'),
		moderationPercent:
			typeof sample === 'number' ? numberField(Math.round(sample * 1000) / 10) : '',
		...rubricValues(d.rubric),
		libraryTitle: ''
	};
}

// ---- From the form to the file ------------------------------------------------------------------

/** Text as written in the file: Unix line ends (browsers send CRLF), no surrounding spaces. */
const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const optional = (s: string) => clean(s) || undefined;
/** A typed number; NaN when it is not one, so that the format says "must be a number". */
const number = (s: string) => (s.trim() === '' ? undefined : (authorNumber(s) ?? Number.NaN));
const localised = (vi: string, en: string) => ({ vi: clean(vi), en: optional(en) });

/**
 * The criteria's ids: each keeps its own, which is permanent (markings refer to it), unless it is
 * missing, not a slug or an earlier criterion's; then a new one from its title.
 */
function criterionIds(criteria: CriterionForm[]): string[] {
	const kept = criteria.map((c, i) =>
		isSlug(c.id) && !criteria.slice(0, i).some((o) => o.id === c.id) ? c.id : null
	);
	const taken = new Set(kept.filter((id): id is string => id !== null));
	return criteria.map((c, i) => {
		if (kept[i]) return kept[i];
		const id = uniqueSlug(
			slugFrom(c.titleVi || 'tieu-chi')
				.slice(0, 40)
				.replace(/-+$/, ''),
			taken
		);
		taken.add(id);
		return id;
	});
}

export function rubricData(v: Pick<AssignmentForm, 'criteria' | 'passPoints' | 'everyCriterion'>) {
	const ids = criterionIds(v.criteria);
	return {
		criteria: v.criteria.map((c, i) => ({
			id: ids[i],
			title: localised(c.titleVi, c.titleEn),
			levels: c.levels.map((l) => ({
				points: number(l.points),
				title: localised(l.titleVi, l.titleEn),
				description: localised(l.descriptionVi, l.descriptionEn)
			}))
		})),
		pass: { points: number(v.passPoints), everyCriterion: number(v.everyCriterion) }
	};
}

/** The definition as the file holds it, keys in the documented order; defaults written out. */
export function assignmentData(v: AssignmentForm): Record<string, unknown> {
	const percent = number(v.moderationPercent);
	return {
		title: localised(v.titleVi, v.titleEn),
		instructions: localised(v.instructionsVi, v.instructionsEn),
		attachments: v.attachments.length > 0 ? v.attachments : undefined,
		after: optional(v.after),
		required: v.required,
		handIn: {
			files: v.filesAllowed
				? { types: v.types, maxCount: number(v.maxCount), maxMegabytes: number(v.maxMegabytes) }
				: undefined,
			text: v.text
		},
		due:
			v.dueKind === 'date'
				? { date: clean(v.dueDate) }
				: v.dueKind === 'days'
					? { daysAfterEnrolment: number(v.dueDays) ?? Number.NaN }
					: undefined,
		late: v.late,
		resubmissions: number(v.resubmissions) ?? 0,
		rubric: rubricData(v),
		// The form asks for a percentage; the file holds a share (0.2 for 20 %).
		moderation:
			percent === undefined || percent === 0
				? undefined
				: { sample: Number.isNaN(percent) ? percent : Math.round(percent * 10) / 1000 }
	};
}

// ---- Validation, in Vietnamese beside the fields ------------------------------------------------

/** Field name of the form → what is wrong with it. `form` is for what belongs to no one field. */
export type FieldErrors = Record<string, string[]>;

/** The form field a path of the definition comes from. */
function fieldOf(path: PropertyKey[]): string {
	const [a, b, c, d, e, f] = path.map(String);
	const lang = (s: string | undefined) => (s === 'en' ? 'En' : 'Vi');
	switch (a) {
		case 'title':
		case 'instructions':
			return `${a}${lang(b)}`;
		case 'attachments':
		case 'after':
		case 'required':
		case 'late':
		case 'resubmissions':
			return a;
		case 'handIn':
			if (b === 'text') return 'text';
			if (b === 'files') return c === 'types' ? 'types' : (c ?? 'types');
			return 'handIn';
		case 'due':
			return b === 'date' ? 'dueDate' : b === 'daysAfterEnrolment' ? 'dueDays' : 'dueKind';
		case 'moderation':
			return 'moderationPercent';
		case 'rubric':
			if (b === 'pass') return c === 'everyCriterion' ? 'everyCriterion' : 'passPoints';
			if (b === 'criteria' && c !== undefined) {
				if (d === 'title') return `c${c}.title${lang(e)}`;
				if (d === 'levels' && e !== undefined) {
					if (f === 'points') return `c${c}.l${e}.points`;
					if (f === 'title' || f === 'description')
						return `c${c}.l${e}.${f}${lang(path.map(String)[6])}`;
					return `c${c}.l${e}.points`;
				}
				return `c${c}.levels`;
			}
			return 'criteria';
		default:
			return 'form';
	}
}

type Issue = z.core.$ZodIssue;

function issueText(issue: Issue, field: string, max: number): string {
	const bound = issue as { minimum?: number | bigint; maximum?: number | bigint };
	const origin = (issue as { origin?: string }).origin;
	switch (issue.code) {
		case 'too_small':
			if (origin === 'string') return m.editor_assignment_error_required();
			if (origin === 'array') {
				if (field === 'criteria') return m.editor_assignment_error_no_criteria();
				if (field.endsWith('.levels')) return m.editor_assignment_error_two_levels();
				if (field === 'types') return m.editor_assignment_error_no_types();
			}
			return m.editor_assignment_error_min({ min: numberField(Number(bound.minimum ?? 0)) });
		case 'too_big':
			if (origin === 'string') return m.editor_assignment_error_too_long();
			return m.editor_assignment_error_max({ max: numberField(Number(bound.maximum ?? 0)) });
		case 'invalid_type':
			return m.editor_assignment_error_number();
		case 'invalid_format':
			return m.editor_assignment_error_date();
		case 'custom':
			if (field === 'passPoints') return m.editor_assignment_error_pass_above_max({ max });
			if (/^c\d+\.l\d+\.points$/.test(field)) return m.editor_assignment_error_ascending();
			if (/^c\d+\.levels$/.test(field)) return m.editor_assignment_error_every_unreachable();
			if (field === 'handIn') return m.editor_assignment_error_hand_in();
			if (field.endsWith('.points')) return m.editor_assignment_error_half();
			return m.editor_assignment_error_invalid();
		default:
			return m.editor_assignment_error_invalid();
	}
}

/** Zod's issues as messages by field, one message per field (the first). */
function fieldErrors(issues: Issue[], max: number, prefix: PropertyKey[] = []): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const field = fieldOf([...prefix, ...issue.path]);
		errors[field] ??= [issueText(issue, field, max)];
	}
	return errors;
}

/** The rubric's maximum as far as its top levels are numbers (what the form shows while typing). */
export function topPoints(rubric: ReturnType<typeof rubricData>): number {
	return rubric.criteria.reduce((sum, c) => {
		const top = c.levels.at(-1)?.points;
		return sum + (typeof top === 'number' && Number.isFinite(top) ? top : 0);
	}, 0);
}

export type Checked =
	{ ok: true; definition: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/**
 * The form as a definition the format accepts, or what is wrong, by field. Instructions are checked
 * under the lessons' rules too (components, no script), as publishing will.
 */
export function checkAssignment(v: AssignmentForm): Checked {
	const definition = assignmentData(v);
	const max = topPoints(definition.rubric as ReturnType<typeof rubricData>);
	const parsed = assignmentSchema.safeParse(definition);
	const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, max);
	for (const language of ['vi', 'en'] as const) {
		const body = (definition.instructions as { vi: string; en?: string })[language];
		if (!body) continue;
		const [problem] = checkLessonBody(body, 'instructions', 1);
		const field = `instructions${language === 'vi' ? 'Vi' : 'En'}`;
		if (problem) errors[field] ??= [m.editor_assignment_error_instructions({ line: problem.line })];
	}
	return Object.keys(errors).length === 0 ? { ok: true, definition } : { ok: false, errors };
}

// ---- The rubric library -------------------------------------------------------------------------

type Viewer = { id: string; isAdmin: boolean };

/** The organisations whose library rubrics a user may use: theirs and those they hold a role in. */
async function organisationsOf(db: Database, user: Viewer): Promise<string[]> {
	const [own, roles] = await Promise.all([
		db.select({ id: users.organisationId }).from(users).where(eq(users.id, user.id)),
		db
			.select({ id: roleAssignments.organisationId })
			.from(roleAssignments)
			.where(eq(roleAssignments.userId, user.id))
	]);
	return [...new Set([...own, ...roles].map((r) => r.id).filter((id): id is string => !!id))];
}

function usableBy(organisationIds: string[], user: Viewer) {
	if (user.isAdmin) return undefined;
	return organisationIds.length > 0
		? or(isNull(rubrics.organisationId), inArray(rubrics.organisationId, organisationIds))
		: isNull(rubrics.organisationId);
}

export interface LibraryRubric {
	id: string;
	title: string;
	/** The organisation it belongs to; null: every author of the province. */
	organisation: string | null;
	criteria: number;
	max: number;
}

/** The library rubrics a user may use: province-wide ones and their organisations'. */
export async function libraryRubrics(db: Database, user: Viewer): Promise<LibraryRubric[]> {
	const rows = await db
		.select({
			id: rubrics.id,
			title: rubrics.title,
			rubric: rubrics.rubric,
			organisation: organisations.name
		})
		.from(rubrics)
		.leftJoin(organisations, eq(rubrics.organisationId, organisations.id))
		.where(usableBy(await organisationsOf(db, user), user))
		.orderBy(sql`${rubrics.title} collate "C"`, rubrics.createdAt);
	return rows.map((r) => {
		const parsed = rubricSchema.safeParse(r.rubric);
		return {
			id: r.id,
			title: r.title,
			organisation: r.organisation,
			criteria: parsed.success ? parsed.data.criteria.length : 0,
			max: parsed.success ? maxPoints(parsed.data) : 0
		};
	});
}

/** One library rubric, if this user may use it and it is still a valid rubric. */
export async function libraryRubric(
	db: Database,
	user: Viewer,
	id: string
): Promise<Rubric | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const [row] = await db
		.select({ rubric: rubrics.rubric })
		.from(rubrics)
		.where(and(eq(rubrics.id, id), usableBy(await organisationsOf(db, user), user)));
	const parsed = rubricSchema.safeParse(row?.rubric);
	return parsed.success ? parsed.data : null;
}

/** The form with a library rubric copied into it, replacing its criteria and pass rule. */
export function withRubric(v: AssignmentForm, rubric: Rubric): AssignmentForm {
	return { ...v, ...rubricValues(rubric) };
}

export type LibrarySave = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/**
 * Saves the form's rubric into the library under `title`, for the course's organisation (null: for
 * every author of the province). The rubric must be valid on its own.
 */
export async function saveRubricToLibrary(
	db: Database,
	input: { title: string; form: AssignmentForm; organisationId: string | null; userId: string }
): Promise<LibrarySave> {
	const title = input.title.trim();
	if (!title)
		return { ok: false, errors: { libraryTitle: [m.editor_assignment_error_required()] } };
	const data = rubricData(input.form);
	const parsed = rubricSchema.safeParse(data);
	if (!parsed.success)
		return {
			ok: false,
			errors: fieldErrors(parsed.error.issues, topPoints(data), ['rubric'])
		};
	const [row] = await db
		.insert(rubrics)
		.values({
			title: title.slice(0, 160),
			rubric: parsed.data as unknown as Record<string, unknown>,
			organisationId: input.organisationId,
			createdBy: input.userId
		})
		.returning({ id: rubrics.id });
	return { ok: true, id: row.id };
}
