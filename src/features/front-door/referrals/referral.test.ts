// Making a referral: drafts, the check page, one referral per submission, bad input, and phone
// referrals (anonymous ones included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { upnCheckLetter } from '../../../platform/identifiers.ts';
import { actorFor } from '../../people/test-support.ts';
import { submitDraft } from '../service.ts';
import { CHILD_FORM, fillDraft, nhs, SECTIONS, startDraft, submit } from '../test-support.ts';

const t = useApp();

const draftData = async (id: string) =>
  (
    await t.db.query<{ data: Record<string, unknown> }>(`select data from referral_draft where id = $1`, [id])
  )[0]!.data;

test('an incomplete referral cannot be sent: the check page names each missing item and the draft is kept', async () => {
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  await fillDraft(c, id, {
    skip: ['adults', 'address', 'concern', 'child-said', 'risks', 'consent', 'referrer'],
  });
  const res = await c.post(`/referrals/drafts/${id}/check`, {});
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  for (const [page, text] of [
    ['adults', 'Tell us about the adults in the household'],
    ['address', 'Enter where the children live'],
    ['concern', 'Describe the concern about the child'],
    ['child-said', 'Say whether the child has said anything about this'],
    ['risks', 'Say whether any child is at immediate risk of harm'],
    ['consent', 'Say whether the family knows about the referral and consents'],
    ['referrer', 'Enter your details'],
  ]) {
    assert.ok(res.body.includes(`href="#missing-${page}"`), `summary links to ${page}`);
    assert.ok(res.body.includes(text!), `names: ${text}`);
    assert.ok(
      res.body.includes(`href="/referrals/drafts/${id}/${page}?return=check"`),
      `links to the ${page} page`,
    );
  }
  assert.ok(!res.body.includes('href="#missing-children"'), 'the children page is complete');
  assert.equal(await countRows(t.db, `contact where draft_id = $1`, [id]), 0, 'nothing sent');
  assert.equal(((await draftData(id)).children as unknown[]).length, 1, 'the draft keeps what was saved');
  const list = await c.get('/referrals');
  assert.match(list.body, /Referrals you have not sent yet/);
  assert.ok(list.body.includes(`/referrals/drafts/${id}"`), 'resume from your referrals');
  const resume = await c.get(`/referrals/drafts/${id}`);
  assert.equal(
    resume.headers.location,
    `/referrals/drafts/${id}/adults`,
    'resumes at the first unanswered page',
  );
});

test('pages are visited in order: a later page redirects to the first unanswered one', async () => {
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  const res = await c.get(`/referrals/drafts/${id}/consent`);
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, `/referrals/drafts/${id}/children`);
  assert.equal(
    (await c.get(`/referrals/drafts/${id}/check`)).statusCode,
    200,
    'the check page is always open',
  );
  assert.equal((await c.get(`/referrals/drafts/${id}/nonsense`)).statusCode, 404);
});

test('a double submission, or a replayed post, makes one referral', async () => {
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  await fillDraft(c, id);
  const first = await submit(c, id);
  const second = await submit(c, id);
  assert.equal(second, first, 'the replay lands on the same confirmation');
  assert.equal(await countRows(t.db, `contact where draft_id = $1`, [id]), 1);
  // Two at once.
  const id2 = await startDraft(c);
  await fillDraft(c, id2);
  const [a, b] = await Promise.all([
    c.post(`/referrals/drafts/${id2}/check`, {}),
    c.post(`/referrals/drafts/${id2}/check`, {}),
  ]);
  assert.equal(a.statusCode, 303);
  assert.equal(b.statusCode, 303);
  assert.equal(a.headers.location, b.headers.location);
  assert.equal(await countRows(t.db, `contact where draft_id = $1`, [id2]), 1);
  assert.equal(
    await countRows(
      t.db,
      `notification_outbox where contact_id = (select id from contact where draft_id = $1)`,
      [id2],
    ),
    1,
  );
  // A submitted draft's pages lead to its confirmation; the draft no longer holds the referral.
  const page = await c.get(`/referrals/drafts/${id}/concern`);
  assert.equal(page.headers.location, `/referrals/${first}/confirmation`);
  assert.deepEqual(await draftData(id), {});
});

test('an identifier that fails its check is refused with the reason, and nothing is saved', async () => {
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  const bad = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    nhsNumber: '943 476 5912',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(
    bad.body,
    /href="#nhsNumber">Enter a valid NHS number: its last digit \(the check digit\) does not match/,
  );
  const short = await c.post(`/referrals/drafts/${id}/children/add`, { ...CHILD_FORM, nhsNumber: '12345' });
  assert.match(short.body, /NHS number must be 10 digits/);
  const right = upnCheckLetter('123456789012')!;
  const wrong = right === 'A' ? 'B' : 'A';
  const upn = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    upn: `${wrong}123456789012`,
  });
  assert.match(
    upn.body,
    /href="#upn">Enter a valid unique pupil number: its first letter \(the check letter\)/,
  );
  assert.equal(await draftData(id).then((d) => d.children), undefined);
  const good = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    nhsNumber: nhs('943476591'),
  });
  assert.equal(good.statusCode, 303);
});

test('bad input: impossible and future dates, oversized text, HTML kept as typed and shown escaped', async () => {
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  const feb = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    'dateOfBirth-day': '31',
    'dateOfBirth-month': '2',
  });
  assert.equal(feb.statusCode, 400);
  assert.match(feb.body, /Date of birth must be a real date/);
  const future = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    'dateOfBirth-year': '2999',
  });
  assert.match(future.body, /Date of birth must be today or in the past/);
  const adult = await c.post(`/referrals/drafts/${id}/children/add`, {
    ...CHILD_FORM,
    'dateOfBirth-year': '1990',
  });
  assert.match(adult.body, /A child is under 18/);
  const none = await c.post(`/referrals/drafts/${id}/children/add`, {
    status: 'born',
    givenName: 'A',
    familyName: 'B',
  });
  assert.match(none.body, /Enter the child’s date of birth, or their age/);
  const age = await c.post(`/referrals/drafts/${id}/children/add`, {
    status: 'born',
    givenName: 'A',
    familyName: 'B',
    ageYears: '7',
  });
  assert.equal(age.statusCode, 303, 'an age will do when the date of birth is not known');
  const script = '<script>alert(1)</script>';
  await fillDraft(c, id, { skip: ['children'], over: { concern: { concern: `Worried ${script}` } } });
  const big = await c.post(`/referrals/drafts/${id}/concern`, { concern: 'x'.repeat(10_001) });
  assert.equal(big.statusCode, 400);
  assert.match(big.body, /must be 10,000 characters or fewer/);
  const check = await c.get(`/referrals/drafts/${id}/check`);
  assert.ok(!check.body.includes(script), 'never raw');
  assert.ok(check.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown escaped');
  const contactId = await submit(c, id);
  const [row] = await t.db.query<{ concern: string }>(`select concern from contact where id = $1`, [
    contactId,
  ]);
  assert.equal(row!.concern, `Worried ${script}`, 'stored as typed');
  assert.equal((await c.get('/referrals/drafts/not-a-uuid/children')).statusCode, 404);
  assert.equal((await c.get('/referrals/not-a-uuid')).statusCode, 404);
  const json = await t.app.inject({
    method: 'POST',
    url: `/referrals/drafts/${id}/concern`,
    headers: { cookie: c.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ concern: 'x', _csrf: c.csrf }),
  });
  assert.equal(json.statusCode, 415);
});

test('a draft is its writer’s alone; a referral is its referrer’s alone', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const id = await startDraft(teacher);
  await fillDraft(teacher, id);
  const other = await sessionAs(t, 'public');
  assert.equal((await other.get(`/referrals/drafts/${id}/children/list`)).statusCode, 404);
  assert.equal((await other.post(`/referrals/drafts/${id}/concern`, SECTIONS.concern!)).statusCode, 404);
  assert.equal((await other.post(`/referrals/drafts/${id}/check`, {})).statusCode, 404);
  const contactId = await submit(teacher, id);
  for (const url of [`/referrals/${contactId}`, `/referrals/${contactId}/confirmation`]) {
    const res = await other.get(url);
    assert.equal(res.statusCode, 404, url);
    assert.ok(!res.body.includes('Ellie') && !res.body.includes('Lee Carter'), 'no personal data');
  }
  const list = await other.get('/referrals');
  assert.ok(!list.body.includes('Ellie'), 'someone else’s referral is not listed');
  // A referrer is not the MASH and does not see records.
  for (const key of ['public', 'teacher']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/mash')).statusCode, key === 'teacher' ? 302 : 403, `${key} /mash`);
    const contact = await c.get(`/mash/contacts/${contactId}`);
    assert.equal(contact.statusCode, 403);
    assert.ok(!contact.body.includes('Ellie'));
  }
  // Administrators, the scrutineer and the DPO make no referrals.
  for (const key of ['admin', 'scrutineer', 'dpo', 'bm']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/referrals')).statusCode, 403, key);
    assert.equal((await c.post('/referrals/new', {})).statusCode, 403, key);
  }
});

test('the MASH records a referral taken by phone, anonymous included: no notification goes to anyone', async () => {
  const mash = await sessionAs(t, 'mash');
  const id = await startDraft(mash, '/mash/phone-referral');
  await fillDraft(mash, id, { skip: ['referrer'] });
  const page = await mash.get(`/referrals/drafts/${id}/referrer`);
  assert.match(page.body, /The caller did not give their name/);
  const missing = await mash.post(`/referrals/drafts/${id}/referrer`, {});
  assert.match(missing.body, /Select who made the referral/);
  assert.equal((await mash.post(`/referrals/drafts/${id}/referrer`, { type: 'anonymous' })).statusCode, 303);
  assert.ok(
    (await mash.get('/mash')).body.includes(`/referrals/drafts/${id}"`),
    'an unfinished phone referral is listed',
  );
  const contactId = await submit(mash, id);
  const [row] = await t.db.query<{ source: string; referrer_type: string; referrer_user_id: string | null }>(
    `select source, referrer_type, referrer_user_id from contact where id = $1`,
    [contactId],
  );
  assert.deepEqual(row, { source: 'phone', referrer_type: 'anonymous', referrer_user_id: null });
  assert.equal(await countRows(t.db, `notification_outbox where contact_id = $1`, [contactId]), 0);
  const confirmation = await mash.get(`/referrals/${contactId}/confirmation`);
  assert.match(confirmation.body, /Referral recorded/);
  // Partner agencies' MASH staff do not take the hub's phone referrals.
  const police = await sessionAs(t, 'police');
  assert.equal((await police.post('/mash/phone-referral', {})).statusCode, 403);
});

test('a referral received on a Saturday is due for decision on Tuesday; late on a weekday, the next day', async () => {
  const actor = await actorFor(t.db, t.org.users.teacher!);
  const c = await sessionAs(t, 'teacher');
  const id = await startDraft(c);
  await fillDraft(c, id);
  // Saturday 14 June 2025, 10:00 in London.
  const saturday = await submitDraft(t.db, actor, id, new Date('2025-06-14T09:00:00Z'));
  assert.equal(saturday.decisionDue, '2025-06-17');
  assert.match(saturday.reference, /^R-2025-\d{6}$/);
  const id2 = await startDraft(c);
  await fillDraft(c, id2);
  // Thursday 27 March 2025 at 23:30 in London (GMT): starts that day, due Friday.
  const late = await submitDraft(t.db, actor, id2, new Date('2025-03-27T23:30:00Z'));
  assert.equal(late.decisionDue, '2025-03-28');
  const [row] = await t.db.query<{ decision_due: string }>(`select decision_due from contact where id = $1`, [
    saturday.contactId,
  ]);
  assert.equal(row!.decision_due, '2025-06-17');
});
