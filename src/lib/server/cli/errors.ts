/** A failure to report in one line; exitCode 2 for a misused command line, 1 for anything else. */
export class CommandError extends Error {
	name = 'CommandError';
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = 1
	) {
		super(message);
	}
}
