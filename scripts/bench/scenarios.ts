// What is measured. A scenario is a list of steps (one request each); the load runner loops them on
// every connection with autocannon, the query counter runs them once with fetch. Signed-in scenarios
// rotate through many learners' sessions under load, and use learners in the same state at every
// scale when counting.
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { classImport, type Alongside } from './class-import';
import { QuizLedger } from './quiz-ledger';
import { CHECK_INS, type Seeded } from './seed';
import { checkInPath } from './seed-workshop';

export interface StepRequest {
	method: 'GET' | 'POST';
	path: string;
	headers: Record<string, string>;
	body?: string;
}

/** Per-connection state of a flow: what one step learnt for the next (an attempt's address…). */
export type FlowContext = Record<string, string | undefined>;

export interface Step {
	label: string;
	/** Undefined when the flow cannot go on (an earlier step failed): it starts over. */
	request(context: FlowContext): StepRequest | undefined;
	/** Statuses that mean the step did its work. */
	expect: number[];
	/** Reads what later steps need from the response; only steps that have it receive the body. */
	read?(headers: Record<string, string>, body: string, context: FlowContext): void;
}

/**
 * A one-off wave instead of a loop under load (burst.ts): `people` flows, one per person, arriving
 * at random within `seconds`, each once.
 */
export interface Burst {
	people: number;
	seconds: number;
	/** Whether the last step's answer is the confirmation the person should see. */
	confirmed(body: string): boolean;
	/** The records the server holds (asked before and after the wave: each person adds one). */
	records(origin: string): Promise<number>;
}

export interface Scenario {
	name: string;
	/** The app, or the bare node:http ceiling. */
	target: 'app' | 'bare';
	/** Whether its queries are counted (not the ceilings, which make none by construction). */
	counted: boolean;
	steps: Step[];
	/** A flow's unit of work when it is not a request (the quiz counts submissions). */
	unit?: string;
	burst?: Burst;
	/** Work done once while the steps run under load, measured against the same load without it. */
	alongside?: Alongside;
	/** What the quiz flows were answered, to set against the database after the run. */
	ledger?: QuizLedger;
}

export type Mode = 'load' | 'count';

const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;
const page = (path: string, token?: string): Step => ({
	label: path,
	expect: [200],
	request: () => ({
		method: 'GET',
		path,
		headers: { accept: 'text/html', ...(token ? { cookie: cookie(token) } : {}) }
	})
});

/** Endless rotation through a list: every request of a scenario under load is another learner. */
function rotation<T>(items: T[]): () => T {
	let next = 0;
	return () => items[next++ % items.length];
}

function rotatingPage(label: string, paths: () => string, tokens: () => string): Step {
	return {
		label,
		expect: [200],
		request: () => ({
			method: 'GET',
			path: paths(),
			headers: { accept: 'text/html', cookie: cookie(tokens()) }
		})
	};
}

/** The fields of the first page of an attempt, answered: the first option of every question. */
export function answerFields(html: string): URLSearchParams {
	const form = new URLSearchParams();
	const attr = (tag: string, name: string) =>
		new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&');
	for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
		const name = attr(tag, 'name');
		if (name === 'page') form.set('page', attr(tag, 'value') ?? '1');
		if (!name?.startsWith('q.') || form.has(name)) continue;
		const type = attr(tag, 'type') ?? 'text';
		form.set(name, type === 'radio' || type === 'checkbox' ? (attr(tag, 'value') ?? '') : '1');
	}
	for (const [, open, options] of html.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
		const name = attr(open, 'name');
		const first = /<option\b[^>]*\svalue="([^"]+)"/.exec(options)?.[1];
		if (name?.startsWith('q.') && first) form.set(name, first);
	}
	if (!form.has('page')) form.set('page', '1');
	return form;
}

/**
 * Start an attempt, open its first page, save that page with answers, submit: four requests, one
 * new attempt per flow (a different learner each time under load).
 */
function quizFlow(
	quizPath: string,
	origin: string,
	tokens: () => string,
	ledger?: QuizLedger
): Step[] {
	const form = (context: FlowContext, path: string, body: string): StepRequest => ({
		method: 'POST',
		path,
		body,
		headers: {
			accept: 'text/html',
			origin,
			'content-type': 'application/x-www-form-urlencoded',
			cookie: context.cookie!
		}
	});
	return [
		{
			label: 'quiz: start',
			expect: [303],
			request: (context) => {
				context.cookie = cookie(tokens());
				if (ledger) ledger.startsSent++;
				return form(context, `${quizPath}?/start`, '');
			},
			read: (headers, _body, context) => {
				const location = headers.location ?? headers.Location;
				context.attempt =
					location && /\/quiz\/[^/]+\/[0-9a-f-]{36}$/.test(location) ? location : undefined;
				const id = QuizLedger.attemptId(context.attempt);
				if (id) ledger?.started.add(id);
			}
		},
		{
			label: 'quiz: page',
			expect: [200],
			request: (context) =>
				context.attempt
					? {
							method: 'GET',
							path: context.attempt,
							headers: { accept: 'text/html', cookie: context.cookie! }
						}
					: undefined,
			read: (_headers, body, context) => {
				const fields = answerFields(body);
				fields.set('go', 'next');
				context.answers = fields.toString();
			}
		},
		{
			label: 'quiz: save page',
			expect: [303],
			request: (context) =>
				context.attempt && context.answers
					? form(context, `${context.attempt}?/save`, context.answers)
					: undefined
		},
		{
			label: 'quiz: submit',
			expect: [303],
			request: (context) =>
				context.attempt
					? form(context, `${context.attempt}?/save`, 'page=1&go=submit&confirm=yes')
					: undefined,
			read: (_headers, _body, context) => {
				const id = QuizLedger.attemptId(context.attempt);
				if (id) ledger?.submitted.add(id);
			}
		}
	];
}

/**
 * A participant scans the trainer's rotating code (the phone opens /checkin/<code>) and presses
 * "Điểm danh" (a POST of the form, as without JavaScript). The code is the one the screen shows at
 * the scan, derived as the server derives it; by the press it may be a step old, which still works.
 */
function checkInFlow(seeded: Seeded, origin: string, people: () => string): Step[] {
	return [
		{
			label: '/checkin/<code>',
			expect: [200],
			request: (context) => {
				context.cookie = cookie(people());
				context.code = checkInPath(seeded.checkIn);
				return {
					method: 'GET',
					path: context.code,
					headers: { accept: 'text/html', cookie: context.cookie }
				};
			},
			// The button posts where the page's form says, as a browser would ("?/…" or the page);
			// the first form of the page's own content, not the header's (signing out, language).
			read: (_headers, body, context) => {
				const main = body.slice(Math.max(0, body.indexOf('<main')));
				const form = /<form\b[^>]*method="POST"[^>]*>/i.exec(main)?.[0];
				const action = form && /\saction="([^"]*)"/.exec(form)?.[1]?.replaceAll('&amp;', '&');
				context.action = action
					? `${context.code}${action.startsWith('?') ? action : ''}`
					: context.code;
			}
		},
		{
			label: 'check-in: Điểm danh',
			expect: [200],
			request: (context) =>
				context.action
					? {
							method: 'POST',
							path: context.action,
							body: '',
							headers: {
								accept: 'text/html',
								origin,
								'content-type': 'application/x-www-form-urlencoded',
								cookie: context.cookie!
							}
						}
					: undefined
		}
	];
}

/** The people the trainer's screen lists as present: its list items, from the database. */
async function presentOnScreen(seeded: Seeded, origin: string): Promise<number> {
	const { workshopId, sessionId } = seeded.checkIn;
	const response = await fetch(`${origin}/workshops/${workshopId}/sessions/${sessionId}/code`, {
		headers: { accept: 'text/html', cookie: cookie(seeded.tokens.trainer) }
	});
	if (!response.ok) throw new Error(`The trainer's check-in screen answered ${response.status}.`);
	const list = /<ul class="present[^"]*">([\s\S]*?)<\/ul>/.exec(await response.text());
	return list ? (list[1].match(/<li\b/g)?.length ?? 0) : 0;
}

/** Learners in the class-import scenario's file: 2,000, the import's limit (a fifth with --quick). */
export const IMPORT_ROWS = 2000;

/**
 * Every scenario, for load (rotating learners) or for counting (the same learners at each scale).
 * The ceilings come first: every ratio is to the SvelteKit ceiling measured in the same run.
 */
export function scenarios(
	seeded: Seeded,
	origin: string,
	mode: Mode,
	importRows = IMPORT_ROWS
): Scenario[] {
	const t = seeded.tokens;
	const load = mode === 'load';
	const readers = load ? rotation(t.readers) : () => t.countReader;
	const takers = load ? rotation(t.takers) : () => t.countTaker;
	const pdfCodes = load ? rotation(seeded.codes) : () => seeded.codes[0];
	const verifyCodes = load ? rotation(seeded.codes) : () => seeded.codes[0];
	const fixed = (path: string) => () => path;
	const matrix = `/manage/cohorts/${seeded.matrixCohortId}/matrix`;
	const ledger = load ? new QuizLedger() : undefined;
	return [
		{ name: 'ceiling: node:http', target: 'bare', counted: false, steps: [page('/')] },
		{ name: 'ceiling: SvelteKit', target: 'app', counted: false, steps: [page('/bench/ceiling')] },
		{ name: 'catalogue', target: 'app', counted: true, steps: [page('/courses')] },
		{
			name: 'lesson',
			target: 'app',
			counted: true,
			steps: [rotatingPage(seeded.lessonPath, fixed(seeded.lessonPath), readers)]
		},
		{
			name: 'dashboard',
			target: 'app',
			counted: true,
			steps: [rotatingPage('/dashboard', fixed('/dashboard'), readers)]
		},
		{
			name: 'verify',
			target: 'app',
			counted: true,
			steps: [
				{
					label: '/verify/<code>',
					expect: [200],
					request: () => ({
						method: 'GET',
						path: `/verify/${verifyCodes()}`,
						headers: { accept: 'text/html' }
					})
				}
			]
		},
		{
			name: 'quiz flow',
			target: 'app',
			counted: true,
			steps: quizFlow(seeded.quizPath, origin, takers, ledger),
			unit: 'submissions',
			ledger
		},
		{
			name: `matrix ${seeded.scale.matrixLearners}×${seeded.matrixCourses}`,
			target: 'app',
			counted: true,
			steps: [page(matrix, t.trainer)]
		},
		{
			name: 'report',
			target: 'app',
			counted: true,
			steps: [page(`/admin/reports?period=${seeded.reportPeriod}`, t.admin)]
		},
		{
			name: `${CHECK_INS} check-ins`,
			target: 'app',
			counted: true,
			steps: checkInFlow(
				seeded,
				origin,
				// Counting (on the same database, before the wave) takes someone outside the wave.
				load ? rotation(t.readers.slice(0, CHECK_INS)) : () => t.readers[CHECK_INS]
			),
			burst: {
				people: CHECK_INS,
				seconds: 120,
				confirmed: (body) => body.includes('outcome:"recorded"'),
				records: (origin) => presentOnScreen(seeded, origin)
			}
		},
		{
			name: 'certificate pdf',
			target: 'app',
			counted: true,
			steps: [
				rotatingPage(
					'/certificates/<code>/pdf',
					() => `/certificates/${pdfCodes()}/pdf`,
					() => t.admin
				)
			]
		},
		{
			// Last: it adds its learners to the database for good (and takes minutes).
			name: `class import ${importRows}`,
			target: 'app',
			// Counting it would import the class at both scales; its request is one transaction.
			counted: false,
			steps: [rotatingPage(seeded.lessonPath, fixed(seeded.lessonPath), readers)],
			alongside: classImport(importRows, seeded.importCohortId, cookie(t.manager))
		}
	];
}
