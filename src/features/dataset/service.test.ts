import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDb } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { addWorkingDays } from '../../platform/calendar.ts';
import { datasetCsv, refreshDataset, type FigureRow } from './service.ts';
import { figures } from './repository/figures.ts';
import { Records } from './test-records.ts';

const t = useDb();
let r: Records;
let rows2025: FigureRow[];

const year = (rows: FigureRow[], measure: string, breakdown = '', grp = '') =>
  rows.find(
    (x) => x.measure === measure && x.period === 'year' && x.breakdown === breakdown && x.grp === grp,
  );
const month = (rows: FigureRow[], measure: string, start: string) =>
  rows.find(
    (x) => x.measure === measure && x.period === 'month' && x.periodStart === start && x.breakdown === '',
  );

test('hand-made records for 1 April 2025 to 31 March 2026', async () => {
  r = new Records(t.db, t.org.partnershipId, t.org.users.sw!);
  const police = t.org.agencies.police!;
  // Contacts around the year's edges, in England time. 00:30 on 1 April 2025 (BST) is 23:30 UTC on
  // 31 March: in the year. 00:30 on 1 April 2026 (BST since 29 March) is 23:30 UTC on 31 March: not.
  await r.contact('2025-03-31T22:30:00Z', null); // 23:30 BST 31 March 2025: the year before
  await r.contact('2025-03-31T23:30:00Z', '2025-04-01T10:00:00Z', police); // 1 April: decided next day
  await r.contact('2026-03-31T22:30:00Z', '2026-04-01T08:00:00Z', police); // 31 March 2026, decided 1 April
  await r.contact('2026-03-31T23:30:00Z', null); // 1 April 2026: the next year
  // Easter 2025: Good Friday 18 April, Easter Monday 21 April. Received Thursday 17 April: due Tuesday 22.
  await r.contact('2025-04-17T09:00:00Z', '2025-04-22T15:00:00Z'); // in time
  await r.contact('2025-04-17T09:00:00Z', '2025-04-23T09:00:00Z'); // late
  // Received Saturday 26 April: the clock runs from Monday 28, due Tuesday 29.
  await r.contact('2025-04-26T11:00:00Z', '2025-04-29T16:00:00Z'); // in time
  // Never decided and long past due: late.
  await r.contact('2025-06-02T09:00:00Z', null);
});

test('referrals, re-referrals and casework', async () => {
  const team = t.org.teams['council:Assessment Team North'] ?? null;
  const a = await r.child('A');
  const b = await r.child('B');
  const c = await r.child('C');
  await r.referral(a, '2024-05-01', team);
  await r.referral(a, '2025-05-01', team); // 12 months to the day after: a re-referral
  await r.referral(b, '2024-04-30', team);
  await r.referral(b, '2025-05-01', team); // 12 months and a day: not a re-referral
  const refC = await r.referral(c, '2025-08-15', team);

  // Referral Friday 15 August 2025; the summer bank holiday (25 August) is not a working day.
  const due = addWorkingDays('2025-08-15', 45);
  assert.equal(due, '2025-10-20');
  const epC = await r.episode(c, '2025-08-15', refC);
  const onTime = await r.assessment(epC, c, '2025-08-15', due);
  await r.voice(c, 'assessment', onTime, due);
  const epA = await r.episode(a, '2025-08-15');
  await r.assessment(epA, a, '2025-08-15', '2025-10-21'); // a working day late, no voice

  // Strategy discussions Monday 15 December 2025: 15 working days over Christmas and New Year is
  // Thursday 8 January 2026.
  const icpcA = await r.childProtection(epA, a, '2025-12-15', '2026-01-08', 'NEG');
  const icpcC = await r.childProtection(epC, c, '2025-12-15', '2026-01-09', 'PHY');
  const planA = await r.cpPlan(epA, a, icpcA.conference, '2026-01-08', 'NEG');
  await r.cpPlan(epC, c, icpcC.conference, '2026-01-09', 'PHY');
  // A's earlier plan, 2023: makes A's plan a repeat. B's plan ended 1 June 2025 after exactly 12 months.
  const epOld = await r.episode(a, '2022-12-01', null, '2023-07-01');
  const old = await r.childProtection(epOld, a, '2022-12-01', '2022-12-20');
  await r.cpPlan(epOld, a, old.conference, '2023-01-01', 'EMO', '2023-06-01');
  const epB = await r.episode(b, '2024-04-30', null, '2025-07-01');
  const oldB = await r.childProtection(epB, b, '2024-05-10', '2024-05-30');
  await r.cpPlan(epB, b, oldB.conference, '2024-06-01', 'SAB', '2025-06-01');

  // Visits to A on the plan from 8 January 2026, every 10 working days.
  const v1 = await r.visit(epA, a, planA, '2026-01-22'); // due 22 January: in time
  await r.voice(a, 'visit', v1, '2026-01-22');
  await r.visit(epA, a, planA, '2026-02-05'); // due 5 February: in time
  await r.visit(epA, a, planA, '2026-02-20', false); // due 19 February: late, not seen
  await r.visit(epA, a, planA, '2026-02-23'); // still from 5 February: late

  // Allocations: A allocated from January; C never.
  await r.allocation(a, t.org.users.sw!, '2026-01-05');
  await refreshDataset(t.db, 2025);
  rows2025 = await figures(t.db, t.org.partnershipId, 2025);
});

test('contacts are counted on their day in England, 1 April to 31 March', () => {
  // 1 April 2025 00:30 BST, 17 April (two), 26 April, 2 June, 31 March 2026, and the contacts of the
  // three referrals made in the year (1 May twice, 15 August).
  assert.equal(year(rows2025, 'contacts')?.value, 9);
  assert.equal(month(rows2025, 'contacts', '2025-04-01')?.value, 4);
  assert.equal(month(rows2025, 'contacts', '2026-03-01')?.value, 1);
  assert.equal(year(rows2025, 'contacts', 'agency', 'Elmshire Constabulary')?.value ?? 0, 2);
});

test('decisions within one working day follow the bank holidays and the weekend', () => {
  const d = year(rows2025, 'decisions-in-time')!;
  // In time: 1 April (decided 1 April), 31 March 2026 (decided 1 April), 17 April → 22 April,
  // 26 April → 29 April, and the 3 referral contacts decided the same day. Late: 23 April, 2 June.
  assert.deepEqual([d.value, d.base], [7, 9]);
});

test('re-referrals within 12 months look back to the same date a year before', () => {
  const d = year(rows2025, 're-referrals')!;
  assert.deepEqual([d.value, d.base], [1, 3]);
});

test('assessments within 45 working days, by team', () => {
  const d = year(rows2025, 'assessments-in-time')!;
  assert.deepEqual([d.value, d.base], [1, 2]);
});

test('initial conferences within 15 working days of the strategy discussion', () => {
  assert.deepEqual([year(rows2025, 'icpc-in-time')!.value, year(rows2025, 'icpc-in-time')!.base], [1, 2]);
  assert.equal(year(rows2025, 'section-47s')?.value, 2);
});

test('plans by category, by length, and repeat plans', () => {
  assert.equal(year(rows2025, 'cp-plans-started', 'grp', 'Neglect')?.value, 1);
  assert.equal(year(rows2025, 'cp-plans-started', 'grp', 'Physical abuse')?.value, 1);
  assert.equal(year(rows2025, 'cp-plans-ended-length', 'grp', '1 to under 2 years')?.value, 1);
  const rep = year(rows2025, 'repeat-plans')!;
  assert.deepEqual([rep.value, rep.base], [1, 2]);
});

test('visits in time and the child’s voice', () => {
  const v = year(rows2025, 'cp-visits-in-time')!;
  assert.deepEqual([v.value, v.base], [2, 4]);
  const a = year(rows2025, 'voice-recorded', 'grp', 'Assessments')!;
  assert.deepEqual([a.value, a.base], [1, 2]);
  const vs = year(rows2025, 'voice-recorded', 'grp', 'Visits')!;
  assert.deepEqual([vs.value, vs.base], [1, 3]);
});

test('unallocated children and caseloads on the last day of the period', () => {
  // 31 March 2026: A (allocated) and C open; B's episode closed 1 July 2025.
  assert.equal(year(rows2025, 'unallocated')?.value, 1);
  // 30 June 2025 (the first quarter's last day): A, B and C all open and unallocated... A's and C's episodes
  // opened 15 August, so only B.
  assert.equal(
    rows2025.find(
      (x) =>
        x.measure === 'unallocated' &&
        x.period === 'quarter' &&
        x.periodStart === '2025-04-01' &&
        x.breakdown === '',
    )?.value,
    1,
  );
  const c = year(rows2025, 'caseloads')!;
  assert.deepEqual([c.value, c.base], [1, 1]);
});

test('a leap year: 29 February 2028 looks back to 28 February 2027', async () => {
  const d = await r.child('Leap');
  await r.referral(d, '2027-02-28');
  await r.referral(d, '2028-02-29');
  await refreshDataset(t.db, 2027);
  const rows = await figures(t.db, t.org.partnershipId, 2027);
  const rr = year(rows, 're-referrals')!;
  assert.deepEqual([rr.value, rr.base], [1, 1]);
  assert.equal(month(rows, 'referrals', '2028-02-01')?.value, 1);
});

test('the CSV neutralises a cell that would run as a formula', async () => {
  const [team] = await t.db.query<{ id: string }>(
    `insert into team (partnership_id, agency_id, name) values ($1, $2, '=HYPERLINK("http://x")') returning id`,
    [t.org.partnershipId, t.org.agencies.council],
  );
  const e = await r.child('Formula');
  await r.referral(e, '2025-09-01', team!.id);
  await refreshDataset(t.db, 2025);
  const csv = await datasetCsv(t.db, demoActor(t.org, 'bm'), 2025);
  assert.match(csv, /,"'=HYPERLINK\(""http:\/\/x""\)",/);
  assert.doesNotMatch(csv, /,=HYPERLINK/);
  assert.match(csv, /^\uFEFFArea,Measure,Period/);
});

test('practice reviews: notifications within 5 working days and rapid reviews within 15, over Christmas', async () => {
  const pid = t.org.partnershipId;
  // Aware on Friday 19 December 2025: Christmas Day and Boxing Day are not working days.
  const due = addWorkingDays('2025-12-19', 5);
  assert.equal(due, '2025-12-30');
  const rapidDue = addWorkingDays(due, 15);
  for (const [ref, notified, rapidDone] of [
    ['IN-TIME', due, rapidDue],
    ['LATE', '2025-12-31', addWorkingDays(rapidDue, 1)],
  ] as const) {
    await t.db.query(
      `insert into review (partnership_id, reference, child_description, pseudonym, criteria, what_happened,
         aware_on, notification_due_on, notified_on, notified_by, notifier_agency_id, rapid_review_due_on,
         stage, rapid_completed_on, commission)
       values ($1, $2, 'A child', 'Child Ds', '{death}', 'What happened', '2025-12-19', $3, $4, $5, $6, $7,
         'not_commissioned', $8, false)`,
      [pid, ref, due, notified, t.org.users.tm, t.org.agencies.council, rapidDue, rapidDone],
    );
  }
  await refreshDataset(t.db, 2025);
  const rows = await figures(t.db, pid, 2025);
  assert.deepEqual(
    [year(rows, 'si-notified-in-time')!.value, year(rows, 'si-notified-in-time')!.base],
    [1, 2],
  );
  const rapid = year(rows, 'rapid-reviews-in-time')!;
  assert.deepEqual([rapid.value, rapid.base], [1, 2]);
});

test('early help: episodes by lead agency, and assessments completed by their due day', async () => {
  const pid = t.org.partnershipId;
  const started = '2025-06-02';
  const due = addWorkingDays(started, 30);
  for (const [ref, completed] of [
    ['EH-A', due],
    ['EH-B', addWorkingDays(due, 1)],
  ] as const) {
    await t.db.query(
      `insert into eh_episode (partnership_id, reference, source, status, lead_user_id, lead_agency_id, consent,
         started_on, assessment_due, assessment_completed_on, created_by)
       values ($1, $2, 'direct', 'open', $3, $4, 'given', $5, $6, $7, $3)`,
      [pid, ref, t.org.users.sw, t.org.agencies.council, started, due, completed],
    );
  }
  await refreshDataset(t.db, 2025);
  const rows = await figures(t.db, pid, 2025);
  const council = 'Elmshire County Council';
  assert.equal(year(rows, 'eh-started', 'agency', council)?.value, 2);
  const inTime = year(rows, 'eh-assessments-in-time')!;
  assert.deepEqual([inTime.value, inTime.base], [1, 2]);
});
