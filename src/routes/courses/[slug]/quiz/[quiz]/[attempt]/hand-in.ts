// When handing in asks first. One rule for the server (which decides, with or without JavaScript)
// and the page (which asks in place, without a round trip, when JavaScript runs).

export interface HandInState {
	/** Questions of the whole attempt with no answer, counting what is on the page now. */
	unanswered: number;
	page: number;
	pages: number;
}

/** Something is unanswered, or the learner has not reached the last page. */
export function asksBeforeHandIn({ unanswered, page, pages }: HandInState): boolean {
	return unanswered > 0 || page < pages;
}

/**
 * The questions with no answer among those on a page, read from the form as it stands: a question
 * counts as answered when any of its fields (`q.<id>`, or `q.<id>.<row>` for ordering and matching)
 * holds something, as `isAnswered` reads the saved response on the server.
 */
export function unansweredIn(form: FormData, questionIds: string[]): number {
	const answered = new Set<string>();
	for (const [name, value] of form) {
		if (typeof value !== 'string' || value.trim() === '') continue;
		const id = /^q\.([^.]+)/.exec(name)?.[1];
		if (id) answered.add(id);
	}
	return questionIds.filter((id) => !answered.has(id)).length;
}
