// Caseloads over real casework rows (inserted as the casework migration defines them), read through
// the casework service's openWorkItems and driftFacts: no fake source here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { addDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { allocateChild } from './allocation.ts';
import { driftReport, myWork, teamView, unallocated } from './service.ts';
import { addChild, addEpisode } from './test-fixtures.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { due as dueState } from '../../platform/due.ts';

const today = londonToday();
const ago = (days: number) => addDays(today, -days);
const ids: Record<string, string> = {};

/** Strategy discussion, section 47, initial conference and a child protection plan, then a visit. */
async function cpPlan(personId: string, episodeId: string, start: string, seenOn: string): Promise<void> {
  const pid = t.org.partnershipId;
  const agencies = [t.org.agencies.council, t.org.agencies.police];
  const sd = await insertedId(
    t.db,
    `insert into strategy_discussion (partnership_id, episode_id, person_id, held_on, agency_ids, participants, decision, rationale)
     values ($1,$2,$3,$4,$5,'Social worker, police','section_47','Injury') returning id`,
    [pid, episodeId, personId, addDays(start, -10), agencies],
  );
  const s47 = await insertedId(
    t.db,
    `insert into section_47 (partnership_id, episode_id, person_id, strategy_discussion_id, start_date, status, outcome,
       conference_needed, outcome_date)
     values ($1,$2,$3,$4,$5,'completed','substantiated_at_risk',true,$6) returning id`,
    [pid, episodeId, personId, sd, addDays(start, -10), addDays(start, -5)],
  );
  const conf = await insertedId(
    t.db,
    `insert into conference (partnership_id, episode_id, person_id, kind, section_47_id, held_on, chair, agencies_attended, decision, category)
     values ($1,$2,$3,'initial',$4,$5,'Chair',$6,'plan','NEG') returning id`,
    [pid, episodeId, personId, s47, start, agencies],
  );
  const plan = await insertedId(
    t.db,
    `insert into cp_plan (partnership_id, episode_id, person_id, initial_conference_id, start_date, initial_category, latest_category)
     values ($1,$2,$3,$4,$5,'NEG','NEG') returning id`,
    [pid, episodeId, personId, conf, start],
  );
  await t.db.query(
    `insert into visit (partnership_id, episode_id, person_id, cp_plan_id, visited_on, seen, seen_alone, bedroom_seen)
     values ($1,$2,$3,$4,$5,true,true,true)`,
    [pid, episodeId, personId, plan, seenOn],
  );
}

const t = useApp(async () => {
  ids.A = await addChild(t, 'Aled', 'Assessed');
  ids.B = await addChild(t, 'Bea', 'Planned');
  ids.C = await addChild(t, 'Cal', 'Unallocated');
  await allocate(t, ids.A, 'sw', 'Assessment Team North');
  await allocate(t, ids.B, 'sw', 'Assessment Team North');
  await addEpisode(t, ids.A, ago(80)); // its assessment is long overdue
  await cpPlan(ids.B, await addEpisode(t, ids.B, ago(70)), ago(50), ago(10));
  await addEpisode(t, ids.C, ago(20)); // open work, nobody allocated
});

test('my work over real casework: every open clock of the worker’s children, by due date, tagged', async () => {
  const w = await myWork(t.db, demoActor(t.org, 'sw'));
  const due = w.items.map((i) => i.dueDate);
  assert.deepEqual(due, [...due].sort(), 'ordered by due date');
  assert.deepEqual(w.items.map((i) => `${i.child.name}:${i.type}`).sort(), [
    'Aled Assessed:assessment',
    'Bea Planned:assessment',
    'Bea Planned:core_group',
    'Bea Planned:review_conference',
    'Bea Planned:visit',
  ]);
  for (const i of w.items) assert.deepEqual(i.state, dueState(i.dueDate, today), i.type);
  assert.equal(w.items.find((i) => i.child.name === 'Aled Assessed')!.state.status, 'overdue');
  assert.equal(w.caseload.weight, 2.5); // Bea on a plan 1.5, Aled's assessment 1

  const page = await (await signedIn(t.app, 'sw')).get('/my-work');
  assert.equal(page.statusCode, 200);
  const tags = [...page.body.matchAll(/govuk-tag--(red|yellow)">\s*(Overdue|Due soon)/g)].map((m) => m[2]);
  const expected = w.items
    .filter((i) => i.state.status !== 'on_time')
    .map((i) => (i.state.status === 'overdue' ? 'Overdue' : 'Due soon'));
  assert.deepEqual(tags, expected);
  assert.ok(page.body.indexOf('Aled Assessed') > 0 && page.body.indexOf('Statutory visit') > 0);
});

test('the team view and the unallocated list read the same open work', async () => {
  const v = await teamView(t.db, demoActor(t.org, 'tm'));
  const sw = v.workers.find((x) => x.name === 'Hannah Price')!;
  assert.equal(sw.caseload.weight, 2.5);
  const visit = (await myWork(t.db, demoActor(t.org, 'sw'))).items.find((i) => i.type === 'visit')!;
  assert.equal(v.notSeen.length, visit.dueDate < today ? 1 : 0);
  assert.equal(v.byType.find((b) => b.type === 'assessment')!.overdue, 2);

  const list = await unallocated(t.db, demoActor(t.org, 'tm'), 1);
  const cal = list.children.find((c) => c.child.personId === ids.C);
  assert.equal(cal?.reason, 'open_work');
  // Open work with nobody allocated: a team manager may allocate the child.
  await allocateChild(t.db, demoActor(t.org, 'tm'), ids.C!, { workerId: t.org.users.sw! });
  const after = await unallocated(t.db, demoActor(t.org, 'tm'), 1);
  assert.ok(!after.children.some((c) => c.child.personId === ids.C));
});

test('the drift report reads the casework service’s drift facts', async () => {
  const r = await driftReport(t.db, demoActor(t.org, 'tm'));
  assert.ok(
    r.rows.some(
      (x) =>
        x.kind === 'assessment_over_45_days' &&
        x.child.name === 'Aled Assessed' &&
        x.workerName === 'Hannah Price',
    ),
  );
  // Aled's assessment, and Bea's never started (referred 70 days ago).
  assert.equal(r.counts.find((c) => c.kind === 'assessment_over_45_days')!.total, 2);
});
