// Practice reviews through the pages: notification (clock, partners told, record restricted), the
// rapid review's assembled chronology, analysis and decision, the local review's recommendations
// closed only when their actions are done, publication signed off and anonymised, the public page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { involve } from '../../../test/helpers/people.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { dueDate } from '../../platform/clocks.ts';
import { londonToday } from '../../platform/dates.ts';
import { reviewFamily, type Family } from './test-fixtures.ts';

let f: Family;
let reviewId = '';
const t = useApp(async () => {
  f = await reviewFamily(t);
});

const idFrom = (location: unknown) => /\/reviews\/([0-9a-f-]{36})/.exec(String(location))![1]!;
const review = async (id = reviewId) =>
  (
    await t.db.query<{
      stage: string;
      notification_due_on: string;
      rapid_review_due_on: string;
      restricted: boolean;
    }>(
      `select r.stage, r.notification_due_on::text, r.rapid_review_due_on::text, p.restricted
       from review r left join person p on p.id = r.person_id where r.id = $1`,
      [id],
    )
  )[0]!;
const date = (name: string, iso: string) => ({
  [`${name}-day`]: iso.slice(8, 10),
  [`${name}-month`]: iso.slice(5, 7),
  [`${name}-year`]: iso.slice(0, 4),
});
const notifyForm = (personId: string) => ({
  personId,
  criteria: ['serious_harm', 'abuse_or_neglect'],
  whatHappened: 'The child was found locked in a room, severely neglected.',
  pseudonym: 'Child Ak',
  ...date('awareOn', londonToday()),
});

test('the record offers the notification only to a council user who may', async () => {
  const tm = await sessionAs(t, 'tm');
  assert.match((await tm.get(`/people/${f.child}`)).body, /Notify a serious incident/);
  const teacher = await sessionAs(t, 'teacher');
  const page = await teacher.get(`/people/${f.child}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Notify a serious incident/);
  assert.equal((await teacher.get(`/partnership/reviews/notify?person=${f.child}`)).statusCode, 403);
});

test('refusals write nothing: bad input, a child the user cannot see, no permission', async () => {
  const tm = await sessionAs(t, 'tm');
  await tm.get('/partnership/reviews/notify');
  const bad = await tm.post('/partnership/reviews/notify', { whatHappened: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select the criteria the incident meets/);
  assert.match(bad.body, /Enter what happened/);
  const stranger = (
    await t.db.query<{ id: string }>(
      `insert into person (partnership_id, kind, given_name, family_name) values ($1,'child','Noor','Brightwater') returning id`,
      [t.org.partnershipId],
    )
  )[0]!.id;
  const unseen = await tm.post('/partnership/reviews/notify', notifyForm(stranger));
  assert.ok([403, 404].includes(unseen.statusCode), String(unseen.statusCode));
  assert.doesNotMatch(unseen.body, /Brightwater/);
  const sw = await sessionAs(t, 'sw');
  await sw.get('/');
  assert.equal((await sw.post('/partnership/reviews/notify', notifyForm(f.child))).statusCode, 403);
  assert.equal(await countRows(t.db, 'review'), 0);
});

test('the council notifies: 5-working-day clock, partners told, the record restricted to those who had access', async () => {
  const tm = await sessionAs(t, 'tm');
  await tm.get(`/partnership/reviews/notify?person=${f.child}`);
  const res = await tm.post('/partnership/reviews/notify', notifyForm(f.child));
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  reviewId = idFrom(res.headers.location);
  const r = await review();
  assert.equal(r.stage, 'notified');
  assert.equal(r.notification_due_on, dueDate('si-notification', londonToday()));
  assert.equal(r.rapid_review_due_on, dueDate('rapid-review', londonToday()));
  assert.equal(r.restricted, true);
  const doc = await tm.get(`/partnership/reviews/${reviewId}/notification`);
  assert.equal(doc.statusCode, 200, doc.body.replace(/[\s\S]*<main/, '').slice(0, 1500));
  for (const partner of ['Elmshire County Council', 'Elmshire Constabulary'])
    assert.match(doc.body, new RegExp(partner));
  assert.equal(await auditCount(t.db, { action: 'review.notified', personId: f.child }), 1);
  const pdf = await tm.get(`/partnership/reviews/${reviewId}/notification.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  // The teacher could open the record before, and still can; the GP, involved only now, cannot.
  assert.equal((await (await sessionAs(t, 'teacher')).get(`/people/${f.child}`)).statusCode, 200);
  await involve(t, f.child, 'gp');
  const gp = await (await sessionAs(t, 'gp')).get(`/people/${f.child}`);
  assert.equal(gp.statusCode, 404);
  assert.doesNotMatch(gp.body, /Baker/);
});

test('a rapid review needs a notification; the chronology is assembled from child, sibling and mother', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get('/partnership/reviews');
  const none = await bm.post(`/partnership/reviews/00000000-0000-4000-8000-000000000000/rapid-review`, {
    ...date('periodFrom', '2025-09-01'),
    ...date('periodTo', '2026-01-31'),
  });
  assert.equal(none.statusCode, 404);
  const page = await bm.get(`/partnership/reviews/${reviewId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Child Ak/);
  assert.doesNotMatch(page.body, /Jonathan|Baker/, 'the business manager does not read the record');
  const res = await bm.post(`/partnership/reviews/${reviewId}/rapid-review`, {
    ...date('periodFrom', '2025-09-01'),
    ...date('periodTo', '2026-01-31'),
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const rows = await t.db.query<{ subject: string; summary: string }>(
    `select subject, summary from review_chronology where review_id = $1 order by occurred_on`,
    [reviewId],
  );
  assert.deepEqual(
    rows.map((r) => r.subject),
    ['Child Ak', 'Adult 1', 'Sibling 1'],
  );
  assert.ok(!rows.some((r) => /school only|Before the period/.test(r.summary)));
  for (const p of [f.child, f.sibling, f.mother])
    assert.equal(await auditCount(t.db, { action: 'review.chronology_assembled', personId: p }), 1);
  const shown = await bm.get(`/partnership/reviews/${reviewId}`);
  assert.match(shown.body, /Domestic incident at the home/);
  assert.match(shown.body, /Elmshire Constabulary/);
});

test('agencies add their analysis; the meeting decides to commission; an immediate action goes to the log', async () => {
  const lead = await sessionAs(t, 'leadpolice');
  await lead.get(`/partnership/reviews/${reviewId}/analysis`);
  const res = await lead.post(`/partnership/reviews/${reviewId}/analysis`, {
    analysis: 'We attended the home once and did not ask about the children.',
    notRecorded: 'The neighbour’s calls.',
  });
  assert.equal(res.statusCode, 303);
  const bm = await sessionAs(t, 'bm');
  await bm.get(`/partnership/reviews/${reviewId}/meeting`);
  const bad = await bm.post(`/partnership/reviews/${reviewId}/meeting`, {});
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select whether the partners commission a local review/);
  const ok = await bm.post(`/partnership/reviews/${reviewId}/meeting`, {
    ...date('meetingOn', londonToday()),
    meetingNotes: 'All three partners and the school met.',
    learning: 'Nobody put the pieces together.',
    themes: ['information_sharing', 'voice_of_child'],
    commission: 'yes',
    decisionReasons: 'The case meets the criteria and there is learning for all agencies.',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  assert.equal((await review()).stage, 'local_review');
  await bm.get(`/partnership/reviews/${reviewId}/actions/new`);
  const action = await bm.post(`/partnership/reviews/${reviewId}/actions/new`, {
    title: 'Check on the sibling today',
    ownerAgencyId: t.org.agencies.council!,
    ...date('dueOn', '2030-01-31'),
  });
  assert.equal(action.statusCode, 303, action.body.slice(0, 300));
  assert.equal(
    await countRows(t.db, `partnership_action where source_kind = 'review' and source_id = $1`, [reviewId]),
    1,
  );
  const report = await bm.get(`/partnership/reviews/${reviewId}/report.pdf`);
  assert.equal(report.statusCode, 200);
  assert.equal(report.headers['content-type'], 'application/pdf');
});

async function recommendationWithAction(bm: Client): Promise<{ rec: string; action: string }> {
  await bm.get(`/partnership/reviews/${reviewId}/recommendations/new`);
  const res = await bm.post(`/partnership/reviews/${reviewId}/recommendations/new`, {
    text: 'Police to share domestic incident reports with schools the next day.',
    ownerAgencyId: t.org.agencies.police!,
    themes: ['information_sharing'],
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const rec = (
    await t.db.query<{ id: string }>(`select id from review_recommendation where review_id = $1`, [reviewId])
  )[0]!.id;
  await bm.get(`/partnership/reviews/${reviewId}/recommendations/${rec}/actions/new`);
  const a = await bm.post(`/partnership/reviews/${reviewId}/recommendations/${rec}/actions/new`, {
    title: 'Set up next-day notifications to schools',
    ownerAgencyId: t.org.agencies.police!,
    ...date('dueOn', '2030-01-31'),
  });
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  const action = (
    await t.db.query<{ id: string }>(`select id from partnership_action where source_id = $1`, [rec])
  )[0]!.id;
  return { rec, action };
}

test('a recommendation closes only when all its actions are done', async () => {
  const bm = await sessionAs(t, 'bm');
  const { rec, action } = await recommendationWithAction(bm);
  await bm.get(`/partnership/reviews/${reviewId}`);
  const refused = await bm.post(`/partnership/reviews/${reviewId}/recommendations/${rec}/close`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(
    refused.body,
    /cannot close while its actions are open: “Set up next-day notifications to schools”/,
  );
  await t.db.query(
    `update partnership_action set status = 'done', evidence = 'In place', completed_on = current_date where id = $1`,
    [action],
  );
  const closed = await bm.post(`/partnership/reviews/${reviewId}/recommendations/${rec}/close`, {});
  assert.equal(closed.statusCode, 303);
  assert.equal(await countRows(t.db, 'review_recommendation where closed_on is not null'), 1);
});

test('publication: three partners sign off; a report still naming a person is refused, naming each hit', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get(`/partnership/reviews/${reviewId}/local-review`);
  const saved = await bm.post(`/partnership/reviews/${reviewId}/local-review`, {
    reviewer: 'An independent reviewer',
    termsOfReference: 'How agencies shared what they knew.',
    report:
      'Jonathan Baker (born 29/02/2016) lived with his mother Kerry at 14 Acacia Avenue.\nJon told his teacher he was hungry.',
    final: 'yes',
  });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
  const page = await bm.get(`/partnership/reviews/${reviewId}/publication`);
  assert.equal(page.statusCode, 200);
  assert.match(
    page.body,
    /Child Ak \(born \[date of birth removed\]\) lived with his mother Adult 1 at \[address removed\]/,
  );
  assert.match(page.body, /Child Ak told his teacher/);
  // The business manager puts a name back: saved, but publishing refuses it.
  const decided = await bm.post(`/partnership/reviews/${reviewId}/publication`, {
    publish: 'yes',
    publishReasons: 'The learning matters to every agency.',
    ...date('publicationOn', londonToday()),
    publishedText: 'Child Ak lived with Adult 1. Kerry said nothing.',
    briefing: 'Ask the child.',
  });
  assert.equal(decided.statusCode, 303, decided.body.slice(0, 400));
  await bm.get(`/partnership/reviews/${reviewId}/publication`);
  const unsigned = await bm.post(`/partnership/reviews/${reviewId}/publish`, {});
  assert.equal(unsigned.statusCode, 400);
  assert.match(unsigned.body, /The three statutory partners must sign off the decision first/);
  const school = await sessionAs(t, 'leadschool');
  await school.get(`/partnership/reviews/${reviewId}`);
  assert.equal((await school.post(`/partnership/reviews/${reviewId}/sign-off`, {})).statusCode, 403);
  for (const key of ['leadcouncil', 'leadpolice', 'leadicb']) {
    const lead = await sessionAs(t, key);
    assert.match((await lead.get(`/partnership/reviews/${reviewId}`)).body, /Sign off the decision/);
    assert.equal((await lead.post(`/partnership/reviews/${reviewId}/sign-off`, {})).statusCode, 303);
  }
  await bm.get(`/partnership/reviews/${reviewId}/publication`);
  const named = await bm.post(`/partnership/reviews/${reviewId}/publish`, {});
  assert.equal(named.statusCode, 400);
  assert.match(named.body, /“Kerry” \(a name of Adult 1\), line 1/);
  assert.equal((await review()).stage, 'local_review');
  // Cleaned: the sign-offs are withdrawn by the change, given again, and the report is published.
  await bm.post(`/partnership/reviews/${reviewId}/publication`, {
    publish: 'yes',
    publishReasons: 'The learning matters to every agency.',
    ...date('publicationOn', londonToday()),
    publishedText: 'Child Ak lived with Adult 1. Adult 1 said nothing.',
    briefing: 'Ask the child.',
  });
  assert.equal(await countRows(t.db, 'review_sign_off where review_id = $1', [reviewId]), 0);
  for (const key of ['leadcouncil', 'leadpolice', 'leadicb']) {
    const lead = await sessionAs(t, key);
    await lead.get(`/partnership/reviews/${reviewId}`);
    await lead.post(`/partnership/reviews/${reviewId}/sign-off`, {});
  }
  await bm.get(`/partnership/reviews/${reviewId}/publication`);
  const published = await bm.post(`/partnership/reviews/${reviewId}/publish`, {});
  assert.equal(published.statusCode, 303, published.body.slice(0, 400));
  const visitor = new Client(t.app);
  const list = await visitor.get('/published-reviews');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Child Ak/);
  const one = await visitor.get(`/published-reviews/${reviewId}`);
  assert.equal(one.statusCode, 200);
  assert.match(one.body, /Adult 1 said nothing/);
  assert.doesNotMatch(one.body, /Jonathan|Kerry|Baker|Acacia/);
});

test('a decision not to publish, with reasons, signed off; the public page does not show it', async () => {
  const tm = await sessionAs(t, 'tm');
  await tm.get('/partnership/reviews/notify');
  const res = await tm.post('/partnership/reviews/notify', {
    ...notifyForm(''),
    childDescription: 'A boy of 9 from out of area, not yet known here',
    pseudonym: 'Child Bz',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const id = idFrom(res.headers.location);
  const bm = await sessionAs(t, 'bm');
  await bm.get(`/partnership/reviews/${id}`);
  const noChild = await bm.post(`/partnership/reviews/${id}/rapid-review`, {
    ...date('periodFrom', '2025-09-01'),
    ...date('periodTo', '2026-01-31'),
  });
  assert.equal(noChild.statusCode, 409);
  await t.db.query(`update review set stage = 'local_review', commission = true where id = $1`, [id]);
  await bm.get(`/partnership/reviews/${id}/publication`);
  const decided = await bm.post(`/partnership/reviews/${id}/publication`, {
    publish: 'no',
    publishReasons: 'Publishing would identify the children and harm them.',
  });
  assert.equal(decided.statusCode, 303, decided.body.slice(0, 300));
  for (const key of ['leadcouncil', 'leadpolice', 'leadicb']) {
    const lead = await sessionAs(t, key);
    await lead.get(`/partnership/reviews/${id}`);
    assert.equal((await lead.post(`/partnership/reviews/${id}/sign-off`, {})).statusCode, 303);
  }
  assert.equal((await review(id)).stage, 'not_published');
  const page = await bm.get(`/partnership/reviews/${id}`);
  assert.match(page.body, /Publishing would identify the children/);
  assert.doesNotMatch((await new Client(t.app).get('/published-reviews')).body, /Child Bz/);
});

test('learning across reviews for the scrutineer, and the executive’s panel', async () => {
  const s = await sessionAs(t, 'scrutineer');
  const page = await s.get('/partnership/reviews/learning');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Information sharing/);
  assert.match(page.body, /Actions from review recommendations, by agency/);
  const exec = await s.get('/partnership/executive');
  assert.equal(exec.statusCode, 200);
  assert.match(exec.body, /Practice reviews/);
});
