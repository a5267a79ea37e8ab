/**
 * Anonymising a review's report: each person linked to the review (the child, siblings, the adults
 * around them) and each professional named is replaced by the review's pseudonym ("Child Ak",
 * "Adult 1") wherever a name, former name, alias or common short form of a first name occurs: in
 * any case, with a possessive, hyphenated, or broken across a line. Dates of birth (in the ways
 * people write dates) and addresses (first line, postcode) are removed. `findHits` is the check
 * that refuses publication: it uses the same patterns, so what anonymising misses the check names.
 * Pure functions, no database: unit-tested hard (anonymise.unit.test.ts).
 */

export interface Subject {
  pseudonym: string;
  /** Full names, former names and aliases as recorded ("Jonathan Smith", "Jon Smith-Jones"). */
  names: string[];
  /** Dates of birth, YYYY-MM-DD. */
  datesOfBirth?: string[];
  addresses?: { line1: string; postcode?: string | null }[];
}

export interface Change {
  found: string;
  replacedBy: string;
  line: number;
}

export interface Hit {
  found: string;
  /** Whose name, date of birth or address it is: the pseudonym. */
  of: string;
  what: 'name' | 'date of birth' | 'address';
  line: number;
}

/** Common short forms of first names (both ways: a child recorded as "Jon" is also "Jonathan"). */
const SHORT_FORMS: Record<string, string[]> = {
  jonathan: ['jon', 'jonny', 'jonty', 'jono'],
  john: ['johnny', 'jack'],
  william: ['will', 'bill', 'billy', 'liam', 'willy'],
  robert: ['rob', 'bob', 'bobby', 'robbie', 'bert'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby'],
  katherine: ['kate', 'katie', 'kath', 'kathy', 'kat'],
  catherine: ['cath', 'cathy', 'kate', 'katie', 'cat'],
  michael: ['mike', 'mikey', 'mick', 'micky'],
  thomas: ['tom', 'tommy'],
  james: ['jim', 'jimmy', 'jamie'],
  daniel: ['dan', 'danny'],
  samuel: ['sam', 'sammy'],
  samantha: ['sam', 'sammy'],
  alexander: ['alex', 'alec', 'sandy'],
  alexandra: ['alex', 'lexi', 'sandy'],
  christopher: ['chris', 'kit'],
  nicholas: ['nick', 'nicky'],
  benjamin: ['ben', 'benny'],
  matthew: ['matt', 'matty'],
  joseph: ['joe', 'joey'],
  joshua: ['josh'],
  rebecca: ['becky', 'becca'],
  jessica: ['jess', 'jessie'],
  margaret: ['maggie', 'meg', 'peggy'],
  victoria: ['vicky', 'tori'],
  charlotte: ['lottie', 'charlie'],
  charles: ['charlie', 'chas'],
  anthony: ['tony'],
  edward: ['ed', 'eddie', 'ted'],
  richard: ['rich', 'rick', 'ricky'],
  stephen: ['steve', 'stevie'],
  steven: ['steve', 'stevie'],
  patrick: ['pat', 'paddy'],
  olivia: ['liv', 'livvy'],
  amelia: ['millie'],
  abigail: ['abi', 'abby'],
  zachary: ['zach', 'zac'],
  henry: ['harry', 'hal'],
  frederick: ['fred', 'freddie'],
  oliver: ['ollie'],
  isabella: ['izzy', 'bella'],
  isabel: ['izzy'],
  jennifer: ['jen', 'jenny'],
  susan: ['sue', 'susie'],
  deborah: ['debbie', 'deb'],
  kimberley: ['kim'],
  andrew: ['andy', 'drew'],
  david: ['dave', 'davy'],
  peter: ['pete'],
  gregory: ['greg'],
  lawrence: ['laurie', 'larry'],
  nathaniel: ['nate', 'nat'],
  gabriel: ['gabe'],
  timothy: ['tim', 'timmy'],
};

/**
 * Short forms that are also everyday words: matched only with a capital first letter, so that
 * "will" and "pat" in a sentence stay ("Will", "WILL" and "Pat" are still replaced).
 */
const EVERYDAY_WORDS = new Set([
  'will',
  'bill',
  'pat',
  'rob',
  'sue',
  'kit',
  'cat',
  'hal',
  'ed',
  'dan',
  'meg',
  'nat',
  'sandy',
  'drew',
  'rich',
  'jack',
]);

function shortFormsOf(given: string): string[] {
  const g = given.toLowerCase();
  const out = new Set(SHORT_FORMS[g] ?? []);
  for (const [full, shorts] of Object.entries(SHORT_FORMS)) if (shorts.includes(g)) out.add(full);
  out.delete(g);
  return [...out];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A word may be broken across a line by a hyphen at the line's end ("Jona-\nthan"). */
const SOFT_BREAK = '(?:-[ \\t]*\\r?\\n[ \\t]*)?';
/** Between two words of a name: spaces or a line break, or a hyphen (with a line break after it). */
const BETWEEN = '(?:[ \\t]*-[ \\t]*(?:\\r?\\n[ \\t]*)?|\\s+)';
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** One word as a pattern: its letters, with an optional soft break between any two. */
function wordPattern(word: string): string {
  return [...word].map(escape).join(SOFT_BREAK);
}

/** A name of one or more words: the words with spaces, line breaks or hyphens between them. */
function namePattern(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(wordPattern)
    .join(BETWEEN);
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A date of birth in the ways people write it: 29/02/2016, 29.2.16, 29th February 2016, Feb 29, 2016. */
function datePattern(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const day = `0?${Number(d)}`;
  const month = `0?${Number(mo)}`;
  const year = `(?:${y}|${y!.slice(2)})`;
  const name = MONTHS[Number(mo) - 1]!;
  const monthWord = `(?:${name}|${name.slice(0, 3)}\\.?)`;
  const ord = '(?:st|nd|rd|th)?';
  const sp = '\\s+';
  return [
    `${y}-${mo}-${d}`,
    `${day}\\s*[/.-]\\s*${month}\\s*[/.-]\\s*${year}`,
    `${day}${ord}(?:${sp}of)?${sp}${monthWord},?${sp}${y}`,
    `${monthWord}${sp}${day}${ord},?${sp}${y}`,
  ].join('|');
}

/** A postcode with or without its space, in any case. */
function postcodePattern(postcode: string): string {
  const p = postcode.replace(/\s+/g, '').toUpperCase();
  if (p.length < 5) return wordPattern(p);
  return `${wordPattern(p.slice(0, -3))}\\s*${wordPattern(p.slice(-3))}`;
}

interface Rule {
  pattern: string;
  of: string;
  what: Hit['what'];
  replacement: string;
  /** Longer first: "Jonathan Smith" before "Jonathan". */
  weight: number;
  /** An everyday word ("will"): a match counts only with a capital first letter. */
  capitalOnly?: boolean;
}

function rulesOf(subjects: readonly Subject[]): Rule[] {
  const rules: Rule[] = [];
  const add = (
    pattern: string,
    s: Subject,
    what: Hit['what'],
    replacement: string,
    weight: number,
    capitalOnly = false,
  ) => rules.push({ pattern, of: s.pseudonym, what, replacement, weight, capitalOnly });
  for (const s of subjects) {
    const words = new Set<string>();
    for (const full of s.names) {
      const parts = full.split(/\s+/).filter((w) => w.length > 1);
      if (parts.length > 1) {
        add(namePattern(full), s, 'name', s.pseudonym, full.length + 1000);
        // "Jon Smith" for "Jonathan Smith", and the other way round.
        for (const short of shortFormsOf(parts[0]!)) {
          const other = [short, ...parts.slice(1)].join(' ');
          add(namePattern(other), s, 'name', s.pseudonym, other.length + 1000);
        }
      }
      for (const w of parts) words.add(w);
      // A hyphenated family name also as its parts ("Smith-Jones": "Smith", "Jones").
      for (const w of parts) for (const piece of w.split('-')) if (piece.length > 1) words.add(piece);
      if (parts[0]) for (const short of shortFormsOf(parts[0])) words.add(short);
    }
    for (const w of words) {
      const lower = w.toLowerCase();
      add(namePattern(w), s, 'name', s.pseudonym, w.length, EVERYDAY_WORDS.has(lower));
    }
    for (const dob of s.datesOfBirth ?? []) {
      const p = datePattern(dob);
      if (p) add(`(?:${p})`, s, 'date of birth', '[date of birth removed]', 500);
    }
    for (const a of s.addresses ?? []) {
      if (a.line1.trim().length > 3) add(namePattern(a.line1.trim()), s, 'address', '[address removed]', 600);
      if (a.postcode && a.postcode.trim().length > 3)
        add(postcodePattern(a.postcode), s, 'address', '[address removed]', 600);
    }
  }
  return rules.sort((a, b) => b.weight - a.weight);
}

/** One regex over every rule (a single pass: a pseudonym put in is never matched again). */
function compile(rules: readonly Rule[]): RegExp | undefined {
  if (rules.length === 0) return undefined;
  const alternatives = rules.map((r, i) => `(?<r${i}>${r.pattern})`).join('|');
  return new RegExp(`${BEFORE}(?:${alternatives})${AFTER}`, 'giu');
}

function ruleOf(rules: readonly Rule[], groups: Record<string, string | undefined>): Rule {
  const key = Object.keys(groups).find((k) => groups[k] !== undefined)!;
  return rules[Number(key.slice(1))]!;
}

/** An everyday word in lower case ("will") is not a name. */
const ignored = (r: Rule, found: string) => r.capitalOnly === true && found[0] !== found[0]!.toUpperCase();

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every name, date of birth and address of the subjects still in the text, with its line. */
export function findHits(text: string, subjects: readonly Subject[]): Hit[] {
  const rules = rulesOf(subjects);
  const re = compile(rules);
  if (!re) return [];
  const hits: Hit[] = [];
  for (const m of text.matchAll(re)) {
    const r = ruleOf(rules, m.groups ?? {});
    if (ignored(r, m[0])) continue;
    hits.push({ found: m[0], of: r.of, what: r.what, line: lineAt(text, m.index) });
  }
  return hits;
}

/** The text with every hit replaced, and what was changed (for the business manager's approval). */
export function anonymise(text: string, subjects: readonly Subject[]): { text: string; changes: Change[] } {
  const rules = rulesOf(subjects);
  const re = compile(rules);
  if (!re) return { text, changes: [] };
  const changes: Change[] = [];
  const out = text.replace(re, (...args) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const index = args.at(-3) as number;
    const r = ruleOf(rules, groups);
    if (ignored(r, args[0] as string)) return args[0] as string;
    changes.push({ found: args[0] as string, replacedBy: r.replacement, line: lineAt(text, index) });
    return r.replacement;
  });
  return { text: out, changes };
}

/** A hit in words, for the refusal: “Jonathan” (a name of Child Ak), line 3. */
export function describeHit(h: Hit): string {
  return `“${h.found.replace(/\s+/g, ' ')}” (${h.what === 'name' ? 'a name' : `the ${h.what}`} of ${h.of}), line ${h.line}`;
}
