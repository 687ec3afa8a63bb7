/**
 * What the teacher's guide reads from the vocational course itself (lesson titles, minutes and
 * objectives; quiz settings), so the guide says what the course says. A lesson without a plan, or a
 * plan whose steps do not add up to the lesson's minutes, stops the generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface LessonInfo {
	number: number;
	slug: string;
	title: string;
	minutes: number;
	objectives: string[];
}

export interface QuizInfo {
	slug: string;
	title: string;
	after: string | null;
	required: boolean;
	passMark: number;
	attempts: number | null;
	review: string;
	questions: number;
	/** Questions asked in one attempt (all of them, or the sum of the draws). */
	asked: number;
	kinds: Record<string, number>;
}

export interface CourseInfo {
	title: string;
	hours: number;
	lessons: LessonInfo[];
	quizzes: QuizInfo[];
}

const plain = (text: string) =>
	text
		.replace(/<Term term="[^"]*">([^<]*)<\/Term>/g, '$1')
		.replace(/\*\*/g, '')
		.replace(/\s+/g, ' ')
		.trim();

function objectives(body: string): string[] {
	const section = body.split(/^## /m).find((s) => s.startsWith('Mục tiêu bài học'));
	if (!section) return [];
	return section
		.split('\n')
		.filter((line) => line.startsWith('- '))
		.map((line) => plain(line.slice(2)).replace(/;$/, '').replace(/\.$/, ''));
}

export function readCourse(dir: string): CourseInfo {
	const meta = parse(readFileSync(join(dir, 'course.yaml'), 'utf8'));
	const files = readdirSync(dir).sort();
	const lessons = files
		.filter((f) => /^\d+-.+\.md$/.test(f) && !f.endsWith('.en.md'))
		.map((f) => {
			const text = readFileSync(join(dir, f), 'utf8');
			const [, front, body] = text.split(/^---$/m);
			const fm = parse(front);
			return {
				number: Number(f.split('-')[0]),
				slug: f.replace(/^\d+-/, '').replace(/\.md$/, ''),
				title: String(fm.title),
				minutes: Number(fm.minutes),
				objectives: objectives(body)
			};
		});
	const quizzes = files
		.filter((f) => f.endsWith('.quiz.yaml'))
		.map((f) => {
			const q = parse(readFileSync(join(dir, f), 'utf8'));
			const questions: { kind?: string }[] = q.questions ?? [];
			const kinds: Record<string, number> = {};
			for (const question of questions)
				kinds[question.kind ?? 'recall'] = (kinds[question.kind ?? 'recall'] ?? 0) + 1;
			const drawn = (q.draw ?? []).reduce((n: number, d: { count: number }) => n + d.count, 0);
			const unpooled = questions.filter((question) => !(question as { pool?: string }).pool).length;
			return {
				slug: f.replace(/\.quiz\.yaml$/, ''),
				title: String(q.title?.vi ?? ''),
				after: q.after ?? null,
				required: q.required ?? true,
				passMark: q.passMark ?? 70,
				attempts: q.attempts ?? null,
				review: q.review ?? 'after_each',
				questions: questions.length,
				asked: q.draw ? drawn + unpooled : questions.length,
				kinds
			};
		});
	return { title: String(meta.title.vi), hours: Number(meta.hours), lessons, quizzes };
}
