// Case audits through the services: the reproducible sample, answers and their refusals, moderation,
// findings and actions, and the auditor's access to the sampled children ending with the audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { hasPersonAccess, requirePersonAccess } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import {
  addAuditAction,
  caseAuditResults,
  executivePanel,
  addFinding,
  answerChild,
  auditDetail,
  childDetail,
  closeAudit,
  moderate,
  planAudit,
  type PlanInput,
} from './service.ts';
import { answers, makeAuditChild, makeLead, runningDates } from './test-fixtures.ts';

let bm: Actor;
let leadCouncil: Actor;
let leadPolice: Actor;
let leadSchool: Actor;
const children: Record<string, string> = {};

const t = useDb(async () => {
  bm = demoActor(t.org, 'bm');
  leadCouncil = await makeLead(t, 'council', 'Lena Council');
  leadPolice = await makeLead(t, 'police', 'Pete Police');
  leadSchool = await makeLead(t, 'school1', 'Sita School');
  const north = t.org.teams['council:Assessment Team North']!;
  // Ages on 2026-01-15: 3, 5, 8, 10, 12, 15; some on a plan, some in an open episode, some allocated.
  children.a = await makeAuditChild(t, 'Alder', '2022-06-01', { cinPlan: true, teamId: north });
  children.b = await makeAuditChild(t, 'Birch', '2020-06-01', { cinPlan: true });
  children.c = await makeAuditChild(t, 'Cedar', '2017-06-01', { episode: true, teamId: north });
  children.d = await makeAuditChild(t, 'Damson', '2015-06-01', { cinPlan: true, teamId: north });
  children.e = await makeAuditChild(t, 'Elder', '2013-06-01');
  children.f = await makeAuditChild(t, 'Fir', '2010-06-01', { episode: true });
  children.r = await makeAuditChild(t, 'Rowan', '2016-06-01', { cinPlan: true, restricted: true });
});

function plan(over: Partial<PlanInput> = {}): PlanInput {
  return {
    title: 'Neglect audit',
    theme: 'neglect',
    ...runningDates(),
    agencyIds: [t.org.agencies.council!, t.org.agencies.police!],
    auditorIds: [leadCouncil.userId, leadPolice.userId],
    sampleMethod: 'criteria',
    status: 'any',
    sampleSize: 3,
    seed: 'elm-2026',
    ...over,
  } as PlanInput;
}

async function sampleOf(id: string): Promise<string[]> {
  const rows = await t.db.query<{ person_id: string }>(
    'select person_id from case_audit_child where case_audit_id = $1 order by position',
    [id],
  );
  return rows.map((r) => r.person_id);
}

test('the same seed over the same criteria draws the same children; another seed may not', async () => {
  const one = await sampleOf(await planAudit(t.db, bm, plan({ sampleSize: 4 })));
  const two = await sampleOf(await planAudit(t.db, bm, plan({ sampleSize: 4 })));
  assert.equal(one.length, 4);
  assert.deepEqual(one, two);
  const seeds = await Promise.all(
    ['x1', 'x2', 'x3', 'x4'].map(async (seed) =>
      (await sampleOf(await planAudit(t.db, bm, plan({ seed, sampleSize: 4 })))).join(),
    ),
  );
  assert.ok(new Set([one.join(), ...seeds]).size > 1, 'different seeds draw different samples');
  assert.ok(!one.includes(children.r!), 'a restricted record is never sampled');
});

test('criteria are respected: plan, age band on the start date, team; and a missing seed is made and kept', async () => {
  const north = t.org.teams['council:Assessment Team North']!;
  const id = await planAudit(
    t.db,
    bm,
    plan({
      status: 'cin_plan',
      ageFrom: 4,
      ageTo: 12,
      sampleSize: 10,
      seed: undefined,
      startsOn: '2026-01-15',
      endsOn: '2026-02-15',
    }),
  );
  assert.deepEqual((await sampleOf(id)).sort(), [children.b, children.d].sort());
  const [row] = await t.db.query<{ seed: string }>('select seed from case_audit where id = $1', [id]);
  assert.match(row!.seed, /^[0-9a-f]{12}$/);
  const team = await sampleOf(await planAudit(t.db, bm, plan({ teamId: north, sampleSize: 10 })));
  assert.deepEqual(team.sort(), [children.a, children.c, children.d].sort());
  const episode = await sampleOf(await planAudit(t.db, bm, plan({ status: 'open_episode', sampleSize: 10 })));
  assert.ok(episode.length >= 5 && episode.every((p) => ![children.e].includes(p)));
  // At random: any child, the criteria fields ignored.
  const random = await sampleOf(
    await planAudit(t.db, bm, plan({ sampleMethod: 'random', status: 'cin_plan', sampleSize: 100 })),
  );
  assert.ok(random.includes(children.e!) && random.includes(children.f!));
});

test('planning refuses bad input naming each field, and writes nothing', async () => {
  const before = await countRows(t.db, 'case_audit');
  await assert.rejects(
    planAudit(
      t.db,
      bm,
      plan({ endsOn: '2020-01-01', auditorIds: [leadSchool.userId], ageFrom: 10, ageTo: 5 }),
    ),
    (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.errors.map((x) => x.field).sort(), ['ageTo', 'auditorIds', 'endsOn']);
      assert.match(e.errors.find((x) => x.field === 'auditorIds')!.message, /not taking part/);
      return true;
    },
  );
  await assert.rejects(planAudit(t.db, bm, plan({ status: 'cin_plan', ageFrom: 17 })), (e: unknown) => {
    assert.ok(e instanceof ValidationError);
    assert.equal(e.errors[0]!.field, 'sampleSize');
    return true;
  });
  await assert.rejects(planAudit(t.db, bm, { title: '' } as PlanInput), ValidationError);
  // Only the business manager plans: an agency lead, the scrutineer, a social worker are refused.
  for (const a of [leadCouncil, demoActor(t.org, 'scrutineer'), demoActor(t.org, 'sw')]) {
    await assert.rejects(planAudit(t.db, a, plan()), ForbiddenError);
  }
  assert.equal(await countRows(t.db, 'case_audit'), before);
});

test('answers: the auditors of the agencies taking part, for sampled children, while the audit runs', async () => {
  const id = await planAudit(t.db, bm, plan({ seed: 'answers' }));
  const [ref, ref2] = (await auditDetail(t.db, bm, id)).sample.map((s) => s.ref);
  await answerChild(t.db, leadCouncil, id, answers(ref!, 'good') as never);
  // Agency not in the audit (the school), though an agency lead.
  await assert.rejects(answerChild(t.db, leadSchool, id, answers(ref!) as never), (e: unknown) => {
    assert.ok(e instanceof ConflictError);
    assert.match(e.message, /not taking part in this audit/);
    return true;
  });
  // A child not in the sample.
  const other = await planAudit(t.db, bm, plan({ seed: 'other' }));
  const foreign = (await auditDetail(t.db, bm, other)).sample[0]!.ref;
  await assert.rejects(answerChild(t.db, leadPolice, id, answers(foreign) as never), (e: unknown) => {
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.errors, [{ field: 'childRef', message: 'This child is not in the audit’s sample' }]);
    return true;
  });
  // A bad grade, a missing comment: named.
  await assert.rejects(
    answerChild(t.db, leadPolice, id, {
      ...answers(ref!),
      overallGrade: 'superb',
      voiceComment: '',
    } as never),
    (e: unknown) =>
      e instanceof ValidationError &&
      e.errors.some((x) => x.field === 'overallGrade') &&
      e.errors.some((x) => x.field === 'voiceComment'),
  );
  // Roles without the permission.
  await assert.rejects(answerChild(t.db, bm, id, answers(ref!) as never), ForbiddenError);
  await assert.rejects(answerChild(t.db, demoActor(t.org, 'sw'), id, answers(ref!) as never), ForbiddenError);
  assert.equal(await countRows(t.db, 'case_audit_answer where case_audit_id = $1', [id]), 1);

  // Moderation waits for every agency taking part.
  await assert.rejects(moderate(t.db, bm, id, ref!, { grade: 'good', note: 'n' }), /police|Constabulary/i);
  await answerChild(t.db, leadPolice, id, answers(ref!, 'requires_improvement') as never);
  const page = await childDetail(t.db, bm, id, ref!);
  assert.deepEqual(page.answers.map((a) => a.gradeLabel).sort(), ['Good', 'Requires improvement']);
  assert.equal(page.mayModerate, true);
  await assert.rejects(moderate(t.db, leadCouncil, id, ref!, { grade: 'good', note: 'n' }), ForbiddenError);
  await moderate(t.db, bm, id, ref!, {
    grade: 'requires_improvement',
    note: 'Police view upheld: late strategy discussion.',
  });
  // Once moderated, an agency's answers are fixed.
  await assert.rejects(
    answerChild(t.db, leadCouncil, id, answers(ref!, 'outstanding') as never),
    ConflictError,
  );
  const detail = await auditDetail(t.db, bm, id);
  assert.equal(detail.sample.find((s) => s.ref === ref)!.moderatedGrade, 'requires_improvement');
  assert.equal(detail.sample.find((s) => s.ref === ref2)!.moderatedGrade, null);

  // Findings and actions into the one action log.
  await addFinding(t.db, bm, id, {
    theme: 'Strategy discussions',
    finding: 'Police were not invited in time.',
  });
  await assert.rejects(addFinding(t.db, bm, id, { theme: '', finding: '' }), ValidationError);
  await assert.rejects(addFinding(t.db, leadCouncil, id, { theme: 'x', finding: 'y' }), ForbiddenError);
  const actionId = await addAuditAction(t.db, bm, id, {
    title: 'Invite police to every strategy discussion',
    ownerAgencyId: t.org.agencies.police!,
    dueOn: '2027-03-31',
  } as never);
  await assert.rejects(
    addAuditAction(t.db, bm, id, { title: 'No owner', dueOn: '2027-03-31' } as never),
    ValidationError,
  );
  const after = await auditDetail(t.db, bm, id);
  assert.deepEqual(
    after.findings.map((f) => f.theme),
    ['Strategy discussions'],
  );
  assert.deepEqual(
    after.actions.map((a) => a.id),
    [actionId],
  );
  assert.equal(after.actions[0]!.sourceHref, `/partnership/case-audits/${id}`);
  assert.ok((await auditRows(t.db, { action: 'case_audit.moderated', entityId: id })).length === 1);
  assert.ok((await auditRows(t.db, { action: 'case_audit.answered', entityId: id })).length === 2);
});

test('an auditor reads a sampled child only while the audit runs; closing it ends that', async () => {
  // An auditor of this audit only (the earlier tests' audits are still running).
  const auditor = await makeLead(t, 'council', 'Ada Auditor');
  const only = { auditorIds: [auditor.userId, leadPolice.userId] };
  const id = await planAudit(t.db, bm, plan({ ...only, seed: 'access', sampleSize: 2 }));
  const sample = await sampleOf(id);
  const notSampled = Object.values(children).find((c) => !sample.includes(c) && c !== children.r)!;
  // The named auditor reads the record, chronology and casework of a sampled child, audited.
  for (const part of ['record', 'chronology', 'casework'] as const) {
    const access = await requirePersonAccess(t.db, auditor, sample[0]!, part);
    assert.equal(access.basis, 'audit_sample');
  }
  // Not a child outside the sample; not another agency lead who is not an auditor.
  await assert.rejects(requirePersonAccess(t.db, auditor, notSampled), NotFoundError);
  await assert.rejects(requirePersonAccess(t.db, leadSchool, sample[0]!), NotFoundError);
  // Names show on the audit's pages only to those who may open the record.
  assert.ok((await auditDetail(t.db, auditor, id)).sample.every((s) => s.name?.startsWith('Audrey')));
  assert.ok((await auditDetail(t.db, leadSchool, id)).sample.every((s) => s.name === undefined));
  assert.ok((await auditDetail(t.db, bm, id)).sample.every((s) => s.name === undefined));
  assert.ok((await auditRows(t.db, { action: 'case_audit.sample_read', personId: sample[0]! })).length > 0);

  // An audit not yet started opens nothing.
  const later = await planAudit(
    t.db,
    bm,
    plan({ ...only, seed: 'access', sampleSize: 2, startsOn: '2099-01-01', endsOn: '2099-02-01' }),
  );
  assert.deepEqual(await sampleOf(later), sample);
  await closeAudit(t.db, bm, id);
  assert.equal(await hasPersonAccess(t.db, auditor, sample[0]!), false);
  await assert.rejects(requirePersonAccess(t.db, auditor, sample[0]!), NotFoundError);
  const ref = (await auditDetail(t.db, bm, id)).sample[0]!.ref;
  await assert.rejects(answerChild(t.db, auditor, id, answers(ref) as never), /closed/);
  await assert.rejects(
    answerChild(t.db, auditor, later, answers((await auditDetail(t.db, bm, later)).sample[0]!.ref) as never),
    /while the audit runs/,
  );
  await assert.rejects(closeAudit(t.db, bm, id), ConflictError);
  await assert.rejects(moderate(t.db, bm, id, ref, { grade: 'good', note: 'x' }), /closed/);
});

test('results and the executive panel: moderated grades by audit and theme, agencies’ own grades', async () => {
  const results = await caseAuditResults(t.db, demoActor(t.org, 'scrutineer'));
  assert.ok(results.chart, 'a chart once a grade is moderated');
  assert.equal(results.chart.kind, 'stacked-bar');
  assert.deepEqual(results.chart.table.head, [
    'Audit',
    'Theme',
    'Outstanding',
    'Good',
    'Requires improvement',
    'Inadequate',
  ]);
  // One child of the "answers" audit was moderated as requires improvement.
  assert.deepEqual(results.themeTable.rows, [['Neglect', 0, 0, 1, 0]]);
  assert.ok(results.agencyTable.rows.some((r) => r[1] === 'Elmshire Constabulary' && r[4] === 1));
  const panel = await executivePanel(t.db, bm);
  assert.equal(panel.href, '/partnership/case-audits/results');
  assert.ok(
    panel.headlines.includes('0% graded good or better in the last audit'),
    panel.headlines.join('; '),
  );
  assert.ok(panel.chart && panel.chart.table.rows.length === 1);
  await assert.rejects(executivePanel(t.db, demoActor(t.org, 'sw')), ForbiddenError);
  await assert.rejects(caseAuditResults(t.db, demoActor(t.org, 'sw')), ForbiddenError);
});
