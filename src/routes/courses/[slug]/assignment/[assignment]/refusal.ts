import { m } from '$lib/paraglide/messages';
import type { HandInResult } from '$lib/server/assignments/submissions';
import type { AssignmentDefinition, HandInType } from '$lib/server/assignments/format';

const typeNames = (types: HandInType[]) => types.map((t) => t.toUpperCase()).join(', ');

/** Why the work was not saved or handed in, in the learner's language, naming the file at fault. */
export function refusalMessage(
	result: Exclude<HandInResult, { ok: true }>,
	definition: AssignmentDefinition
): string {
	if ('file' in result) {
		const file = result.file;
		switch (result.reason) {
			case 'empty':
				return m.assignment_error_file_empty({ file });
			case 'too_large':
				return m.assignment_error_file_too_large({ file, max: result.maxMegabytes });
			case 'type':
				return m.assignment_error_file_type({ file, types: typeNames(result.allowed) });
			case 'extension':
				return m.assignment_error_file_extension({
					file,
					type: result.type.toUpperCase(),
					extension: result.type
				});
		}
	}
	switch (result.reason) {
		case 'waiting':
			return m.assignment_error_waiting();
		case 'passed':
			return m.assignment_error_passed();
		case 'no_rounds_left':
			return m.assignment_error_no_rounds_left();
		case 'closed':
			return m.assignment_error_closed();
		case 'not_enrolled':
			return m.assignment_enrol_first();
		case 'no_content':
			return m.assignment_error_no_content();
		case 'too_many_files':
			return definition.handIn.files
				? m.assignment_error_too_many_files({ max: definition.handIn.files.maxCount })
				: m.assignment_error_no_files();
		case 'text_too_long':
			return m.assignment_error_text_too_long();
		case 'text_required':
			return m.assignment_error_text_required();
	}
}
