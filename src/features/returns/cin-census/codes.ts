/** The CIN census code sets (the 2025-26 schema's enumerations) the validator checks values against. */
const set = (s: string) => new Set(s.split(' '));

export const SEXES = set('M F U');
export const ETHNICITIES = set(
  'WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT',
);
export const DISABILITIES = set('NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA');
export const REFERRAL_SOURCES = set('1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10');
export const ABUSE_CATEGORIES = set('NEG PHY SAB EMO MUL');
export const PRIMARY_NEEDS = set('N0 N1 N2 N3 N4 N5 N6 N7 N8 N9');
export const CLOSURE_REASONS = set('RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9');
export const UPN_UNKNOWN_REASONS = set('UN1 UN2 UN3 UN4 UN5 UN6 UN7');
