import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditActions } from './test-helpers.ts';

let admin: Client;
const t = useApp(async () => {
  admin = await sessionAs(t, 'admin');
});

const agencyForm = (over: Record<string, string> = {}) => ({
  name: 'Elmshire Young Carers',
  kind: 'voluntary',
  partnerType: 'relevant',
  active: 'yes',
  ...over,
});

test('the overview and the agency list show the organisation', async () => {
  const home = await admin.get('/admin');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Active agencies/);
  assert.match(home.body, /href="\/admin\/users"/);
  const list = await admin.get('/admin/agencies');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Elmshire Constabulary/);
  assert.match(list.body, /Statutory partner/);
  // The service navigation leads here.
  assert.match(list.body, /class="govuk-service-navigation__link" href="\/admin" aria-current="true"/);
});

test('an agency is added, audited in the same change, and shown', async () => {
  const res = await admin.post('/admin/agencies/new', agencyForm());
  assert.equal(res.statusCode, 303);
  const id = /\/admin\/agencies\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1];
  assert.ok(id);
  const [row] = await t.db.query<{ kind: string; statutory_partner: boolean; active: boolean }>(
    'select kind, statutory_partner, active from agency where id = $1',
    [id],
  );
  assert.deepEqual(row, { kind: 'voluntary', statutory_partner: false, active: true });
  assert.deepEqual(await auditActions(t, id), ['admin.agency.create']);
  const page = await admin.get(String(res.headers.location));
  assert.match(page.body, /Agency added/);
  assert.match(page.body, /Voluntary sector/);
});

test('bad agency input is refused with the error summary and nothing is written', async () => {
  const before = await t.db.query('select id from agency');
  const empty = await admin.post('/admin/agencies/new', { name: '', kind: '', partnerType: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /govuk-error-summary/);
  assert.match(empty.body, /href="#name">Enter agency name/);
  assert.match(empty.body, /href="#kind">Select the kind of agency/);
  assert.match(empty.body, /href="#partnerType">/);
  const dup = await admin.post('/admin/agencies/new', agencyForm({ name: 'ELMSHIRE CONSTABULARY' }));
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /href="#name">An agency with this name already exists/);
  const long = await admin.post('/admin/agencies/new', agencyForm({ name: 'x'.repeat(201) }));
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /200 characters or fewer/);
  const badKind = await admin.post('/admin/agencies/new', agencyForm({ kind: 'church' }));
  assert.equal(badKind.statusCode, 400);
  const arrays = await admin.post('/admin/agencies/new', { ...agencyForm(), name: ['a', 'b'] });
  assert.equal(arrays.statusCode, 400);
  assert.equal((await t.db.query('select id from agency')).length, before.length);
});

test('HTML in a name is stored as typed and shown escaped', async () => {
  const name = '<script>alert("x")</script> Trust';
  const res = await admin.post('/admin/agencies/new', agencyForm({ name }));
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ name: string }>('select name from agency where name like $1', [
    '<script>%',
  ]);
  assert.equal(row?.name, name);
  const list = await admin.get('/admin/agencies');
  assert.ok(!list.body.includes('<script>alert'));
  assert.match(list.body, /&lt;script&gt;alert/);
});

test('an agency is changed and deactivated; the change is audited with what changed', async () => {
  const id = t.org.agencies.housing!;
  const form = await admin.get(`/admin/agencies/${id}/edit`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /value="Elmshire Homes"/);
  const res = await admin.post(`/admin/agencies/${id}/edit`, {
    name: 'Elmshire Homes Group',
    kind: 'housing',
    partnerType: 'relevant',
    active: 'no',
  });
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ name: string; active: boolean }>(
    'select name, active from agency where id = $1',
    [id],
  );
  assert.deepEqual(row, { name: 'Elmshire Homes Group', active: false });
  const [ev] = await t.db.query<{ action: string; detail: { changes: Record<string, unknown> } }>(
    `select action, detail from audit_event where entity_id = $1 order by seq desc limit 1`,
    [id],
  );
  assert.equal(ev?.action, 'admin.agency.update');
  assert.deepEqual(ev?.detail.changes, {
    name: ['Elmshire Homes', 'Elmshire Homes Group'],
    active: [true, false],
  });
  // Renaming to another agency's name is refused.
  const dup = await admin.post(`/admin/agencies/${id}/edit`, agencyForm({ name: 'Elmshire County Council' }));
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /An agency with this name already exists/);
});

test('unknown and malformed agency and team ids answer 404', async () => {
  const missing = '00000000-0000-4000-8000-000000000000';
  for (const url of [
    `/admin/agencies/${missing}`,
    '/admin/agencies/not-a-uuid',
    `/admin/agencies/${missing}/edit`,
    `/admin/agencies/${missing}/teams/new`,
    `/admin/agencies/${t.org.agencies.police}/teams/${missing}/edit`,
    `/admin/agencies/${t.org.agencies.police}/teams/x'--/edit`,
    // A team opened under another agency.
    `/admin/agencies/${t.org.agencies.police}/teams/${t.org.teams['council:MASH']}/edit`,
  ]) {
    const res = await admin.get(url);
    assert.equal(res.statusCode, 404, url);
  }
  const post = await admin.post(`/admin/agencies/${missing}/teams/new`, { name: 'Ghost team' });
  assert.equal(post.statusCode, 404);
});

test('teams: add with the MASH flag, refuse a duplicate in the same agency, change and deactivate', async () => {
  const agency = t.org.agencies.police!;
  const res = await admin.post(`/admin/agencies/${agency}/teams/new`, {
    name: 'Missing Persons Unit',
    isMash: 'yes',
    active: 'yes',
  });
  assert.equal(res.statusCode, 303);
  const [team] = await t.db.query<{ id: string; is_mash: boolean }>(
    `select id, is_mash from team where agency_id = $1 and name = 'Missing Persons Unit'`,
    [agency],
  );
  assert.equal(team?.is_mash, true);
  assert.deepEqual(await auditActions(t, team!.id), ['admin.team.create']);
  const dup = await admin.post(`/admin/agencies/${agency}/teams/new`, { name: 'missing persons unit' });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /href="#name">This agency already has a team with this name/);
  // The same name in another agency is fine.
  const other = await admin.post(`/admin/agencies/${t.org.agencies.housing}/teams/new`, {
    name: 'Missing Persons Unit',
  });
  assert.equal(other.statusCode, 303);
  const edit = await admin.post(`/admin/agencies/${agency}/teams/${team!.id}/edit`, {
    name: 'Missing Persons Unit',
    active: 'no',
  });
  assert.equal(edit.statusCode, 303);
  const [after] = await t.db.query<{ is_mash: boolean; active: boolean }>(
    'select is_mash, active from team where id = $1',
    [team!.id],
  );
  assert.deepEqual(after, { is_mash: false, active: false });
  assert.deepEqual(await auditActions(t, team!.id), ['admin.team.create', 'admin.team.update']);
  assert.equal(edit.headers.location, `/admin/agencies/${agency}?done=team-updated`);
  const page = await admin.get(String(edit.headers.location));
  assert.match(page.body, /Team updated/);
  assert.match(page.body, /Missing Persons Unit/);
});

test('a change by a non-admin is refused and writes nothing', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get('/');
  const res = await bm.post('/admin/agencies/new', agencyForm({ name: 'Sneaky agency' }));
  assert.equal(res.statusCode, 403);
  const rows = await t.db.query(`select 1 from agency where name = 'Sneaky agency'`);
  assert.equal(rows.length, 0);
});
