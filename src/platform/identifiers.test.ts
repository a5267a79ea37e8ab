// Vectors from test/fixtures/identifiers (see its SOURCES.md): public test suites and the NHS
// Data Dictionary worked example; postcodes from ideal-postcodes/postcode (MIT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureLines, fixtureText } from '../../test/helpers/fixtures.ts';
import {
  formatPostcode,
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  upnCheckLetter,
} from './identifiers.ts';

test('NHS numbers and UPNs match every published vector', () => {
  const rows = fixtureLines('identifiers/identifier_vectors.csv');
  assert.ok(rows.length >= 20);
  for (const row of rows) {
    const [scheme, value, expected] = row.split(',') as [string, string, string];
    const valid = scheme === 'NHS' ? isValidNhsNumber(value) : isValidUpn(value);
    assert.equal(valid, expected === 'True', `${scheme} ${value}`);
  }
});

test('NHS number: a check digit of 10 makes the number invalid, whatever the last digit', () => {
  // 000000006x: sum = 6*2 = 12 -> 11 - 1 = 10
  for (let d = 0; d <= 9; d++) assert.equal(isValidNhsNumber(`000000006${d}`), false);
  assert.equal(isValidNhsNumber('943476591'), false);
  assert.equal(isValidNhsNumber('94347659190'), false);
  assert.equal(isValidNhsNumber('943476591a'), false);
});

test('UPN: letters, length and temporary UPNs', () => {
  assert.equal(upnCheckLetter('9500001783O1'), undefined); // O is never used
  assert.equal(isValidUpn('a950000178301'), true); // case does not matter
  assert.equal(isValidUpn('A95000017830'), false);
  const rest = '80120000500A'; // temporary UPN: a letter in the 13th place
  const letter = upnCheckLetter(rest);
  assert.ok(letter);
  assert.equal(isValidUpn(letter + rest), true);
});

test('postcodes match the published validation set', () => {
  const data = JSON.parse(fixtureText('identifiers/postcode_validation.json')) as {
    tests: { base: string; expected: boolean }[];
  };
  for (const t of data.tests) assert.equal(isValidPostcode(t.base), t.expected, t.base);
  assert.equal(formatPostcode('nr103ez'), 'NR10 3EZ');
  assert.equal(isValidPostcode(''), false);
  assert.equal(isValidPostcode('<script>'), false);
});
