/**
 * Generated caseload history for the caseloads benchmark, in bulk SQL (generate_series): teams of
 * 20 workers (one team manager each), children with open episodes of need and their casework
 * (assessments; child protection plans with their strategy discussion, section 47 enquiry, initial
 * conference, core group, review and visits; child in need plans with reviews), earlier closed
 * episodes (some with an ended child protection plan, so repeat plans occur), referrals (allocated,
 * and a queue awaiting allocation), and allocations: one open per child (a few children left
 * without one) and two ended ones each. Ids are md5 of a label and the index, so every statement
 * can find the rows of another without lookups. Everything is made up.
 */
import type { Db } from '../../src/db/index.ts';

export interface CaseloadVolume {
  /** Children with an open episode of need. */
  episodes: number;
  workers: number;
  /** Children with a referral awaiting allocation (no episode yet). */
  queue: number;
}

export const WORKERS_PER_TEAM = 20;

const id = (label: string, i = 'i') => `md5('bench-${label}-' || ${i})::uuid`;
/** The worker of child i: a fifth of the children go to the first 200 workers, who run over the limit. */
const workerOf = (workers: number) =>
  `(case when i % 10 < 2 then i % least(200, ${workers}) else i % ${workers} end)`;

const GIVEN = `(array['Amelia','Oliver','Isla','George','Ava','Noah','Mia','Leo','Ivy','Arthur','Freya','Oscar',
  'Lily','Theo','Rosie','Jack','Grace','Harry','Evie','Alfie','Poppy','Charlie','Sophie','Finley','Willow',
  'Reggie','Daisy','Albie','Ruby','Ezra'])`;
const FAMILY = `(array['Ashdown','Bramley','Carrow','Dunmore','Elswick','Fenwick','Garside','Holloway','Ingram',
  'Jessop','Kilner','Lorimer','Marsden','Northey','Oakes','Pellow','Quarrie','Rudd','Selby','Thwaite','Upton',
  'Varley','Wardle','Yelland','Aldous','Birtles','Cosgrove','Danby','Eckersley','Frome'])`;

export async function generateCaseloads(
  db: Db,
  p: { partnershipId: string; agencyId: string; today: string },
  v: CaseloadVolume,
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(p.partnershipId) || !/^[0-9a-f-]{36}$/.test(p.agencyId))
    throw new Error('bad id');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.today)) throw new Error('bad date');
  const pid = `'${p.partnershipId}'::uuid`;
  const today = `'${p.today}'::date`;
  const teams = Math.ceil(v.workers / WORKERS_PER_TEAM);
  const n = v.episodes;
  const w = workerOf(v.workers);
  // The referral date of child i: open episodes up to ~2.7 years old; the queue within 60 days.
  // The referral date of child i. By i % 10: 0 and 5 on a child protection plan, 1-4 on a child in
  // need plan (both up to ~2.8 years open), 6-9 being assessed (within 60 days; every 50th drifting
  // for months). The queue: within 60 days.
  const ref = `(case when i > ${n} then ${today} - ((i * 13) % 60)
    when i % 10 >= 6 then ${today} - (case when i % 50 = 6 then 100 + (i * 7) % 200 else (i * 7) % 60 + 1 end)
    else ${today} - ((i * 37) % 1000 + 61) end)`;
  const cpChild = `(i % 5 = 0)`;
  const cinChild = `(i % 10 between 1 and 4)`;
  const oldRef = `(${ref} - 700)`;
  const closed = `(${ref} - 200)`;
  const sql: string[] = [];
  sql.push(`insert into team (id, partnership_id, agency_id, name)
    select ${id('team', 'k')}, ${pid}, '${p.agencyId}', 'Bench Team ' || lpad(k::text, 3, '0')
    from generate_series(0, ${teams - 1}) k`);
  sql.push(`insert into app_user (id, partnership_id, agency_id, team_id, email, display_name, roles, is_demo)
    select ${id('worker', 'w')}, ${pid}, '${p.agencyId}', ${id('team', `(w / ${WORKERS_PER_TEAM})`)},
      'worker' || w || '@bench.example', ${GIVEN}[1 + (w * 7) % 30] || ' ' || ${FAMILY}[1 + (w * 11) % 30] || ' ' || w,
      case when w % ${WORKERS_PER_TEAM} = 0 then array['team_manager'] else array['social_worker'] end, true
    from generate_series(0, ${v.workers - 1}) w`);
  const all = `generate_series(1, ${n + v.queue}) i`;
  const open = `generate_series(1, ${n}) i`;
  sql.push(`insert into person (id, partnership_id, kind, given_name, family_name, date_of_birth)
    select ${id('child')}, ${pid}, 'child', ${GIVEN}[1 + i % 30], ${FAMILY}[1 + (i / 30) % 30], ${today} - (400 + (i * 53) % 5500)
    from ${all}`);
  sql.push(`insert into contact (id, partnership_id, status, received_at, decision, decided_at)
    select ${id('contact')}, ${pid}, 'decided', ${ref}::timestamptz, 'section_17', ${ref}::timestamptz + interval '20 hours'
    from ${all}`);
  sql.push(`insert into referral (id, partnership_id, contact_id, person_id, decision, referral_date, received_at, status)
    select ${id('referral')}, ${pid}, ${id('contact')}, ${id('child')}, 'section_17', ${ref}, ${ref}::timestamptz,
      case when i <= ${n} then 'allocated' else 'awaiting_allocation' end
    from ${all}`);
  sql.push(`insert into episode (id, partnership_id, person_id, referral_id, referral_date, referral_source, primary_need)
    select ${id('episode')}, ${pid}, ${id('child')}, ${id('referral')}, ${ref}, '1A', 'N' || (i % 10) from ${open}`);
  sql.push(`insert into episode (id, partnership_id, person_id, referral_date, referral_source, primary_need, status,
      closure_date, closure_reason)
    select ${id('old-episode')}, ${pid}, ${id('child')}, ${oldRef}, '1B', 'N1', 'closed', ${closed}, 'RC8'
    from ${open} where i % 4 = 0`);
  sql.push(`insert into assessment (partnership_id, episode_id, person_id, start_date, status, outcome, completed_date,
      authorised_date)
    select ${pid}, ${id('episode')}, ${id('child')}, ${ref},
      case when i % 10 < 6 then 'authorised' else 'in_progress' end,
      case when i % 10 < 6 then 'cin_plan' end,
      case when i % 10 < 6 then ${ref} + 30 end,
      case when i % 10 < 6 then ${ref} + 35 end
    from ${open} where i % 10 < 9`);
  // Child protection plans: open ones now, ended ones in earlier episodes (repeat plans).
  for (const [tag, episode, start, where, ended] of [
    ['open', id('episode'), `(${ref} + 15)`, cpChild, false],
    ['old', id('old-episode'), `(${oldRef} + 15)`, 'i % 20 = 0', true],
  ] as const) {
    const from = `${open} where ${where}`;
    sql.push(`insert into strategy_discussion (id, partnership_id, episode_id, person_id, held_on, agency_ids, participants, decision, rationale)
      select ${id(`${tag}-sd`)}, ${pid}, ${episode}, ${id('child')}, ${start} - 12, array['${p.agencyId}'::uuid],
        'Social worker, police', 'section_47', 'Generated' from ${from}`);
    sql.push(`insert into section_47 (id, partnership_id, episode_id, person_id, strategy_discussion_id, start_date, status,
        outcome, conference_needed, outcome_date)
      select ${id(`${tag}-s47`)}, ${pid}, ${episode}, ${id('child')}, ${id(`${tag}-sd`)}, ${start} - 12, 'completed',
        'substantiated_at_risk', true, ${start} - 7 from ${from}`);
    sql.push(`insert into conference (id, partnership_id, episode_id, person_id, kind, section_47_id, held_on, chair,
        agencies_attended, decision, category)
      select ${id(`${tag}-icpc`)}, ${pid}, ${episode}, ${id('child')}, 'initial', ${id(`${tag}-s47`)}, ${start}, 'Chair',
        array['${p.agencyId}'::uuid], 'plan', 'NEG' from ${from}`);
    sql.push(`insert into cp_plan (id, partnership_id, episode_id, person_id, initial_conference_id, start_date,
        initial_category, latest_category, status, end_date, end_reason)
      select ${id(`${tag}-plan`)}, ${pid}, ${episode}, ${id('child')}, ${id(`${tag}-icpc`)}, ${start}, 'NEG', 'NEG',
        ${ended ? `'ended', ${closed} - 10, 'Plan no longer needed'` : `'open', null, null`} from ${from}`);
  }
  const cpFrom = `${open} where ${cpChild}`;
  const planStart = `(${ref} + 15)`;
  sql.push(`insert into core_group (partnership_id, cp_plan_id, person_id, held_on, agency_ids)
    select ${pid}, ${id('open-plan')}, ${id('child')}, ${planStart} + 7, array['${p.agencyId}'::uuid]
    from ${cpFrom} and i % 3 <> 0`);
  sql.push(`insert into conference (partnership_id, episode_id, person_id, kind, cp_plan_id, held_on, chair,
      agencies_attended, decision)
    select ${pid}, ${id('episode')}, ${id('child')}, 'review', ${id('open-plan')},
      greatest((${planStart} + interval '3 months')::date, ${today} - (i % 170)),
      'Chair', array['${p.agencyId}'::uuid], 'continue'
    from ${cpFrom} and (${planStart} + interval '3 months')::date < ${today}`);
  // Visits: the last one seen 0-15 days ago (a few are overdue), and one a fortnight before.
  for (const back of [0, 14]) {
    sql.push(`insert into visit (partnership_id, episode_id, person_id, cp_plan_id, visited_on, seen, seen_alone, bedroom_seen)
      select ${pid}, ${id('episode')}, ${id('child')}, ${id('open-plan')}, ${today} - (i * 3) % 16 - ${back}, true, true, true
      from ${cpFrom} and ${today} - (i * 3) % 16 - ${back} >= ${planStart}`);
  }
  sql.push(`insert into cin_plan (id, partnership_id, episode_id, person_id, start_date)
    select ${id('cin')}, ${pid}, ${id('episode')}, ${id('child')}, ${ref} + 40
    from ${open} where ${cinChild}`);
  sql.push(`insert into cin_plan_review (partnership_id, cin_plan_id, person_id, held_on, notes)
    select ${pid}, ${id('cin')}, ${id('child')}, greatest(${ref} + 41, ${today} - (i % 85)), 'Reviewed'
    from ${open} where ${cinChild} and i % 50 <> 1`);
  // Allocations: two ended per child (history), then one open, except every 40th child.
  const workerId = (shift: number) => id('worker', `((${w} + ${shift}) % ${v.workers})`);
  const teamOf = (shift: number) => id('team', `(((${w} + ${shift}) % ${v.workers}) / ${WORKERS_PER_TEAM})`);
  sql.push(`insert into allocation (partnership_id, person_id, user_id, team_id, started_at, ended_at, reason, end_reason)
    select ${pid}, ${id('child')}, ${workerId(7)}, ${teamOf(7)}, ${oldRef}::timestamptz, (${ref} - 400)::timestamptz,
      'Earlier episode', 'Worker left' from ${open}
    union all
    select ${pid}, ${id('child')}, ${workerId(13)}, ${teamOf(13)}, (${ref} - 400)::timestamptz, (${ref})::timestamptz,
      'Transfer', 'Reallocated' from ${open}`);
  sql.push(`insert into allocation (partnership_id, person_id, user_id, team_id, started_at, reason)
    select ${pid}, ${id('child')}, ${workerId(0)}, ${teamOf(0)}, (${ref})::timestamptz + interval '1 day', 'New referral'
    from ${open} where i % 40 <> 0`);
  for (const s of sql) await db.exec(s);
  await db.exec('analyze');
}
