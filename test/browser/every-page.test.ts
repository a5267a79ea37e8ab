// Opens every page the app serves (every GET route that renders HTML) in headless Chromium as a
// user who may see it, checks it with axe-core after its scripts have run, follows every link on it,
// and keeps a screenshot. A route added later without a way to open it here fails the completeness
// test below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkPage, deadLinks, scriptsHaveRun, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
const pages = new Map<string, Page>();
/** The addresses already followed, per user. */
const followed = new Map<string, Set<string>>();
const ids: Record<string, string> = {};

before(async () => {
  site = await startSite(40);
  const one = async (sql: string, params: unknown[] = []) => {
    const [row] = await site.db.query<{ id: string }>(sql, params);
    assert.ok(row, sql);
    return row.id;
  };
  ids.sw = await one(`select id from app_user where email = 'social.worker@together.example'`);
  ids.person = await one(
    `select a.person_id as id from allocation a join person p on p.id = a.person_id
     where a.user_id = $1 and a.ended_at is null and p.kind = 'child' and not p.restricted order by p.id limit 1`,
    [ids.sw],
  );
  ids.breakGlass = await one(`select id from break_glass order by started_at limit 1`);
  ids.agency = await one(`select id from agency where name = 'Elmshire Constabulary'`);
  ids.team = await one(`select id from team where agency_id = $1 order by name limit 1`, [ids.agency]);
  ids.user = ids.sw;
  // A token in use, for the page that asks to confirm revoking it.
  ids.token = await one(
    `insert into api_token (partnership_id, user_id, name, token_hash)
     select partnership_id, id, 'Case system', 'every-page-test' from app_user where id = $1 returning id`,
    [ids.sw],
  );
  ids.course = await one(`select id from training_course order by title limit 1`);
  // A session already held, with places taken: its page shows the attendance form.
  ids.session = await one(
    `select s.id from training_session s where s.held_on < current_date
       and exists (select 1 from training_booking b where b.session_id = s.id) order by s.held_on desc limit 1`,
  );
  // A child the teacher's school has nothing to do with, for the refusal page.
  ids.stranger = await one(
    `select p.id from person p where p.kind = 'child' and not p.restricted and not exists (
       select 1 from involvement i join agency a on a.id = i.agency_id
       where i.person_id = p.id and a.name = 'Kingsmead Primary School') order by p.id limit 1`,
  );
  // The partnership's records, each section's own (see idFor).
  ids.arrangements = await one(`select id from arrangements_version where status = 'draft'`);
  ids.meetings = await one(
    `select source_id::uuid as id from partnership_action where source_kind = 'meeting' order by due_on limit 1`,
  );
  // An open challenge the scrutineer raised that the police have yet to answer; the draft report.
  ids['scrutiny/challenges'] = await one(
    `select c.id from challenge c join challenge_agency ca on ca.challenge_id = c.id
     join agency a on a.id = ca.agency_id and a.name = 'Elmshire Constabulary'
     where c.status = 'open' and c.raised_by = 'scrutineer' and not exists (
       select 1 from challenge_response r where r.challenge_id = c.id and r.agency_id = a.id)
     order by c.ref limit 1`,
  );
  ids['scrutiny/reports'] = await one(`select id from scrutiny_report where status = 'draft' limit 1`);
  ids.voice = await one(`select id from voice_feedback order by received_on desc limit 1`);
  ids.actions = await one(
    `select id from partnership_action where measure_id is not null order by due_on limit 1`,
  );
  // Section 11: this year's round, the council's draft, a police answer to challenge, an open challenge.
  ids['section-11/rounds'] = await one(
    `select id from s11_round where kind = 'section11' order by year desc limit 1`,
  );
  ids['section-11/standards'] = await one(
    `select id from s11_standard where kind = 'section11' order by position limit 1`,
  );
  ids.standardId = ids['section-11/standards'];
  ids['section-11/assessments'] = await one(
    `select a.id from s11_assessment a join agency g on g.id = a.agency_id
     where a.round_id = $1 and g.name = 'Elmshire County Council'`,
    [ids['section-11/rounds']],
  );
  ids['section-11/answers'] = await one(
    `select x.id from s11_answer x join s11_assessment a on a.id = x.assessment_id
     where a.round_id = $1 and a.status = 'submitted' order by x.id limit 1`,
    [ids['section-11/rounds']],
  );
  ids['section-11/challenges'] = await one(`select id from s11_challenge where status = 'open' limit 1`);
  // An open escalation the teacher raised, before the partnership's stage (so it can move on).
  ids.escalations = await one(
    `select e.id from escalation e join app_user u on u.id = e.raised_by
     where u.email = 'dsl@kingsmead.example' and e.resolved_on is null and e.stage <> 'partnership'
     order by e.reference limit 1`,
  );
  ids.reviews = await one(`select id from review where stage = 'published' limit 1`);
  // An open early help episode the teacher leads.
  ids.earlyHelp = await one(
    `select e.id from eh_episode e join app_user u on u.id = e.lead_user_id
     where u.email = 'dsl@kingsmead.example' and e.status = 'open' order by e.reference limit 1`,
  );
  ids['case-audits'] = await one(
    `select id from case_audit where status = 'open' order by starts_on desc limit 1`,
  );
  ids.childRef = await one(
    `select c.id from case_audit_child c where c.case_audit_id = $1 order by c.position desc limit 1`,
    [ids['case-audits']],
  );
});
after(() => site?.close());

async function as(key: string): Promise<Page> {
  let page = pages.get(key);
  if (!page) {
    page = await signInAs(site, key);
    pages.set(key, page);
  }
  return page;
}

/** Who opens each page, and how its parameters are filled. */
const PLAN: Record<string, string> = {
  '/': 'sw',
  '/account': 'sw',
  '/account/password': 'sw',
  '/account/two-factor/set-up': 'tm',
  '/people': 'sw',
  '/people/new': 'sw',
  '/people/:id': 'sw',
  '/people/:id/edit': 'sw',
  '/people/:id/names/new': 'sw',
  '/people/:id/addresses/new': 'sw',
  '/people/:id/relationships/new': 'sw',
  '/people/:id/households/new': 'sw',
  '/people/:id/involvements/new': 'sw',
  '/people/:id/break-glass': 'teacher',
  '/people/:id/chronology/new': 'sw',
  '/people/:id/audit': 'dpo',
  '/audit/break-glass': 'dpo',
  '/audit/break-glass/:id': 'dpo',
  '/audit/verify': 'dpo',
  '/audit/role-changes': 'dpo',
  '/admin/role-changes': 'admin',
  '/admin': 'admin',
  '/admin/front-door': 'admin',
  '/admin/agencies': 'admin',
  '/admin/agencies/new': 'admin',
  '/admin/agencies/:agencyId': 'admin',
  '/admin/agencies/:agencyId/edit': 'admin',
  '/admin/agencies/:agencyId/teams/new': 'admin',
  '/admin/agencies/:agencyId/teams/:teamId/edit': 'admin',
  '/admin/users': 'admin',
  '/admin/users/new': 'admin',
  '/admin/users/:userId': 'admin',
  '/admin/users/:userId/edit': 'admin',
  '/admin/users/:userId/password': 'admin',
  '/admin/users/:userId/tokens': 'admin',
  '/admin/users/:userId/tokens/:tokenId/revoke': 'admin',
  '/admin/notifications': 'admin',
  '/referrals': 'teacher',
  '/mash': 'mash',
  '/mash/dashboard': 'mashmgr',
  '/information-requests': 'police',
  '/people/:id/casework': 'sw',
  '/people/:id/voice': 'sw',
  '/people/:id/voice/new': 'sw',
  '/my-work': 'sw',
  '/team': 'tm',
  '/unallocated': 'tm',
  '/reports/drift': 'tm',
  '/allocations/:personId': 'tm',
  '/team/reallocate': 'tm',
  '/caseloads/settings': 'admin',
  '/casework/settings': 'tm',
  '/partnership': 'bm',
  '/partnership/actions': 'bm',
  '/partnership/actions/overdue': 'leadpolice',
  '/partnership/actions/:id': 'bm',
  '/partnership/arrangements': 'leadpolice',
  '/partnership/arrangements/:id': 'leadpolice',
  '/partnership/arrangements/:id/edit': 'bm',
  '/partnership/partners': 'bm',
  '/partnership/plan': 'scrutineer',
  '/partnership/plan/values/new': 'bm',
  '/partnership/funding': 'leadicb',
  '/partnership/funding/new': 'bm',
  '/partnership/meetings': 'leadschool',
  '/partnership/meetings/new': 'bm',
  '/partnership/meetings/:id': 'bm',
  '/partnership/meetings/:id/attendance': 'bm',
  '/partnership/meetings/:id/papers/new': 'bm',
  '/partnership/meetings/:id/decisions/new': 'bm',
  '/partnership/meetings/:id/actions/new': 'bm',
  '/training': 'sw',
  '/training/mine': 'sw',
  '/training/data': 'bm',
  '/training/courses/new': 'bm',
  '/training/courses/:courseId': 'bm',
  '/training/courses/:courseId/expected': 'bm',
  '/training/courses/:courseId/sessions/new': 'bm',
  '/training/sessions/:sessionId': 'bm',
  '/partnership/section-11': 'bm',
  '/partnership/section-11/standards': 'leadpolice',
  '/partnership/section-11/standards/new': 'bm',
  '/partnership/section-11/standards/:id/edit': 'bm',
  '/partnership/section-11/rounds/new': 'bm',
  '/partnership/section-11/rounds/:id': 'scrutineer',
  '/partnership/section-11/rounds/:id/gaps': 'bm',
  '/partnership/section-11/comparison': 'scrutineer',
  '/partnership/section-11/assessments/:id': 'leadcouncil',
  '/partnership/section-11/assessments/:id/standards/:standardId': 'leadcouncil',
  '/partnership/section-11/assessments/:id/actions/new': 'leadcouncil',
  '/partnership/section-11/answers/:id/challenge': 'leadcouncil',
  '/partnership/section-11/challenges/:id': 'leadpolice',
  '/partnership/section-11/survey': 'sw',
  '/partnership/section-11/rounds/:id/survey': 'sw',
  '/partnership/scrutiny': 'scrutineer',
  '/partnership/scrutiny/challenges/new': 'scrutineer',
  '/partnership/scrutiny/challenges/:id': 'leadpolice',
  '/partnership/scrutiny/challenges/:id/respond': 'leadpolice',
  '/partnership/scrutiny/challenges/:id/judge': 'scrutineer',
  '/partnership/scrutiny/challenges/:id/actions/new': 'scrutineer',
  '/partnership/scrutiny/reports': 'scrutineer',
  '/partnership/scrutiny/reports/new': 'scrutineer',
  '/partnership/scrutiny/reports/:id': 'scrutineer',
  '/partnership/scrutiny/reports/:id/edit': 'scrutineer',
  '/partnership/scrutiny/reads': 'leadpolice',
  '/partnership/voice': 'bm',
  '/partnership/voice/new': 'bm',
  '/partnership/voice/challenges/new': 'bm',
  '/partnership/voice/child-voice': 'scrutineer',
  '/partnership/voice/:id': 'leadcouncil',
  '/partnership/voice/:id/edit': 'bm',
  '/partnership/voice/:id/actions/new': 'bm',
  '/partnership/executive': 'bm',
  '/escalations': 'teacher',
  '/escalations/new': 'teacher',
  '/escalations/data': 'bm',
  '/escalations/settings': 'bm',
  '/escalations/:id': 'teacher',
  '/escalations/:id/stage': 'teacher',
  '/escalations/:id/resolution': 'teacher',
  '/returns': 'bm',
  '/returns/cin-census': 'bm',
  '/returns/annex-a': 'bm',
  '/early-help': 'teacher',
  '/early-help/picture': 'bm',
  '/early-help/settings': 'ehl',
  '/early-help/episodes/new': 'teacher',
  '/early-help/step-down/new': 'sw',
  '/early-help/episodes/:id': 'teacher',
  '/early-help/episodes/:id/consent': 'teacher',
  '/early-help/episodes/:id/lead': 'ehl',
  '/partnership/case-audits': 'bm',
  '/partnership/case-audits/new': 'bm',
  '/partnership/case-audits/results': 'scrutineer',
  '/partnership/case-audits/:id': 'bm',
  // The police lead audits the running audit: the page with the answer form and the child's name.
  '/partnership/case-audits/:id/children/:childRef': 'leadpolice',
  // Practice reviews: the demo's published review (its recommendations part-done).
  '/partnership/reviews': 'bm',
  '/partnership/reviews/learning': 'scrutineer',
  '/partnership/reviews/notify': 'tm',
  '/partnership/reviews/:id': 'bm',
  '/partnership/reviews/:id/notification': 'leadicb',
  '/partnership/reviews/:id/report': 'leadpolice',
  '/partnership/reviews/:id/rapid-review': 'bm',
  '/partnership/reviews/:id/analysis': 'leadpolice',
  '/partnership/reviews/:id/meeting': 'bm',
  '/partnership/reviews/:id/actions/new': 'bm',
  '/partnership/reviews/:id/local-review': 'bm',
  '/partnership/reviews/:id/recommendations/new': 'bm',
  '/partnership/reviews/:id/publication': 'bm',
  // The partnership dataset (an area by its name) and the demo's drafted yearly report (by its year).
  '/partnership/dataset': 'bm',
  '/partnership/dataset/:area': 'scrutineer',
  '/partnership/yearly-reports': 'bm',
  '/partnership/yearly-reports/:year': 'leadpolice',
  '/partnership/yearly-reports/:year/edit': 'bm',
};

/**
 * Pages that exist only at a step of a piece of work (a draft referral, a contact, a decision, an
 * episode at a given stage). They are opened, with axe, by the journeys that reach them:
 * front-door.test.ts (referral drafts, contacts, information requests) and casework.test.ts (every
 * casework step, from the start of an episode to its closure).
 */
const AT_A_STEP = [
  /^\/referrals\/(drafts|:id)/,
  /^\/mash\/contacts\//,
  /^\/information-requests\/:id$/,
  /^\/people\/:id\/casework\/.+/,
  /^\/people\/:id\/strategy-discussions\//,
  // The confirmation before undoing a merge exists only after a merge (merge.test.ts opens it).
  /^\/mash\/merges\/:id\/undo$/,
  /^\/people\/:id\/conferences\//,
  // A place's evaluation and impact follow-up open only after attending (training.test.ts).
  /^\/training\/bookings\/:bookingId\//,
  // An open recommendation's action form (practice-review.test.ts).
  /^\/partnership\/reviews\/:id\/recommendations\/:recId\/actions\/new$/,
  // Early help's steps (early-help.test.ts); a MASH early help decision waiting for the service
  // exists only after such a decision (its feature's tests open it).
  /^\/early-help\/episodes\/:id\/(assessment|team|meetings\/new|actions\/new|reviews\/new|step-up|step-down-decision|close)$/,
  /^\/early-help\/requests\/:id$/,
];

/** Not pages: downloads, JSON, redirects, and pages only reachable mid-sign-in (tested in their feature). */
const NOT_PAGES = [
  /^\/api\//,
  /\.(csv|pdf)$/,
  /^\/returns\/.*\/download$/,
  /^\/health$/,
  /^\/sign-in\//,
  /^\/account\/two-factor\/turn-off$/,
];

/**
 * Which record fills `:id`: a partnership page's by its section (`ids.actions` for
 * /partnership/actions/:id, set in `before`) or its section and kind, otherwise the child's.
 */
function idFor(url: string): string {
  if (url.startsWith('/audit/break-glass')) return ids.breakGlass!;
  // A section with several kinds of record keys them by section and kind (`section-11/rounds`).
  if (url.startsWith('/partnership/'))
    return ids[url.split('/').slice(2, 4).join('/')] ?? ids[url.split('/')[2]!] ?? ids.person!;
  if (url.startsWith('/escalations/')) return ids.escalations!;
  if (url.startsWith('/early-help/')) return ids.earlyHelp!;
  return ids.person!;
}

function fill(url: string): string {
  return url
    .replace(':id', idFor(url))
    .replace(':agencyId', ids.agency!)
    .replace(':teamId', ids.team!)
    .replace(':userId', ids.user!)
    .replace(':tokenId', ids.token!)
    .replace(':personId', ids.person!)
    .replace(':courseId', ids.course!)
    .replace(':sessionId', ids.session!)
    .replace(':standardId', ids.standardId!)
    .replace(':childRef', ids.childRef!)
    .replace(':area', 'casework')
    .replace(':year', '2025');
}

test('every page is planned here', () => {
  const gets = site.app.routeTable.filter(
    (r) => r.method === 'GET' && !r.public && !NOT_PAGES.some((p) => p.test(r.url)),
  );
  const missing = gets.map((r) => r.url).filter((u) => !(u in PLAN) && !AT_A_STEP.some((p) => p.test(u)));
  assert.deepEqual(missing, [], 'add these pages to PLAN');
});

for (const [route, key] of Object.entries(PLAN)) {
  test(`${route} as ${key}: accessible`, async () => {
    const page = await as(key);
    const res = await page.goto(`${site.url}${fill(route)}`);
    assert.equal(res?.status(), 200, route);
    await checkPage(page, `${key}${route.replace(/[/:]+/g, '-')}`, seenBy(key));
  });
}

function seenBy(key: string): Set<string> {
  let seen = followed.get(key);
  if (!seen) followed.set(key, (seen = new Set()));
  return seen;
}

/** One user of each kind of work. */
const ROLES = [
  'teacher',
  'public',
  'mash',
  'mashmgr',
  'police',
  'sw',
  'tm',
  'ehl',
  'bm',
  'scrutineer',
  'leadpolice',
  'dpo',
  'admin',
];

/** An address's shape: ids and query left out, so that one page of each kind is opened. */
const shape = (href: string) =>
  new URL(href).pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');

for (const key of ROLES) {
  test(`as ${key}: no link ends in a refusal, from the home page two clicks deep`, async () => {
    const page = await as(key);
    const opened = new Set<string>();
    const dead: string[] = [];
    let level = [`${site.url}/`];
    for (let depth = 0; depth <= 2 && level.length; depth++) {
      const next: string[] = [];
      for (const href of level) {
        if (opened.has(shape(href)) || /\.(csv|pdf)$/.test(href)) continue;
        opened.add(shape(href));
        const res = await page.goto(href);
        if (res?.status() !== 200 || new URL(page.url()).origin !== site.url) continue;
        dead.push(...(await deadLinks(page, seenBy(key))));
        next.push(
          ...(await page
            .locator('main a[href], .govuk-service-navigation a[href]')
            .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href.split('#')[0]!))),
        );
      }
      level = next.filter((h) => h.startsWith(site.url) && !h.endsWith('/sign-out'));
    }
    assert.deepEqual(dead, [], `links ${key} may not open`);
  });
}

test('a radio that reveals a question is checked by axe after the scripts have run, and is clean', async () => {
  const page = await as('sw');
  await page.goto(`${site.url}/people/${ids.person}/households/new`);
  await scriptsHaveRun(page);
  const radio = page.getByLabel('A new household');
  // The scripts have run: GOV.UK Frontend has promoted data-aria-controls and hidden the reveal.
  assert.ok(await radio.getAttribute('aria-controls'));
  assert.equal(await page.getByLabel('Name of the household').isVisible(), false);
  await checkPage(page, 'sw-conditional-reveal-closed');
  await radio.check();
  assert.equal(await page.getByLabel('Name of the household').isVisible(), true);
  // ARIA allows no aria-expanded on a radio: the reveal works without it.
  assert.equal(await radio.getAttribute('aria-expanded'), null);
  await checkPage(page, 'sw-conditional-reveal-open');
});
