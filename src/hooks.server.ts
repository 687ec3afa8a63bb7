import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { startUp } from '$lib/server/hooks/startup';
import {
	handleDatabase,
	handleGuard,
	handleLocale,
	handleRequestLog,
	handleReturningReader,
	handleSecurityHeaders,
	handleSession
} from '$lib/server/hooks/handles';

export const init: ServerInit = async () => {
	if (!building) await startUp();
};

export const handle = sequence(
	handleRequestLog,
	handleSecurityHeaders,
	handleReturningReader,
	handleLocale,
	handleDatabase,
	handleSession,
	handleGuard
);
