// Independence enforced: the scrutineer holds no other role, and every read of a child's record made
// for scrutiny is listed for the scrutineer and the partners alike, without the child's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, sessionFor, useApp, type Client } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { auditMany } from '../../platform/audit.ts';
import { demoActor } from '../../demo/organisation.ts';
import { makeLead } from './test-support.ts';

let admin: Client;
let scrutineer: Client;
let police: Client;
let sw: Client;
let child: string;

const t = useApp(async () => {
  child = await insertPerson(t, { given: 'Maisie', family: 'Quennell', dob: '2015-02-03' });
  await allocate(t, child, 'sw');
  const lead = await makeLead(t, 'police', 'Dana Police Lead');
  [admin, scrutineer, police, sw] = await Promise.all([
    sessionAs(t, 'admin'),
    sessionAs(t, 'scrutineer'),
    sessionFor(t, lead),
    sessionAs(t, 'sw'),
  ]);
});

async function editRoles(key: string, roles: string[]) {
  const [u] = await t.db.query<{
    id: string;
    name: string;
    email: string;
    agency: string;
    team: string | null;
    version: number;
  }>(
    `select id, display_name as name, email, agency_id as agency, team_id as team, version from app_user where id = $1`,
    [t.org.users[key]],
  );
  return admin.post(`/admin/users/${u!.id}/edit`, {
    name: u!.name,
    email: u!.email,
    agencyId: u!.agency,
    teamId: u!.team ?? '',
    roles,
    active: 'yes',
    version: String(u!.version),
  });
}

const rolesOf = async (key: string) =>
  (await t.db.query<{ roles: string[] }>('select roles from app_user where id = $1', [t.org.users[key]]))[0]!
    .roles;

test('the scrutineer is given no other role, and no partner is given the scrutineer’s', async () => {
  const more = await editRoles('scrutineer', ['scrutineer', 'agency_lead']);
  assert.equal(more.statusCode, 400);
  assert.match(more.body, /scrutineer holds no other role/);
  assert.deepEqual(await rolesOf('scrutineer'), ['scrutineer']);
  const partner = await editRoles('bm', ['business_manager', 'scrutineer']);
  assert.equal(partner.statusCode, 400);
  assert.match(partner.body, /holds no other role/);
  assert.deepEqual(await rolesOf('bm'), ['business_manager']);
  assert.equal(
    await t.db.query(`select 1 from role_change where status = 'pending'`).then((r) => r.length),
    0,
  );
  const created = await admin.post('/admin/users/new', {
    name: 'Second Scrutineer',
    email: 'second.scrutineer@example.org',
    agencyId: t.org.agencies.council!,
    teamId: '',
    roles: ['scrutineer', 'dpo'],
    password: 'correct horse battery',
  });
  assert.equal(created.statusCode, 400);
  assert.match(created.body, /holds no other role/);
  // Alone, the role may be given (it waits for a second administrator, as any role reading records).
  const alone = await admin.post('/admin/users/new', {
    name: 'Second Scrutineer',
    email: 'second.scrutineer@example.org',
    agencyId: t.org.agencies.council!,
    teamId: '',
    roles: ['scrutineer'],
    password: 'correct horse battery',
  });
  assert.equal(alone.statusCode, 303, alone.body.slice(0, 300));
});

test('every read made for scrutiny is listed, for the scrutineer and the partners, with no child’s name', async () => {
  assert.equal((await scrutineer.get(`/people/${child}`)).statusCode, 200);
  // The allocated worker's read is not a scrutiny read.
  assert.equal((await sw.get(`/people/${child}`)).statusCode, 200);
  for (const c of [scrutineer, police]) {
    const page = await c.get('/partnership/scrutiny/reads');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(child.slice(0, 8).toUpperCase()));
    assert.match(page.body, /Prof\. Alan Reeves/);
    assert.match(page.body, /The record/);
    assert.doesNotMatch(page.body, /Maisie|Quennell/);
    assert.doesNotMatch(page.body, /Jordan Ellis|Hannah Price/);
  }
  // A practitioner does not see the list.
  assert.equal((await sw.get('/partnership/scrutiny/reads')).statusCode, 403);
});

test('the list is paged: fifty reads a page, newest first', async () => {
  const actor = demoActor(t.org, 'scrutineer');
  await auditMany(
    t.db,
    actor,
    Array.from({ length: 60 }, () => ({
      action: 'casework.view',
      personId: child,
      entityType: 'person',
      entityId: child,
      detail: { page: 'overview' },
    })),
  );
  const first = await police.get('/partnership/scrutiny/reads');
  assert.match(first.body, /Casework/);
  assert.match(first.body, /href="\/partnership\/scrutiny\/reads\?page=2"/);
  const second = await police.get('/partnership/scrutiny/reads?page=2');
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /The record/);
  assert.equal((await police.get('/partnership/scrutiny/reads?page=abc')).statusCode, 200);
});
