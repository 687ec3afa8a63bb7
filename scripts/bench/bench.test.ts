import { describe, expect, it } from 'vitest';
import { drawSnapshot, seeded } from '../../src/lib/server/quiz/snapshot';
import { gradeAttempt } from '../../src/lib/server/quiz/grading';
import { quizSchema } from '../../src/lib/server/quiz/format';
import { deriveCheckInSecret, verifyCheckIn } from '../../src/lib/server/workshops/checkin';
import { parseRosterRows } from '../../src/lib/server/cohorts/roster';
import { pageAssets } from './assets';
import { classListCsv } from './class-import';
import { judge, sideBySide } from './goals';
import type { LoadResult } from './load';
import { reconcile } from './quiz-ledger';
import { arrivals } from './burst';
import { compareCounts } from './counts';
import { percentile } from './load';
import { parseOptions, tenth, UsageError } from './options';
import { correctResponse } from './quiz-answers';
import { answerFields } from './scenarios';
import { table } from './report';
import { checkInPath } from './seed-workshop';

describe('bench options', () => {
	it('defaults to the brief: 50 connections, 20 s, the full seed', () => {
		const options = parseOptions([], {});
		expect(options).toMatchObject({ connections: 50, duration: 20, warmup: 5, port: 4400 });
		expect(options !== 'help' && options.scale).toMatchObject({
			learners: 10_000,
			matrixLearners: 500,
			progress: 200_000,
			attempts: 50_000,
			certificates: 5_000
		});
	});

	it('makes --quick a short smoke run on a fifth of the data; flags win over variables', () => {
		const options = parseOptions(['--quick', '--connections=20'], { BENCH_CONNECTIONS: '5' });
		expect(options).toMatchObject({ quick: true, duration: 3, warmup: 1, connections: 20 });
		expect(options !== 'help' && options.scale.learners).toBe(2_000);
	});

	it('refuses nonsense and the test suite’s port', () => {
		expect(() => parseOptions(['--duration', '-1'], {})).toThrow(UsageError);
		expect(() => parseOptions(['--engine', 'mysql'], {})).toThrow(UsageError);
		expect(() => parseOptions(['--port', '4170'], {})).toThrow(UsageError);
		expect(() => parseOptions(['--bogus', '1'], {})).toThrow(UsageError);
	});

	it('compares counts at a tenth of the learners and activity', () => {
		const options = parseOptions([], {});
		if (options === 'help') throw new Error('unexpected');
		expect(tenth(options.scale)).toMatchObject({
			learners: 1_000,
			matrixLearners: 50,
			organisations: 100,
			cohorts: 300
		});
	});
});

describe('seeded attempts', () => {
	it('answers every question type right, as the grader sees it', () => {
		const quiz = quizSchema.parse({
			title: { vi: 'Thử' },
			questions: [
				{
					id: 'a',
					type: 'single',
					text: 'A',
					options: [{ text: 'x' }, { text: 'y', correct: true }]
				},
				{
					id: 'b',
					type: 'multiple',
					text: 'B',
					options: [{ text: 'x', correct: true }, { text: 'y' }, { text: 'z', correct: true }]
				},
				{ id: 'c', type: 'true_false', text: 'C', answer: false },
				{ id: 'd', type: 'numeric', text: 'D', answer: 3.25 },
				{ id: 'e', type: 'short', text: 'E', accepted: ['nước thải'] },
				{ id: 'f', type: 'ordering', text: 'F', items: ['1', '2', '3', '4'] },
				{
					id: 'g',
					type: 'matching',
					text: 'G',
					pairs: [
						{ left: 'a', right: 'A' },
						{ left: 'b', right: 'B' }
					],
					distractors: ['C']
				}
			]
		});
		const snapshot = drawSnapshot(quiz, seeded(7));
		const responses = Object.fromEntries(snapshot.questions.map((q) => [q.id, correctResponse(q)]));
		expect(gradeAttempt(snapshot.questions, responses, 70).percent).toBe(100);
	});
});

describe('quiz pages', () => {
	it('answers the first option of each question and keeps the page', () => {
		const html = `<form><input type="hidden" name="page" value="2">
			<input type="radio" name="q.a" value="1"><input type="radio" name="q.a" value="0">
			<input type="checkbox" name="q.b" value="2"><input name="q.c" type="text">
			<select name="q.d.0"><option value="">Chọn</option><option value="3">3</option></select></form>`;
		expect(Object.fromEntries(answerFields(html))).toEqual({
			page: '2',
			'q.a': '1',
			'q.b': '2',
			'q.c': '1',
			'q.d.0': '3'
		});
	});
});

describe('page weight', () => {
	it('finds scripts, module preloads, stylesheets and the modules the start-up script imports', () => {
		const html = `<link rel="stylesheet" href="/_app/a.css"><link href="/_app/b.js" rel="modulepreload">
			<style>p{}</style><script type="module" src="/_app/c.js"></script>
			<script>Promise.all([import("/_app/start.js"), import("/_app/b.js")])</script>
			<script type="application/json">{}</script>`;
		const found = pageAssets(html);
		expect(found.js.sort()).toEqual(['/_app/b.js', '/_app/c.js', '/_app/start.js']);
		expect(found.css).toEqual(['/_app/a.css']);
		expect(found.inlineJs).toHaveLength(1);
		expect(found.inlineCss).toEqual(['p{}']);
	});
});

describe('reporting', () => {
	it('takes percentiles by rank', () => {
		const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
		expect([50, 95, 99].map((p) => percentile(sorted, p))).toEqual([50, 95, 99]);
		expect(percentile(new Float64Array(), 50)).toBe(0);
	});

	it('flags a count that grows with the data', () => {
		const at = (queries: number) => ({ scenario: 's', step: 'x', status: 200, queries, ms: 1 });
		expect(compareCounts([at(3), at(5)], [at(3), at(14)]).map((c) => c.equal)).toEqual([
			true,
			false
		]);
	});

	it('lines up a table', () => {
		expect(table(['a', 'bb'], [['xyz', 1]])).toBe('a    bb\n---  --\nxyz   1');
	});
});

describe('the check-in wave', () => {
	it('has every person arrive once within the window, in order', () => {
		const at = arrivals(150, 120);
		expect(at).toHaveLength(150);
		expect(at).toEqual([...at].sort((a, b) => a - b));
		expect(at[0]).toBeGreaterThanOrEqual(0);
		expect(at[149]).toBeLessThan(120_000);
		// Spread over the two minutes, not bunched at the start.
		expect(at.filter((t) => t >= 60_000).length).toBeGreaterThan(50);
	});

	it('derives the code the server accepts, and none once the session is over', () => {
		const secret = deriveCheckInSecret(Buffer.from('bench key material'));
		const now = new Date('2026-12-03T02:00:00Z');
		const session = {
			workshopId: 'w',
			sessionId: '6f1c2b9e-0a4d-4c1e-9b7a-3d5e8f2a1c00',
			startsAt: '2026-12-03T01:50:00Z',
			endsAt: '2026-12-03T09:50:00Z',
			secret: secret.toString('base64')
		};
		const path = checkInPath(session, now);
		expect(path.startsWith('/checkin/')).toBe(true);
		expect(verifyCheckIn(secret, path.slice('/checkin/'.length), now)).toBe(session.sessionId);
		// Still good for the next 30-second step, not after.
		const later = (s: number) => new Date(now.getTime() + s * 1000);
		expect(verifyCheckIn(secret, path.slice(9), later(30))).toBe(session.sessionId);
		expect(verifyCheckIn(secret, path.slice(9), later(90))).toBeNull();
		expect(() => checkInPath(session, new Date('2026-12-03T12:00:00Z'))).toThrow();
	});
});

describe('the class-import wave', () => {
	it('writes a class list of adults the importer reads without a problem', () => {
		const { usernames, csv } = classListCsv(2000, 'abc123');
		const rows = csv
			.trimEnd()
			.split('\n')
			.map((line) => line.split(','));
		const read = parseRosterRows(rows, '2026-12-04');
		expect(read.ok).toBe(true);
		expect(read.ok && read.entries.map((e) => e.identifier)).toEqual(usernames);
		expect(new Set(usernames).size).toBe(2000);
	});
});

describe('quiz attempts against the database', () => {
	const ledger = (sent: number, started: string[], submitted: string[]) => ({
		startsSent: sent,
		started: new Set(started),
		submitted: new Set(submitted)
	});

	it('finds none lost or doubled when the database holds what the flows were told', () => {
		const stored = new Map([
			['a', true],
			['b', false],
			// A start cut off when the load stopped: made, never answered.
			['c', false]
		]);
		expect(reconcile(ledger(3, ['a', 'b'], ['a']), stored)).toMatchObject({
			lost: 0,
			doubled: 0,
			inDatabase: 3
		});
	});

	it('counts an answered submit that is not stored, and a start that made two attempts', () => {
		const stored = new Map([
			['a', false],
			['x', false]
		]);
		expect(reconcile(ledger(2, ['a', 'b'], ['a']), stored)).toMatchObject({ lost: 2, doubled: 1 });
	});
});

describe('the goals', () => {
	const result = (scenario: string, rate: number, p95: number, extra: Partial<LoadResult> = {}) =>
		({
			scenario,
			requests: rate * 10,
			seconds: 10,
			requestsPerSecond: rate,
			latencyMs: { p50: p95 / 2, p95, p99: p95, max: p95 },
			errors: 0,
			timeouts: 0,
			statuses: {},
			errorKinds: {},
			peakMemoryMiB: 100,
			aloneMs: 10,
			settled: { seconds: 0, restarted: false },
			...extra
		}) as LoadResult;
	const ceiling = result('ceiling: SvelteKit', 1000, 40);

	it('asks the lesson for half the ceiling on PostgreSQL, a third on PGlite, and its p95', () => {
		const run = [ceiling, result('lesson', 400, 70)];
		expect(judge('postgres', run).map((v) => v.met)).toEqual([false]);
		expect(judge('pglite', run).map((v) => v.met)).toEqual([true]);
		const slow = judge('pglite', [ceiling, result('lesson', 400, 90)]);
		expect(slow[0].reasons).toEqual(['p95 90 ms > 2 × 40 ms']);
	});

	it('misses any goal with errors, and the matrix and report on their time alone', () => {
		const verdicts = judge('pglite', [
			ceiling,
			result('catalogue', 600, 50, { errors: 3 }),
			result('matrix 500×10', 120, 400, { aloneMs: 49 }),
			result('report', 200, 300, { aloneMs: 151 })
		]);
		expect(verdicts.map((v) => [v.scenario, v.met])).toEqual([
			['catalogue', false],
			['matrix 500×10', true],
			['report', false]
		]);
	});

	it('misses the quiz unless the database confirms every attempt, and the import at 2×', () => {
		const ledgerOk = { startsSent: 5, startsAnswered: 5, submitsAnswered: 5, inDatabase: 5 };
		const verdicts = judge('postgres', [
			ceiling,
			result('quiz flow', 400, 100),
			result('quiz flow', 400, 100, { ledger: { ...ledgerOk, lost: 0, doubled: 0 } }),
			result('class import 2000', 300, 210, {
				alongside: {
					label: 'import',
					ok: true,
					detail: '2000 of 2000 imported (200)',
					seconds: 90,
					alone: { requestsPerSecond: 400, p95: 100, errors: 0 },
					during: { requestsPerSecond: 300, p95: 210, errors: 0 },
					p95Ratio: 2.1
				}
			})
		]);
		expect(verdicts.map((v) => v.met)).toEqual([false, true, false]);
	});

	it('sets the engines side by side, PostgreSQL first, each against its own ceiling', () => {
		const text = sideBySide([
			{
				engine: 'pglite',
				results: [result('ceiling: SvelteKit', 500, 80), result('dashboard', 100, 90)]
			},
			{ engine: 'postgres', results: [ceiling, result('dashboard', 500, 90)] }
		]);
		const [header, , , dashboard] = text.split('\n');
		expect(header.indexOf('PG req/s')).toBeLessThan(header.indexOf('PGlite req/s'));
		expect(dashboard).toMatch(
			/^dashboard +500 +90 +0\.500 +met +100 +90 +0\.200 +MISSED +≥ 0\.40$/
		);
	});
});
