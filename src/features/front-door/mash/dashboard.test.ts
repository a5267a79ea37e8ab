import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp } from '../../../../test/helpers/app.ts';
import { demoActor } from '../../../demo/organisation.ts';
import { mashDashboard, percent } from '../service.ts';

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  // Received, due, decided (London dates), decision, repeat: four contacts from the school, one from the police.
  const rows: [string, string, string | null, string | null, boolean, string][] = [
    ['2026-03-27T10:00:00Z', '2026-03-30', '2026-03-30T16:00:00Z', 'section_17', false, 'school1'],
    ['2026-03-27T11:00:00Z', '2026-03-30', '2026-03-31T09:00:00Z', 'no_further_action', false, 'school1'],
    ['2026-04-02T09:00:00Z', '2026-04-07', '2026-04-07T22:30:00Z', 'strategy_section_47', true, 'school1'],
    ['2026-04-20T09:00:00Z', '2026-04-21', null, null, false, 'school1'],
    ['2026-04-20T09:30:00Z', '2026-04-21', '2026-04-20T12:00:00Z', 'early_help', false, 'police'],
  ];
  let n = 0;
  let first: string | undefined;
  for (const [received, due, decided, decision, repeat, agency] of rows) {
    const [c] = await t.db.query<{ id: string }>(
      `insert into contact (partnership_id, status, received_at, reference, decision_due, decided_at, decision,
         source_agency_id, repeat_of)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        pid,
        decided ? 'decided' : 'open',
        received,
        `R-2026-9${n++}`,
        due,
        decided,
        decision,
        t.org.agencies[agency],
        repeat ? first : null,
      ],
    );
    first ??= c!.id;
  }
});

test('decisions in time, breaches, conversion and repeats, by agency and month', async () => {
  const d = await mashDashboard(t.db, demoActor(t.org, 'mashmgr'), { from: '2026-03-01', to: '2026-04-30' });
  // 22:30 UTC on 7 April is 23:30 in London (BST), still the due day: in time. 31 March was a day late.
  assert.deepEqual(d.totals, { received: 5, decided: 4, inTime: 3, breaches: 1, toReferral: 2, repeats: 1 });
  const school = d.byAgency.find((a) => a.agency === 'Kingsmead Primary School')!;
  assert.equal(school.received, 4);
  assert.deepEqual(
    d.byMonth.map((m) => [m.month, m.received]),
    [
      ['2026-03', 2],
      ['2026-04', 3],
    ],
  );
  assert.equal(d.byDecision.find((x) => x.label === 'Early help')?.count, 1);
  assert.equal(d.openTotal, 1);
  assert.equal(percent(2, 4), '50%');
  assert.equal(percent(1, 0), '–');
});

test('the dashboard page for managers and the partnership; refused to others', async () => {
  for (const key of ['mashmgr', 'mash', 'police', 'bm', 'scrutineer']) {
    const res = await (await signedIn(t.app, key)).get('/mash/dashboard?from=2026-03-01&to=2026-04-30');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /Decided in time/);
  }
  for (const key of ['teacher', 'sw', 'admin', 'public']) {
    assert.equal((await (await signedIn(t.app, key)).get('/mash/dashboard')).statusCode, 403, key);
  }
  const bad = await (await signedIn(t.app, 'mashmgr')).get('/mash/dashboard?from=2026-05-01&to=2026-04-01');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /must be on or before its end/);
});
