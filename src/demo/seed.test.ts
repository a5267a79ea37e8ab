import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../test/helpers/db.ts';
import { countRows } from '../../test/helpers/rows.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../platform/access/actor.ts';
import { hasPersonAccess } from '../platform/access/policy.ts';
import type { Role } from '../platform/access/roles.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { isValidNhsNumber, isValidPostcode, isValidUpn } from '../platform/identifiers.ts';
import { DEMO_AGENCIES, DEMO_USERS } from './organisation.ts';
import { seedDemo, SeedRefusedError } from './seed.ts';
import { mashDashboard } from '../features/front-door/service.ts';

const TODAY = '2026-03-16';
const NOW = new Date('2026-03-16T10:00:00Z');
const CHILDREN = 50;

let a: Db;
let b: Db;
let seeded: NonNullable<Awaited<ReturnType<typeof seedDemo>>>;

before(async () => {
  [a, b] = await Promise.all([freshDb(), freshDb()]);
  const first = await seedDemo(a, { production: false, children: CHILDREN, today: TODAY, now: NOW });
  assert.ok(first?.people, 'the first seed writes the partnership and its people');
  seeded = first;
  await seedDemo(b, { production: false, children: CHILDREN, today: TODAY, now: NOW });
});
after(() => Promise.all([a?.close(), b?.close()]));

async function actor(db: Db, key: string): Promise<Actor> {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  const [row] = await db.query<{ id: string; partnership_id: string; agency_id: string; team_id: string }>(
    'select id, partnership_id, agency_id, team_id from app_user where email = $1',
    [u.email],
  );
  return {
    userId: row!.id,
    partnershipId: row!.partnership_id,
    agencyId: row!.agency_id,
    name: u.name,
    email: u.email,
    agencyName: '',
    agencyKind: DEMO_AGENCIES.find((a) => a.key === u.agency)!.kind,
    teamId: row!.team_id,
    roles: u.roles as Role[],
    via: 'web',
  };
}

test('the seed is deterministic: two fresh databases hold the same people', async () => {
  const people = (db: Db) =>
    db.query(
      `select kind, given_name, family_name, date_of_birth, expected_date, nhs_number, upn, council_id
       from person order by family_name, given_name, date_of_birth nulls first, nhs_number`,
    );
  const names = (db: Db) =>
    db.query('select kind, given_name, family_name, given_key from person_name order by 1, 3, 2, 4');
  const left = await people(a);
  assert.equal(left.filter((p) => p.kind === 'child').length, CHILDREN);
  assert.deepEqual(await people(b), left);
  assert.deepEqual(await names(b), await names(a));
  const entries = (db: Db) =>
    db.query('select occurred_on, category, summary from chronology_entry order by 1, 2, 3');
  assert.deepEqual(await entries(b), await entries(a));
});

test('every NHS number, UPN and postcode is valid, and dates make sense', async () => {
  const people = await a.query<{ nhs_number: string | null; upn: string | null }>(
    'select nhs_number, upn from person',
  );
  const nhs = people.map((p) => p.nhs_number).filter((n): n is string => n !== null);
  const upns = people.map((p) => p.upn).filter((n): n is string => n !== null);
  assert.ok(nhs.length > CHILDREN && upns.length > 10);
  for (const n of nhs) assert.ok(isValidNhsNumber(n) && n.startsWith('9'), `NHS number ${n}`);
  for (const u of upns) assert.ok(isValidUpn(u), `UPN ${u}`);
  const postcodes = await a.query<{ postcode: string }>('select distinct postcode from address');
  for (const { postcode } of postcodes) assert.ok(isValidPostcode(postcode), `postcode ${postcode}`);
  assert.equal(await countRows(a, `person where kind = 'child' and date_of_birth > $1`, [TODAY]), 0);
  assert.equal(
    await countRows(a, `person where kind = 'child' and date_of_birth <= ($1::date - 18 * 365)`, [TODAY]),
    0,
  );
  assert.equal(
    await countRows(a, 'person where unborn and (expected_date is null or date_of_birth is not null)'),
    0,
  );
  assert.equal(await countRows(a, 'chronology_entry where occurred_on > $1', [TODAY]), 0);
  assert.equal(
    await countRows(
      a,
      'chronology_entry e join person p on p.id = e.person_id where e.occurred_on < p.date_of_birth',
    ),
    0,
  );
  const perChild = await a.query<{ n: number }>(
    `select count(e.id)::int as n from person p left join chronology_entry e on e.person_id = p.id
     where p.kind = 'child' group by p.id`,
  );
  for (const { n } of perChild) assert.ok(n >= 3 && n <= 30, `a child has ${n} chronology entries`);
  assert.equal(await countRows(a, 'person_name where given_key is null or family_key is null'), 0);
  assert.equal(
    await countRows(a, 'person p where not exists (select 1 from person_name n where n.person_id = p.id)'),
    0,
  );
});

test('the demo users see children through their involvements and caseloads', async () => {
  const org = seeded;
  const involved = (agency: string) =>
    countRows(a, 'involvement where agency_id = $1 and ended_on is null', [org.agencies[agency]]);
  assert.ok((await involved('school1')) > 0, 'the teacher’s school has pupils');
  assert.ok((await involved('gp')) >= CHILDREN - 5, 'nearly every child is registered with the GP');
  assert.ok((await involved('community')) > 0, 'health visiting has under-fives');
  const caseload = (key: string) =>
    countRows(a, 'allocation where user_id = $1 and ended_at is null', [org.users[key]]);
  assert.ok((await caseload('sw')) > 0, 'the social worker has a caseload');
  assert.equal(await caseload('tm'), 0);
  assert.ok((await countRows(a, `contact where status = 'open'`)) > 0, 'the MASH has open contacts');
  // Each practitioner opens a child through their working relationship.
  const involvedWith = (agency: string) => () =>
    a.query<{ id: string }>(
      'select person_id as id from involvement where agency_id = $1 and ended_on is null',
      [org.agencies[agency]],
    );
  const cases: [string, () => Promise<{ id: string }[]>][] = [
    ['teacher', involvedWith('school1')],
    ['gp', involvedWith('gp')],
    ['hv', involvedWith('community')],
    ['sw', () => a.query('select person_id as id from allocation where user_id = $1', [org.users.sw])],
    [
      'mash',
      () =>
        a.query(`select cp.person_id as id from contact_person cp join contact c on c.id = cp.contact_id
                 where c.status = 'open'`),
    ],
  ];
  for (const [key, children] of cases) {
    const ids = (await children()).map((r) => r.id).filter((id) => id !== org.people!.restrictedChildId);
    assert.ok(ids.length > 0, `${key} has children to see`);
    assert.equal(
      await hasPersonAccess(a, await actor(a, key), ids[0]!),
      true,
      `${key} sees a child of theirs`,
    );
  }
  // ... and not a child their agency has nothing to do with.
  const [stranger] = await a.query<{ id: string }>(
    `select p.id from person p where p.kind = 'child' and not exists
       (select 1 from involvement i where i.person_id = p.id and i.agency_id = $1) order by p.id limit 1`,
    [org.agencies.school1],
  );
  assert.equal(await hasPersonAccess(a, await actor(a, 'teacher'), stranger!.id), false);
  // Generated workers cannot sign in.
  assert.equal(
    await countRows(
      a,
      `app_user where password_hash is not null and email not in (select unnest($1::text[]))`,
      [DEMO_USERS.map((u) => u.email)],
    ),
    0,
  );
});

test('the restricted child is visible to the named social worker only', async () => {
  const id = seeded.people!.restrictedChildId;
  // Besides the children of practice reviews, restricted from their notification (src/demo/reviews.ts).
  assert.equal(
    await countRows(
      a,
      'person p where restricted and not exists (select 1 from review r where r.person_id = p.id)',
    ),
    1,
  );
  assert.equal(await hasPersonAccess(a, await actor(a, 'sw'), id), true);
  for (const key of ['tm', 'sw2', 'mash', 'gp', 'teacher', 'scrutineer'])
    assert.equal(await hasPersonAccess(a, await actor(a, key), id), false, `${key} must not see it`);
});

test('break-glass examples: one reviewed, one waiting, each with audit events; nothing else audited', async () => {
  assert.equal(await countRows(a, 'break_glass'), 2);
  assert.equal(await countRows(a, 'break_glass where reviewed_at is null'), 1);
  assert.equal(await countRows(a, 'break_glass where expires_at > now()'), 0, 'both have expired');
  const events = await a.query<{ action: string }>('select action from audit_event order by seq');
  assert.deepEqual(
    events.map((e) => e.action),
    ['breakglass.used', 'breakglass.used', 'breakglass.reviewed'],
  );
  assert.equal((await verifyAuditChain(a)).ok, true);
});

test('seedDemo refuses production and does nothing on a database that has a partnership', async () => {
  await assert.rejects(seedDemo(b, { production: true, children: 5 }), SeedRefusedError);
  const before = await countRows(b, 'person');
  assert.equal(await seedDemo(b, { production: false, children: 5 }), undefined);
  assert.equal(await countRows(b, 'person'), before);
  assert.equal(await countRows(b, 'partnership'), 1);
});

test('the demo MASH dashboard shows repeat contacts at a believable rate, not none', async () => {
  const d = await mashDashboard(a, await actor(a, 'mashmgr'), { from: '2000-01-01', to: TODAY }, NOW);
  assert.ok(d.totals.received > 0);
  assert.ok(d.totals.repeats > 0, 'some contacts follow another within 12 months');
  assert.ok(d.totals.repeats < d.totals.received / 2, `${d.totals.repeats} of ${d.totals.received}`);
});

test('early help: led by a school, a health visitor and the early help service, in every state, stepped up and down', async () => {
  const rows = await a.query<{ kind: string; status: string; n: number }>(
    `select coalesce(ag.kind, 'none') as kind, e.status, count(*)::int as n from eh_episode e
     left join agency ag on ag.id = e.lead_agency_id group by 1, 2`,
  );
  const kinds = new Set(rows.map((r) => r.kind));
  for (const k of ['school', 'health_provider', 'local_authority'])
    assert.ok(kinds.has(k), `${k} leads early help`);
  assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), ['closed', 'offered', 'open']);
  assert.equal(
    await countRows(
      a,
      `eh_step s join contact c on c.id = s.contact_id where s.kind = 'up' and c.source = 'early_help'`,
    ),
    1,
  );
  assert.ok((await countRows(a, `eh_step where kind = 'down' and decision = 'declined'`)) >= 1);
  assert.ok((await countRows(a, `eh_step where kind = 'down' and decision = 'accepted'`)) >= 1);
  assert.equal(
    await countRows(
      a,
      `(select m.person_id from eh_member m join eh_episode e on e.id = m.episode_id
        where e.status <> 'closed' and m.kind = 'child' group by m.person_id having count(*) > 1) x`,
    ),
    0,
    'no child in two open episodes',
  );
});
