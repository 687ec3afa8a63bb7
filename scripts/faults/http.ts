// A small HTTP client for the checks: no redirects followed (a form action's 303 is the answer),
// never throws (a refused connection is status 0 with its error), and a tally of many replies.
import { Agent, request } from 'node:http';

/** One learner, one connection: many sockets at once, as a class of phones would open. */
const agent = new Agent({ keepAlive: true, maxSockets: 4096 });

/**
 * Closes the connections left idle by the last burst. A burst opens its own, as a class of phones
 * arriving would; reusing one the server is closing at that moment (its keep-alive timeout) would
 * fail the request for a reason of the client's own making.
 */
export function closeIdleConnections(): void {
	for (const sockets of Object.values(agent.freeSockets)) {
		for (const socket of sockets ?? []) socket.destroy();
	}
}

export interface Reply {
	status: number;
	location: string | null;
	body: string;
	/** When the request was sent and when its answer ended, in performance.now() milliseconds. */
	sentAt: number;
	doneAt: number;
	setCookie: string[];
	error?: string;
}

export interface SendOptions {
	method?: 'GET' | 'POST';
	cookie?: string;
	form?: [string, string][];
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export function send(origin: string, path: string, options: SendOptions = {}): Promise<Reply> {
	const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
	const headers: Record<string, string> = { ...options.headers };
	if (options.cookie) headers.cookie = options.cookie;
	if (body !== undefined) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		headers['content-length'] = String(Buffer.byteLength(body));
		// SvelteKit refuses a form post whose origin is not the site's own (CSRF); asking for HTML
		// gets a browser's answers (303, or the page with the form's error) rather than JSON.
		headers.origin = origin;
		headers.accept ??= 'text/html';
	}
	const sentAt = performance.now();
	return new Promise((resolve) => {
		const failed = (error: Error) =>
			resolve({
				status: 0,
				location: null,
				body: '',
				sentAt,
				doneAt: performance.now(),
				setCookie: [],
				error: error.message
			});
		const req = request(
			new URL(path, origin),
			{ method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, agent },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', failed);
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location ?? null,
						body: Buffer.concat(chunks).toString('utf8'),
						sentAt,
						doneAt: performance.now(),
						setCookie: res.headers['set-cookie'] ?? []
					})
				);
			}
		);
		req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error('timed out')));
		req.on('error', failed);
		req.end(body);
	});
}

export const get = (origin: string, path: string, cookie?: string) =>
	send(origin, path, { cookie, timeoutMs: 5_000 });

/** A SvelteKit form action called as a browser without JavaScript does: POST `path?/name`. */
export const postAction = (
	origin: string,
	path: string,
	action: string,
	cookie: string,
	form: [string, string][] = []
) => send(origin, `${path}?/${action}`, { cookie, form });

/** Counts of a batch of replies, and the figures the checks print. */
export function tally(replies: Reply[]) {
	const byStatus = new Map<number, number>();
	for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
	const durations = replies.map((r) => r.doneAt - r.sentAt).sort((a, b) => a - b);
	const at = (q: number) =>
		durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
	const first = Math.min(...replies.map((r) => r.sentAt));
	return {
		count: replies.length,
		byStatus,
		serverErrors: replies.filter((r) => r.status >= 500).length,
		networkErrors: replies.filter((r) => r.status === 0).length,
		/** Neither a success nor a redirect. */
		unexpected: replies.filter((r) => r.status < 200 || r.status >= 400),
		/** From the first request sent to the last one sent, and to the last answer. */
		sendSpanMs: Math.max(...replies.map((r) => r.sentAt)) - first,
		totalMs: Math.max(...replies.map((r) => r.doneAt)) - first,
		p50: at(0.5),
		p95: at(0.95),
		max: durations[durations.length - 1] ?? 0
	};
}

export function statusList(byStatus: Map<number, number>): string {
	return [...byStatus]
		.sort(([a], [b]) => a - b)
		.map(([status, n]) => `${n}×${status || 'no answer'}`)
		.join(', ');
}

/** The first few unexpected replies, for a FAIL line. */
export function describeUnexpected(replies: Reply[], limit = 3): string[] {
	return replies
		.slice(0, limit)
		.map((r) => `status ${r.status}${r.error ? ` (${r.error})` : ''}: ${r.body.slice(0, 160)}`);
}
