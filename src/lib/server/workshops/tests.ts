import { asc, eq } from 'drizzle-orm';
import { workshopTestScores } from '$db/schema';
import type { Database } from '../db';

/** One person's pre- and post-test percentages (0–100) at a workshop; null for a test not taken. */
export interface PersonScores {
	userId: string;
	pre: number | null;
	post: number | null;
}

export interface PhaseSummary {
	count: number;
	average: number;
}

export interface TestSummary {
	pre: PhaseSummary | null;
	post: PhaseSummary | null;
	/** People with both a pre- and a post-test. */
	paired: number;
	/** The mean of post − pre over the paired people, in percentage points; null when none. */
	gain: number | null;
}

/** Everyone with a score at the workshop, online or from paper, each once. */
export async function testScores(db: Database, workshopId: string): Promise<PersonScores[]> {
	const rows = await db
		.select({
			userId: workshopTestScores.userId,
			phase: workshopTestScores.phase,
			percent: workshopTestScores.percent
		})
		.from(workshopTestScores)
		.where(eq(workshopTestScores.workshopId, workshopId))
		.orderBy(asc(workshopTestScores.userId));
	const byUser = new Map<string, PersonScores>();
	for (const row of rows) {
		const person = byUser.get(row.userId) ?? { userId: row.userId, pre: null, post: null };
		person[row.phase] = row.percent;
		byUser.set(row.userId, person);
	}
	return [...byUser.values()];
}

/** The pure arithmetic of testSummary, over testScores' rows. */
export function summariseScores(scores: PersonScores[]): TestSummary {
	const phase = (values: number[]): PhaseSummary | null =>
		values.length === 0
			? null
			: { count: values.length, average: values.reduce((a, b) => a + b, 0) / values.length };
	const gains = scores
		.filter((s) => s.pre !== null && s.post !== null)
		.map((s) => (s.post as number) - (s.pre as number));
	return {
		pre: phase(scores.flatMap((s) => (s.pre === null ? [] : [s.pre]))),
		post: phase(scores.flatMap((s) => (s.post === null ? [] : [s.post]))),
		paired: gains.length,
		gain: gains.length === 0 ? null : gains.reduce((a, b) => a + b, 0) / gains.length
	};
}

/**
 * A workshop's level-2 figures: the mean pre- and post-test percentages (each over whoever took
 * it) and the mean gain over the people who took both, so a late arrival's missing pre-test does
 * not flatter the gain.
 */
export async function testSummary(db: Database, workshopId: string): Promise<TestSummary> {
	return summariseScores(await testScores(db, workshopId));
}
