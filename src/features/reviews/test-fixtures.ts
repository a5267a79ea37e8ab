/**
 * A family for the review tests: a child (Jonathan Baker) known to the school and allocated to the
 * council's team manager, a sibling, a mother with an address, and chronology entries by three
 * agencies (one of them for the recording agency only), one before the period.
 */
import type { TestDb } from '../../../test/helpers/app.ts';
import { allocate, insertPerson, involve } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';

export interface Family {
  child: string;
  sibling: string;
  mother: string;
}

export async function reviewFamily(t: TestDb): Promise<Family> {
  const pid = t.org.partnershipId;
  const child = await insertPerson(t, { given: 'Jonathan', family: 'Baker', dob: '2016-02-29' });
  const sibling = await insertPerson(t, { given: 'Lily', family: 'Baker', dob: '2019-06-01' });
  const mother = await insertPerson(t, { kind: 'adult', given: 'Kerry', family: 'Baker', dob: '1990-01-01' });
  await allocate(t, child, 'tm');
  await involve(t, child, 'school1');
  for (const [a, b, kind] of [
    [child, sibling, 'sibling'],
    [mother, child, 'parent'],
  ] as const)
    await t.db.query(
      `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,$4)`,
      [pid, a, b, kind],
    );
  await t.db.query(
    `insert into address (partnership_id, person_id, line1, town, postcode, postcode_norm)
     values ($1,$2,'14 Acacia Avenue','Elmshire','AB1 2CD','AB12CD')`,
    [pid, mother],
  );
  const entry = (
    person: string,
    agency: string,
    user: string,
    on: string,
    summary: string,
    visibility = 'partnership',
  ) =>
    insertedId(
      t.db,
      `insert into chronology_entry (partnership_id, person_id, occurred_on, recorded_by, source_agency_id, category,
         significance, visibility, summary) values ($1,$2,$3,$4,$5,'other','medium',$6,$7) returning id`,
      [pid, person, on, t.org.users[user], t.org.agencies[agency], visibility, summary],
    );
  await entry(child, 'school1', 'teacher', '2025-10-01', 'Jonathan came to school hungry');
  await entry(mother, 'police', 'police', '2025-11-12', 'Domestic incident at the home');
  await entry(sibling, 'community', 'hv', '2025-12-03', 'Health visitor: Lily missed her check');
  await entry(child, 'school1', 'teacher', '2025-12-05', 'Kept for the school only', 'agency');
  await entry(child, 'school1', 'teacher', '2024-01-10', 'Before the period');
  return { child, sibling, mother };
}

/**
 * For the API roles test: a review at a stage, made straight in the database, with every agency of
 * the partnership taking part (so that each agency lead may contribute), and one recommendation.
 */
export async function apiReview(
  t: TestDb,
  stage: string,
  personId: string,
): Promise<{ id: string; rec: string }> {
  const pid = t.org.partnershipId;
  const id = await insertedId(
    t.db,
    `insert into review (partnership_id, reference, person_id, pseudonym, criteria, what_happened, aware_on,
       notification_due_on, notified_on, notified_by, notifier_agency_id, rapid_review_due_on, stage,
       chronology_assembled_at, commission)
     values ($1, 'API-' || gen_random_uuid(), $2, 'Child Api', '{death}', 'What happened', current_date, current_date,
       current_date, $3, $4, current_date, $5, now(), $5 = 'local_review') returning id`,
    [pid, personId, t.org.users.sw, t.org.agencies.council, stage],
  );
  await t.db.query(
    `insert into review_agency (partnership_id, review_id, agency_id, told_at)
     select $1, $2, id, now() from agency where partnership_id = $1`,
    [pid, id],
  );
  const rec = await insertedId(
    t.db,
    `insert into review_recommendation (partnership_id, review_id, number, text, owner_agency_id)
     values ($1,$2,1,'Share reports next day',$3) returning id`,
    [pid, id, t.org.agencies.police],
  );
  return { id, rec };
}

/** The address and body of a practice reviews API call for the API roles test, or undefined. */
export async function apiReviewCall(
  t: TestDb,
  method: string,
  path: string,
  n: number,
): Promise<{ url: string; body?: unknown } | undefined> {
  if (!/^\/api\/v1\/(serious-incidents|rapid-reviews|practice-reviews)/.test(path)) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  const child = await insertPerson(t, { given: 'Api', family: `Review${n}`, dob: '2016-01-01' });
  await allocate(t, child, 'tm');
  if (method === 'POST' && path === '/api/v1/serious-incidents')
    return {
      url: path,
      body: {
        personId: child,
        criteria: ['death'],
        whatHappened: 'Api',
        awareOn: today,
        pseudonym: `Child ${n}`,
      },
    };
  const stage = path.endsWith('/chronology')
    ? 'notified'
    : /rapid-reviews\/\{id\}\/(analysis|decision|actions)$/.test(path)
      ? 'rapid_review'
      : 'local_review';
  const { id, rec } = await apiReview(t, stage, child);
  if (path.endsWith('/close'))
    await t.db.query(
      `insert into partnership_action (partnership_id, source_kind, source_id, source_label, source_href, title,
         owner_agency_id, due_on, status, evidence, completed_on)
       values ($1,'review',$2,'Review','/partnership/reviews','Done already',$3,'2030-01-31','done','Seen',current_date)`,
      [t.org.partnershipId, rec, t.org.agencies.police],
    );
  if (path.endsWith('/publish')) {
    await t.db.query(
      `update review set publish = true, publish_reasons = 'Learning', publication_on = current_date,
         published_text = 'Child Api was not heard.' where id = $1`,
      [id],
    );
    await t.db.query(
      `insert into review_sign_off (partnership_id, review_id, agency_id, user_id)
       select $1, $2, a.id, $3 from agency a where a.partnership_id = $1 and a.statutory_partner`,
      [t.org.partnershipId, id, t.org.users.bm],
    );
  }
  const url = path.replace('{id}', id).replace('{recId}', rec);
  const bodies: Record<string, unknown> = {
    chronology: { periodFrom: '2025-01-01', periodTo: today },
    analysis: { analysis: `Analysis ${n}` },
    decision: {
      meetingOn: today,
      meetingNotes: 'Met',
      learning: 'Learned',
      themes: [],
      commission: false,
      decisionReasons: 'No',
    },
    actions: { title: `Action ${n}`, ownerAgencyId: t.org.agencies.police, dueOn: '2030-01-31' },
    report: { reviewer: 'Reviewer', termsOfReference: 'Terms', final: false },
    recommendations: { text: `Recommendation ${n}`, ownerAgencyId: t.org.agencies.police, themes: [] },
    publication: { publish: false, publishReasons: 'Would harm the children' },
  };
  return { url, body: method === 'POST' ? bodies[path.split('/').at(-1)!] : undefined };
}
