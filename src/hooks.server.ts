import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { startUp } from '$lib/server/hooks/startup';
import { log } from '$lib/server/log';
import { countingQueries } from '$lib/server/bench/query-count';
import { handleCrossSitePosts, handleRequestProtocol } from '$lib/server/hooks/cross-site';
import { handleTextInput } from '$lib/server/hooks/text-input';
import { handleHtmlOnce } from '$lib/server/hooks/html-once';
import {
	handleDatabase,
	handleGuard,
	handleLocale,
	handleQueryCount,
	handleRequestLog,
	handleReturningReader,
	handleSecurityHeaders,
	handleSession
} from '$lib/server/hooks/handles';

export const init: ServerInit = async () => {
	if (!building) await startUp();
};

export const handle = sequence(
	// Only under `npm run bench` with BENCH_COUNT_QUERIES=1: first, so every query is counted.
	...(countingQueries ? [handleQueryCount] : []),
	handleRequestProtocol,
	handleRequestLog,
	handleSecurityHeaders,
	handleReturningReader,
	handleLocale,
	handleHtmlOnce,
	// After the locale, so a refused post is explained in the reader's language.
	handleCrossSitePosts,
	handleDatabase,
	handleSession,
	handleGuard,
	handleTextInput
);

/** Unexpected errors are logged with the request's id; the reader sees a plain message. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		log().error(
			{ requestId: event.locals.requestId, path: event.url.pathname, status, err: error },
			'unexpected error'
		);
	}
	return { message: `Lỗi hệ thống / System error (${event.locals.requestId ?? 'no id'})` };
};
