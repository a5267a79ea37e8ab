import type { Family, Person } from './population.ts';
import { addDays, addYears, ageOn, dateBetween, maxDate, receptionYear, type Rng } from './random.ts';
import { fill, STORIES, type StoryContext, type StoryKey, type Visibility } from './stories.ts';

/** One chronology entry before it has database ids: the agency is still a reference. */
export interface Entry {
  person: Person;
  on: string;
  story: StoryKey;
  summary: string;
  visibility: Visibility;
  /** The DEMO_AGENCIES key of the agency that recorded it. */
  agency: string;
}

export const MAX_ENTRIES = 30;
const SCHOOL_NAMES: Record<string, string> = {
  school1: 'Kingsmead Primary School',
  school2: 'Elm Valley Academy',
  school3: 'St Aldhelm’s Primary School',
};

/** The school a child attended on a date (undefined before reception). */
export function schoolOn(family: Family, child: Person, on: string): string | undefined {
  if (!child.dob) return undefined;
  const reception = receptionYear(child.dob);
  if (on < `${reception}-09-01`) return undefined;
  return on >= `${reception + 7}-09-01` ? 'school2' : family.town.primary;
}

/** Family-wide events (they appear on each child's chronology) and each child's own history. */
export function chronology(rng: Rng, family: Family, today: string): Entry[] {
  const events: { on: string; story: StoryKey }[] = [];
  const add = (story: StoryKey, on: string) => {
    if (on <= today) events.push({ on, story });
  };
  const born = family.children.filter((c) => c.dob);
  const oldest = born[0]?.dob ?? addDays(today, -200);
  const trouble = dateBetween(rng, maxDate(oldest, addDays(today, -5 * 365)), addDays(today, -60));
  const { level } = family;

  if (level >= 1) {
    add('earlyHelpStart', trouble);
    add('teamAroundFamily', addDays(trouble, rng.int(30, 90)));
    if (level === 1 && rng.chance(0.6)) add('earlyHelpClosed', addDays(trouble, rng.int(150, 300)));
    if (family.familySupport) add('familySupport', addDays(trouble, rng.int(7, 40)));
    if (rng.chance(0.1) && family.mother) add('gpPrivate', dateBetween(rng, trouble, today));
  }
  if (level >= 2) {
    const referral = dateBetween(rng, addDays(trouble, 60), today);
    add(family.domesticAbuse ? 'referralPolice' : rng.pick(['referralSchool', 'referralHealth']), referral);
    if (level === 3) {
      add('strategy', addDays(referral, rng.int(1, 3)));
      const icpc = addDays(referral, rng.int(15, 21));
      add('conference', icpc);
      for (let i = 1; i <= 4; i++) add('coreGroup', addDays(icpc, 10 + i * rng.int(25, 40)));
      add('reviewConference', addDays(icpc, 91));
    } else {
      add('assessment', addDays(referral, rng.int(20, 45)));
      add('cinReview', addDays(referral, rng.int(100, 140)));
    }
    for (let i = rng.int(0, 2); i > 0; i--) add('policeCall', dateBetween(rng, trouble, today));
    if (rng.chance(0.2)) add('policeIntel', dateBetween(rng, trouble, today));
  }
  if (family.domesticAbuse && family.mother) {
    const incidents = level === 3 ? rng.int(2, 5) : level === 2 ? rng.int(1, 3) : 1;
    for (let i = 0; i < incidents; i++) {
      const on = dateBetween(rng, trouble, today);
      const high = rng.chance(level >= 2 ? 0.5 : 0.2);
      add(high ? 'daHigh' : 'daStandard', on);
      if (high && rng.chance(0.6)) add('marac', addDays(on, rng.int(14, 35)));
      if (high && rng.chance(0.3)) add('daBreach', addDays(on, rng.int(5, 60)));
    }
  }
  if (family.probation) {
    add(rng.pick(['probationOrder', 'probationLicence'] as const), dateBetween(rng, trouble, today));
    if (rng.chance(0.5)) add('probationVisit', dateBetween(rng, trouble, today));
  }
  if (family.housing) {
    add(rng.pick(['arrears', 'damp'] as const), dateBetween(rng, trouble, today));
    if (level >= 2 && rng.chance(0.4))
      add(rng.pick(['possession', 'temporary'] as const), dateBetween(rng, trouble, today));
  }
  if (family.kinshipFrom) add('kinship', family.kinshipFrom);
  if (family.stepFrom && family.mother) add('partnerMovedIn', family.stepFrom);

  const entries: Entry[] = [];
  for (const child of family.children) {
    const own = child.unborn
      ? antenatal(rng, family, child, today)
      : childHistory(rng, family, child, today, trouble);
    const start = child.dob ?? addDays(child.expectedDate!, -280);
    const shared = events.filter(
      (e) => e.on >= start && (!child.unborn || UNBORN_STORIES.has(e.story)) && e.story !== 'partnerMovedIn',
    );
    if (family.stepFrom && child.dob && child.dob < family.stepFrom && ageOn(child.dob, today) < 5)
      shared.push(...events.filter((e) => e.story === 'partnerMovedIn'));
    let all = [...own, ...shared];
    if (all.length > MAX_ENTRIES) {
      const weight = { high: 0, medium: 1, low: 2 };
      all = all
        .map((e) => ({ e, k: weight[STORIES[e.story].significance] + rng.int(0, 100) / 100 }))
        .sort((a, b) => a.k - b.k)
        .slice(0, MAX_ENTRIES)
        .map((x) => x.e);
    }
    for (const e of all) entries.push(entry(rng, family, child, e.on, e.story));
  }
  return entries;
}

const UNBORN_STORIES = new Set<StoryKey>([
  'daHigh',
  'daStandard',
  'daBreach',
  'marac',
  'probationOrder',
  'probationLicence',
  'probationVisit',
  'arrears',
  'damp',
  'possession',
  'temporary',
]);

function antenatal(
  rng: Rng,
  family: Family,
  child: Person,
  today: string,
): { on: string; story: StoryKey }[] {
  // Expected dates are at most 170 days away: the first three appointments have happened.
  const conceived = addDays(child.expectedDate!, -280);
  const at = (a: number, b: number) => dateBetween(rng, addDays(conceived, a), addDays(conceived, b));
  const out: { on: string; story: StoryKey }[] = [
    { on: at(35, 50), story: 'pregnancyGp' },
    { on: at(56, 70), story: 'booking' },
    { on: at(84, 95), story: 'datingScan' },
    { on: at(135, 145), story: 'scan' },
    { on: at(180, 250), story: 'antenatalVisit' },
  ];
  if (family.level >= 2) out.push({ on: at(90, 200), story: 'preBirth' });
  return out.filter((e) => e.on <= today);
}

function childHistory(
  rng: Rng,
  family: Family,
  child: Person,
  today: string,
  trouble: string,
): { on: string; story: StoryKey }[] {
  const dob = child.dob!;
  const out: { on: string; story: StoryKey }[] = [];
  const add = (story: StoryKey, on: string) => {
    if (on <= today && on >= dob) out.push({ on, story });
  };
  const { level } = family;
  const age = ageOn(dob, today);
  add('birth', dob);
  add('birthNotice', dob);
  add('gpRegistered', addDays(dob, rng.int(5, 20)));
  add(level >= 2 && rng.chance(0.5) ? 'newBirthWorry' : 'newBirthVisit', addDays(dob, rng.int(10, 14)));
  add('gpCheck', addDays(dob, rng.int(42, 56)));
  add('immunisations', addDays(dob, rng.int(365, 400)));
  add(level >= 1 && rng.chance(0.5) ? 'review2Worry' : 'review2', addDays(addYears(dob, 2), rng.int(0, 90)));
  // The newest birth notice is enough for a newborn: a child always has at least three entries.
  if (out.length < 3) add('gpRegistered', today);

  const reception = receptionYear(dob);
  add('startedSchool', `${reception}-09-0${rng.int(3, 8)}`);
  const thisYear = Number(today.slice(0, 4));
  for (let y = Math.max(reception + 1, thisYear - 4); y <= thisYear; y++) {
    const story: StoryKey =
      level === 0
        ? 'attendanceGood'
        : level === 1
          ? rng.pick(['attendanceGood', 'attendanceFalling'] as const)
          : rng.pick(['attendanceFalling', 'attendancePoor'] as const);
    add(story, `${y}-07-${rng.int(14, 20)}`);
  }
  const from = (years: number) => maxDate(trouble, addYears(dob, years));
  if (level >= 1) {
    if (rng.chance(0.5)) add('gpWorry', dateBetween(rng, from(1), today));
    if (age >= 5 && rng.chance(0.3)) add('hungry', dateBetween(rng, from(5), today));
    if (rng.chance(0.3)) add('edMinor', dateBetween(rng, from(1), today));
  } else if (rng.chance(0.25)) {
    add('edMinor', dateBetween(rng, addYears(dob, 1), today));
  }
  if (level >= 2) {
    if (rng.chance(level === 3 ? 0.3 : 0.1)) add('edWorry', dateBetween(rng, from(1), today));
    if (level === 3 && trouble <= addDays(dob, 200) && rng.chance(0.25))
      add('edBaby', dateBetween(rng, maxDate(trouble, dob), addDays(dob, 200)));
    if (age >= 5 && family.domesticAbuse && rng.chance(0.4))
      add('disclosure', dateBetween(rng, from(5), today));
    if (age >= 12) {
      for (let i = rng.int(0, level === 3 ? 4 : 2); i > 0; i--)
        add('missing', dateBetween(rng, from(12), today));
      if (rng.chance(0.3)) add('youthJustice', dateBetween(rng, from(12), today));
      if (rng.chance(0.15)) add('overdose', dateBetween(rng, from(13), today));
      if (rng.chance(0.3)) add('schoolNurse', dateBetween(rng, from(11), today));
    }
    if (age >= 8 && rng.chance(0.3)) add('suspension', dateBetween(rng, from(8), today));
    if (age >= 12 && rng.chance(0.05)) add('permanentExclusion', dateBetween(rng, from(12), today));
  }
  return out;
}

function entry(rng: Rng, family: Family, child: Person, on: string, story: StoryKey): Entry {
  const st = STORIES[story];
  const partner = family.step ?? family.father;
  const kin = family.kinshipFrom && on >= family.kinshipFrom ? family.grandmother : undefined;
  const carer = kin ?? (family.structure === 'single_father' ? family.father : family.mother);
  const school = schoolOn(family, child, on) ?? family.town.primary;
  const ctx: StoryContext = {
    child: child.unborn ? 'the unborn baby' : child.given,
    mother: family.mother?.given ?? 'the children’s mother',
    partner: partner?.given ?? 'her partner',
    carer: carer?.given ?? 'the children’s mother',
    school: SCHOOL_NAMES[school] ?? 'school',
    town: family.town.name,
    pct: String(
      story === 'attendanceGood'
        ? rng.int(94, 99)
        : story === 'attendanceFalling'
          ? rng.int(85, 91)
          : rng.int(62, 80),
    ),
  };
  let visibility: Visibility = st.visibility ?? 'partnership';
  if (story === 'daHigh' && rng.chance(0.4)) visibility = 'mash_and_allocated';
  return {
    person: child,
    on,
    story,
    summary: fill(rng.pick(st.text), ctx),
    visibility,
    agency: st.agency === 'school' ? school : st.agency,
  };
}
