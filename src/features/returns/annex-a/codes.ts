/**
 * Values as Annex A's cells hold them: for each code the first name variant Annex_A_schema.yml gives
 * (the Annex A template's own wording), or the variant naming the CIN code itself.
 */
export const GENDER: Record<string, string> = {
  male: 'a) Male',
  female: 'b) Female',
  unknown: 'c) Not stated/recorded',
  indeterminate: 'd) Neither',
};
const ETHNIC_ORDER =
  'WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH'.split(' ');
export const ETHNICITY: Record<string, string> = {
  ...Object.fromEntries(ETHNIC_ORDER.map((c, i) => [c, `${String.fromCharCode(97 + i)}) ${c}`])),
  REFU: 's) REFU',
  NOBT: 's) NOBT',
};
export const NOT_OBTAINED = 's) NOBT';

const SOURCE_ORDER: [string, string][] = [
  ['a', '1A: Individual'],
  ['b', '1B: Individual'],
  ['c', '1C: Individual'],
  ['d', '1D: Individual'],
  ['e', '2A: Schools'],
  ['f', '2B: Education services'],
  ['g', '3A: Health services'],
  ['h', '3B: Health services'],
  ['i', '3C: Health services'],
  ['j', '3D: Health services'],
  ['k', '3E: Health services'],
  ['l', '3F: Health services'],
  ['m', '4: Housing'],
  ['n', '5A: LA services'],
  ['o', '5B: LA services'],
  ['p', '5C: LA services'],
  ['p1', '5D: LA services'],
  ['q', '6: Police'],
  ['r', '7: Other legal agency'],
  ['s', '8: Other'],
  ['t', '9: Anonymous'],
  ['u', '10: Unknown'],
];
export const SOURCE: Record<string, string> = Object.fromEntries(
  SOURCE_ORDER.map(([letter, text]) => [text.split(':')[0]!, `${letter}) ${text}`]),
);

export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';
export const yesNo = (v: boolean | null | undefined): string => (v === true ? YES : v === false ? NO : '');

/** The referral's disability answer: a disability (with or without SEND) is yes, none or SEND alone no. */
export function disability(v: string | null): string {
  if (v === 'disability' || v === 'both') return YES;
  if (v === 'none' || v === 'send') return NO;
  return UNKNOWN;
}

export const PRIMARY_NEED: Record<string, string> = {
  N1: 'N1 - Abuse or neglect',
  N2: 'N2 - Child’s disability',
  N3: 'N3 - Parental disability or illness',
  N4: 'N4 - Family in acute stress',
  N5: 'N5 - Family dysfunction',
  N6: 'N6 - Socially unacceptable behaviour',
  N7: 'N7 - Low income',
  N8: 'N8 - Absent parenting',
  N9: 'N9 - Cases other than children in need',
  N0: 'N0 - Not stated',
};
export const CLOSURE: Record<string, string> = {
  RC1: 'RC1 - Adopted',
  RC2: 'RC2 - Died',
  RC3: 'RC3 - Child arrangements order',
  RC4: 'RC4 - Special guardianship order',
  RC5: 'RC5 - Transferred to services of another local authority',
  RC6: 'RC6 - Transferred to adult social care services',
  RC7: 'RC7 - Services ceased for any other reason, including child no longer in need',
  RC8: 'RC8 - Case closed after assessment, no further action',
  RC9: 'RC9 - Case closed after assessment, referred to early help',
};
export const CASE_STATUS: Record<string, string> = {
  cp_plan: 'b) Child Protection plan',
  cin_plan: 'c) Child in need plan',
  assessment: 'd) Open assessment',
  closed: 'e) Closed episode',
};
export const ABUSE: Record<string, string> = {
  NEG: 'a) Neglect',
  PHY: 'b) Physical abuse',
  SAB: 'c) Sexual abuse',
  EMO: 'd) Emotional abuse',
  MUL: 'e) Multiple/not recommended',
};
/** Outcomes of an assessment that mean the child needs children's social care's support. */
export const SUPPORT_OUTCOMES = new Set(['cin_plan', 'strategy_discussion']);
