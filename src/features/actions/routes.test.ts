import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoActor } from '../../demo/organisation.ts';
import { addDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { apiToken, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { addActionIn } from './service.ts';

const today = londonToday();
let policeAction: string;
let councilAction: string;
let measure: string;

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  measure = (
    await t.db.query<{ id: string }>(
      `insert into partnership_measure (partnership_id, name, unit) values ($1, 'Strategy discussions with police present', '%') returning id`,
      [pid],
    )
  )[0]!.id;
  await t.db.query(
    `insert into partnership_measure_value (partnership_id, measure_id, period, period_end, value)
     values ($1,$2,'2020 Q1','2020-03-31',61), ($1,$2,'2099 Q1','2099-03-31',88)`,
    [pid, measure],
  );
  const add = (ownerAgencyId: string, title: string, dueOn: string, measureId?: string) =>
    t.db.transaction(
      async (tx) =>
        (
          await addActionIn(tx, demoActor(t.org, 'bm'), {
            sourceKind: 'meeting',
            sourceId: 'm1',
            sourceLabel: 'Executive, 3 March',
            sourceHref: '/partnership',
            title,
            ownerAgencyId,
            dueOn,
            measureId: measureId ?? null,
          })
        ).id,
    );
  policeAction = await add(
    t.org.agencies.police!,
    'Police attend every strategy discussion',
    addDays(today, -10),
    measure,
  );
  councilAction = await add(t.org.agencies.council!, 'Refresh the threshold document', addDays(today, 40));
});

const form = (status: string, over: Record<string, string> = {}) => ({
  status,
  evidence: '',
  note: '',
  ...over,
});

test('the log lists, filters and shows RAG; the overdue page counts by agency', async () => {
  const lead = await sessionAs(t, 'leadschool');
  const all = await lead.get('/partnership/actions');
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /Police attend every strategy discussion/);
  assert.match(all.body, /Overdue by/);
  const overdueOnly = await lead.get('/partnership/actions?overdue=yes');
  assert.doesNotMatch(overdueOnly.body, /Refresh the threshold document/);
  const byAgency = await lead.get(`/partnership/actions?agency=${t.org.agencies.council}`);
  assert.doesNotMatch(byAgency.body, /Police attend/);
  assert.match(byAgency.body, /Refresh the threshold document/);
  const junk = await lead.get('/partnership/actions?status=nonsense&agency=x&page=-3');
  assert.equal(junk.statusCode, 200, 'unknown filter values are dropped');
  const overdue = await lead.get('/partnership/actions/overdue');
  assert.equal(overdue.statusCode, 200);
  assert.match(overdue.body, /Elmshire Constabulary: 1 overdue/);
});

test('the action page shows the measure before and the latest, and only those who may update get the form', async () => {
  const bm = await sessionAs(t, 'bm');
  const page = await bm.get(`/partnership/actions/${policeAction}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /61 \(2020 Q1\)/, 'before: the value when the action was raised');
  assert.match(page.body, /88 \(2099 Q1\)/, 'latest');
  assert.match(page.body, /Save status/);
  const police = await sessionAs(t, 'leadpolice');
  assert.match((await police.get(`/partnership/actions/${policeAction}`)).body, /Save status/);
  assert.doesNotMatch((await police.get(`/partnership/actions/${councilAction}`)).body, /Save status/);
  const scrutineer = await sessionAs(t, 'scrutineer');
  assert.doesNotMatch((await scrutineer.get(`/partnership/actions/${policeAction}`)).body, /Save status/);
  assert.equal((await bm.get('/partnership/actions/not-an-id')).statusCode, 404);
  assert.equal((await bm.get('/partnership/actions/00000000-0000-4000-8000-000000000000')).statusCode, 404);
});

test('an agency lead updates only their agency’s actions; done needs evidence', async () => {
  const police = await sessionAs(t, 'leadpolice');
  const other = await police.post(`/partnership/actions/${councilAction}/status`, form('in_progress'));
  assert.equal(other.statusCode, 403);
  const noEvidence = await police.post(`/partnership/actions/${policeAction}/status`, form('done'));
  assert.equal(noEvidence.statusCode, 400);
  assert.match(noEvidence.body, /Enter the evidence that the action is done/);
  assert.equal(
    await countRows(t.db, `partnership_action where id = $1 and status = 'open'`, [policeAction]),
    1,
  );
  const done = await police.post(
    `/partnership/actions/${policeAction}/status`,
    form('done', { evidence: 'Rota agreed; attendance 100% in May' }),
  );
  assert.equal(done.statusCode, 303);
  const page = await police.get(`/partnership/actions/${policeAction}?done=status`);
  assert.match(page.body, /The action’s status is updated/);
  assert.match(page.body, /In time|Late/);
  assert.match(page.body, /from open to done/);
  assert.equal((await auditRows(t.db, { action: 'action.status', entityId: policeAction })).length, 1);
  const teacher = await sessionAs(t, 'teacher');
  assert.equal(
    (await teacher.post(`/partnership/actions/${councilAction}/status`, form('done'))).statusCode,
    403,
  );
  const scrutineer = await sessionAs(t, 'scrutineer');
  assert.equal(
    (await scrutineer.post(`/partnership/actions/${councilAction}/status`, form('dropped'))).statusCode,
    403,
  );
});

test('the API: list with filters, read, create as the business manager, status with its rules', async () => {
  const bm = await apiToken(t, 'bm');
  const lead = await apiToken(t, 'leadcouncil');
  const call = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const list = await call(lead, 'GET', `/api/v1/actions?agency=${t.org.agencies.council}`);
  assert.equal(list.statusCode, 200);
  assert.ok(
    list.json().actions.every((a: { ownerAgencyId: string }) => a.ownerAgencyId === t.org.agencies.council),
  );
  assert.equal((await call(lead, 'GET', '/api/v1/actions?status=finished')).statusCode, 400);
  const one = await call(lead, 'GET', `/api/v1/actions/${councilAction}`);
  assert.equal(one.json().title, 'Refresh the threshold document');

  const before = await countRows(t.db, 'partnership_action');
  const noOwner = await call(bm, 'POST', '/api/v1/actions', { title: 'X', dueOn: '2030-01-01' });
  assert.equal(noOwner.statusCode, 400);
  assert.match(noOwner.body, /ownerAgencyId/);
  const noDue = await call(bm, 'POST', '/api/v1/actions', {
    title: 'X',
    ownerAgencyId: t.org.agencies.police,
  });
  assert.equal(noDue.statusCode, 400);
  assert.match(noDue.body, /dueOn/);
  const scrutineerOwner = await call(bm, 'POST', '/api/v1/actions', {
    title: 'X',
    ownerAgencyId: t.org.agencies.council,
    ownerUserId: t.org.users.scrutineer,
    dueOn: '2030-01-01',
  });
  assert.equal(scrutineerOwner.statusCode, 400);
  assert.match(scrutineerOwner.body, /scrutineer cannot own an action/);
  assert.equal(
    (
      await call(lead, 'POST', '/api/v1/actions', {
        title: 'X',
        ownerAgencyId: t.org.agencies.council,
        dueOn: '2030-01-01',
      })
    ).statusCode,
    403,
  );
  assert.equal(await countRows(t.db, 'partnership_action'), before, 'nothing written');
  const made = await call(bm, 'POST', '/api/v1/actions', {
    title: 'Publish the annual report',
    ownerAgencyId: t.org.agencies.council,
    dueOn: '2030-09-30',
  });
  assert.equal(made.statusCode, 201);
  const id = made.json().id;
  const noEvidence = await call(lead, 'POST', `/api/v1/actions/${id}/status`, { status: 'done' });
  assert.equal(noEvidence.statusCode, 400);
  assert.match(noEvidence.body, /evidence/);
  const done = await call(lead, 'POST', `/api/v1/actions/${id}/status`, {
    status: 'done',
    evidence: 'Published',
  });
  assert.equal(done.statusCode, 200);
  assert.equal(done.json().status, 'done');
  const police = await apiToken(t, 'leadpolice');
  assert.equal(
    (await call(police, 'POST', `/api/v1/actions/${id}/status`, { status: 'open', note: 'x' })).statusCode,
    403,
  );
});
