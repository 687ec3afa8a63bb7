import type { Question, QuizDefinition } from '../quiz/format';
import type { CourseSource, LessonText } from './loader';

// What makes a course's teaching and assessment sound, measured the same way for every course: the
// shipped courses are held to these bars by shipped.test.ts, and `npm run courses:check` prints them
// for any author. Headings are fixed words so a learner finds the same landmarks in every lesson.

export const HEADINGS = {
	objectives: { vi: 'Mục tiêu bài học', en: 'Learning objectives' },
	references: { vi: 'Tài liệu tham khảo', en: 'References' },
	task: { vi: 'Bài tập vận dụng', en: 'Apply it' }
} as const;

/** Words that tell a guesser a true/false statement is false. */
const GIVEAWAYS =
	/(?<!\p{L})(luôn luôn|chắc chắn|không bao giờ|chỉ cần|tuyệt đối|mọi|always|never|only need)(?!\p{L})/iu;

const FINAL_QUIZ = 'kiem-tra-cuoi-khoa';

export interface CourseQuality {
	questions: number;
	/** Share of questions that are scenarios or calculations. */
	judgement: number;
	/** Share of single-choice questions (3+ options) whose correct option is strictly the longest. */
	longestCorrect: number;
	/** Share of true/false statements keyed true (null when there are none). */
	keyedTrue: number | null;
	/** True/false statements whose wording gives the answer away. */
	giveaways: string[];
	/** Pools of the final that hold fewer than twice what is drawn from them. */
	thinPools: string[];
	/** Questions asked in one attempt of the final, and the final's bank. */
	final: { asked: number; bank: number; attempts: number | null; review: string } | null;
	/** Lessons (file names) missing a landmark heading, by heading. */
	missing: { objectives: string[]; references: string[]; task: string[] };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

const headings = (text: LessonText) =>
	[...text.body.matchAll(/^##\s+(.+?)\s*$/gm)].map((m) => m[1].replace(/[*_]/g, '').trim());

/** The lessons that end a part: the one each part quiz follows, each module's last, the course's last. */
export function partEnds(course: Pick<CourseSource, 'lessons' | 'quizzes'>): Set<string> {
	const ends = new Set<string>();
	for (const quiz of course.quizzes) if (quiz.definition.after) ends.add(quiz.definition.after);
	course.lessons.forEach((lesson, i) => {
		const next = course.lessons[i + 1];
		if (lesson.module && next?.module?.slug !== lesson.module.slug) ends.add(lesson.slug);
	});
	const last = course.lessons.at(-1);
	if (last) ends.add(last.slug);
	return ends;
}

function finalOf(quiz: QuizDefinition) {
	const drawn = quiz.draw.reduce((n, d) => n + d.count, 0);
	const fixed = quiz.questions.filter((q) => !q.pool).length;
	return {
		asked: drawn + fixed,
		bank: quiz.questions.length,
		attempts: quiz.attempts,
		review: quiz.review,
		thinPools: quiz.draw
			.filter((d) => quiz.questions.filter((q) => q.pool === d.pool).length < 2 * d.count)
			.map((d) => d.pool)
	};
}

export function courseQuality(course: CourseSource): CourseQuality {
	const questions: Question[] = course.quizzes.flatMap((q) => q.definition.questions);
	const singles = questions.filter(
		(q): q is Extract<Question, { type: 'single' }> => q.type === 'single' && q.options.length >= 3
	);
	const longest = singles.filter((q) => {
		const correct = q.options.find((o) => o.correct)!;
		return q.options.every((o) => o === correct || o.text.length < correct.text.length);
	});
	const truths = questions.filter(
		(q): q is Extract<Question, { type: 'true_false' }> => q.type === 'true_false'
	);
	const final = course.quizzes.find((q) => q.slug === FINAL_QUIZ);
	const finalFacts = final ? finalOf(final.definition) : null;

	const ends = partEnds(course);
	const missing: CourseQuality['missing'] = { objectives: [], references: [], task: [] };
	for (const lesson of course.lessons) {
		for (const [language, text] of Object.entries(lesson.text) as ['vi' | 'en', LessonText][]) {
			const found = headings(text);
			if (found[0] !== HEADINGS.objectives[language]) missing.objectives.push(text.file);
			if (found.at(-1) !== HEADINGS.references[language]) missing.references.push(text.file);
			if (ends.has(lesson.slug) && !found.includes(HEADINGS.task[language]))
				missing.task.push(text.file);
		}
	}

	return {
		questions: questions.length,
		judgement: share(questions.filter((q) => q.kind !== 'recall').length, questions.length),
		longestCorrect: share(longest.length, singles.length),
		keyedTrue: truths.length ? share(truths.filter((q) => q.answer).length, truths.length) : null,
		giveaways: truths.filter((q) => GIVEAWAYS.test(q.text)).map((q) => q.id),
		thinPools: finalFacts?.thinPools ?? [],
		final: finalFacts && {
			asked: finalFacts.asked,
			bank: finalFacts.bank,
			attempts: finalFacts.attempts,
			review: finalFacts.review
		},
		missing
	};
}

/** One line for `npm run courses:check`. */
export function qualityLine(q: CourseQuality): string {
	const percent = (x: number) => `${Math.round(x * 100)}%`;
	const parts = [
		`judgement ${percent(q.judgement)} of ${q.questions} questions`,
		`correct option longest in ${percent(q.longestCorrect)}`
	];
	if (q.keyedTrue !== null) parts.push(`true/false keyed true ${percent(q.keyedTrue)}`);
	if (q.final) parts.push(`final asks ${q.final.asked} of ${q.final.bank}`);
	const gaps = Object.entries(q.missing)
		.filter(([, files]) => files.length)
		.map(([heading, files]) => `${files.length} lesson(s) without ${heading}`);
	return [...parts, ...gaps].join(', ');
}
