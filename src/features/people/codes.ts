/** The code lists of the person index, with the words pages show for them. */
import { codeList, type CodeOf } from '../../platform/codes.ts';

/** The values of each list below. */
export type EthnicityCode = CodeOf<typeof ETHNICITIES>;
export type Sex = CodeOf<typeof SEXES>;
export type AddedNameKind = CodeOf<typeof NAME_KINDS>;
export type RelationshipKind = CodeOf<typeof RELATIONSHIP_KINDS>;
export type InvolvementRole = CodeOf<typeof INVOLVEMENT_ROLES>;

/** CIN census ethnicity codes (DfE), in the census's order. */
export const ETHNICITIES = codeList([
  { value: 'WBRI', label: 'White British' },
  { value: 'WIRI', label: 'White Irish' },
  { value: 'WIRT', label: 'Traveller of Irish heritage' },
  { value: 'WOTH', label: 'Any other White background' },
  { value: 'WROM', label: 'Gypsy/Roma' },
  { value: 'MWBC', label: 'White and Black Caribbean' },
  { value: 'MWBA', label: 'White and Black African' },
  { value: 'MWAS', label: 'White and Asian' },
  { value: 'MOTH', label: 'Any other mixed background' },
  { value: 'AIND', label: 'Indian' },
  { value: 'APKN', label: 'Pakistani' },
  { value: 'ABAN', label: 'Bangladeshi' },
  { value: 'AOTH', label: 'Any other Asian background' },
  { value: 'BCRB', label: 'Black Caribbean' },
  { value: 'BAFR', label: 'Black African' },
  { value: 'BOTH', label: 'Any other Black background' },
  { value: 'CHNE', label: 'Chinese' },
  { value: 'OOTH', label: 'Any other ethnic group' },
  { value: 'REFU', label: 'Refused' },
  { value: 'NOBT', label: 'Information not yet obtained' },
]);

export const SEXES = codeList([
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'indeterminate', label: 'Indeterminate' },
  { value: 'unknown', label: 'Not known' },
]);

export const NAME_KINDS = codeList([
  { value: 'alias', label: 'Alias or other name used' },
  { value: 'former', label: 'Former name' },
  { value: 'birth', label: 'Name at birth' },
]);
export const NAME_KIND_LABELS: Record<string, string> = {
  current: 'Current name',
  ...Object.fromEntries(NAME_KINDS.map((k) => [k.value, k.label])),
};

/**
 * A relationship row says what related_person is to person. `label` reads from the person's side
 * ("Parent"); `inverse` from the related person's side.
 */
export const RELATIONSHIP_KINDS = codeList([
  { value: 'parent', label: 'Parent', inverse: 'Child' },
  { value: 'carer', label: 'Carer', inverse: 'Cared for' },
  { value: 'sibling', label: 'Sibling', inverse: 'Sibling' },
  { value: 'household_member', label: 'Household member', inverse: 'Household member' },
  { value: 'partner_of_parent', label: 'Partner of parent', inverse: 'Child of partner' },
  { value: 'child', label: 'Child', inverse: 'Parent' },
  { value: 'other', label: 'Other', inverse: 'Other' },
]);

/** What an agency is to the person; the agency's open involvement gives its staff access. */
export const INVOLVEMENT_ROLES = codeList([
  { value: 'school', label: 'School or college' },
  { value: 'early_years', label: 'Early years setting' },
  { value: 'gp_practice', label: 'GP practice' },
  { value: 'health_visiting', label: 'Health visiting' },
  { value: 'school_nursing', label: 'School nursing' },
  { value: 'hospital', label: 'Hospital' },
  { value: 'health', label: 'Health (other)' },
  { value: 'social_care', label: "Children's social care" },
  { value: 'early_help', label: 'Early help' },
  { value: 'police', label: 'Police' },
  { value: 'probation', label: 'Probation' },
  { value: 'youth_justice', label: 'Youth justice' },
  { value: 'housing', label: 'Housing' },
  { value: 'voluntary', label: 'Voluntary sector support' },
  { value: 'other', label: 'Other' },
]);

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
