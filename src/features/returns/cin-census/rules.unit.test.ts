// The validator and the XML reader against the DfE's fixtures (test/fixtures/cin-census, SOURCES.md):
// the fake returns parse, and the validator finds what each file was made to show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CensusFileError, censusXml, parseCensusXml } from './xml.ts';
import { validateCensus } from './rules.ts';
import { CIN_RULES } from './rule-messages.ts';
import type { CinCensus } from './model.ts';

const fixture = (name: string) => fs.readFileSync(`test/fixtures/cin-census/${name}`, 'utf8');
const codes = (name: string) => new Set(validateCensus(parseCensusXml(fixture(name))).map((f) => f.code));

test('the rule table is the DfE list: every code and message as cin_validation_rules.csv has it', () => {
  const rows = fixture('cin_validation_rules.csv').trim().split(/\r?\n/).slice(1);
  const latest = new Map<string, string>();
  for (const row of rows) {
    const m = /^[^,]+,([^,]+),[^,]+,[^,]+,[^,]+,(.*)$/.exec(row)!;
    latest.set(m[1]!, m[2]!.replace(/^"|"$/g, '').replace(/""/g, '"').trim());
  }
  assert.deepEqual(new Map(Object.entries(CIN_RULES)), latest);
});

test('the header fixture fails rule 100 (reference date) and the LA-level fixture only the disability query', () => {
  assert.ok(codes('CIN_header_issues_100.xml').has('100'));
  const la = codes('CIN_la_issues_2887Q.xml');
  assert.ok(la.has('2887Q'));
  assert.ok(!la.has('100'), 'its reference date is 31 March of its year');
});

test('the fake return of 332 children parses, and its seeded faults are found child by child', () => {
  const census = parseCensusXml(fixture('fake_CIN_data.xml'));
  assert.equal(census.children.length, 332);
  assert.equal(census.year, 2022);
  const failures = validateCensus(census);
  const count = (code: string) => failures.filter((f) => f.code === code).length;
  // Its reference date (21 July) is not 31 March; closures and referrals fall outside 2021-22.
  assert.equal(count('100'), 1);
  assert.ok(count('8620') > 100, `8620: ${count('8620')}`);
  assert.ok(count('8585Q') > 0 && count('8794') > 0 && count('8790') > 0);
  const one = failures.find((f) => f.code === '8794')!;
  assert.match(one.childId, /^RND\d+$/);
  assert.equal(one.kind, 'error');
  assert.equal(failures.find((f) => f.code === '8585Q')!.kind, 'query');
});

test('the 2024 and 2026 sample returns parse; the 2026 one gives Sex as 1, which rule 4180 refuses', () => {
  assert.ok(codes('CIN_Census_2024.xml').has('1103'));
  assert.ok(codes('CIN_Census_2026.xml').has('4180'));
});

test('malformed XML and unknown schema versions are refused with the line and the reason', () => {
  const refused = (xml: string) => {
    try {
      parseCensusXml(xml);
    } catch (err) {
      assert.ok(err instanceof CensusFileError);
      return err;
    }
    assert.fail('not refused');
  };
  const broken = refused('<Message>\n<Header>\n<Children></Header>\n</Message>');
  assert.equal(broken.line, 3);
  const cut = refused(fixture('CIN_la_issues_2887Q.xml').slice(0, 600));
  assert.match(cut.reason, /^The file ends with elements not closed: <Message>, <Children>, <Child>/);
  const year = refused(fixture('fake_CIN_data.xml').replace('<Year>2022</Year>', '<Year>1999</Year>'));
  assert.equal(year.line, 5);
  assert.match(year.reason, /Unknown schema version/);
  assert.match(
    refused(
      '<Message><Header><CollectionDetails><Collection>SCHOOL</Collection></CollectionDetails></Header></Message>',
    ).reason,
    /Unknown collection/,
  );
});

test('a census written by the project reads back the same and passes', () => {
  const census: CinCensus = {
    year: 2026,
    referenceDate: '2026-03-31',
    lea: '999',
    children: [
      {
        laChildId: 'EL100001',
        birthDate: '2015-06-01',
        upnUnknown: 'UN2',
        sex: 'F',
        ethnicity: 'WBRI',
        disabilities: [],
        episodes: [
          {
            referralDate: '2025-05-01',
            referralSource: '2A',
            primaryNeed: 'N1',
            referralNfa: false,
            assessments: [{ startDate: '2025-05-02', authorisationDate: '2025-06-02', factors: ['16A'] }],
            cinPlans: [],
            section47s: [
              {
                startDate: '2025-05-05',
                initialCpcTarget: '2025-05-23',
                dateOfInitialCpc: '2025-05-22',
                icpcNotRequired: false,
              },
            ],
            cpPlans: [
              {
                startDate: '2025-05-22',
                initialCategory: 'NEG',
                latestCategory: 'NEG',
                previousPlans: 0,
                reviewDates: ['2025-08-20'],
              },
            ],
          },
        ],
      },
    ],
  };
  const xml = censusXml(census, {
    softwareCode: 'Together',
    release: '1',
    serialNo: '001',
    dateTime: '2026-04-01T09:00:00',
  });
  assert.match(xml, /<Sex>F<\/Sex>/);
  const back = parseCensusXml(xml);
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  assert.deepEqual(plain(back.children[0]!.episodes), plain(census.children[0]!.episodes));
  const failures = validateCensus(back).filter((f) => f.kind === 'error');
  assert.deepEqual(failures, []);
});
