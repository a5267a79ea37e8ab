// One schema reads a JSON body and a GOV.UK form alike, and names each problem the way its
// channel needs: the schema's key for the API, the input's id for the error summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { field, formErrors, parse, parseForm, Problems, readForm } from './validation.ts';

const visit = z.object({
  visitedOn: field.requiredDate('Date of the visit', 'Enter the date of the visit', {
    notFuture: true,
    today: () => '2024-03-31',
  }),
  seen: field.yesNo('Select whether the child was seen'),
  methods: field.codes(['play', 'seen_alone'] as const, 'How it was gathered'),
  agencies: field.ids('Agencies', { min: 1, missing: 'Choose the agencies involved' }),
  notes: field.text(20, 'Notes'),
  kind: field.code(['home', 'school'] as const, 'Select where the visit was'),
});

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors;
    throw err;
  }
  return [];
};

const id = '0b8f2a7e-2c1d-4c55-9a43-1f1e6d7b9c10';

test('a JSON body and a form give the same typed value', () => {
  const json = parse(visit, {
    visitedOn: '2024-02-29',
    seen: true,
    methods: ['play'],
    agencies: [id],
    notes: ' ',
    kind: 'home',
  });
  const form = parseForm(visit, {
    'visitedOn-day': '29',
    'visitedOn-month': '2',
    'visitedOn-year': '2024',
    seen: 'yes',
    methods: 'play',
    agencies: id.toUpperCase(),
    notes: '  ',
    kind: 'home',
  });
  assert.deepEqual(form, json);
  assert.deepEqual(form, {
    visitedOn: '2024-02-29',
    seen: true,
    methods: ['play'],
    agencies: [id],
    notes: undefined,
    kind: 'home',
  });
});

test('a form names the date part that is wrong; the API names the field', () => {
  const form = errorsOf(() =>
    parseForm(visit, { 'visitedOn-day': '31', 'visitedOn-month': '', 'visitedOn-year': '2024' }),
  );
  assert.deepEqual(form[0], { field: 'visitedOn-month', message: 'Date of the visit must include a month' });
  assert.deepEqual(
    errorsOf(() =>
      parseForm(visit, { 'visitedOn-day': '29', 'visitedOn-month': '2', 'visitedOn-year': '2023' }),
    )[0],
    { field: 'visitedOn-day', message: 'Date of the visit must be a real date' },
  );
  assert.deepEqual(
    errorsOf(() =>
      parseForm(visit, { 'visitedOn-day': '1', 'visitedOn-month': '4', 'visitedOn-year': '2024' }),
    )[0],
    { field: 'visitedOn-day', message: 'Date of the visit must be today or in the past' },
  );
  assert.deepEqual(errorsOf(() => parse(visit, { visitedOn: '2024-02-30' }))[0], {
    field: 'visitedOn',
    message: 'Date of the visit must be a real date',
  });
});

test('every missing field is named once, in the schema order', () => {
  const form = errorsOf(() => parseForm(visit, {}));
  assert.deepEqual(
    form.map((e) => e.field),
    ['visitedOn-day', 'seen', 'agencies', 'kind'],
  );
  assert.equal(form[0]!.message, 'Enter the date of the visit');
  assert.equal(form[2]!.message, 'Choose the agencies involved');
});

test('values not on the list, malformed ids and over-long text are refused by name', () => {
  const errors = errorsOf(() =>
    parseForm(visit, {
      'visitedOn-day': '1',
      'visitedOn-month': '3',
      'visitedOn-year': '2024',
      seen: 'maybe',
      methods: ['play', 'torture'],
      agencies: 'x',
      notes: 'x'.repeat(21),
      kind: 'moon',
    }),
  );
  assert.deepEqual(
    errors.map((e) => e.field),
    ['seen', 'methods', 'agencies', 'notes', 'kind'],
  );
  assert.match(errors[4]!.message, /“moon” is not one of the choices/);
});

test("readForm keeps only the schema's fields, and lists and dates always", () => {
  assert.deepEqual(Object.keys(readForm(visit, { admin: 'yes', seen: 'yes' })).sort(), [
    'agencies',
    'methods',
    'seen',
    'visitedOn',
  ]);
});

test("a service's error on a date names the first part of the date input on a page", () => {
  assert.deepEqual(formErrors(visit, [{ field: 'visitedOn', message: 'Before the referral' }]), [
    { field: 'visitedOn-day', message: 'Before the referral' },
  ]);
  const p = new Problems().add('seen', 'a').add('seen', 'b');
  assert.deepEqual(p.errors, [{ field: 'seen', message: 'a' }]);
  assert.throws(() => p.check(), ValidationError);
});
