// One strategy discussion for three brothers and sisters: each child gets their own record with
// their own decision, and each child's clock moves on; the recorded meeting opens as a page, reads
// back, and is corrected with a reason, the previous version kept in its history and audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { openWorkItems } from './service.ts';
import { agencyIds, dateParts, makeChild, makeReferral } from './test-support.ts';

let sw: Client;
const kids: Record<string, string> = {};

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  const home = await insertedId(
    t.db,
    `insert into household (partnership_id, label) values ($1, 'Marsh household') returning id`,
    [t.org.partnershipId],
  );
  for (const given of ['Ann', 'Bea', 'Cal', 'Other']) {
    kids[given] = await makeChild(t, given);
    const referral = await makeReferral(t, kids[given]!, '2026-03-02', 'strategy_section_47');
    const res = await sw.post(`/people/${kids[given]}/casework/episode/start`, {
      referral,
      referralSource: '6',
      primaryNeed: 'N1',
    });
    assert.equal(res.statusCode, 303);
    // Ann, Bea and Cal live together; Other lives elsewhere.
    if (given !== 'Other')
      await t.db.query(
        `insert into household_member (partnership_id, household_id, person_id) values ($1,$2,$3)`,
        [t.org.partnershipId, home, kids[given]],
      );
  }
});

const discussion = () => ({
  ...dateParts('heldOn', '2026-03-03'),
  agencies: agencyIds(t.org, 'council', 'police', 'icb'),
  participants: 'Hannah Price (social worker); DS Carr (police); Nurse Ade (health)',
  rationale: 'Bruising seen on Ann at school; the younger two live in the same home.',
});

const types = async (id: string) =>
  (await openWorkItems(t.db, t.org.partnershipId, [id])).map((i) => i.type).sort();

test('one strategy discussion for three siblings: a record each with its own decision; each clock moves on', async () => {
  for (const k of ['Ann', 'Bea', 'Cal']) assert.ok((await types(kids[k]!)).includes('strategy_discussion'));
  const form = await sw.get(`/people/${kids.Ann}/casework/strategy-discussion/new`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Decision for Bea Marsh/);
  assert.match(form.body, /Decision for Cal Marsh/);
  assert.doesNotMatch(form.body, /Decision for Other Marsh/, 'not of the household');

  // A child who is not a brother or sister is refused, and nothing is written.
  const bad = await sw.post(`/people/${kids.Ann}/casework/strategy-discussion/new`, {
    ...discussion(),
    decision: 'section_47',
    siblingDecisions: [`${kids.Other}:section_47`],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#siblingDecisions"/);
  assert.match(bad.body, /id="siblingDecisions"/);
  const none = await t.db.query('select 1 from strategy_discussion');
  assert.equal(none.length, 0);

  const res = await sw.post(`/people/${kids.Ann}/casework/strategy-discussion/new`, {
    ...discussion(),
    decision: 'section_47',
    siblingDecisions: [`${kids.Bea}:section_47`, `${kids.Cal}:continue_assessment`, ''],
  });
  assert.equal(res.statusCode, 303, res.body.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
  const rows = await t.db.query<{ person_id: string; decision: string; meeting_id: string }>(
    `select person_id, decision, meeting_id from strategy_discussion order by created_at`,
  );
  assert.equal(rows.length, 3);
  assert.equal(new Set(rows.map((r) => r.meeting_id)).size, 1, 'one meeting');
  const decisionOf = (id: string) => rows.find((r) => r.person_id === id)?.decision;
  assert.equal(decisionOf(kids.Ann!), 'section_47');
  assert.equal(decisionOf(kids.Bea!), 'section_47');
  assert.equal(decisionOf(kids.Cal!), 'continue_assessment');
  // The strategy clock stops for each child; the enquiry's clock starts for Ann and Bea.
  for (const k of ['Ann', 'Bea', 'Cal'])
    assert.ok(!(await types(kids[k]!)).includes('strategy_discussion'), k);
  assert.ok((await types(kids.Ann!)).includes('section_47'));
  assert.ok((await types(kids.Bea!)).includes('section_47'));
  assert.ok(!(await types(kids.Cal!)).includes('section_47'));
  assert.ok((await types(kids.Other!)).includes('strategy_discussion'), 'Other still waits');
  const audited = await t.db.query(
    `select person_id from audit_event where action = 'casework.strategy_discussion'`,
  );
  assert.equal(audited.length, 3);
});

test('a recorded meeting opens from the casework page, reads back, and names the other children', async () => {
  const [sd] = await t.db.query<{ id: string }>(`select id from strategy_discussion where person_id = $1`, [
    kids.Bea,
  ]);
  const overview = await sw.get(`/people/${kids.Bea}/casework`);
  assert.match(overview.body, new RegExp(`href="/people/${kids.Bea}/strategy-discussions/${sd!.id}"`));
  const page = await sw.get(`/people/${kids.Bea}/strategy-discussions/${sd!.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Strategy discussion of 3 March 2026/);
  assert.match(page.body, /DS Carr \(police\)/);
  assert.match(page.body, /Other children discussed at this meeting/);
  assert.match(page.body, /Ann Marsh<\/a>: Start a section 47 enquiry/);
  assert.match(page.body, /Cal Marsh<\/a>: /);
  assert.match(page.body, /This record has not been corrected/);
  const missing = await sw.get(`/people/${kids.Bea}/strategy-discussions/${crypto.randomUUID()}`);
  assert.equal(missing.statusCode, 404);
});

test('a correction needs a reason, keeps the previous version in the history, and is audited', async () => {
  const [sd] = await t.db.query<{ id: string }>(`select id from strategy_discussion where person_id = $1`, [
    kids.Cal,
  ]);
  const url = `/people/${kids.Cal}/strategy-discussions/${sd!.id}/correct`;
  const form = await sw.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  const corrected = {
    ...discussion(),
    participants: 'Hannah Price (social worker); DS Carr (police); Nurse Ade (health); Jo Bell (school)',
    decision: 'continue_assessment',
    version: '1',
  };
  const noReason = await sw.post(url, corrected);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#reason"[^>]*>Enter why the record is corrected/);
  const [still] = await t.db.query<{ version: number; participants: string }>(
    'select version, participants from strategy_discussion where id = $1',
    [sd!.id],
  );
  assert.equal(still!.version, 1);

  const ok = await sw.post(url, { ...corrected, reason: 'The school’s designated lead also took part.' });
  assert.equal(ok.statusCode, 303);
  const [now] = await t.db.query<{ version: number; participants: string }>(
    'select version, participants from strategy_discussion where id = $1',
    [sd!.id],
  );
  assert.equal(now!.version, 2);
  assert.match(now!.participants, /Jo Bell/);
  const page = await sw.get(`/people/${kids.Cal}/strategy-discussions/${sd!.id}?done=corrected`);
  assert.match(page.body, /The strategy discussion is corrected/);
  assert.match(page.body, /Version 1, replaced/);
  assert.match(page.body, /The school’s designated lead also took part\./);
  assert.match(page.body, /Nurse Ade \(health\)<\/dd>|Nurse Ade \(health\)\s*<\/dd>/);
  const [event] = await t.db.query<{ person_id: string; detail: { reason: string; version: number } }>(
    `select person_id, detail from audit_event where action = 'casework.strategy_discussion_correct'`,
  );
  assert.equal(event!.person_id, kids.Cal);
  assert.equal(event!.detail.reason, 'The school’s designated lead also took part.');
  // The same form again (version 1) is out of date: refused, nothing changed.
  const stale = await sw.post(url, { ...corrected, reason: 'Again' });
  assert.equal(stale.statusCode, 409);
  const versions = await t.db.query('select 1 from casework_record_version where entity_id = $1', [sd!.id]);
  assert.equal(versions.length, 1);
});
