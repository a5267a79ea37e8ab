/**
 * A UK-style synthetic population and record sets with known truth, for the matching benchmark.
 * Seeded, so a run repeats. Households of adults and children share a family name and an address;
 * twins share a date of birth and address but not a given name (and must not be matched). Records of
 * one person differ as real ones do: typing slips, nicknames, names the other way round, a family name
 * changed on marriage or separation, double-barrelled names, day and month swapped, a digit wrong,
 * only a year known, moves to a new address and postcode, and missing fields.
 */
import { fakerEN_GB } from '@faker-js/faker';
import { seededRandom } from '../../src/features/matching/engine/link.ts';
import type { MatchRecord } from '../../src/features/matching/engine/record.ts';

// Common names first: picks favour the start of each list (a Zipf-like spread); the long tail
// comes from faker's name lists.
const TOP_FAMILY = `smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson
thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin
cooper hill ward morris moore clark lee king baker harrison morgan allen james scott phillips watson davis
parker price bennett young griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy
miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell
webb rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler
russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson
bradley spencer gill dawson ball burton o'brien watts rose booth perry ryan grant wells armstrong francis rees
hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods parsons berry
stone reid holland hawkins harding porter robertson newton oliver reed kennedy williamson bird gardner shah`;
const TOP_FEMALE = `olivia amelia isla ava mia ivy lily isabella rosie sophia grace freya willow florence emily
ella poppy evie elsie charlotte evelyn sienna sofia daisy phoebe sophie alice harper matilda ruby emilia maya
millie isabelle eva luna jessica lucy chloe sarah emma laura rebecca hannah amy lauren katie megan rachel
claire nicola louise kelly michelle samantha gemma karen julie helen susan elizabeth margaret catherine
jennifer victoria zoe leah holly abigail eleanor harriet niamh aisha fatima zara maryam amira`;
const TOP_MALE = `noah muhammad george oliver leo arthur oscar theodore freddie theo harry alfie jack finley
archie henry charlie thomas jacob william lucas isaac teddy edward james joshua daniel samuel joseph benjamin
matthew ryan liam dylan ethan mason logan max adam luke callum connor jamie lewis nathan kieran jordan
michael david christopher andrew mark paul richard stephen robert peter anthony kevin gary darren lee craig
ian simon jason wayne dean ali omar yusuf ibrahim hamza`;
const TOWNS = `norwich,ipswich,cambridge,peterborough,colchester,chelmsford,lowestoft,great yarmouth,kings lynn,
thetford,bury st edmunds,sudbury,dereham,wymondham,diss,cromer,fakenham,swaffham,downham market,attleborough,
felixstowe,stowmarket,haverhill,newmarket,ely,march,wisbech,huntingdon,st neots,st ives,braintree,harwich,
clacton on sea,witham,halstead,beccles,bungay,aylsham,north walsham,sheringham,hunstanton,watton`;
const STREET_STEMS = `station church mill park school high green chapel manor victoria queens kings albert
orchard willow beech oak ash elm cedar meadow brook spring river bridge castle abbey priory grange hall farm
windmill forge rectory vicarage nelson wellington churchill st johns st marys st peters coronation jubilee`;
const STREET_TYPES =
  'road street lane close avenue drive way court gardens crescent grove terrace walk view rise';
const OUTWARD = ['NR', 'IP', 'CB', 'PE', 'CO', 'CM', 'SG', 'LN'];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The generator's own idea of pet names (deliberately not the matcher's table). */
const PET: Record<string, string[]> = {
  william: ['bill', 'will', 'billy'],
  elizabeth: ['liz', 'beth', 'lizzie'],
  margaret: ['maggie', 'peggy'],
  katherine: ['kate', 'katie'],
  catherine: ['cathy', 'kate'],
  robert: ['rob', 'bob', 'bobby'],
  james: ['jim', 'jamie'],
  thomas: ['tom', 'tommy'],
  joseph: ['joe', 'joey'],
  samuel: ['sam', 'sammy'],
  samantha: ['sam'],
  benjamin: ['ben', 'benji'],
  alexander: ['alex', 'alfie'],
  daniel: ['dan', 'danny'],
  michael: ['mike', 'mick'],
  christopher: ['chris'],
  matthew: ['matt'],
  rebecca: ['becky', 'becca'],
  jessica: ['jess'],
  victoria: ['vicky', 'tori'],
  jennifer: ['jenny', 'jen'],
  nicola: ['nicky', 'nikki'],
  theodore: ['theo', 'teddy'],
  frederick: ['freddie', 'fred'],
  edward: ['eddie', 'ted'],
  harry: ['haz'],
  richard: ['rich', 'ricky'],
  anthony: ['tony'],
  andrew: ['andy', 'drew'],
  oliver: ['ollie'],
  isabella: ['bella', 'izzy'],
  eleanor: ['ellie', 'nell'],
  charlotte: ['lottie', 'charlie'],
  abigail: ['abbie', 'abi'],
  sophia: ['sophie'],
  olivia: ['liv', 'livvy'],
  jacob: ['jake'],
  matilda: ['tilly'],
  florence: ['flo'],
  stephen: ['steve'],
  david: ['dave'],
  susan: ['sue', 'suzy'],
};

const words = (s: string) => s.trim().split(/\s+/);
const capital = (s: string) =>
  s.replace(/(^|[\s'-])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());

export interface Person {
  entity: string;
  given: string;
  family: string;
  formerFamily?: string;
  dob: string;
  sex: 'female' | 'male';
  child: boolean;
  nhs: string;
  upn?: string;
  household: number;
}

export interface Address {
  line1: string;
  town: string;
  postcode: string;
}

export interface Household {
  address: Address;
  previous?: Address;
  members: Person[];
}

export class UkGenerator {
  readonly rand: () => number;
  private readonly family: string[];
  private readonly female: string[];
  private readonly male: string[];
  private readonly towns = TOWNS.split(/,\s*/).map(capital);
  private nextEntity = 0;
  private nextHousehold = 0;

  constructor(seed: number) {
    this.rand = seededRandom(seed);
    const d = fakerEN_GB.definitions.person;
    const tail = (list: readonly string[] | undefined) => (list ?? []).map((s) => s.toLowerCase());
    this.family = [...words(TOP_FAMILY), ...tail(d?.last_name?.generic)];
    this.female = [...words(TOP_FEMALE), ...tail(d?.first_name?.female)];
    this.male = [...words(TOP_MALE), ...tail(d?.first_name?.male)];
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)] as T;
  }
  /** Zipf-like: P(index i) falls as 1 / (i + c), so the first names of a list are far more common. */
  zipf(list: readonly string[], c: number): string {
    const i = Math.floor(c * Math.pow((list.length + c) / c, this.rand()) - c);
    return list[Math.min(i, list.length - 1)] as string;
  }
  givenName(sex: 'female' | 'male'): string {
    return this.zipf(sex === 'female' ? this.female : this.male, 8);
  }
  familyName(): string {
    return this.zipf(this.family, 25);
  }

  nhsNumber(): string {
    for (;;) {
      const digits = Array.from({ length: 9 }, () => this.int(0, 9));
      const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      return digits.join('') + String(check === 11 ? 0 : check);
    }
  }

  upn(): string {
    const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
    const rest = `${this.int(800, 940)}${String(this.int(0, 99_999_999)).padStart(8, '0')}${this.int(0, 9)}`;
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(rest[i]) * (i + 2);
    return letters[sum % 23] + rest;
  }

  address(): Address {
    const pc = `${this.pick(OUTWARD)}${this.int(1, 30)} ${this.int(0, 9)}${this.pick([...UNIT_LETTERS])}${this.pick([...UNIT_LETTERS])}`;
    const street = `${capital(this.pick(words(STREET_STEMS)))} ${capital(this.pick(words(STREET_TYPES)))}`;
    return { line1: `${this.int(1, 180)} ${street}`, town: this.pick(this.towns), postcode: pc };
  }

  dob(minAge: number, maxAge: number): string {
    const day = new Date(
      Date.UTC(2025, 0, 1) - (minAge * 365.25 + this.rand() * (maxAge - minAge) * 365.25) * 864e5,
    );
    return day.toISOString().slice(0, 10);
  }

  private person(
    sex: 'female' | 'male',
    family: string,
    dob: string,
    child: boolean,
    household: number,
  ): Person {
    const p: Person = {
      entity: `p${this.nextEntity++}`,
      given: this.givenName(sex),
      family,
      dob,
      sex,
      child,
      nhs: this.nhsNumber(),
      household,
    };
    if (child && Number(dob.slice(0, 4)) <= 2021 && this.chance(0.8)) p.upn = this.upn();
    return p;
  }

  /** One household: one or two adults, often children, now and then twins. */
  household(): Household {
    const id = this.nextHousehold++;
    const surname = this.familyName();
    const members: Person[] = [];
    const couple = this.chance(0.6);
    const mother = this.person('female', surname, this.dob(19, 60), false, id);
    if (couple && this.chance(0.6)) {
      mother.formerFamily = this.familyName(); // took her partner's name on marriage
    }
    members.push(mother);
    if (couple) {
      const partnerName = this.chance(0.75) ? surname : this.familyName();
      members.push(this.person('male', partnerName, this.dob(20, 65), false, id));
    }
    const kids = this.chance(0.7) ? this.int(1, 4) : 0;
    for (let k = 0; k < kids; k++) {
      const sex = this.chance(0.5) ? 'female' : 'male';
      const child = this.person(sex, surname, this.dob(0, 17), true, id);
      members.push(child);
      if (this.chance(0.04)) {
        // Twins: same date of birth and address, a different given name that is not similar.
        const twinSex = this.chance(0.5) ? sex : sex === 'female' ? 'male' : 'female';
        const twin = this.person(twinSex, surname, child.dob, true, id);
        while (twin.given[0] === child.given[0] || PET[twin.given]?.includes(child.given)) {
          twin.given = this.givenName(twinSex);
        }
        members.push(twin);
      }
    }
    const h: Household = { address: this.address(), members };
    if (this.chance(0.25)) h.previous = this.address();
    return h;
  }

  typo(s: string): string {
    if (s.length < 3) return s;
    const i = this.int(1, s.length - 2);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    switch (this.int(0, 3)) {
      case 0:
        return s.slice(0, i) + s.slice(i + 1);
      case 1:
        return s.slice(0, i) + this.pick([...letters]) + s.slice(i);
      case 2:
        return s.slice(0, i) + this.pick([...letters]) + s.slice(i + 1);
      default:
        return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
    }
  }

  private corruptDob(dob: string): string | undefined {
    const [y, m, d] = dob.split('-') as [string, string, string];
    const r = this.rand();
    if (r < 0.04 && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
    if (r < 0.08) {
      const parts = [y, m, d];
      const at = this.int(1, 2);
      const part = parts[at] as string;
      const pos = this.int(0, 1);
      const digit = String((Number(part[pos]) + this.int(1, 8)) % 10);
      const next = pos === 0 ? digit + part[1] : part[0] + digit;
      const max = at === 1 ? 12 : 28;
      if (Number(next) >= 1 && Number(next) <= max) parts[at] = next;
      return parts.join('-');
    }
    if (r < 0.1) return y;
    if (r < 0.14) return undefined;
    return dob;
  }

  /** A record of a person as some agency holds it: more or less faithful. */
  record(p: Person, h: Household, id: string, clean: boolean): MatchRecord {
    let given: string | undefined = p.given;
    let family: string | undefined =
      p.formerFamily && this.chance(clean ? 0.1 : 0.3) ? p.formerFamily : p.family;
    let dob = p.dob as string | undefined;
    let sex: string | undefined = p.sex;
    let address: Address | undefined = h.previous && this.chance(0.3) ? h.previous : h.address;
    let nhs: string | undefined = this.chance(0.5) ? p.nhs : undefined;
    if (!clean) {
      if (this.chance(0.1)) given = this.typo(given);
      else if (PET[given] && this.chance(0.4)) given = this.pick(PET[given] as string[]);
      else if (this.chance(0.03)) given = given[0];
      else if (this.chance(0.04)) {
        const other = this.givenName(p.sex);
        given = this.chance(0.5) ? `${given} ${other}` : `${other} ${given}`; // a middle name, or goes by it
      }
      if (this.chance(0.08)) family = this.typo(family);
      else if (p.child && this.chance(0.04)) family = `${family}-${this.familyName()}`;
      else if (!p.child && p.sex === 'female' && this.chance(0.04)) family = this.familyName(); // separation
      if (this.chance(0.02)) [given, family] = [family, given];
      if (this.chance(0.01)) given = undefined;
      dob = this.corruptDob(p.dob);
      if (this.chance(0.1)) sex = undefined;
      else if (this.chance(0.005)) sex = p.sex === 'female' ? 'male' : 'female'; // recorded wrongly
      if (this.chance(0.12)) address = this.address(); // moved on, or an address we never held
      if (address && this.chance(0.03))
        address = { ...address, postcode: this.typo(address.postcode.toLowerCase()) };
      if (address && this.chance(0.1)) address = { ...address, line1: this.typo(address.line1) };
      if (this.chance(0.08)) address = undefined;
      if (nhs && this.chance(0.004)) nhs = this.nhsNumber();
    }
    let household = this.chance(0.4)
      ? h.members.filter((m) => m !== p).map((m) => ({ given: m.given, family: m.family, dob: m.dob }))
      : undefined;
    if (household && !clean && this.chance(0.15)) {
      // Households change: a new partner, a lodger, someone left.
      const partner = this.chance(0.5) ? 'female' : 'male';
      household = [
        ...household.filter(() => this.chance(0.4)),
        { given: this.givenName(partner), family: this.familyName(), dob: this.dob(20, 60) },
      ];
    }
    return {
      id,
      names: [{ given: given ? capital(given) : undefined, family: family ? capital(family) : undefined }],
      dob,
      sex,
      nhsNumber: nhs,
      upn: p.upn && this.chance(0.3) ? p.upn : undefined,
      addresses: address ? [address] : [],
      household,
    };
  }
}

/**
 * About n records of whole households: each person has one to four records, the first faithful.
 * truth[i] is the person behind records[i].
 */
export function generateUkSynthetic(n: number, seed = 1): { records: MatchRecord[]; truth: string[] } {
  const g = new UkGenerator(seed);
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  while (records.length < n) {
    const h = g.household();
    for (const p of h.members) {
      const r = g.rand();
      const copies = r < 0.45 ? 1 : r < 0.75 ? 2 : r < 0.92 ? 3 : 4;
      for (let c = 0; c < copies && records.length < n; c++) {
        records.push(g.record(p, h, `${p.entity}-${c}`, c === 0));
        truth.push(p.entity);
      }
    }
  }
  // Shuffle, so that the order of the file says nothing.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(g.rand() * (i + 1));
    [records[i], records[j]] = [records[j] as MatchRecord, records[i] as MatchRecord];
    [truth[i], truth[j]] = [truth[j] as string, truth[i] as string];
  }
  return { records, truth };
}
