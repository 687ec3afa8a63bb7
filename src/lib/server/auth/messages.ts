import { m } from '$lib/paraglide/messages';
import type { PasswordProblem } from './password';

/** The user-facing sentence for a password the policy refused. */
export function passwordProblemMessage(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return m.error_password_too_short();
		case 'too_long':
			return m.error_password_too_long();
		case 'common':
			return m.error_password_common();
	}
}
