import { m } from '$lib/paraglide/messages';

/** How a guardian's consent was given, in the reader's language. */
export function methodName(method: string): string {
	switch (method) {
		case 'paper':
			return m.privacy_guardian_method_paper();
		case 'in_person':
			return m.privacy_guardian_method_in_person();
		case 'phone':
			return m.privacy_guardian_method_phone();
		case 'email':
			return m.privacy_guardian_method_email();
		default:
			return method;
	}
}
