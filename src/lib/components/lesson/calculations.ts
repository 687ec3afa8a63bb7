/** Simple payback period in years = investment ÷ annual saving; null when it never pays back. */
export function paybackYears(investment: number, annualSaving: number): number | null {
	if (!(annualSaving > 0) || !(investment >= 0)) return null;
	return investment / annualSaving;
}

/** A water or material balance: what is not accounted for by the outputs, and its share of the input. */
export function balance(input: number, outputs: number[]): { loss: number; lossPercent: number } {
	const out = outputs.reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0);
	const loss = (Number.isFinite(input) ? input : 0) - out;
	return { loss, lossPercent: input > 0 ? (loss / input) * 100 : 0 };
}
