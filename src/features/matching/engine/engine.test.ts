import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidatePairs } from './blocking.ts';
import { connectedComponents } from './cluster.ts';
import { compare, COMPARISONS } from './comparisons.ts';
import { scoreClusters } from './evaluate.ts';
import { parseCsv, readLinkageFile } from './formats.ts';
import { score, type MatchParams, type MatchScore } from './model.ts';
import { areNicknames } from './nicknames.ts';
import { prepare, type MatchRecord } from './record.ts';
import { editDistance, jaroWinkler } from './strings.ts';
import { explain } from './explain.ts';
import defaults from './default-params.json' with { type: 'json' };

const params = defaults as MatchParams;

const base: MatchRecord = {
  id: 'a',
  names: [{ given: 'William', family: 'Hughes' }],
  dob: '2015-03-07',
  sex: 'male',
  addresses: [{ line1: '12 Mill Lane', town: 'Norwich', postcode: 'NR10 3EZ' }],
};

function match(a: Partial<MatchRecord>, b: Partial<MatchRecord>): MatchScore {
  return score(params, compare(prepare({ ...base, ...a }), prepare({ ...base, id: 'b', ...b })));
}
const field = (s: MatchScore, key: string) => s.fields.find((f) => f.field === key);

describe('string measures', () => {
  it('jaro-winkler gives the textbook values', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(2), '0.84');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(3), '0.813');
    assert.equal(jaroWinkler('', 'a'), 0);
    assert.equal(jaroWinkler('abc', 'abc'), 1);
  });
  it('edit distance counts a swap of neighbours as one edit and stops past its limit', () => {
    assert.equal(editDistance('smith', 'smtih'), 1);
    assert.equal(editDistance('smith', 'smyth'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('a', 'abcdefgh', 2), 3);
  });
  it('nicknames share a group, unrelated names do not', () => {
    assert.ok(areNicknames('bill', 'william'));
    assert.ok(areNicknames('peggy', 'margaret'));
    assert.ok(areNicknames('kate', 'katherine'));
    assert.ok(!areNicknames('bill', 'margaret'));
    assert.ok(!areNicknames('william', 'william'));
  });
});

describe('comparisons and weights', () => {
  it('the same record on every field is a near-certain match', () => {
    const s = match({}, {});
    assert.ok(s.probability > 0.99, String(s.probability));
    assert.equal(field(s, 'given')?.level, 'exact');
    assert.equal(field(s, 'address')?.level, 'exact+kin');
  });

  it('a nickname agrees, with less weight than the same name', () => {
    const s = match({}, { names: [{ given: 'Bill', family: 'Hughes' }] });
    assert.equal(field(s, 'given')?.level, 'nickname');
    assert.ok((field(s, 'given')?.weight ?? 0) > 2);
    assert.ok((field(s, 'given')?.weight ?? 0) < (field(match({}, {}), 'given')?.weight ?? 0));
    assert.ok(s.probability > 0.9);
  });

  it('day and month the other way round count as a transposed date of birth', () => {
    const s = match({}, { dob: '2015-07-03' });
    assert.equal(field(s, 'dob')?.level, 'transposed');
    assert.ok((field(s, 'dob')?.weight ?? 0) > 3);
    assert.equal(field(match({}, { dob: '2015-03-08' }), 'dob')?.level, 'typo');
    assert.equal(field(match({}, { dob: '2015' }), 'dob')?.level, 'partial');
    assert.equal(field(match({}, { dob: '2014' }), 'dob')?.level, 'disagree');
    assert.equal(field(match({}, { dob: '2015-11-30' }), 'dob')?.level, 'year');
  });

  it('twins (same date of birth and address, different given names) are not matched', () => {
    const s = match({}, { names: [{ given: 'Oscar', family: 'Hughes' }] });
    assert.equal(field(s, 'given')?.level, 'disagree');
    assert.ok(s.probability <= 0.01, String(s.probability));
    assert.match(s.caution ?? '', /twins/);
    // One NHS number for both says it is one person after all.
    const same = match(
      { nhsNumber: '9434765919' },
      { names: [{ given: 'Oscar', family: 'Hughes' }], nhsNumber: '9434765919' },
    );
    assert.equal(same.caution, undefined);
  });

  it('a missing NHS number is neutral', () => {
    const without = match({}, {});
    const oneSide = match({ nhsNumber: '9434765919' }, {});
    assert.equal(field(oneSide, 'nhs')?.level, null);
    assert.equal(field(oneSide, 'nhs')?.weight, 0);
    assert.equal(oneSide.weight, without.weight);
  });

  it('different NHS numbers weigh strongly against, the same strongly for', () => {
    const differ = match({ nhsNumber: '9434765919' }, { nhsNumber: '9434765870' });
    assert.equal(field(differ, 'nhs')?.level, 'disagree');
    assert.ok((field(differ, 'nhs')?.weight ?? 0) <= -5, String(field(differ, 'nhs')?.weight));
    const same = match({ nhsNumber: '9434765919' }, { nhsNumber: '9434765919' });
    assert.ok((field(same, 'nhs')?.weight ?? 0) >= 10);
  });

  it('given and family names the other way round are recognised', () => {
    const s = match({}, { names: [{ given: 'Hughes', family: 'William' }] });
    assert.equal(field(s, 'given')?.level, 'transposed');
    assert.equal(field(s, 'family')?.level, 'exact');
    assert.ok(s.probability > 0.9);
  });

  it('one part of a double-barrelled family name agrees', () => {
    const s = match({}, { names: [{ given: 'William', family: 'Hughes-Patel' }] });
    assert.equal(field(s, 'family')?.level, 'part');
  });

  it('a changed family name with given name and dob agreeing weighs less against than a plain difference', () => {
    const changed = match({}, { names: [{ given: 'William', family: 'Okafor' }] });
    assert.equal(field(changed, 'family')?.level, 'changed');
    const differ = match({}, { names: [{ given: 'William', family: 'Okafor' }], dob: '2015-03-09' });
    assert.equal(field(differ, 'family')?.level, 'disagree');
    assert.ok((field(changed, 'family')?.weight ?? 0) > (field(differ, 'family')?.weight ?? 0));
  });

  it('an alias is compared too: the best pair of names counts', () => {
    const s = match(
      {
        names: [
          { given: 'William', family: 'Okafor' },
          { given: 'William', family: 'Hughes' },
        ],
      },
      {},
    );
    assert.equal(field(s, 'family')?.level, 'exact');
  });

  it('typos and sounds-alike spellings get their own levels', () => {
    assert.equal(
      field(match({}, { names: [{ given: 'Wiliam', family: 'Hughes' }] }), 'given')?.level,
      'jw92',
    );
    assert.equal(
      field(match({}, { names: [{ given: 'William', family: 'Hews' }] }), 'family')?.level,
      'phonetic',
    );
    assert.equal(field(match({}, { names: [{ given: 'W', family: 'Hughes' }] }), 'given')?.level, 'initial');
  });

  it('postcode district, sector and full postcode rank in order', () => {
    const at = (postcode: string, line1 = '99 Other Road') =>
      field(match({}, { addresses: [{ line1, postcode }] }), 'address');
    assert.equal(at('NR10 3EZ')?.level, 'postcode+kin');
    assert.equal(at('NR10 3AB')?.level, 'area+kin');
    assert.equal(at('IP1 1AA')?.level, 'disagree+kin');
    assert.equal(at('IP1 1AA', '12 Mill Lane')?.level, 'street+kin');
  });

  it('explains every comparison, missing ones as neutral', () => {
    const s = match({}, { sex: null, addresses: [] });
    assert.equal(s.fields.length, COMPARISONS.length);
    assert.equal(field(s, 'sex')?.level, null);
    const sum = s.fields.reduce((t, f) => t + f.weight, 0);
    assert.ok(Math.abs(sum - s.weight) < 0.05);
  });

  it('impossible dates of birth count as missing', () => {
    assert.deepEqual(prepare({ id: 'x', names: [], dob: '2015-02-31' }).dob, { year: 2015, month: 2 });
    assert.equal(prepare({ id: 'x', names: [], dob: '2016-02-29' }).dob?.digits, '20160229');
    assert.equal(prepare({ id: 'x', names: [], dob: '2015-13-01' }).dob?.month, undefined);
    assert.equal(prepare({ id: 'x', names: [], dob: 'not a date' }).dob, undefined);
  });
});

describe('blocking, clustering, evaluation, formats', () => {
  it('produces each candidate pair once, across rules', () => {
    const records = [
      base,
      { ...base, id: 'b' },
      { ...base, id: 'c', names: [{ given: 'Zed', family: 'Quux' }], dob: '1950-01-01', addresses: [] },
    ].map(prepare);
    const seen: string[] = [];
    const n = candidatePairs(records, (i, j) => seen.push(`${i}-${j}`));
    assert.equal(n, 1);
    assert.deepEqual(seen, ['0-1']);
  });

  it('scores clusters on pairs', () => {
    const cluster = connectedComponents(
      4,
      Int32Array.from([0, 2]),
      Int32Array.from([1, 3]),
      Float32Array.from([0.95, 0.2]),
      0.9,
    );
    const s = scoreClusters(cluster, ['x', 'x', 'y', 'y']);
    assert.deepEqual([s.predicted, s.actual, s.truePositives], [1, 2, 1]);
    assert.equal(s.precision, 1);
    assert.equal(s.recall, 0.5);
  });

  it('reads the Febrl and splink formats and refuses others', () => {
    const febrl = readLinkageFile(
      'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n' +
        'rec-1-org, ann, lee, 4, high street, , town, 2000, nsw, 19800102, 123\nrec-1-dup-0, anne, lee, , , , , , , , \n',
    );
    assert.deepEqual(febrl.truth, ['1', '1']);
    assert.equal(febrl.records[0]?.dob, '1980-01-02');
    assert.equal(febrl.records[1]?.dob, undefined);
    const splink = readLinkageFile(
      'unique_id,first_name,surname,dob,city,email,cluster\n0,Ann ,Lee,1980-01-02,Leeds,a@b.c,7\n',
    );
    assert.deepEqual(splink.truth, ['7']);
    assert.throws(() => readLinkageFile('a,b\n1,2\n'), /unknown file format/);
    assert.deepEqual(parseCsv('a,"b ""c"", d"\r\n1,2\n'), [
      ['a', 'b "c", d'],
      ['1', '2'],
    ]);
  });
});

describe('explanations tell the truth', () => {
  const explained = (a: Partial<MatchRecord>, b: Partial<MatchRecord>) => {
    const x = prepare({ ...base, ...a });
    const y = prepare({ ...base, id: 'b', ...b });
    return explain(x, y, score(params, compare(x, y)));
  };

  it('"not known" says which side has no value', () => {
    assert.equal(field(explained({}, { sex: null }), 'sex')?.description, 'not on the record');
    assert.equal(field(explained({ sex: null }, {}), 'sex')?.description, 'not given on the referral');
    assert.equal(
      field(explained({ nhsNumber: null }, { nhsNumber: null }), 'nhs')?.description,
      'not known on either the referral or the record',
    );
    assert.equal(field(explained({}, { addresses: [] }), 'address')?.description, 'not on the record');
  });

  it('household members not counted because the address agrees are not called "not known"', () => {
    const home = { line1: '12 Mill Lane', postcode: 'NR10 3EZ' };
    const s = explained(
      { addresses: [home], household: [{ given: 'Amy', family: 'Hughes' }] },
      { addresses: [home], household: [{ given: 'Amy', family: 'Hughes' }] },
    );
    assert.match(field(s, 'household')?.description ?? '', /address already agrees/);
  });

  it('a candidate scored on the address alone is marked so; one with a name agreeing is not', () => {
    const home = { line1: '12 Mill Lane', postcode: 'NR10 3EZ' };
    const only = explained(
      { names: [{ given: 'William', family: 'Hughes' }], dob: null, sex: null, addresses: [home] },
      { names: [{ given: 'Zara', family: 'Okafor' }], dob: null, sex: null, addresses: [home] },
    );
    assert.equal(only.addressOnly, true);
    const named = explained({ addresses: [home] }, { addresses: [home] });
    assert.equal(named.addressOnly, undefined);
  });
});
