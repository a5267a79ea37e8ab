// Walks every front door page with every demo role against a real contact, draft and request, and
// asserts who gets in; a refusal never carries the child's personal data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import { indexPerson } from '../../../test/helpers/people.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import { actorFor } from '../people/test-support.ts';
import { createRequests, linkSubject, setRag, submitFromApi } from './service.ts';
import { fillDraft, referralAbout, startDraft } from './test-support.ts';

const clients = new Map<string, Client>();
const ids: Record<string, string> = {};

const t = useApp(async () => {
  const child = await indexPerson(t, { given: 'Quentin', family: 'Zyxxy', dob: '2016-05-04' });
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const mash = await actorFor(t.db, t.org.users.mash!);
  const received = await submitFromApi(
    t.db,
    teacher,
    referralAbout(
      { givenName: 'Quentin', familyName: 'Zyxxy', dateOfBirth: '2016-05-04', sex: 'male' },
      { concern: 'Concern about Quentin' },
    ),
  );
  ids.contact = received.contactId;
  ids.subject = (
    await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
      received.contactId,
    ])
  )[0]!.id;
  await linkSubject(t.db, mash, ids.contact, ids.subject, child);
  await setRag(t.db, mash, ids.contact, 'amber');
  await createRequests(t.db, mash, ids.contact, { agencyIds: [t.org.agencies.police!], question: 'Known?' });
  ids.request = (await t.db.query<{ id: string }>(`select id from information_request`))[0]!.id;
  // A merge made on the contact (undone: the undo pages still open, and answer 409 to a second undo).
  const twin = await indexPerson(t, { given: 'Quentyn', family: 'Zyxxy', dob: '2016-05-04' });
  ids.merge = (
    await t.db.query<{ id: string }>(
      `insert into person_merge (partnership_id, kept_person_id, merged_person_id, contact_id, reason, moved,
         merged_by, undone_at, undone_by) values ($1,$2,$3,$4,'Same child','[]',$5, now(), $5) returning id`,
      [t.org.partnershipId, child, twin, ids.contact, t.org.users.mash],
    )
  )[0]!.id;
  for (const u of DEMO_USERS) clients.set(u.key, await sessionAs(t, u.key));
  ids.draft = await startDraft(clients.get('teacher')!);
  await fillDraft(clients.get('teacher')!, ids.draft, {
    child: { givenName: 'Quentin', familyName: 'Zyxxy' },
  });
});

function fill(url: string): string {
  return url
    .replace(':draftId', ids.draft!)
    .replace(':subjectId', ids.subject!)
    .replace(':page', 'concern')
    .replace(':which', 'children')
    .replace(':item', '0')
    .replace(/^\/information-requests\/:id/, `/information-requests/${ids.request}`)
    .replace(/^\/mash\/merges\/:id/, `/mash/merges/${ids.merge}`)
    .replace(':id', ids.contact!);
}

/** Demo users who make no referrals: the partnership's people (no child's record), the DPO, admins. */
const NOT_REFERRERS = [
  'bm',
  'scrutineer',
  'dpo',
  'admin',
  'admin2',
  'leadcouncil',
  'leadpolice',
  'leadicb',
  'leadschool',
];

/** Who may open each page (GET) of the front door. */
function mayGet(key: string, url: string): boolean {
  const hub = ['mash', 'mashmgr'].includes(key);
  if (url.startsWith('/mash/contacts/:id/decision')) return key === 'mashmgr';
  if (url === '/mash/phone-referral') return hub;
  // Counts with no names: the MASH (partner desks included), the partnership and its scrutineer.
  if (url === '/mash/dashboard')
    return [...['mash', 'mashmgr', 'police', 'health'], 'bm', 'scrutineer'].includes(key);
  if (url.startsWith('/mash')) return hub;
  if (url === '/information-requests')
    return ['mash', 'mashmgr', 'police', 'health', 'teacher', 'gp', 'hv', 'probation'].includes(key);
  if (url.startsWith('/information-requests/')) return key === 'police';
  if (url === '/referrals' || url === '/referrals/new') return !NOT_REFERRERS.includes(key);
  if (url.startsWith('/referrals/drafts') || url.startsWith('/referrals/:id')) return key === 'teacher';
  if (url === '/admin/notifications') return key === 'admin' || key === 'admin2';
  throw new Error(`no expectation for ${url}`);
}

const FRONT_DOOR = /^\/(mash|referrals|information-requests|admin\/notifications)/;

test('every front door page lets in exactly who it should, and refusals leak nothing', async () => {
  const routes = t.app.routeTable.filter((r) => FRONT_DOOR.test(r.url));
  assert.ok(routes.length >= 20, `front door routes: ${routes.length}`);
  const failures: string[] = [];
  for (const r of routes) {
    const url = fill(r.url);
    for (const u of DEMO_USERS) {
      const c = clients.get(u.key)!;
      const where = `${u.key} ${r.method} ${r.url}`;
      if (r.method === 'GET') {
        const res = await c.get(url);
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
        const allowed = mayGet(u.key, r.url);
        // Partner MASH staff and practitioners are sent from /mash to their requests: check that page.
        if (r.url === '/mash' && res.statusCode === 302) {
          if (res.headers.location !== '/information-requests')
            failures.push(`${where}: sent to ${String(res.headers.location)}`);
          const landing = await c.get('/information-requests');
          if (landing.statusCode !== 200) failures.push(`${where}: led to ${landing.statusCode}`);
          if (landing.body.includes('/mash/contacts/')) failures.push(`${where}: led to the hub's contacts`);
          if (u.key !== 'police' && /Zyxxy|Quentin/.test(landing.body))
            failures.push(`${where}: personal data after the redirect`);
          continue;
        }
        if (allowed && ![200, 302].includes(res.statusCode))
          failures.push(`${where}: expected in, got ${res.statusCode}`);
        if (!allowed && ![403, 404].includes(res.statusCode))
          failures.push(`${where}: expected 403/404, got ${res.statusCode}`);
        if (!allowed && /Zyxxy|Quentin/.test(res.body))
          failures.push(`${where}: personal data in the refusal`);
        if (allowed && r.url === '/information-requests' && u.key !== 'police' && /Zyxxy/.test(res.body))
          failures.push(`${where}: another agency's request listed`);
      } else if (
        !mayGet(
          u.key,
          r.url.replace(/\/(remove|link|create|unlink|merge|rag|assign|requests|undo|delete|check)$/, ''),
        )
      ) {
        const res = await c.post(url, {});
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
        if (![403, 404].includes(res.statusCode))
          failures.push(`${where}: expected 403/404, got ${res.statusCode}`);
        if (/Zyxxy|Quentin/.test(res.body)) failures.push(`${where}: personal data in the refusal`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('making a referral and recording a phone referral: who may start one', async () => {
  const failures: string[] = [];
  for (const u of DEMO_USERS) {
    const c = clients.get(u.key)!;
    const web = await c.post('/referrals/new', {});
    const mayRefer = !NOT_REFERRERS.includes(u.key);
    if ((web.statusCode === 303) !== mayRefer) failures.push(`${u.key} /referrals/new: ${web.statusCode}`);
    const phone = await c.post('/mash/phone-referral', {});
    const hub = ['mash', 'mashmgr'].includes(u.key);
    if ((phone.statusCode === 303) !== hub)
      failures.push(`${u.key} /mash/phone-referral: ${phone.statusCode}`);
  }
  assert.deepEqual(failures, []);
});
