import type { QuizAttempt } from '$db/schema';
import { allowedAttempts, type Grant } from './allowance';
import { snapshotOf } from './attempts';
import type { QuizDefinition } from './format';

/**
 * Whether the learner may see the review of this attempt under the quiz's rule. `attempts` are all
 * of the learner's attempts at the quiz, `grants` the extra attempts they were given.
 */
export function mayReview(
	attempt: QuizAttempt,
	attempts: QuizAttempt[],
	definition: Pick<QuizDefinition, 'attempts'>,
	grants: Grant[]
): boolean {
	if (attempt.state !== 'submitted') return false;
	const passedAny = attempts.some((a) => a.passed);
	switch (snapshotOf(attempt).review) {
		case 'never':
			return false;
		case 'after_each':
			return true;
		case 'after_pass':
			return passedAny;
		case 'after_last':
			return passedAny || ranOutSince(attempt, attempts, definition, grants);
	}
}

/**
 * Under `after_last`: whether the learner has been out of attempts since this attempt was handed
 * in, now or just before any later grant. Answers once shown stay shown: extra attempts granted
 * afterwards do not hide them again (the learner has seen them; hiding them would take nothing back
 * and only confuse). Attempts made with the extra ones are shown in their turn, once those are used
 * up too. While an attempt is in progress no attempt is "the last" yet: the earlier ones stay hidden.
 */
function ranOutSince(
	attempt: QuizAttempt,
	attempts: QuizAttempt[],
	definition: Pick<QuizDefinition, 'attempts'>,
	grants: Grant[]
): boolean {
	let extra = 0;
	for (const grant of [...grants].sort((a, b) => a.grantedAt.getTime() - b.grantedAt.getTime())) {
		const at = grant.grantedAt;
		const madeBefore = attempts.filter((a) => a.startedAt < at);
		if (
			attempt.submittedAt &&
			attempt.submittedAt <= at &&
			noneLeft(madeBefore, allowedAttempts(definition, extra), at)
		)
			return true;
		extra += grant.extra;
	}
	return noneLeft(attempts, allowedAttempts(definition, extra));
}

/** These attempts use the allowance up and were all handed in (by `at`, when given). */
function noneLeft(made: QuizAttempt[], allowed: number | null, at?: Date): boolean {
	if (allowed === null || made.length < allowed) return false;
	return made.every(
		(a) => a.state === 'submitted' && (!at || (a.submittedAt !== null && a.submittedAt <= at))
	);
}
