/**
 * Data for the record page benchmark: the demo organisation, one child with a long multi-agency
 * chronology allocated to demo user 'sw', and signed-in sessions for that user.
 */
import type { Db } from '../../src/db/index.ts';
import { seedOrganisation, type DemoOrganisation } from '../../src/demo/organisation.ts';
import { addDays, dateBetween, Rng } from '../../src/demo/random.ts';
import { fill, STORIES, type StoryKey } from '../../src/demo/stories.ts';
import { demoTables, insertTables } from '../../src/demo/tables.ts';
import { londonToday } from '../../src/platform/dates.ts';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { normaliseName } from '../../src/platform/names.ts';

export interface RecordPageData {
  org: DemoOrganisation;
  childId: string;
  cookies: string[];
}

export async function seedRecordPage(
  db: Db,
  opts: { entries: number; sessions: number },
): Promise<RecordPageData> {
  const org = await seedOrganisation(db);
  const rng = new Rng(42);
  const pid = org.partnershipId;
  const today = londonToday();
  const dob = addDays(today, -13 * 365);
  const t = demoTables();
  const childId = rng.uuid();
  const motherId = rng.uuid();
  const people = [
    { id: childId, kind: 'child', given: 'Jayden', family: 'Pickering', dob, sex: 'male' },
    {
      id: motherId,
      kind: 'adult',
      given: 'Kirsty',
      family: 'Pickering',
      dob: addDays(dob, -24 * 365),
      sex: 'female',
    },
  ];
  for (const p of people) {
    t.person.add({
      id: p.id,
      partnership_id: pid,
      kind: p.kind,
      unborn: false,
      expected_date: null,
      given_name: p.given,
      family_name: p.family,
      date_of_birth: p.dob,
      sex: p.sex,
      ethnicity: 'WBRI',
      nhs_number: null,
      upn: null,
      council_id: null,
      restricted: false,
    });
    t.person_name.add({
      partnership_id: pid,
      person_id: p.id,
      kind: 'current',
      given_name: p.given,
      family_name: p.family,
      given_norm: normaliseName(p.given),
      family_norm: normaliseName(p.family),
    });
    t.address.add({
      partnership_id: pid,
      person_id: p.id,
      line1: '17 Heron Close',
      line2: null,
      town: 'Wrenham',
      postcode: 'EM5 2QT',
      postcode_norm: 'EM52QT',
      from_date: dob,
      to_date: null,
    });
  }
  t.relationship.add({
    partnership_id: pid,
    person_id: childId,
    related_person_id: motherId,
    kind: 'parent',
    from_date: dob,
    to_date: null,
  });
  t.involvement.add({
    partnership_id: pid,
    person_id: childId,
    agency_id: org.agencies.school2!,
    team_id: null,
    role: 'school',
    started_on: addDays(dob, 11 * 365),
    ended_on: null,
  });
  t.allocation.add({
    partnership_id: pid,
    person_id: childId,
    user_id: org.users.sw!,
    team_id: org.teams['council:Assessment Team North']!,
    started_at: `${addDays(today, -90)}T10:00:00Z`,
  });
  const keys = (Object.keys(STORIES) as StoryKey[]).filter(
    (k) => !['booking', 'scan', 'antenatalVisit'].includes(k),
  );
  const ctx = {
    child: 'Jayden',
    mother: 'Kirsty',
    partner: 'Shane',
    carer: 'Kirsty',
    school: 'Elm Valley Academy',
    town: 'Wrenham',
    pct: '81',
  };
  for (let i = 0; i < opts.entries; i++) {
    const st = STORIES[rng.pick(keys)];
    const on = dateBetween(rng, dob, today);
    t.chronology_entry.add({
      partnership_id: pid,
      person_id: childId,
      occurred_on: on,
      recorded_at: `${on}T${String(rng.int(8, 17)).padStart(2, '0')}:15:00Z`,
      recorded_by: null,
      source_agency_id: org.agencies[st.agency === 'school' ? 'school2' : st.agency]!,
      category: st.category,
      significance: st.significance,
      visibility: st.visibility ?? 'partnership',
      summary: fill(rng.pick(st.text), ctx),
    });
  }
  await insertTables(db, t);
  const cookies: string[] = [];
  for (let i = 0; i < opts.sessions; i++) {
    // What signing in creates: a session row for the user; the cookie carries its token.
    const { cookie } = await createSession(db, {
      partnershipId: pid,
      userId: org.users.sw!,
      ip: '127.0.0.1',
    });
    cookies.push(`${SESSION_COOKIE}=${cookie}`);
  }
  return { org, childId, cookies };
}
