// Shared by the quiz editor's forms.

/** A field's errors: the form's own when it has some, else the file's problems on that field. */
export type Issues = (field: string, own?: string[]) => string[] | undefined;

/** The handler of a row button ("add an option"): it submits an intent without JavaScript. */
export type RowButton = (
	event: MouseEvent & { currentTarget: EventTarget & HTMLButtonElement }
) => void | Promise<void>;

/** An aria-describedby value from the ids that apply. */
export const describe = (...ids: (string | false | null | undefined)[]) =>
	ids.filter(Boolean).join(' ') || undefined;

/** A copy of `values` with the row at `index` replaced. */
export const replaced = <T>(values: T[], index: number, value: T) =>
	values.map((v, i) => (i === index ? value : v));

/**
 * After a submission the form refused, the focus goes to the first field it refused ("drawCount[1]"
 * is the second field named drawCount). Superforms' own focusing is off on these pages, because it
 * also jumps to fields marked only with the file's problems, on every navigation.
 */
export function focusFirstError(form: HTMLFormElement | undefined, paths: string[]) {
	const match = paths[0]?.match(/^(\w+)(?:\[(\d+)\])?/);
	if (!form || !match) return;
	const fields = form.querySelectorAll<HTMLElement>(`[name="${match[1]}"]`);
	fields[Number(match[2] ?? 0)]?.focus();
}
