// The access matrix: every role (every demo user) × every relationship × every route that shows a
// child's data. What each cell expects comes from the tables in docs/access.md, read by the test;
// a refusal must carry no name, date of birth or identifier of the child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Client, sessionAs, useApp } from './helpers/app.ts';
import {
  DOC_RELATIONSHIPS,
  docAdmits,
  docApi,
  partOfRoute,
  readAccessDoc,
  type DocPart,
  type DocRelationship,
} from './helpers/access-doc.ts';
import { DEMO_AGENCIES, DEMO_USERS, type DemoUser } from '../src/demo/organisation.ts';
import { sha256 } from '../src/platform/auth/sessions.ts';
import { isValidNhsNumber } from '../src/platform/identifiers.ts';

const doc = readAccessDoc();
const clients = new Map<string, Client>();
const tokens = new Map<string, string>();

/** Every kind of relationship a user can have to a record, and the two restricted cases. */
const CASES = ['none', ...DOC_RELATIONSHIPS, 'restricted, named', 'restricted, not named'] as const;
type Case = (typeof CASES)[number];

/** A child (or, for "linked child", an adult) per user and case, with data a leak would show. */
interface Target {
  id: string;
  family: string;
  nhs: string;
}
const targets = new Map<string, Target>();
const key = (user: string, c: Case) => `${user}|${c}`;

const DOB = '2016-02-29';
const DOB_SHOWN = /2016-02-29|29 February 2016|29\/02\/2016/;
let nhsSeed = 943_476_000;
function nextNhs(): string {
  for (;;) {
    const candidate = String(nhsSeed++).padStart(9, '0');
    for (let check = 0; check <= 9; check++) {
      if (isValidNhsNumber(candidate + check)) return candidate + check;
    }
  }
}

function agencyKind(u: DemoUser) {
  return DEMO_AGENCIES.find((a) => a.key === u.agency)!.kind;
}

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  const db = t.db;
  let n = 0;
  const person = async (kind: 'child' | 'adult', restricted = false): Promise<Target> => {
    const family = `Xyzzy${String.fromCharCode(97 + (n % 26))}${Math.floor(n / 26)}`;
    n++;
    const nhs = nextNhs();
    const [row] = await db.query<{ id: string }>(
      `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, nhs_number, restricted)
       values ($1,$2,'Wilberforce',$3,$4,$5,$6) returning id`,
      [pid, kind, family, kind === 'child' ? DOB : '1990-01-01', nhs, restricted],
    );
    await db.query(
      `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm, given_key, family_key)
       values ($1,$2,'current','Wilberforce',$3,'wilberforce',lower($3),dmetaphone('wilberforce'),dmetaphone($3))`,
      [pid, row!.id, family],
    );
    return { id: row!.id, family, nhs };
  };
  const allocate = (personId: string, userId: string, teamId: string | null) =>
    db.query(`insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`, [
      pid,
      personId,
      userId,
      teamId,
    ]);
  const involve = (personId: string, agencyId: string, teamId: string | null) =>
    db.query(
      `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on)
       values ($1,$2,$3,$4,'other','2024-01-01')`,
      [pid, personId, agencyId, teamId],
    );

  for (const u of DEMO_USERS) {
    const userId = t.org.users[u.key]!;
    const agencyId = t.org.agencies[u.agency]!;
    const teamId = t.org.teams[`${u.agency}:${u.team}`]!;
    const someoneElse = t.org.users[u.key === 'sw' ? 'sw2' : 'sw']!;
    for (const c of CASES) {
      const restricted = c.startsWith('restricted');
      const target = await person(c === 'linked child' ? 'adult' : 'child', restricted);
      targets.set(key(u.key, c), target);
      switch (c) {
        case 'none':
        case 'scrutiny': // holds for everyone: the table decides whom it admits
          break;
        case 'allocation':
          await allocate(target.id, userId, null);
          break;
        case 'team allocation':
          await allocate(target.id, someoneElse, teamId);
          break;
        case 'waiting team': {
          // A referral decided at the front door, waiting for the user's team to allocate it.
          const [contact] = await db.query<{ id: string }>(
            `insert into contact (partnership_id, status, decision, decided_at) values ($1,'decided','section_17',now()) returning id`,
            [pid],
          );
          await db.query(
            `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at, team_id)
             values ($1,$2,$3,'section_17','2024-03-01',now(),$4)`,
            [pid, contact!.id, target.id, teamId],
          );
          break;
        }
        case 'team involvement':
          await involve(target.id, agencyId, teamId);
          break;
        case 'agency involvement':
          await involve(target.id, agencyId, null);
          break;
        case 'MASH contact': {
          const [contact] = await db.query<{ id: string }>(
            `insert into contact (partnership_id, status) values ($1,'open') returning id`,
            [pid],
          );
          await db.query(
            `insert into contact_person (partnership_id, contact_id, person_id) values ($1,$2,$3)`,
            [pid, contact!.id, target.id],
          );
          break;
        }
        case 'linked child': {
          const child = await person('child');
          await allocate(child.id, userId, null);
          await db.query(
            `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,'parent')`,
            [pid, child.id, target.id],
          );
          break;
        }
        case 'break-glass':
          await db.query(
            `insert into break_glass (partnership_id, user_id, person_id, reason, expires_at)
             values ($1,$2,$3,'matrix', now() + interval '1 hour')`,
            [pid, userId, target.id],
          );
          break;
        case 'audit sample': {
          // An open case audit with the user's agency taking part, the user its auditor, the child sampled.
          const [audit] = await db.query<{ id: string }>(
            `insert into case_audit (partnership_id, title, theme, starts_on, ends_on, sample_method, sample_size, seed)
             values ($1,'Matrix audit','neglect', current_date - 1, current_date + 30,'random',1,'matrix') returning id`,
            [pid],
          );
          await db.query(
            `insert into case_audit_agency (partnership_id, case_audit_id, agency_id) values ($1,$2,$3)`,
            [pid, audit!.id, agencyId],
          );
          await db.query(
            `insert into case_audit_auditor (partnership_id, case_audit_id, user_id, agency_id) values ($1,$2,$3,$4)`,
            [pid, audit!.id, userId, agencyId],
          );
          await db.query(
            `insert into case_audit_child (partnership_id, case_audit_id, person_id, position) values ($1,$2,$3,1)`,
            [pid, audit!.id, target.id],
          );
          break;
        }
        case 'early help': {
          // An open early help episode the user leads, the child in its family.
          const [ep] = await db.query<{ id: string }>(
            `insert into eh_episode (partnership_id, reference, source, status, lead_user_id, lead_agency_id, consent,
               started_on, assessment_due, created_by)
             values ($1, 'EH-M-' || $2, 'direct', 'open', $3, $4, 'given', current_date, current_date + 42, $3) returning id`,
            [pid, target.id, userId, agencyId],
          );
          await db.query(
            `insert into eh_member (episode_id, partnership_id, person_id, kind) values ($1,$2,$3,'child')`,
            [ep!.id, pid, target.id],
          );
          break;
        }
        case 'restricted, named':
          await db.query(
            `insert into restricted_access (partnership_id, person_id, user_id) values ($1,$2,$3)`,
            [pid, target.id, userId],
          );
          await allocate(target.id, userId, null);
          break;
        case 'restricted, not named':
          await allocate(target.id, userId, null);
          break;
      }
    }
    // Sessions made in the database: signing in every demo user would meet the sign-in rate limit.
    clients.set(u.key, await sessionAs(t, u.key));
    const token = crypto.randomBytes(24).toString('base64url');
    await db.query(
      `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'matrix',$3)`,
      [pid, userId, sha256(token)],
    );
    tokens.set(u.key, token);
  }
});

/**
 * What the document says the user may do with this part of the record in this case. The case's
 * relationship holds, and so does scrutiny, which holds for every record ("always").
 */
function expected(u: DemoUser, c: Case, part: DocPart): boolean {
  if (c === 'restricted, not named') return false;
  if (docAdmits(doc, u.roles, part, 'scrutiny')) return true;
  if (c === 'none' || c === 'scrutiny') return false;
  const relationship: DocRelationship = c === 'restricted, named' ? 'allocation' : c;
  // "MASH contact" holds only in the council's MASH hub (the relationship table).
  if (relationship === 'MASH contact' && agencyKind(u) !== 'local_authority') return false;
  return docAdmits(doc, u.roles, part, relationship);
}

/**
 * Whether a body shows the target's data. `only` leaves out what every target shares (the given
 * name and date of birth), for lists that may rightly show the user's other children.
 */
function leaks(body: string, target: Target, only = false): boolean {
  if (body.includes(target.family) || body.includes(target.nhs)) return true;
  return !only && (body.includes('Wilberforce') || DOB_SHOWN.test(body));
}

/** The routes under test: every registered GET of a person, each with the part the document gives it. */
function personRoutes() {
  return t.app.routeTable
    .filter((r) => r.method === 'GET' && /:(id|personId)\b/.test(r.url))
    .filter((r) => /^\/(people|allocations|api\/v1\/people)\//.test(r.url))
    .filter((r) => !r.url.endsWith('/audit') && !r.url.endsWith('/break-glass'))
    .map((r) => ({ url: r.url, part: partOfRoute(doc, 'GET', r.url) }));
}

/** Pages that read (a 200 is due when admitted), as against forms (which also need the change's permission). */
function isReadPage(url: string): boolean {
  return (
    url === '/people/:id' ||
    url === '/people/:id/chronology.csv' ||
    url === '/people/:id/chronology.pdf' ||
    url === '/people/:id/casework' ||
    url === '/people/:id/voice' ||
    url.startsWith('/api/')
  );
}

test('every route that shows a child is in the documented routes table', () => {
  const missing = personRoutes().filter((r) => !r.part);
  assert.deepEqual(
    missing.map((r) => r.url),
    [],
  );
});

test('role × relationship × route: admitted exactly as docs/access.md says, and refusals leak nothing', async () => {
  const routes = personRoutes();
  const failures: string[] = [];
  let cells = 0;
  await Promise.all(
    DEMO_USERS.map(async (u) => {
      const c0 = clients.get(u.key)!;
      for (const c of CASES) {
        const target = targets.get(key(u.key, c))!;
        for (const r of routes) {
          cells++;
          const part = r.part!;
          const url = r.url.replace(/:(id|personId)\b/, target.id);
          const api = url.startsWith('/api/');
          const res = api
            ? await t.app.inject({
                method: 'GET',
                url,
                headers: { authorization: `Bearer ${tokens.get(u.key)}` },
              })
            : await c0.get(url);
          const where = `${u.key} (${u.roles.join(', ')}) · ${c} · GET ${r.url}`;
          let admitted = expected(u, c, part);
          if (api && !docApi(doc, u.roles)) admitted = false;
          if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
          if (admitted) {
            if (isReadPage(r.url) && res.statusCode !== 200)
              failures.push(`${where}: expected 200, got ${res.statusCode}`);
            if (r.url === '/people/:id' && res.statusCode === 200 && !res.body.includes(target.family))
              failures.push(`${where}: the record page does not show the record`);
            continue;
          }
          if (![401, 403, 404].includes(res.statusCode))
            failures.push(`${where}: expected a refusal, got ${res.statusCode}`);
          if (leaks(res.body, target)) failures.push(`${where}: personal data in the refusal`);
          if (c === 'restricted, not named') {
            const missingUrl = r.url.replace(/:(id|personId)\b/, crypto.randomUUID());
            const none = api
              ? await t.app.inject({
                  method: 'GET',
                  url: missingUrl,
                  headers: { authorization: `Bearer ${tokens.get(u.key)}` },
                })
              : await c0.get(missingUrl);
            if (none.statusCode !== res.statusCode)
              failures.push(
                `${where}: ${res.statusCode}, but ${none.statusCode} for a record that does not exist`,
              );
          }
        }
      }
    }),
  );
  console.log(
    `access matrix: ${DEMO_USERS.length} users (${new Set(DEMO_USERS.flatMap((u) => u.roles)).size} roles) × ${CASES.length} relationships × ${routes.length} routes = ${cells} cells`,
  );
  assert.deepEqual(failures, []);
});

test('who has looked: the DPO for any record, managers for records they may open; nobody else', async () => {
  const failures: string[] = [];
  for (const u of DEMO_USERS) {
    for (const c of ['none', 'allocation', 'team allocation', 'restricted, not named'] as const) {
      const target = targets.get(key(u.key, c))!;
      const res = await clients.get(u.key)!.get(`/people/${target.id}/audit`);
      const anyRecord = u.roles.includes('dpo');
      const manager = u.roles.includes('team_manager') || u.roles.includes('mash_manager');
      const ok = anyRecord || (manager && expected(u, c, 'record'));
      if (ok !== (res.statusCode === 200)) failures.push(`${u.key} · ${c}: ${res.statusCode}`);
      if (!ok && leaks(res.body, target)) failures.push(`${u.key} · ${c}: personal data in the refusal`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every person route, GET and POST, refuses every role without a relationship, and leaks nothing', async () => {
  const routes = t.app.routeTable.filter(
    (r) => !r.public && /:(id|personId)\b/.test(r.url) && /^\/(people|allocations)\//.test(r.url),
  );
  const failures: string[] = [];
  for (const c of ['none', 'restricted, not named'] as const) {
    for (const r of routes) {
      for (const u of DEMO_USERS) {
        const target = targets.get(key(u.key, c))!;
        const url = r.url
          .replace(/:(id|personId)\b/, target.id)
          .replace(/:(\w+)/g, () => crypto.randomUUID());
        const client = clients.get(u.key)!;
        const res = r.method === 'GET' ? await client.get(url) : await client.post(url, {});
        const where = `${u.key} ${r.method} ${r.url} (${c})`;
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
        const part = partOfRoute(doc, 'GET', r.url) ?? 'record';
        const reads = expected(u, c, part) && !r.url.endsWith('/audit') && !r.url.endsWith('/break-glass');
        const dpoLooks = u.roles.includes('dpo') && r.url.endsWith('/audit') && r.method === 'GET';
        if (reads || dpoLooks) continue;
        if (r.url.endsWith('/break-glass') && c === 'none') {
          // The break-glass form and its post are for practitioners, and show nothing of the record.
          if (leaks(res.body, target)) failures.push(`${where}: personal data on the break-glass page`);
          continue;
        }
        if (![403, 404].includes(res.statusCode))
          failures.push(`${where}: expected 403 or 404, got ${res.statusCode}`);
        if (leaks(res.body, target)) failures.push(`${where}: personal data in the refusal`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('every API route refuses anonymous callers and leaks nothing to roles without a relationship', async () => {
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
  const failures: string[] = [];
  for (const r of routes) {
    for (const u of DEMO_USERS) {
      const target = targets.get(key(u.key, 'none'))!;
      const url = r.url.replace(/:(\w+)/g, () => target.id);
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        headers: { authorization: `Bearer ${tokens.get(u.key)}`, 'content-type': 'application/json' },
        payload: r.method === 'GET' ? undefined : '{}',
      });
      const where = `${u.key} ${r.method} ${r.url}`;
      if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
      const part = partOfRoute(doc, 'GET', r.url);
      if (part && expected(u, 'none', part) && docApi(doc, u.roles)) continue;
      if (leaks(res.body, target, !/:\w+/.test(r.url))) failures.push(`${where}: personal data returned`);
    }
    const anonymous = await t.app.inject({
      method: r.method as 'GET',
      url: r.url.replace(/:(\w+)/g, crypto.randomUUID()),
    });
    if (anonymous.statusCode !== 401)
      failures.push(`anonymous ${r.method} ${r.url}: expected 401, got ${anonymous.statusCode}`);
  }
  assert.deepEqual(failures, []);
});

test('administration routes are for the system administrator only', async () => {
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/admin'));
  assert.ok(routes.length >= 3, 'admin routes found');
  const failures: string[] = [];
  for (const r of routes) {
    const url = r.url.replace(/:(\w+)/g, () => crypto.randomUUID());
    for (const u of DEMO_USERS.filter((x) => !x.roles.includes('sysadmin'))) {
      const c = clients.get(u.key)!;
      const res = r.method === 'GET' ? await c.get(url) : await c.post(url, {});
      if (res.statusCode !== 403)
        failures.push(`${u.key} ${r.method} ${r.url}: expected 403, got ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every signed-in route sends an anonymous visitor to sign in, and no route answers 500', async () => {
  const failures: string[] = [];
  const target = targets.get(key('sw', 'allocation'))!;
  for (const r of t.app.routeTable.filter((x) => !x.public && !x.url.startsWith('/api/'))) {
    const url = r.url.replace(/:(\w+)/g, () => target.id);
    const res = await t.app.inject({ method: r.method as 'GET', url });
    if (r.method === 'GET' && res.statusCode !== 302)
      failures.push(`${r.method} ${r.url}: ${res.statusCode}`);
    if (r.method !== 'GET' && ![302, 403].includes(res.statusCode))
      failures.push(`${r.method} ${r.url}: ${res.statusCode}`);
  }
  assert.deepEqual(failures, []);
});

/** The forms that change a record: a GET shows the form, a POST makes the change. */
function changeRoutes() {
  return t.app.routeTable
    .filter((r) => /^\/people\/:id\//.test(r.url))
    .filter((r) => r.method === 'POST' || /\/(new|edit)$|\/casework\/[^/]+\/[^/]+$/.test(r.url))
    .filter((r) => !r.url.endsWith('/break-glass') && !r.url.endsWith('/audit'));
}

test('break-glass, scrutiny and the audit sample read, never change: every change form and post is refused, nothing written', async () => {
  const failures: string[] = [];
  let tried = 0;
  const writes = async () =>
    (
      await t.db.query<{ n: number }>(
        `select (select count(*) from chronology_entry) + (select count(*) from person_name)
           + (select count(*) from address) + (select count(*) from episode) as n`,
      )
    )[0]!.n;
  const before = await writes();
  for (const u of DEMO_USERS) {
    for (const c of ['break-glass', 'scrutiny', 'audit sample'] as const) {
      const target = targets.get(key(u.key, c === 'scrutiny' ? 'none' : c))!;
      // Only users the case lets read the record: for them the change must be refused.
      if (!expected(u, c === 'scrutiny' ? 'none' : c, 'record')) continue;
      // The record page offers no change to them.
      const page = await clients.get(u.key)!.get(`/people/${target.id}`);
      const offered = [...page.body.matchAll(/href="(\/people\/[^"]+\/(?:new|edit))"/g)].map((m) => m[1]);
      if (page.statusCode !== 200 || offered.length)
        failures.push(`${u.key} · ${c} · the record page (${page.statusCode}) offers ${offered.join(', ')}`);
      // Nor does the casework page offer a step (its read-only pages are fine).
      if (expected(u, c === 'scrutiny' ? 'none' : c, 'casework')) {
        const cw = await clients.get(u.key)!.get(`/people/${target.id}/casework`);
        const steps = [...cw.body.matchAll(/href="(\/people\/[^"]+\/casework\/[^"]+)"/g)]
          .map((m) => m[1]!)
          .filter((h) => !h.endsWith('/cp-plan'));
        if (cw.statusCode !== 200 || steps.length)
          failures.push(`${u.key} · ${c} · the casework page (${cw.statusCode}) offers ${steps.join(', ')}`);
      }
      for (const r of changeRoutes()) {
        tried++;
        const url = r.url.replace(':id', target.id);
        const client = clients.get(u.key)!;
        const res = r.method === 'GET' ? await client.get(url) : await client.post(url, {});
        if (res.statusCode !== 403)
          failures.push(`${u.key} · ${c} · ${r.method} ${r.url}: ${res.statusCode}`);
      }
    }
  }
  assert.ok(tried > 100, `${tried} change routes tried`);
  assert.deepEqual(failures, []);
  assert.equal(await writes(), before, 'nothing written');
});
