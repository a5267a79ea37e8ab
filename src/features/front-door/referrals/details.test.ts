// The referral form's further questions: each child's ethnicity (CIN census codes), first language,
// interpreter and disability or SEND; each adult's phone and which child their relationship is to;
// the category of concern and risks to visiting workers. Asked, checked, shown, stored and shown
// to the MASH; drafts keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { ADULT_FORM, CHILD_FORM, fillDraft, startDraft, submit } from '../test-support.ts';

const t = useApp();

const CHILD = {
  ethnicity: 'WROM',
  firstLanguage: 'Romanian',
  interpreterNeeded: 'yes',
  disability: 'send',
};
const SISTER = {
  ...CHILD_FORM,
  givenName: 'Maya',
  'dateOfBirth-year': '2019',
  ethnicity: '',
  firstLanguage: '',
  disability: 'not_known',
};

test('the new questions are asked, shown on the check page, stored and shown to the MASH', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const draft = await startDraft(teacher);
  const base = `/referrals/drafts/${draft}`;
  assert.equal((await teacher.post(`${base}/children/add`, { ...CHILD_FORM, ...CHILD })).statusCode, 303);
  assert.equal((await teacher.post(`${base}/children/add`, SISTER)).statusCode, 303);
  await teacher.post(`${base}/children/list`, { another: 'no' });
  // With two children, the adult page asks which child the relationship is to.
  const adultPage = await teacher.get(`${base}/adults/add`);
  assert.match(adultPage.body, /Which child is this relationship to\?/);
  assert.match(adultPage.body, /<option value="1">Maya Marsh<\/option>/);
  await fillDraft(teacher, draft, {
    skip: ['children'],
    adults: [{ ...ADULT_FORM, relationship: 'father', relationshipTo: '1', phone: '07700 900 982' }],
    over: {
      concern: { concernCategory: 'physical' },
      risks: { status: 'no', details: '', visitRisks: 'A large dog in the house; Lee has threatened staff.' },
    },
  });
  // What was saved comes back on the page to change it.
  const again = (await teacher.get(`${base}/children/0`)).body;
  assert.match(again, /value="Romanian"/);
  assert.match(again, /<option value="WROM" selected>/);

  const check = (await teacher.get(`${base}/check`)).body.replace(/\s+/g, ' ');
  assert.match(
    check,
    /ethnicity Gypsy\/Roma; first language Romanian; needs an interpreter; disability or SEND: Yes, special educational needs \(SEND\)/,
  );
  assert.match(check, /Father of Maya Marsh; lives with the child; phone 07700 900 982/);
  assert.match(check, /Physical abuse/);
  assert.match(check, /A large dog in the house/);

  const contactId = await submit(teacher, draft);
  const subjects = await t.db.query<Record<string, unknown>>(
    `select given_name, ethnicity, first_language, interpreter_needed, disability, phone, relationship_to
     from contact_subject where contact_id = $1 order by position`,
    [contactId],
  );
  assert.deepEqual(subjects[0], {
    given_name: 'Ellie',
    ethnicity: 'WROM',
    first_language: 'Romanian',
    interpreter_needed: true,
    disability: 'send',
    phone: null,
    relationship_to: null,
  });
  assert.equal(subjects[1]!.disability, 'not_known');
  assert.equal(subjects[1]!.ethnicity, null);
  assert.deepEqual([subjects[2]!.phone, subjects[2]!.relationship_to], ['07700 900 982', 1]);
  const [c] = await t.db.query<{ concern_category: string; visit: string }>(
    `select concern_category, immediate_risk->>'visitRisks' as visit from contact where id = $1`,
    [contactId],
  );
  assert.deepEqual(c, {
    concern_category: 'physical',
    visit: 'A large dog in the house; Lee has threatened staff.',
  });

  const mash = (await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`)).body.replace(
    /\s+/g,
    ' ',
  );
  assert.match(mash, /Ethnicity <\/dt> <dd class="govuk-summary-list__value"> Gypsy\/Roma/);
  assert.match(mash, /Romanian/);
  assert.match(mash, /Interpreter needed <\/dt> <dd class="govuk-summary-list__value"> Yes/);
  assert.match(mash, /Father \(to Maya Marsh\)/);
  assert.match(mash, /07700 900 982/);
  assert.match(mash, /Category of concern <\/dt> <dd class="govuk-summary-list__value"> Physical abuse/);
  assert.match(mash, /A large dog in the house/);
});

test('a wrong answer is named in the error summary, and nothing is saved', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const draft = await startDraft(teacher);
  const base = `/referrals/drafts/${draft}`;
  const badChild = await teacher.post(`${base}/children/add`, { ...CHILD_FORM, ethnicity: 'MARTIAN' });
  assert.equal(badChild.statusCode, 400);
  assert.match(
    badChild.body,
    /govuk-error-summary[\s\S]*href="#ethnicity"[^>]*>Ethnicity: “MARTIAN” is not one of the choices/,
  );
  await fillDraft(teacher, draft, { adults: [] });
  const badAdult = await teacher.post(`${base}/adults/add`, { ...ADULT_FORM, phone: 'ring the school' });
  assert.equal(badAdult.statusCode, 400);
  assert.match(badAdult.body, /href="#phone"[^>]*>Enter their phone number, like 01632 960 001/);
  const [d] = await t.db.query<{ adults: number }>(
    `select jsonb_array_length(coalesce(data->'adults', '[]')) as adults from referral_draft where id = $1`,
    [draft],
  );
  assert.equal(d!.adults, 0);
});

test('a draft saved before these questions existed still submits, its category of concern not yet known', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const draft = await startDraft(teacher);
  await fillDraft(teacher, draft);
  // As a draft saved before: no category, no new answers for the people or the risks.
  await t.db.query(
    `update referral_draft set data = (data - 'concernCategory')
       || jsonb_build_object('risks', jsonb_build_object('status', 'no', 'details', null))
       || jsonb_build_object('children', jsonb_build_array((data->'children'->0) - 'ethnicity' - 'firstLanguage'
            - 'interpreterNeeded' - 'disability'))
       || jsonb_build_object('adults', jsonb_build_array((data->'adults'->0) - 'phone' - 'relationshipTo'))
     where id = $1`,
    [draft],
  );
  const contactId = await submit(teacher, draft);
  const [c] = await t.db.query<{ concern_category: string }>(
    `select concern_category from contact where id = $1`,
    [contactId],
  );
  assert.equal(c!.concern_category, 'not_known');
});
