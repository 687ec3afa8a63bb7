import pino from 'pino';
import { config } from './config';

let logger: pino.Logger | undefined;

/** Structured JSON logs on stdout; one logger per process. */
export function log(): pino.Logger {
	logger ??= pino({ level: config().logLevel, base: { app: 'sach-hon' } });
	return logger;
}
