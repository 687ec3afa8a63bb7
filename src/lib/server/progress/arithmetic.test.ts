import { describe, expect, it } from 'vitest';
import {
	creditSeconds,
	lessonsComplete,
	MAX_CREDIT_SECONDS,
	metAt,
	nextLesson,
	progressPercent,
	ruleMet
} from './arithmetic';

describe('progress arithmetic', () => {
	it('rounds percentages down so 100% means done', () => {
		expect(progressPercent(0, 3)).toBe(0);
		expect(progressPercent(1, 3)).toBe(33);
		expect(progressPercent(2, 3)).toBe(66);
		expect(progressPercent(3, 3)).toBe(100);
		expect(progressPercent(0, 0)).toBe(100);
		expect(lessonsComplete(2, 3)).toBe(false);
		expect(lessonsComplete(3, 3)).toBe(true);
	});

	it('credits reading time for gaps, capped, and nothing for a first visit', () => {
		const t = new Date('2026-05-01T08:00:00Z');
		expect(creditSeconds(null, t)).toBe(0);
		expect(creditSeconds(new Date(t.getTime() - 30_000), t)).toBe(30);
		expect(creditSeconds(new Date(t.getTime() - 3 * 3600_000), t)).toBe(MAX_CREDIT_SECONDS);
		expect(creditSeconds(new Date(t.getTime() + 5000), t)).toBe(0);
	});

	it('continues with the last lesson opened, else the next not done', () => {
		const lessons = [
			{ id: 'a', completed: true },
			{ id: 'b', completed: false },
			{ id: 'c', completed: true },
			{ id: 'd', completed: false }
		];
		expect(nextLesson(lessons, null)?.id).toBe('b');
		expect(nextLesson(lessons, 'd')?.id).toBe('d');
		expect(nextLesson(lessons, 'c')?.id).toBe('d');
		expect(nextLesson(lessons, 'a')?.id).toBe('b');
		expect(
			nextLesson(
				lessons.map((l) => ({ ...l, completed: true })),
				'c'
			)?.id
		).toBe('a');
	});

	it('completes a course when every required lesson is done and every required quiz passed', () => {
		const facts = {
			requiredLessons: 3,
			lessonsDone: 3,
			quizzesToPass: 0,
			lastLessonDoneAt: null,
			lastQuizPassedAt: null
		};
		expect(ruleMet(facts)).toBe(true);
		expect(ruleMet({ ...facts, lessonsDone: 2 })).toBe(false);
		expect(ruleMet({ ...facts, quizzesToPass: 1 })).toBe(false);
		expect(ruleMet({ ...facts, requiredLessons: 0, lessonsDone: 0 })).toBe(true);
	});

	it('dates a completion when its last condition came true, never later than now', () => {
		const now = new Date('2026-05-10T00:00:00Z');
		const lesson = new Date('2026-05-01T08:00:00Z');
		const quiz = new Date('2026-05-03T08:10:00Z');
		const facts = {
			requiredLessons: 1,
			lessonsDone: 1,
			quizzesToPass: 0,
			lastLessonDoneAt: lesson,
			lastQuizPassedAt: quiz
		};
		expect(metAt(facts, now)).toEqual(quiz);
		expect(metAt({ ...facts, lastQuizPassedAt: null }, now)).toEqual(lesson);
		expect(metAt({ ...facts, lastLessonDoneAt: null, lastQuizPassedAt: null }, now)).toEqual(now);
		expect(metAt(facts, new Date('2026-05-02T00:00:00Z'))).toEqual(
			new Date('2026-05-02T00:00:00Z')
		);
	});
});
