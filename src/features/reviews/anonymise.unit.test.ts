import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anonymise, describeHit, findHits, type Subject } from './anonymise.ts';

const CHILD: Subject = {
  pseudonym: 'Child Ak',
  names: ['Jonathan Smith-Jones', 'Jonathan Baker'],
  datesOfBirth: ['2016-02-29'],
  addresses: [{ line1: '14 Acacia Avenue', postcode: 'AB1 2CD' }],
};
const MOTHER: Subject = { pseudonym: 'Adult 1', names: ['Kerry Smith-Jones', 'Kez Walsh'] };
const WORKER: Subject = { pseudonym: 'the social worker', names: ['William Okafor'] };
const ALL = [CHILD, MOTHER, WORKER];

const clean = (text: string) => anonymise(text, ALL).text;

test('full names, first names and family names, in any case', () => {
  assert.equal(clean('Jonathan Smith-Jones was seen.'), 'Child Ak was seen.');
  assert.equal(clean('JONATHAN was seen; jonathan cried.'), 'Child Ak was seen; Child Ak cried.');
  assert.equal(clean('The Baker family'), 'The Child Ak family');
});

test('possessives keep their ending', () => {
  assert.equal(clean("Jonathan's bedroom"), "Child Ak's bedroom");
  assert.equal(clean('Jonathan’s school'), 'Child Ak’s school');
  assert.equal(clean("the Smith-Jones' house"), "the Child Ak' house");
  assert.equal(clean("KERRY'S flat"), "Adult 1'S flat");
});

test('hyphenated names, whole or in parts, and hyphenated across a line', () => {
  assert.equal(clean('Kerry Smith-Jones said'), 'Adult 1 said');
  assert.equal(clean('Ms Smith - Jones said'), 'Ms Child Ak said');
  assert.equal(clean('Mrs Smith-\nJones said'), 'Mrs Child Ak said');
  assert.equal(clean('Jones said'), 'Child Ak said');
});

test('a name broken across a line, between words or inside a word', () => {
  assert.equal(clean('seen by William\nOkafor today'), 'seen by the social worker today');
  assert.equal(clean('Jona-\nthan was seen'), 'Child Ak was seen');
  assert.equal(clean('Jonathan\r\nBaker'), 'Child Ak');
});

test('common short forms of first names, both ways', () => {
  assert.equal(clean('Jon told his teacher'), 'Child Ak told his teacher');
  assert.equal(clean('JONNY and Jono'), 'Child Ak and Child Ak');
  assert.equal(clean('Bill phoned'), 'the social worker phoned');
  const jon: Subject = { pseudonym: 'Child B', names: ['Jon Reed'] };
  assert.equal(anonymise('Jonathan Reed and Jonathan', [jon]).text, 'Child B and Child B');
  assert.equal(clean('Jon Baker'), 'Child Ak');
});

test('everyday words that are short forms stay when written in lower case', () => {
  assert.equal(clean('She will call. Will called.'), 'She will call. the social worker called.');
  assert.equal(clean('He paid the bill.'), 'He paid the bill.');
});

test('aliases and former names', () => {
  assert.equal(clean('known as Kez Walsh, Kez said'), 'known as Adult 1, Adult 1 said');
});

test('a name inside another word is left alone', () => {
  assert.equal(clean('Jonathans and Bakery and Jonesy'), 'Jonathans and Bakery and Jonesy');
  assert.equal(clean('Smithfield market'), 'Smithfield market');
});

test('dates of birth in the ways people write them', () => {
  for (const d of [
    '29/02/2016',
    '29/2/2016',
    '29.02.16',
    '29-02-2016',
    '2016-02-29',
    '29 February 2016',
    '29th February 2016',
    '29th of Feb 2016',
    'February 29, 2016',
    'FEB 29TH 2016',
  ]) {
    assert.equal(clean(`born ${d}.`), 'born [date of birth removed].', d);
  }
  assert.equal(clean('seen 28/02/2016'), 'seen 28/02/2016');
});

test('addresses: the first line and the postcode with or without its space', () => {
  assert.equal(clean('lived at 14 Acacia Avenue, AB1 2CD'), 'lived at [address removed], [address removed]');
  assert.equal(clean('postcode ab12cd'), 'postcode [address removed]');
  assert.equal(clean('14 acacia\navenue'), '[address removed]');
});

test('professionals’ names', () => {
  assert.equal(clean('Mr Okafor visited'), 'Mr the social worker visited');
});

test('what changed is listed with its line, for approval', () => {
  const { changes } = anonymise('Line one\nJonathan met Kerry\n', ALL);
  assert.deepEqual(changes, [
    { found: 'Jonathan', replacedBy: 'Child Ak', line: 2 },
    { found: 'Kerry', replacedBy: 'Adult 1', line: 2 },
  ]);
});

test('a pseudonym put in is never replaced again (one pass)', () => {
  const ak: Subject = { pseudonym: 'Child Ak', names: ['Ak Child'] };
  assert.equal(anonymise('Ak Child was seen', [ak]).text, 'Child Ak was seen');
});

test('the check names each hit, and finds nothing in the anonymised text', () => {
  const text = 'Jonathan (born 29/02/2016) lived at 14 Acacia Avenue with Kerry.\nWill visited.';
  const hits = findHits(text, ALL);
  assert.deepEqual(
    hits.map((h) => [h.found, h.of, h.what, h.line]),
    [
      ['Jonathan', 'Child Ak', 'name', 1],
      ['29/02/2016', 'Child Ak', 'date of birth', 1],
      ['14 Acacia Avenue', 'Child Ak', 'address', 1],
      ['Kerry', 'Adult 1', 'name', 1],
      ['Will', 'the social worker', 'name', 2],
    ],
  );
  assert.equal(describeHit(hits[0]!), '“Jonathan” (a name of Child Ak), line 1');
  assert.equal(describeHit(hits[1]!), '“29/02/2016” (the date of birth of Child Ak), line 1');
  assert.deepEqual(findHits(anonymise(text, ALL).text, ALL), []);
});

test('no subjects: nothing changes, nothing is found', () => {
  assert.deepEqual(anonymise('Jonathan', []), { text: 'Jonathan', changes: [] });
  assert.deepEqual(findHits('Jonathan', []), []);
});

test('the latest day to send the report to the panel: publication less 7 working days', async () => {
  const { subtractWorkingDays } = await import('../../platform/calendar.ts');
  assert.equal(subtractWorkingDays('2026-04-30', 7), '2026-04-21'); // Thursday to the Tuesday before last
  assert.equal(subtractWorkingDays('2026-04-14', 7), '2026-04-01'); // across Good Friday and Easter Monday
  assert.equal(subtractWorkingDays('2026-01-05', 7), '2025-12-22'); // across Christmas, Boxing Day, New Year
});
