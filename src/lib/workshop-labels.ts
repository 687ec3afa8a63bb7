import { formatDate, formatTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { RegistrationMode, RegistrationStatus, WorkshopStatus } from '$lib/workshops';

// Workshops' words and times in the reader's language, for their pages.

const statusLabel: Record<WorkshopStatus, () => string> = {
	draft: m.workshops_status_draft,
	open: m.workshops_status_open,
	closed: m.workshops_status_closed,
	cancelled: m.workshops_status_cancelled
};

export const workshopStatusLabel = (status: WorkshopStatus) => statusLabel[status]();

const registrationLabel: Record<RegistrationStatus, () => string> = {
	registered: m.workshops_reg_registered,
	waitlisted: m.workshops_reg_waitlisted,
	cancelled: m.workshops_reg_cancelled
};

export const registrationStatusLabel = (status: RegistrationStatus) => registrationLabel[status]();

const modeLabel: Record<RegistrationMode, () => string> = {
	open: m.workshops_mode_open,
	invitation: m.workshops_mode_invitation,
	cohort: m.workshops_mode_cohort
};

export const registrationModeOptions = () =>
	(Object.keys(modeLabel) as RegistrationMode[]).map((value) => ({
		value,
		label: modeLabel[value]()
	}));

/** A session in Vietnam time: "02/12/2026, 08:00–11:30". */
export function sessionWhen(session: { startsAt: Date | string; endsAt: Date | string }): string {
	return m.workshops_session_when({
		date: formatDate(session.startsAt),
		start: formatTime(session.startsAt),
		end: formatTime(session.endsAt)
	});
}
