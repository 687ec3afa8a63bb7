import { beforeAll, describe, expect, it } from 'vitest';
import type { QuizDefinition } from '../quiz/format';
import { loadCourses, type CourseSource, type LessonText } from './loader';
import { courseQuality } from './quality';

// The courses the platform ships, held to the bars of issue 14: a provincial CP office must be able
// to use them as they are. Content rules live in quality.ts; the facts in docs/domain-facts.md.

const SHIPPED = {
	'sxsh-can-bo-quan-ly': { english: true, limitedFinal: false },
	'sxsh-tai-co-so-san-xuat': { english: false, limitedFinal: true },
	'danh-gia-sxsh-tu-van-vien': { english: false, limitedFinal: true },
	'sxsh-truong-nghe': { english: false, limitedFinal: true },
	'sxsh-cho-can-bo-cap-xa': { english: false, limitedFinal: true }
} as const;

let courses: Map<string, CourseSource>;
let invalid: string[];
beforeAll(async () => {
	const loaded = await loadCourses('courses');
	courses = new Map(loaded.courses.map((c) => [c.slug, c]));
	invalid = loaded.invalid.map(
		(c) => `${c.slug}: ${c.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`
	);
}, 60_000);

it('every shipped course is valid', () => {
	expect(invalid).toEqual([]);
	expect([...courses.keys()].sort()).toEqual(Object.keys(SHIPPED).sort());
});

type Language = 'vi' | 'en';

/** The texts of a quiz a learner reads, in each language: one unit per question (all its parts). */
function quizTexts(quiz: QuizDefinition): Record<Language, string[]> {
	const join = (parts: (string | undefined)[]) => parts.filter(Boolean).join('\n');
	const vi = [join([quiz.title.vi, quiz.description?.vi])];
	const en = [join([quiz.title.en, quiz.description?.en])];
	for (const q of quiz.questions) {
		const parts: (string | undefined)[] = [q.text, q.explanation];
		if ('options' in q) parts.push(...q.options.flatMap((o) => [o.text, o.feedback]));
		if (q.type === 'true_false') parts.push(q.feedbackTrue, q.feedbackFalse);
		if (q.type === 'ordering') parts.push(...q.items);
		if (q.type === 'matching')
			parts.push(...q.pairs.flatMap((p) => [p.left, p.right]), ...q.distractors);
		vi.push(join(parts));
		const e = q.en;
		if (e)
			en.push(
				join([
					e.text,
					e.explanation,
					e.feedbackTrue,
					e.feedbackFalse,
					...(e.items ?? []),
					...(e.options ?? []).flatMap((o) => [o.text, o.feedback]),
					...(e.pairs ?? []).flatMap((p) => [p.left, p.right]),
					...(e.distractors ?? [])
				])
			);
	}
	// Blank lines inside a text would split a question into paragraphs: keep it one unit.
	const unit = (t: string) => t.replace(/\n\s*\n/g, '\n');
	return { vi: vi.filter(Boolean).map(unit), en: en.filter(Boolean).map(unit) };
}

/** Paragraphs of every text a learner reads in a course, with their file and language. */
function paragraphs(course: CourseSource) {
	const texts: { file: string; language: Language; text: string }[] = [];
	for (const lesson of course.lessons)
		for (const [language, text] of Object.entries(lesson.text) as [Language, LessonText][])
			texts.push({ file: text.file, language, text: text.body });
	for (const quiz of course.quizzes) {
		const file = `${course.slug}/${quiz.slug}.quiz.yaml`;
		const { vi, en } = quizTexts(quiz.definition);
		texts.push(...vi.map((text) => ({ file, language: 'vi' as const, text })));
		texts.push(...en.map((text) => ({ file, language: 'en' as const, text })));
	}
	return texts.flatMap(({ file, language, text }) =>
		text.split(/\n\s*\n/).map((paragraph) => ({ file, language, paragraph }))
	);
}

for (const [slug, expected] of Object.entries(SHIPPED)) {
	describe(slug, () => {
		const course = () => {
			const found = courses.get(slug);
			if (!found) throw new Error(`${slug} did not load`);
			return found;
		};

		it('tests judgement: at least 40% scenarios or calculations, no tell-tale longest option', () => {
			const q = courseQuality(course());
			expect(q.judgement).toBeGreaterThanOrEqual(0.4);
			expect(q.longestCorrect).toBeLessThanOrEqual(0.35);
		});

		it('has true/false statements that neither lean one way nor give themselves away', () => {
			const q = courseQuality(course());
			if (q.keyedTrue !== null) {
				expect(q.keyedTrue).toBeGreaterThanOrEqual(0.35);
				expect(q.keyedTrue).toBeLessThanOrEqual(0.65);
			}
			expect(q.giveaways).toEqual([]);
		});

		it('draws its final from a bank at least twice as long as an attempt', () => {
			const q = courseQuality(course());
			expect(q.final).not.toBeNull();
			expect(q.thinPools).toEqual([]);
			expect(q.final!.bank).toBeGreaterThanOrEqual(2 * q.final!.asked);
			if (expected.limitedFinal) {
				expect(q.final!.attempts).toBe(3);
				expect(q.final!.review).toBe('after_last');
			}
		});

		it('states objectives first, references last, and closes each part with a task', () => {
			expect(courseQuality(course()).missing).toEqual({
				objectives: [],
				references: [],
				task: []
			});
		});

		it(expected.english ? 'can be finished in English' : 'is in Vietnamese', () => {
			expect(course().languages).toEqual(expected.english ? ['vi', 'en'] : ['vi']);
		});

		it('uses one glossary and one form of address', () => {
			const found = paragraphs(course()).flatMap(({ file, language, paragraph }) => {
				const audience = course().meta.audiences;
				const words =
					language === 'en'
						? [/\bBen Tre\b/, /\bTra Vinh\b/, /\bVinh Long\b/]
						: [/cân bằng vật chất/i, /ngăn ngừa ô nhiễm/i, /\bfillet\b/i, /anh\/chị/i];
				if (language === 'vi') {
					if (audience.includes('student') || audience.includes('operational'))
						words.push(/(?<!\p{L})anh chị(?!\p{L})/iu);
					else words.push(/(?<!\p{L})(các )?bạn(?!\p{L})/iu);
				}
				return words.filter((w) => w.test(paragraph)).map((w) => `${file}: ${w.source}`);
			});
			expect([...new Set(found)]).toEqual([]);
		});

		it('no longer carries the claims the expert review corrected', () => {
			const found = paragraphs(course()).flatMap(({ file, paragraph }) => {
				const wrong: string[] = [];
				if (/72[.,]000 ha|42 ?%[^\n]{0,60}dừa/.test(paragraph))
					wrong.push('coconut area out of date (Bến Tre ≈ 78,000 ha in 2023)');
				if (/chắc chắn (là |có )?(do )?sai số|certainly (a )?measurement error/i.test(paragraph))
					wrong.push('a balance over 100% is not certainly a measurement error');
				if (
					/than hoạt tính từ lò|activated carbon (recovered )?from (the|its)[\w -]*boiler/i.test(
						paragraph
					)
				)
					wrong.push('Thành Vinh: activated carbon from a boiler is implausible as stated');
				if (/nhiều khả năng/.test(paragraph) && /03\/2010/.test(paragraph))
					wrong.push('the directive is 03/2010/CT-UBND, no hedge needed');
				if (/27 (lần|times)/.test(paragraph) && !/5945|QCVN 40/.test(paragraph))
					wrong.push('"27 times the limit" must name the standard');
				return wrong.map((w) => `${file}: ${w}`);
			});
			expect(found).toEqual([]);
		});
	});
}
