/**
 * The comparisons of the Fellegi-Sunter model. Each compares one field of two prepared records and
 * answers a level (an index into its `levels`, best first) or MISSING when either side has no value:
 * a missing value is neutral, it neither adds nor takes away weight.
 */
import { areNicknames } from './nicknames.ts';
import type { PreparedAddress, PreparedDob, PreparedName, PreparedRecord } from './record.ts';
import { editDistance, jaroWinkler, phoneticAgree } from './strings.ts';

export const MISSING = -1;

export const COMPARISONS = [
  {
    key: 'given',
    label: 'Given name',
    levels: ['exact', 'nickname', 'middle', 'jw92', 'phonetic', 'jw85', 'initial', 'transposed', 'disagree'],
  },
  {
    key: 'family',
    label: 'Family name',
    levels: ['exact', 'jw92', 'phonetic', 'part', 'jw85', 'changed', 'disagree'],
  },
  {
    key: 'dob',
    label: 'Date of birth',
    levels: ['exact', 'transposed', 'typo', 'component', 'year', 'near', 'partial', 'disagree'],
  },
  { key: 'sex', label: 'Sex', levels: ['agree', 'disagree'] },
  { key: 'nhs', label: 'NHS number', levels: ['exact', 'disagree'] },
  { key: 'upn', label: 'Unique pupil number', levels: ['exact', 'disagree'] },
  { key: 'localId', label: 'Other reference', levels: ['exact', 'typo', 'disagree'] },
  { key: 'email', label: 'Email', levels: ['exact', 'close', 'disagree'] },
  {
    key: 'address',
    label: 'Address',
    // Families share addresses: where the family names agree too, address agreement says less, so
    // it has levels of its own ("+kin"), with m and u conditional on that.
    levels: [
      'exact',
      'postcode',
      'street',
      'area',
      'disagree',
      'exact+kin',
      'postcode+kin',
      'street+kin',
      'area+kin',
      'disagree+kin',
    ],
    groups: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  },
  { key: 'household', label: 'Household members', levels: ['common', 'none'] },
] as const;

export type ComparisonKey = (typeof COMPARISONS)[number]['key'];
export const K = COMPARISONS.length;

/**
 * For each comparison, the group of each level: levels of one group share a condition (such as
 * "family names agree") and their m and u each sum to one within the group.
 */
export const GROUPS: readonly (readonly number[])[] = COMPARISONS.map((c) =>
  'groups' in c ? c.groups : c.levels.map(() => 0),
);

/** What a level means, in words for the MASH officer. */
export const LEVEL_TEXT: Record<string, string> = {
  'given.exact': 'the same',
  'given.nickname': 'one is a short or pet form of the other (Bill and William)',
  'given.middle': "one of the given names is among the other's given names",
  'given.phonetic': 'sound alike',
  'given.jw92': 'spelt almost the same (a small typing slip)',
  'given.jw85': 'spelt similarly',
  'given.initial': 'one gives only the initial, and it agrees',
  'given.transposed': 'given and family names are the other way round',
  'given.disagree': 'different',
  'family.exact': 'the same',
  'family.phonetic': 'sound alike',
  'family.jw92': 'spelt almost the same (a small typing slip)',
  'family.part': 'one part of a hyphenated or double-barrelled name agrees',
  'family.jw85': 'spelt similarly',
  'family.changed': 'different, while given name and date of birth agree (a changed family name?)',
  'family.disagree': 'different',
  'dob.exact': 'the same',
  'dob.transposed': 'day and month the other way round',
  'dob.typo': 'one digit differs',
  'dob.component': 'day, month or year differs',
  'dob.year': 'only the year agrees',
  'dob.near': 'within a year of each other',
  'dob.partial': 'one is only partly known, and the known part agrees',
  'dob.disagree': 'different',
  'sex.agree': 'the same',
  'sex.disagree': 'different',
  'nhs.exact': 'the same',
  'nhs.disagree': 'different',
  'upn.exact': 'the same',
  'upn.disagree': 'different',
  'localId.exact': 'the same',
  'localId.typo': 'one character differs',
  'localId.disagree': 'different',
  'email.exact': 'the same',
  'email.close': 'nearly the same',
  'email.disagree': 'different',
  'address.exact': 'the same address',
  'address.postcode': 'the same postcode, a different house',
  'address.street': 'the same street address, a different postcode',
  'address.area': 'the same area (postcode sector or district, or town)',
  'address.disagree': 'different',
  'address.exact+kin': 'the same address (with the same family name, so it counts for less)',
  'address.postcode+kin': 'the same postcode, a different house (with the same family name)',
  'address.street+kin': 'the same street address, a different postcode (with the same family name)',
  'address.area+kin': 'the same area (with the same family name)',
  'address.disagree+kin': 'different (with the same family name)',
  'household.common': 'someone lives with both',
  'household.none': 'nobody in common',
};

/** Level index of each comparison by name, for readable code below. */
const L = Object.fromEntries(
  COMPARISONS.map((c) => [c.key, Object.fromEntries(c.levels.map((l, i) => [l, i]))]),
) as { [C in (typeof COMPARISONS)[number] as C['key']]: Record<C['levels'][number], number> };

export const IDX = Object.fromEntries(COMPARISONS.map((c, i) => [c.key, i])) as Record<ComparisonKey, number>;

type Sim = 'exact' | 'phonetic' | 'jw92' | 'jw85' | 'disagree' | 'missing';

function similarity(x: string, xc: readonly [string, string], y: string, yc: readonly [string, string]): Sim {
  if (!x || !y) return 'missing';
  if (x === y) return 'exact';
  // A close spelling says more than sounding alike (double metaphone codes are broad).
  const jw = jaroWinkler(x, y);
  if (jw >= 0.92) return 'jw92';
  if (phoneticAgree(xc, yc)) return 'phonetic';
  if (jw >= 0.85) return 'jw85';
  return 'disagree';
}

function givenLevel(a: PreparedName, b: PreparedName): number {
  if (!a.givenFirst || !b.givenFirst) return MISSING;
  if (a.given === b.given || a.givenFirst === b.givenFirst) return L.given.exact;
  if (areNicknames(a.givenFirst, b.givenFirst)) return L.given.nickname;
  if ((a.givenAll.length > 1 || b.givenAll.length > 1) && a.givenAll.some((g) => b.givenAll.includes(g))) {
    return L.given.middle;
  }
  if (a.givenFirst.length === 1 || b.givenFirst.length === 1) {
    return a.givenFirst[0] === b.givenFirst[0] ? L.given.initial : L.given.disagree;
  }
  const sim = similarity(a.givenFirst, a.givenCodes, b.givenFirst, b.givenCodes);
  if (sim === 'exact' || sim === 'missing') return L.given.exact;
  return L.given[sim];
}

function familyLevel(a: PreparedName, b: PreparedName): number {
  const sim = similarity(a.family, a.familyCodes, b.family, b.familyCodes);
  if (sim === 'missing') return MISSING;
  if (sim === 'exact' || sim === 'jw92' || sim === 'phonetic') return L.family[sim];
  const pa = a.familyParts.length ? a.familyParts : [a.family];
  const pb = b.familyParts.length ? b.familyParts : [b.family];
  if ((pa.length > 1 || pb.length > 1) && pa.some((p) => pb.includes(p))) return L.family.part;
  return sim === 'jw85' ? L.family.jw85 : L.family.disagree;
}

const GIVEN_RANK = [7, 6, 5, 5, 5, 3, 2, 6, 0];
const FAMILY_RANK = [7, 5, 5, 4, 3, 0, 0];
const rank = (table: number[], level: number) => (level === MISSING ? 1 : (table[level] as number));

const agrees = (s: Sim) => s !== 'disagree' && s !== 'missing';

/** The given and family levels of one name pair, trying the names the other way round too. */
function nameLevels(a: PreparedName, b: PreparedName): [number, number] {
  const g = givenLevel(a, b);
  const f = familyLevel(a, b);
  if ((g === MISSING || g >= L.given.initial) && (f === MISSING || f >= L.family.jw85)) {
    const x = similarity(a.givenFirst, a.givenCodes, b.family, b.familyCodes);
    const y = similarity(a.family, a.familyCodes, b.givenFirst, b.givenCodes);
    if (agrees(x) || agrees(y)) {
      const fl = x === 'missing' ? MISSING : L.family[x];
      const gl = agrees(y) ? L.given.transposed : y === 'missing' ? MISSING : L.given.disagree;
      return [gl, fl];
    }
  }
  return [g, f];
}

function dobLevel(a: PreparedDob | undefined, b: PreparedDob | undefined): number {
  if (!a || !b || a.year === undefined || b.year === undefined) return MISSING;
  if (a.digits && b.digits) {
    if (a.digits === b.digits) return L.dob.exact;
    if (a.year === b.year && a.month === b.day && a.day === b.month) return L.dob.transposed;
    const same = [a.year === b.year, a.month === b.month, a.day === b.day];
    const agreeing = same.filter(Boolean).length;
    if (agreeing === 2) {
      const at = same.indexOf(false);
      const parts = (d: string) => [d.slice(0, 4), d.slice(4, 6), d.slice(6, 8)];
      const da = parts(a.digits)[at] as string;
      const db = parts(b.digits)[at] as string;
      return editDistance(da, db, 1) === 1 ? L.dob.typo : L.dob.component;
    }
    if (a.year === b.year) return L.dob.year;
    const days = (d: PreparedDob) => Date.UTC(d.year as number, (d.month as number) - 1, d.day as number);
    if (Math.abs(days(a) - days(b)) <= 366 * 86_400_000) return L.dob.near;
    return L.dob.disagree;
  }
  // At least one side is partial: compare what both know.
  if (a.year !== b.year) return L.dob.disagree;
  if (a.month !== undefined && b.month !== undefined && a.month !== b.month) return L.dob.disagree;
  return L.dob.partial;
}

type PostcodeSim = 'full' | 'near' | 'disagree' | 'missing';

function postcodeSim(a: PreparedAddress, b: PreparedAddress): PostcodeSim {
  if (!a.postcode || !b.postcode) return 'missing';
  if (a.postcode === b.postcode) return 'full';
  if ((a.sector && a.sector === b.sector) || (a.district && a.district === b.district)) return 'near';
  // Postcodes of other countries (and typing slips): one character apart.
  if (!a.sector && a.postcode.length >= 4 && editDistance(a.postcode, b.postcode, 1) <= 1) return 'near';
  return 'disagree';
}

const NUMBER = /^(\d+[a-z]?)\s+/;

type LineSim = 'same' | 'partial' | 'disagree' | 'missing';

function lineSim(a: PreparedAddress, b: PreparedAddress): LineSim {
  if (!a.line || !b.line) {
    if (a.line2 && b.line2) return a.line2 === b.line2 ? 'partial' : 'disagree';
    return 'missing';
  }
  if (a.line === b.line) return 'same';
  const na = NUMBER.exec(a.line);
  const nb = NUMBER.exec(b.line);
  const sa = na ? a.line.slice(na[0].length) : a.line;
  const sb = nb ? b.line.slice(nb[0].length) : b.line;
  const jw = jaroWinkler(sa, sb);
  if (jw >= 0.92 && (!na || !nb || na[1] === nb[1])) return 'same';
  if (jw >= 0.8 || (a.line2 !== '' && a.line2 === b.line2)) return 'partial';
  return 'disagree';
}

/** Postcode, street address and town together: they say one thing (where), so one weight. */
function addressLevel(a: PreparedAddress, b: PreparedAddress): number {
  const pc = postcodeSim(a, b);
  const line = lineSim(a, b);
  const town = !a.town || !b.town ? 'missing' : jaroWinkler(a.town, b.town) >= 0.88 ? 'same' : 'disagree';
  if (pc === 'missing' && line === 'missing' && town === 'missing') return MISSING;
  if (line === 'same' && (pc === 'full' || pc === 'missing' || (pc === 'near' && !a.sector))) {
    return L.address.exact;
  }
  if (pc === 'full') return L.address.postcode;
  if (line === 'same') return L.address.street;
  if (pc === 'near' || town === 'same' || line === 'partial') return L.address.area;
  return L.address.disagree;
}

/** The levels of the address comparison without the family-name condition. */
const ADDRESS_LEVELS = 5;

/** Best (lowest) level over every pair of addresses, MISSING when none could be compared. */
function bestAddress(a: PreparedRecord, b: PreparedRecord): number {
  let best = MISSING;
  for (const x of a.addresses) {
    for (const y of b.addresses) {
      const level = addressLevel(x, y);
      if (level !== MISSING && (best === MISSING || level < best)) best = level;
      if (best === 0) return 0;
    }
  }
  return best;
}

function householdLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.household.length || !b.household.length) return MISSING;
  for (const x of a.household) {
    for (const y of b.household) {
      const nameAgrees =
        (x.given === y.given || x.givenCode === y.givenCode || areNicknames(x.given, y.given)) &&
        (x.family === y.family || x.familyCode === y.familyCode);
      if (nameAgrees && (x.year === undefined || y.year === undefined || x.year === y.year)) {
        return L.household.common;
      }
    }
  }
  return L.household.none;
}

const exactOrDisagree = (x: string | undefined, y: string | undefined) =>
  x === undefined || y === undefined ? MISSING : x === y ? 0 : 1;

export interface Comparison {
  levels: Int8Array;
  /** The names that agreed exactly, for term-frequency adjustment. */
  givenValue?: string;
  familyValue?: string;
}

/** Given names quite different, family name and date of birth the same, no identifier shared. */
export function mayBeTwins(levels: ArrayLike<number>): boolean {
  if (levels[IDX.given] !== L.given.disagree || levels[IDX.dob] !== L.dob.exact) return false;
  const family = levels[IDX.family] as number;
  if (family === MISSING || family === L.family.disagree || family === L.family.changed) return false;
  // Twins have identifiers of their own: one shared says it is one person after all.
  const id = levels[IDX.localId] as number;
  return !(levels[IDX.nhs] === 0 || levels[IDX.upn] === 0 || (id !== MISSING && id <= L.localId.typo));
}

/**
 * The signature of twins (or siblings): given names quite different while family name and date of
 * birth agree and they share an address or household, and no identifier agrees. The model takes fields as independent given match
 * status, which over-counts such a family's shared details, so these pairs are never matched.
 */
export function looksLikeTwins(levels: ArrayLike<number>): boolean {
  if (!mayBeTwins(levels)) return false;
  const address = levels[IDX.address] as number;
  return (
    (address !== MISSING && address % ADDRESS_LEVELS <= L.address.street) ||
    levels[IDX.household] === L.household.common
  );
}

/** Compares two prepared records on every field. */
export function compare(a: PreparedRecord, b: PreparedRecord): Comparison {
  const levels = new Int8Array(K).fill(MISSING);
  let bestRank = -1;
  let givenValue: string | undefined;
  let familyValue: string | undefined;
  for (const na of a.names) {
    for (const nb of b.names) {
      const [g, f] = nameLevels(na, nb);
      const r = rank(GIVEN_RANK, g) + rank(FAMILY_RANK, f);
      if (r > bestRank) {
        bestRank = r;
        levels[IDX.given] = g;
        levels[IDX.family] = f;
        givenValue = g === L.given.exact ? na.givenFirst : undefined;
        familyValue = f === L.family.exact ? na.family : undefined;
      }
    }
  }
  levels[IDX.dob] = dobLevel(a.dob, b.dob);
  const g = levels[IDX.given] as number;
  if (
    levels[IDX.family] === L.family.disagree &&
    (g === L.given.exact || g === L.given.nickname) &&
    levels[IDX.dob] === L.dob.exact
  ) {
    levels[IDX.family] = L.family.changed;
  }
  levels[IDX.sex] = exactOrDisagree(a.sex, b.sex);
  levels[IDX.nhs] = exactOrDisagree(a.nhs, b.nhs);
  levels[IDX.upn] = exactOrDisagree(a.upn, b.upn);
  if (a.localId && b.localId) {
    levels[IDX.localId] =
      a.localId === b.localId
        ? L.localId.exact
        : editDistance(a.localId, b.localId, 1) <= 1
          ? L.localId.typo
          : L.localId.disagree;
  }
  if (a.email && b.email) {
    const local = (e: string) => e.split('@')[0];
    levels[IDX.email] =
      a.email === b.email
        ? L.email.exact
        : jaroWinkler(a.email, b.email) >= 0.88 || local(a.email) === local(b.email)
          ? L.email.close
          : L.email.disagree;
  }
  const f = levels[IDX.family] as number;
  const kin = f !== MISSING && f <= L.family.jw85 ? ADDRESS_LEVELS : 0;
  const where = bestAddress(a, b);
  levels[IDX.address] = where === MISSING ? MISSING : where + kin;
  // People at one address share a household: counting both would count one fact twice, so household
  // members speak only where the addresses do not already agree (a family that moved).
  if (where === MISSING || where > L.address.postcode) levels[IDX.household] = householdLevel(a, b);
  return { levels, givenValue, familyValue };
}
