import type { QuestionForm, QuestionType, QuizSettingsForm } from '$lib/schemas/authoring-quiz';

// What the quiz editor's actions return besides their forms (the pages read them from `form`).

export interface Conflict {
	/** The revision the form was based on, so its next ordinary save still stops. */
	base: number;
	/** Their revision, which "keep mine" saves over; null when the quiz was removed. */
	revision: number | null;
	by: string | null;
	/** When they saved (ISO). */
	at: string | null;
}

export type SettingsConflict = Conflict & {
	theirs: { settings: QuizSettingsForm; questionCount: number } | null;
};

export type QuestionConflict = Conflict & {
	/** Their version of the question; null when they removed it. */
	theirs: { number: number; type: QuestionType | null; values: QuestionForm } | null;
};

export interface Moved {
	/** The question's key after the move (a key made from its number changes with it). */
	key: string | null;
	direction: 'up' | 'down';
	text: string;
}

/** One of the action's extra values, if the last action returned it. */
export function fromAction<T>(form: unknown, key: string): T | null {
	if (!form || typeof form !== 'object' || !(key in form)) return null;
	return ((form as Record<string, unknown>)[key] as T) ?? null;
}
