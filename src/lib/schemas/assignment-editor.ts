import { z } from 'zod';

// The assignment editor's one form (src/routes/author/[slug]/assignments/[assignment]). The rubric is
// a table of criteria × levels, which FormData carries as flat names (`c0.titleVi`, `c0.l1.points`)
// so that the form, its add/remove buttons included, works without JavaScript. This schema only
// turns what was posted into text fields; whether the assignment is right is decided by the
// format's own schema on the whole definition (server/assignments/format.ts).

/** As in server/assignments/format.ts, which the browser cannot import. */
export const handInTypes = ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'webp'] as const;
export const textModes = ['none', 'optional', 'required'] as const;
export const dueKinds = ['none', 'date', 'days'] as const;
export const lateRules = ['accept', 'refuse'] as const;

/** Rows a table may grow to in the form; the format allows 20 criteria of at most 6 levels. */
export const MAX_CRITERIA = 20;
export const MAX_LEVELS = 6;
const MAX_TEXT = 20_000;

const text = z.string().max(MAX_TEXT).default('');

export const levelFormSchema = z.object({
	points: text,
	titleVi: text,
	titleEn: text,
	descriptionVi: text,
	descriptionEn: text
});

export const criterionFormSchema = z.object({
	/** The criterion's permanent id (markings refer to it); empty for a new one. */
	id: text,
	titleVi: text,
	titleEn: text,
	levels: z.array(levelFormSchema).max(MAX_LEVELS)
});

export const assignmentFormSchema = z.object({
	titleVi: text,
	titleEn: text,
	instructionsVi: text,
	instructionsEn: text,
	attachments: z.array(z.string().max(300)).max(20).default([]),
	after: text,
	required: z.boolean().default(false),
	filesAllowed: z.boolean().default(false),
	types: z.array(z.enum(handInTypes)).default([]),
	maxCount: text,
	maxMegabytes: text,
	text: z.enum(textModes).default('none'),
	dueKind: z.enum(dueKinds).default('none'),
	dueDate: text,
	dueDays: text,
	late: z.enum(lateRules).default('accept'),
	resubmissions: text,
	/** Share of submissions marked a second time, in per cent; empty for none. */
	moderationPercent: text,
	criteria: z.array(criterionFormSchema).max(MAX_CRITERIA),
	passPoints: text,
	everyCriterion: text,
	/** The title a rubric is saved to the library under. */
	libraryTitle: z.string().max(160).default('')
});

export type AssignmentForm = z.infer<typeof assignmentFormSchema>;
export type CriterionForm = z.infer<typeof criterionFormSchema>;
export type LevelForm = z.infer<typeof levelFormSchema>;

export const blankLevel = (points: string): LevelForm => ({
	points,
	titleVi: '',
	titleEn: '',
	descriptionVi: '',
	descriptionEn: ''
});

export const blankCriterion = (): CriterionForm => ({
	id: '',
	titleVi: '',
	titleEn: '',
	levels: [blankLevel('0'), blankLevel('1'), blankLevel('2'), blankLevel('3')]
});

/** The form's values from what was posted; anything malformed reads as empty. */
export function assignmentFormFrom(data: FormData): AssignmentForm {
	const one = (name: string) => {
		const v = data.get(name);
		return typeof v === 'string' ? v : '';
	};
	const criteria: unknown[] = [];
	for (let i = 0; i < MAX_CRITERIA && data.has(`c${i}.id`); i++) {
		const levels: unknown[] = [];
		for (let j = 0; j < MAX_LEVELS && data.has(`c${i}.l${j}.points`); j++) {
			const name = (f: string) => one(`c${i}.l${j}.${f}`);
			levels.push({
				points: name('points'),
				titleVi: name('titleVi'),
				titleEn: name('titleEn'),
				descriptionVi: name('descriptionVi'),
				descriptionEn: name('descriptionEn')
			});
		}
		criteria.push({
			id: one(`c${i}.id`),
			titleVi: one(`c${i}.titleVi`),
			titleEn: one(`c${i}.titleEn`),
			levels
		});
	}
	const values = {
		titleVi: one('titleVi'),
		titleEn: one('titleEn'),
		instructionsVi: one('instructionsVi'),
		instructionsEn: one('instructionsEn'),
		attachments: data.getAll('attachments').filter((v) => typeof v === 'string'),
		after: one('after'),
		required: data.has('required'),
		filesAllowed: data.has('filesAllowed'),
		types: data.getAll('types').filter((v) => handInTypes.includes(v as never)),
		maxCount: one('maxCount'),
		maxMegabytes: one('maxMegabytes'),
		text: textModes.includes(one('text') as never) ? one('text') : 'none',
		dueKind: dueKinds.includes(one('dueKind') as never) ? one('dueKind') : 'none',
		dueDate: one('dueDate'),
		dueDays: one('dueDays'),
		late: one('late') === 'refuse' ? 'refuse' : 'accept',
		resubmissions: one('resubmissions'),
		moderationPercent: one('moderationPercent'),
		criteria,
		passPoints: one('passPoints'),
		everyCriterion: one('everyCriterion'),
		libraryTitle: one('libraryTitle')
	};
	const parsed = assignmentFormSchema.safeParse(values);
	// Only lengths can fail here (a posted form longer than any author writes): keep what fits.
	return parsed.success ? parsed.data : assignmentFormSchema.parse({ ...values, criteria: [] });
}

export type Intent =
	| { kind: 'save' }
	| { kind: 'preview' }
	| { kind: 'library' }
	| { kind: 'use'; rubricId: string }
	| { kind: 'addCriterion' }
	| { kind: 'removeCriterion'; criterion: number }
	| { kind: 'addLevel'; criterion: number }
	| { kind: 'removeLevel'; criterion: number; level: number };

/** What a submit button asked for: its `intent` value, e.g. `removeLevel:2:1`. */
export function intentOf(raw: string): Intent {
	const [kind, a, b] = raw.split(':');
	const n = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : -1);
	switch (kind) {
		case 'preview':
		case 'library':
		case 'addCriterion':
			return { kind };
		case 'use':
			return { kind, rubricId: a ?? '' };
		case 'removeCriterion':
		case 'addLevel':
			return { kind, criterion: n(a) };
		case 'removeLevel':
			return { kind, criterion: n(a), level: n(b) };
		default:
			return { kind: 'save' };
	}
}

/**
 * The form after an add/remove button: a new criterion (four levels, 0–3), a level one point above
 * the criterion's top, or a row taken out. Null when the button names no row that can change.
 */
export function applyRowIntent(values: AssignmentForm, intent: Intent): AssignmentForm | null {
	const criteria = values.criteria.map((c) => ({ ...c, levels: [...c.levels] }));
	if (intent.kind === 'addCriterion') {
		if (criteria.length >= MAX_CRITERIA) return null;
		criteria.push(blankCriterion());
	} else if (intent.kind === 'removeCriterion') {
		if (!criteria[intent.criterion]) return null;
		criteria.splice(intent.criterion, 1);
	} else if (intent.kind === 'addLevel') {
		const c = criteria[intent.criterion];
		if (!c || c.levels.length >= MAX_LEVELS) return null;
		const top = Number((c.levels.at(-1)?.points ?? '').replace(',', '.'));
		c.levels.push(blankLevel(Number.isFinite(top) ? String(top + 1) : ''));
	} else if (intent.kind === 'removeLevel') {
		const c = criteria[intent.criterion];
		if (!c?.levels[intent.level]) return null;
		c.levels.splice(intent.level, 1);
	} else return null;
	return { ...values, criteria };
}

/** A new assignment: its title, as a new quiz is made (the slug comes from it). */
export { addQuizSchema as newAssignmentSchema } from './authoring';
