/** The code lists of the person index, with the words pages show for them. */

/** CIN census ethnicity codes (DfE), in the census's order. */
export const ETHNICITIES = [
  { code: 'WBRI', label: 'White British' },
  { code: 'WIRI', label: 'White Irish' },
  { code: 'WIRT', label: 'Traveller of Irish heritage' },
  { code: 'WOTH', label: 'Any other White background' },
  { code: 'WROM', label: 'Gypsy/Roma' },
  { code: 'MWBC', label: 'White and Black Caribbean' },
  { code: 'MWBA', label: 'White and Black African' },
  { code: 'MWAS', label: 'White and Asian' },
  { code: 'MOTH', label: 'Any other mixed background' },
  { code: 'AIND', label: 'Indian' },
  { code: 'APKN', label: 'Pakistani' },
  { code: 'ABAN', label: 'Bangladeshi' },
  { code: 'AOTH', label: 'Any other Asian background' },
  { code: 'BCRB', label: 'Black Caribbean' },
  { code: 'BAFR', label: 'Black African' },
  { code: 'BOTH', label: 'Any other Black background' },
  { code: 'CHNE', label: 'Chinese' },
  { code: 'OOTH', label: 'Any other ethnic group' },
  { code: 'REFU', label: 'Refused' },
  { code: 'NOBT', label: 'Information not yet obtained' },
] as const;
export type EthnicityCode = (typeof ETHNICITIES)[number]['code'];
export const ETHNICITY_CODES = ETHNICITIES.map((e) => e.code) as [EthnicityCode, ...EthnicityCode[]];

export const SEXES = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'indeterminate', label: 'Indeterminate' },
  { code: 'unknown', label: 'Not known' },
] as const;
export type Sex = (typeof SEXES)[number]['code'];
export const SEX_CODES = SEXES.map((s) => s.code) as [Sex, ...Sex[]];

export const NAME_KINDS = [
  { code: 'alias', label: 'Alias or other name used' },
  { code: 'former', label: 'Former name' },
  { code: 'birth', label: 'Name at birth' },
] as const;
export type AddedNameKind = (typeof NAME_KINDS)[number]['code'];
export const NAME_KIND_CODES = NAME_KINDS.map((k) => k.code) as [AddedNameKind, ...AddedNameKind[]];
export const NAME_KIND_LABELS: Record<string, string> = {
  current: 'Current name',
  ...Object.fromEntries(NAME_KINDS.map((k) => [k.code, k.label])),
};

/**
 * A relationship row says what related_person is to person. `label` reads from the person's side
 * ("Parent"); `inverse` from the related person's side.
 */
export const RELATIONSHIP_KINDS = [
  { code: 'parent', label: 'Parent', inverse: 'Child' },
  { code: 'carer', label: 'Carer', inverse: 'Cared for' },
  { code: 'sibling', label: 'Sibling', inverse: 'Sibling' },
  { code: 'household_member', label: 'Household member', inverse: 'Household member' },
  { code: 'partner_of_parent', label: 'Partner of parent', inverse: 'Child of partner' },
  { code: 'child', label: 'Child', inverse: 'Parent' },
  { code: 'other', label: 'Other', inverse: 'Other' },
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number]['code'];
export const RELATIONSHIP_CODES = RELATIONSHIP_KINDS.map((k) => k.code) as [
  RelationshipKind,
  ...RelationshipKind[],
];

/** What an agency is to the person; the agency's open involvement gives its staff access. */
export const INVOLVEMENT_ROLES = [
  { code: 'school', label: 'School or college' },
  { code: 'early_years', label: 'Early years setting' },
  { code: 'gp_practice', label: 'GP practice' },
  { code: 'health_visiting', label: 'Health visiting' },
  { code: 'school_nursing', label: 'School nursing' },
  { code: 'hospital', label: 'Hospital' },
  { code: 'health', label: 'Health (other)' },
  { code: 'social_care', label: "Children's social care" },
  { code: 'early_help', label: 'Early help' },
  { code: 'police', label: 'Police' },
  { code: 'probation', label: 'Probation' },
  { code: 'youth_justice', label: 'Youth justice' },
  { code: 'housing', label: 'Housing' },
  { code: 'voluntary', label: 'Voluntary sector support' },
  { code: 'other', label: 'Other' },
] as const;
export type InvolvementRole = (typeof INVOLVEMENT_ROLES)[number]['code'];
export const INVOLVEMENT_ROLE_CODES = INVOLVEMENT_ROLES.map((r) => r.code) as [
  InvolvementRole,
  ...InvolvementRole[],
];

/** The involvement a new record gives its creator's agency, by the agency's kind. */
export function roleForAgencyKind(kind: string): InvolvementRole {
  const map: Record<string, InvolvementRole> = {
    local_authority: 'social_care',
    police: 'police',
    health_commissioner: 'health',
    health_provider: 'health',
    school: 'school',
    early_years: 'early_years',
    probation: 'probation',
    youth_justice: 'youth_justice',
    housing: 'housing',
    voluntary: 'voluntary',
  };
  return map[kind] ?? 'other';
}

export function labelOf(list: readonly { code: string; label: string }[], code: string | null | undefined) {
  return list.find((x) => x.code === code)?.label ?? code ?? '';
}
