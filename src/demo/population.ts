import { HERITAGE_WEIGHTS, NAME_POOLS, STREET_KINDS, STREET_WORDS, FLAT_BLOCKS, TOWNS } from './lists.ts';
import type { Heritage, NamePool } from './lists.ts';
import {
  addDays,
  addYears,
  ageOn,
  dateBetween,
  daysBetween,
  Identifiers,
  maxDate,
  minDate,
  receptionYear,
  type Rng,
} from './random.ts';

export type Sex = 'female' | 'male' | 'unknown';
export type Town = (typeof TOWNS)[number];
export interface Address {
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
}
/** An address and when someone lived there (to null: still does). */
export interface Residence {
  address: Address;
  from: string;
  to: string | null;
}

export interface Person {
  id: string;
  kind: 'child' | 'adult';
  unborn: boolean;
  expectedDate: string | null;
  given: string;
  family: string;
  dob: string | null;
  sex: Sex;
  ethnicity: string | null;
  nhs: string | null;
  upn: string | null;
  councilId: string | null;
  restricted: boolean;
  otherNames: { kind: 'alias' | 'former' | 'birth'; given: string; family: string }[];
  residences: Residence[];
}

export type Structure = 'couple' | 'single_mother' | 'blended' | 'kinship' | 'single_father';
/** 0 universal services only, 1 early help, 2 child in need, 3 child protection. */
export type Level = 0 | 1 | 2 | 3;

export interface Family {
  index: number;
  structure: Structure;
  level: Level;
  town: Town;
  children: Person[];
  mother?: Person;
  father?: Person;
  step?: Person;
  grandmother?: Person;
  grandfather?: Person;
  /** Where the family lived, oldest first. */
  homes: Residence[];
  separatedOn?: string;
  stepFrom?: string;
  kinshipFrom?: string;
  domesticAbuse: boolean;
  probation: boolean;
  housing: boolean;
  familySupport: boolean;
}

const STRUCTURES: { value: Structure; weight: number }[] = [
  { value: 'couple', weight: 42 },
  { value: 'single_mother', weight: 28 },
  { value: 'blended', weight: 16 },
  { value: 'kinship', weight: 7 },
  { value: 'single_father', weight: 7 },
];
const LEVELS: { value: Level; weight: number }[] = [
  { value: 0, weight: 50 },
  { value: 1, weight: 24 },
  { value: 2, weight: 17 },
  { value: 3, weight: 9 },
];
const SIZES = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5];
const YEAR = 365;

/** Generates whole families until there are `children` children (unborn ones included). */
export function generateFamilies(rng: Rng, ids: Identifiers, today: string, children: number): Family[] {
  const families: Family[] = [];
  let count = 0;
  while (count < children) {
    const family = makeFamily(rng, ids, today, families.length, children - count);
    families.push(family);
    count += family.children.length;
  }
  return families;
}

function makeFamily(rng: Rng, ids: Identifiers, today: string, index: number, remaining: number): Family {
  const heritage = rng.weighted(HERITAGE_WEIGHTS);
  const pool = NAME_POOLS[heritage];
  // Some British mothers have a partner of African or Caribbean heritage: children of mixed heritage.
  const mixed = heritage === 'british' && rng.chance(0.07);
  const fatherPool = mixed ? NAME_POOLS[rng.pick<Heritage>(['african', 'caribbean'])] : pool;
  const structure = rng.weighted(STRUCTURES);
  const level = rng.weighted(LEVELS);
  const town = rng.pick(TOWNS);

  // Children's birth dates, oldest first; one may still be on the way.
  const dobs: string[] = [];
  let expected: string | undefined;
  const pregnant = structure !== 'kinship' && structure !== 'single_father';
  if (pregnant && rng.chance(0.03)) {
    expected = addDays(today, rng.int(30, 170));
  } else {
    // One child at a random age, then brothers and sisters older or younger, all under 18.
    const size = Math.min(remaining, rng.pick(SIZES));
    const eldest = addDays(today, -(18 * YEAR - 30));
    dobs.push(dateBetween(rng, eldest, today));
    while (dobs.length < size) {
      const gap = rng.int(330, 1500);
      const older = addDays(dobs[0]!, -gap);
      if (rng.chance(0.5) && older >= eldest) {
        dobs.unshift(older);
        continue;
      }
      const younger = addDays(dobs.at(-1)!, gap);
      if (younger > today) {
        if (pregnant && younger <= addDays(today, 170) && younger >= addDays(today, 30)) expected = younger;
        break;
      }
      dobs.push(younger);
    }
  }
  const first = dobs[0] ?? expected!;
  const last = dobs.at(-1) ?? first;

  const adult = (p: NamePool, sex: 'female' | 'male', dob: string, family: string, elder = false): Person =>
    person(rng, {
      kind: 'adult',
      given: rng.pick(sex === 'female' ? (elder ? p.elderWomen : p.women) : elder ? p.elderMen : p.men),
      family,
      dob,
      sex,
      ethnicity: p.ethnicity,
      nhs: rng.chance(0.92) ? ids.nhs() : null,
    });

  const motherBirthName = rng.pick(pool.surnames);
  const fatherName = rng.pick(fatherPool.surnames);
  // Mothers are 17 to 38 at their first child and at most 45 at their last.
  const span = daysBetween(first, expected ?? last);
  const motherDob = addDays(
    first,
    -rng.int(17 * YEAR, Math.max(17 * YEAR, Math.min(38 * YEAR, 45 * YEAR - span))),
  );
  const married = structure === 'couple' ? rng.chance(0.55) : rng.chance(0.2);
  const mother = adult(pool, 'female', motherDob, married ? fatherName : motherBirthName);
  if (married) mother.otherNames.push({ kind: 'birth', given: mother.given, family: motherBirthName });
  const fatherKnown = structure === 'couple' || structure === 'single_father' || rng.chance(0.7);
  const father = fatherKnown
    ? adult(
        fatherPool,
        'male',
        minDate(addDays(motherDob, -rng.int(-2 * YEAR, 8 * YEAR)), addDays(first, -18 * YEAR)),
        fatherName,
      )
    : undefined;

  const family: Family = {
    index,
    structure,
    level,
    town,
    children: [],
    homes: [],
    domesticAbuse: false,
    probation: false,
    housing: level >= 1 ? rng.chance(0.25) : rng.chance(0.04),
    familySupport: level === 1 ? rng.chance(0.35) : level === 2 ? rng.chance(0.15) : false,
  };
  if (structure !== 'single_father') family.mother = mother;
  if (father) family.father = father;

  // Where the family lived: the current home and, for about half, the one before.
  const movedIn = dateBetween(rng, addDays(first, -2 * YEAR), addDays(today, -45));
  if (rng.chance(0.5)) {
    const before = rng.chance(0.7) ? town : rng.pick(TOWNS);
    family.homes.push({
      address: address(rng, before),
      from: addDays(movedIn, -rng.int(YEAR, 8 * YEAR)),
      to: addDays(movedIn, -1),
    });
  }
  family.homes.push({ address: address(rng, town), from: movedIn, to: null });
  const familyStart = family.homes[0]!.from;

  if (structure === 'single_mother' || structure === 'blended' || structure === 'kinship') {
    family.separatedOn = dateBetween(rng, addDays(last, 60), addDays(today, -30));
    if (family.separatedOn > today) family.separatedOn = undefined;
  }
  if (structure === 'blended') {
    const stepDob = addDays(motherDob, -rng.int(-4 * YEAR, 10 * YEAR));
    const stepPool = rng.chance(0.8) ? pool : NAME_POOLS.british;
    family.step = adult(stepPool, 'male', stepDob, rng.pick(stepPool.surnames));
    family.stepFrom = minDate(
      dateBetween(rng, family.separatedOn ?? addDays(last, 90), addDays(today, -20)),
      today,
    );
  }
  if (structure === 'kinship') {
    const gmDob = addDays(motherDob, -rng.int(18 * YEAR, 30 * YEAR));
    family.grandmother = adult(pool, 'female', gmDob, motherBirthName, true);
    if (rng.chance(0.5))
      family.grandfather = adult(pool, 'male', addDays(gmDob, -rng.int(0, 5 * YEAR)), motherBirthName, true);
    family.kinshipFrom = minDate(dateBetween(rng, addDays(last, 30), addDays(today, -14)), today);
  }

  // The children.
  const childFamily = (): string => {
    if (structure === 'couple' || structure === 'single_father')
      return rng.chance(0.8) ? fatherName : mother.family;
    return father && rng.chance(0.4) ? fatherName : mother.family;
  };
  const given = new Set<string>();
  const childEthnicity = mixed ? (fatherPool === NAME_POOLS.african ? 'MWBA' : 'MWBC') : pool.ethnicity;
  for (const dob of dobs) {
    const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
    let name = rng.pick(sex === 'female' ? pool.girls : pool.boys);
    for (let tries = 0; given.has(name) && tries < 5; tries++)
      name = rng.pick(sex === 'female' ? pool.girls : pool.boys);
    given.add(name);
    const age = ageOn(dob, today);
    const schoolAge = today >= `${receptionYear(dob)}-09-01`;
    const child = person(rng, {
      kind: 'child',
      given: name,
      family: childFamily(),
      dob,
      sex,
      ethnicity: childEthnicity,
      nhs: ids.nhs(),
    });
    if (schoolAge && rng.chance(0.97)) {
      const school = town.primary === 'school1' ? '2041' : '3307';
      child.upn = ids.upn(school, receptionYear(dob)) ?? null;
    }
    if (level >= 1 || rng.chance(0.05)) child.councilId = ids.councilId();
    if (family.step && rng.chance(0.15)) {
      child.otherNames.push({ kind: 'former', given: child.given, family: child.family });
      child.family = family.step.family;
    }
    if (age >= 13 && rng.chance(0.04))
      child.otherNames.push({
        kind: 'alias',
        given: rng.pick(pool.boys.concat(pool.girls)),
        family: child.family,
      });
    family.children.push(child);
  }
  if (expected) {
    family.children.push(
      person(rng, {
        kind: 'child',
        given: '',
        family: mother.family,
        dob: null,
        sex: 'unknown',
        ethnicity: null,
        nhs: null,
        unborn: true,
        expectedDate: expected,
      }),
    );
  }
  for (const a of [family.mother, family.father, family.step])
    if (a && rng.chance(0.05))
      a.otherNames.push({
        kind: 'alias',
        given: rng.pick(a.sex === 'female' ? pool.women : pool.men),
        family: a.family,
      });

  // Abuse and offending need a man in the picture; they come with higher levels of need.
  const perpetrator = family.step ?? family.father;
  if (perpetrator) {
    family.domesticAbuse = rng.chance([0.03, 0.1, 0.35, 0.6][level]!);
    family.probation = family.domesticAbuse && rng.chance(level === 3 ? 0.5 : 0.2);
  }
  placeResidences(rng, family, familyStart);
  return family;
}

/** Everyone's addresses over time, from the family's homes and who lived in them when. */
function placeResidences(rng: Rng, f: Family, familyStart: string): void {
  const live = (p: Person | undefined, from: string, to: string | null) => {
    if (!p) return;
    for (const h of f.homes) {
      const start = maxDate(h.from, from);
      const end = to === null ? h.to : h.to === null ? to : h.to < to ? h.to : to;
      if (end === null || start <= end) p.residences.push({ address: h.address, from: start, to: end });
    }
  };
  const own = (p: Person | undefined, from: string) => {
    if (p) p.residences.push({ address: address(rng, rng.pick(TOWNS)), from, to: null });
  };
  const kin = f.kinshipFrom;
  live(f.mother, familyStart, kin ? addDays(kin, -1) : null);
  if (kin) own(f.mother, kin);
  if (f.separatedOn) {
    live(f.father, familyStart, addDays(f.separatedOn, -1));
    own(f.father, f.separatedOn);
  } else if (f.structure === 'single_mother' || f.structure === 'blended' || f.structure === 'kinship') {
    own(f.father, familyStart);
  } else {
    live(f.father, familyStart, null);
  }
  if (f.step && f.stepFrom) {
    f.step.residences.push({
      address: address(rng, rng.pick(TOWNS)),
      from: addDays(f.stepFrom, -rng.int(YEAR, 6 * YEAR)),
      to: addDays(f.stepFrom, -1),
    });
    live(f.step, f.stepFrom, null);
  }
  const grandHome: Residence | undefined = f.grandmother
    ? { address: address(rng, f.town), from: addYears(f.grandmother.dob!, 25), to: null }
    : undefined;
  for (const g of [f.grandmother, f.grandfather]) if (g && grandHome) g.residences.push({ ...grandHome });
  for (const c of f.children) {
    if (!c.dob) continue;
    live(c, c.dob, kin ? addDays(kin, -1) : null);
    if (kin && grandHome)
      c.residences.push({ address: grandHome.address, from: maxDate(kin, c.dob), to: null });
  }
}

function person(
  rng: Rng,
  p: Pick<Person, 'kind' | 'given' | 'family' | 'dob' | 'sex' | 'ethnicity' | 'nhs'> &
    Partial<Pick<Person, 'unborn' | 'expectedDate'>>,
): Person {
  return {
    id: rng.uuid(),
    unborn: false,
    expectedDate: null,
    upn: null,
    councilId: null,
    restricted: false,
    otherNames: [],
    residences: [],
    ...p,
  };
}

export function address(rng: Rng, town: Town): Address {
  const street = `${rng.pick(STREET_WORDS)} ${rng.pick(STREET_KINDS)}`;
  const postcode = Identifiers.postcode(rng, rng.pick(town.districts));
  if (rng.chance(0.15))
    return {
      line1: `Flat ${rng.int(1, 40)}, ${rng.pick(FLAT_BLOCKS)}`,
      line2: street,
      town: town.name,
      postcode,
    };
  return { line1: `${rng.int(1, 140)} ${street}`, line2: null, town: town.name, postcode };
}
