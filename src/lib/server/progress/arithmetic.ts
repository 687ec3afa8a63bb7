// Pure progress arithmetic, unit-tested without a database.
import { attendanceMet, sessionsNeeded, type AttendanceRule } from '../workshops/rules';

/** Whole-number percentage of required lessons completed; a course with none required is 100%. */
export function progressPercent(completedRequired: number, required: number): number {
	if (required <= 0) return 100;
	return Math.min(100, Math.floor((completedRequired / required) * 100));
}

/** The completion rule as far as lessons go: every required lesson done. */
export function lessonsComplete(completedRequired: number, required: number): boolean {
	return completedRequired >= required;
}

/** What the completion rule looks at for one learner in one course (read by progress/completion). */
export interface CompletionFacts {
	requiredLessons: number;
	lessonsDone: number;
	/** Required quizzes the learner has not passed yet. */
	quizzesToPass: number;
	/** When the last of the required lessons was done; null when none is. */
	lastLessonDoneAt: Date | null;
	/** When the last of the required quizzes was first passed; null when none is. */
	lastQuizPassedAt: Date | null;
	/** Required assignments the learner has not passed yet (absent: none asked). */
	assignmentsToPass?: number;
	/** When the last of the required assignments was first graded as passed; null when none is. */
	lastAssignmentPassedAt?: Date | null;
	/** A blended course's workshop requirement; null when the course asks none. */
	workshopRule?: AttendanceRule | null;
	/** Each workshop of the course: its sessions, and when the learner's attendances were recorded. */
	workshops?: { total: number; attendedAt: Date[] }[];
}

/**
 * When the learner first met the workshop requirement, in whichever workshop of the course met it
 * first; null when none does. Met "as of" the attendance that reached the share asked.
 */
export function workshopMetAt(facts: CompletionFacts): Date | null {
	const rule = facts.workshopRule;
	if (!rule) return null;
	let first: Date | null = null;
	for (const w of facts.workshops ?? []) {
		if (!attendanceMet(rule, w.attendedAt.length, w.total)) continue;
		const needed = sessionsNeeded(rule, w.total) ?? w.attendedAt.length;
		const times = [...w.attendedAt].sort((a, b) => a.getTime() - b.getTime());
		const at = times[needed - 1];
		if (!first || at.getTime() < first.getTime()) first = at;
	}
	return first;
}

/**
 * The completion rule: every required lesson done, every required quiz and assignment passed, and for a blended
 * course, a workshop of the course attended as it asks.
 */
export function ruleMet(facts: CompletionFacts): boolean {
	return (
		lessonsComplete(facts.lessonsDone, facts.requiredLessons) &&
		facts.quizzesToPass === 0 &&
		(facts.assignmentsToPass ?? 0) === 0 &&
		(!facts.workshopRule || workshopMetAt(facts) !== null)
	);
}

/**
 * When a met rule was met: the moment its last condition came true. An attempt closed late counts as
 * of its deadline, and a completion recorded late (a repair) keeps the day the learner earned it, which
 * the certificate prints and dates its validity from. Never later than now; now when nothing is dated.
 */
export function metAt(facts: CompletionFacts, now: Date): Date {
	const times = [
		facts.lastLessonDoneAt,
		facts.lastQuizPassedAt,
		facts.lastAssignmentPassedAt ?? null,
		workshopMetAt(facts)
	]
		.filter((t): t is Date => t !== null)
		.map((t) => t.getTime());
	return times.length === 0 ? now : new Date(Math.min(now.getTime(), Math.max(...times)));
}

/** Reading time credited for the gap since the last activity: none if the reader was away too long. */
export const MAX_CREDIT_SECONDS = 15 * 60;

export function creditSeconds(lastActivity: Date | null, now: Date): number {
	if (!lastActivity) return 0;
	const seconds = Math.floor((now.getTime() - lastActivity.getTime()) / 1000);
	if (seconds <= 0) return 0;
	return Math.min(seconds, MAX_CREDIT_SECONDS);
}

/** The lesson to continue with: the last opened if not done, else the first not done, else the first. */
export function nextLesson<T extends { id: string; completed: boolean }>(
	ordered: T[],
	lastLessonId: string | null
): T | undefined {
	const last = ordered.find((l) => l.id === lastLessonId);
	if (last && !last.completed) return last;
	const after = last
		? ordered.slice(ordered.indexOf(last) + 1).find((l) => !l.completed)
		: undefined;
	return after ?? ordered.find((l) => !l.completed) ?? ordered[0];
}
