import { numberForInput } from '$lib/number-input';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { readNumericAnswer, type Response } from '$lib/server/quiz/grading';
import type { SnapshotQuestion } from '$lib/server/quiz/snapshot';

/**
 * Beside each shown number answer that must be typed again (it reads two ways, or is not a number),
 * what to tell the learner, in the page's language: the two readings are written as this page reads
 * them, so typing either back is understood.
 */
export function reenterMessages(
	questions: SnapshotQuestion[],
	responses: Record<string, Response>
): Record<string, string> {
	const locale = getLocale();
	const messages: Record<string, string> = {};
	for (const q of questions) {
		const r = responses[q.id];
		if (q.type !== 'numeric' || r?.type !== 'numeric') continue;
		const reading = readNumericAnswer(r);
		const typed = r.value.trim();
		if (reading.kind === 'ambiguous') {
			const [whole, decimal] = reading.readings.map((n) => numberForInput(n, locale));
			messages[q.id] = m.quiz_number_ambiguous({ typed, whole, decimal });
		} else if (reading.kind === 'invalid') messages[q.id] = m.quiz_number_invalid({ typed });
	}
	return messages;
}
