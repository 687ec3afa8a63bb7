import { m } from '$lib/paraglide/messages';
import {
	audienceGroups,
	directiveItems,
	organisationKinds,
	type AudienceGroup,
	type DirectiveItem,
	type OrganisationKind
} from '$lib/domain';

// Display names for the domain's vocabulary, in the reader's language.

const audienceLabel: Record<AudienceGroup, () => string> = {
	manager: m.audience_manager,
	operational: m.audience_operational,
	consultant: m.audience_consultant,
	student: m.audience_student,
	other: m.audience_other
};

const directiveItemLabel: Record<DirectiveItem, () => string> = {
	'1b': m.directive_item_1b,
	'1c': m.directive_item_1c,
	'6': m.directive_item_6,
	'9a': m.directive_item_9a
};

const kindLabel: Record<OrganisationKind, () => string> = {
	school: m.organisation_kind_school,
	agency: m.organisation_kind_agency,
	enterprise: m.organisation_kind_enterprise,
	industrial_zone: m.organisation_kind_industrial_zone,
	area_office: m.organisation_kind_area_office
};

const roleLabel = {
	admin: m.role_admin,
	manager: m.role_manager,
	trainer: m.role_trainer,
	reviewer: m.role_reviewer
} as const;

export const audienceName = (a: AudienceGroup) => audienceLabel[a]();
export const organisationKindName = (k: OrganisationKind) => kindLabel[k]();
export const roleName = (r: keyof typeof roleLabel) => roleLabel[r]();

export const directiveItemName = (i: DirectiveItem) => directiveItemLabel[i]();
export const directiveItemOptions = () =>
	directiveItems.map((value) => ({ value, label: directiveItemName(value) }));

export const audienceOptions = () =>
	audienceGroups.map((value) => ({ value, label: audienceName(value) }));
export const organisationKindOptions = () =>
	organisationKinds.map((value) => ({ value, label: organisationKindName(value) }));
