/** Early help episodes: the episode, its family, who may see it, and the lists. */
import { maybeOne, one, type Db } from '../../../db/index.ts';

export interface EpisodeRow {
  id: string;
  reference: string;
  source: 'mash' | 'direct' | 'step_down';
  status: 'offered' | 'open' | 'closed';
  leadUserId: string | null;
  lead: string | null;
  leadAgencyId: string | null;
  leadAgency: string | null;
  consent: 'given' | 'not_given' | 'withdrawn';
  safeguardingReason: string | null;
  safeguardingBy: string | null;
  safeguardingAt: Date | null;
  startedOn: string;
  assessmentDue: string;
  assessmentCompletedOn: string | null;
  familyView: string | null;
  plan: string | null;
  closedOn: string | null;
  outcome: string | null;
  feedback: string | null;
  version: number;
}

const COLUMNS = `e.id, e.reference, e.source, e.status, e.lead_user_id as "leadUserId", lu.display_name as lead,
  e.lead_agency_id as "leadAgencyId", la.name as "leadAgency", e.consent, e.safeguarding_reason as "safeguardingReason",
  su.display_name as "safeguardingBy", e.safeguarding_at as "safeguardingAt", e.started_on::text as "startedOn",
  e.assessment_due::text as "assessmentDue", e.assessment_completed_on::text as "assessmentCompletedOn",
  e.family_view as "familyView", e.plan, e.closed_on::text as "closedOn", e.outcome, e.feedback, e.version`;
const FROM = `from eh_episode e left join app_user lu on lu.id = e.lead_user_id
  left join agency la on la.id = e.lead_agency_id left join app_user su on su.id = e.safeguarding_by`;

export function episode(db: Db, pid: string, id: string, lock = false) {
  return maybeOne<EpisodeRow>(
    db,
    lock
      ? `select ${COLUMNS} ${FROM} where e.partnership_id = $1 and e.id = $2 for update of e`
      : `select ${COLUMNS} ${FROM} where e.partnership_id = $1 and e.id = $2`,
    [pid, id],
  );
}

export async function nextReference(tx: Db, pid: string, year: number): Promise<string> {
  const row = await one<{ last: number }>(
    tx,
    `insert into eh_reference_counter (partnership_id, year, last) values ($1,$2,1)
     on conflict (partnership_id, year) do update set last = eh_reference_counter.last + 1 returning last`,
    [pid, year],
  );
  return `EH-${year}-${String(row.last).padStart(4, '0')}`;
}

export interface NewEpisode {
  partnershipId: string;
  reference: string;
  source: EpisodeRow['source'];
  requestId: string | null;
  status: 'offered' | 'open';
  leadUserId: string | null;
  leadAgencyId: string | null;
  consent: 'given' | 'not_given';
  safeguardingReason: string | null;
  safeguardingBy: string | null;
  startedOn: string;
  assessmentDue: string;
  createdBy: string;
}

export async function insertEpisode(tx: Db, e: NewEpisode): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into eh_episode (partnership_id, reference, source, early_help_request_id, status, lead_user_id,
       lead_agency_id, consent, safeguarding_reason, safeguarding_by, safeguarding_at, started_on, assessment_due, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::uuid, case when $10::uuid is not null then now() end,$11,$12,$13)
     returning id`,
    [
      e.partnershipId,
      e.reference,
      e.source,
      e.requestId,
      e.status,
      e.leadUserId,
      e.leadAgencyId,
      e.consent,
      e.safeguardingReason,
      e.safeguardingBy,
      e.startedOn,
      e.assessmentDue,
      e.createdBy,
    ],
  );
  return row.id;
}

export async function insertMembers(tx: Db, pid: string, episodeId: string, ids: string[]): Promise<void> {
  await tx.query(
    `insert into eh_member (episode_id, partnership_id, person_id, kind)
     select $1, $2, p.id, p.kind from person p where p.id = any($3::uuid[]) and p.partnership_id = $2`,
    [episodeId, pid, ids],
  );
}

export interface MemberRow {
  personId: string;
  kind: 'child' | 'adult';
  name: string;
  dateOfBirth: string | null;
}

export function members(db: Db, episodeId: string) {
  return db.query<MemberRow>(
    `select p.id as "personId", p.kind, trim(p.given_name || ' ' || p.family_name) as name,
       p.date_of_birth::text as "dateOfBirth"
     from eh_member m join person p on p.id = m.person_id where m.episode_id = $1
     order by p.kind desc, p.date_of_birth nulls last, p.family_name`,
    [episodeId],
  );
}

/** The child and the people linked to it in the person index (relationships, households). */
export function familyCandidates(db: Db, pid: string, personId: string) {
  return db.query<MemberRow>(
    `with linked as (
       select $2::uuid as id
       union select related_person_id from relationship where person_id = $2 and (to_date is null or to_date >= current_date)
       union select person_id from relationship where related_person_id = $2 and (to_date is null or to_date >= current_date)
       union select hm2.person_id from household_member hm join household_member hm2 on hm2.household_id = hm.household_id
         where hm.person_id = $2 and (hm.to_date is null) and (hm2.to_date is null))
     select p.id as "personId", p.kind, trim(p.given_name || ' ' || p.family_name) as name,
       p.date_of_birth::text as "dateOfBirth"
     from person p join linked l on l.id = p.id where p.partnership_id = $1 and not p.restricted
     order by (p.id = $2) desc, p.kind desc, p.date_of_birth nulls last`,
    [pid, personId],
  );
}

/** Children of these already in an early help episode that is not closed (no two at once). */
export function childrenInOpenEpisodes(
  db: Db,
  pid: string,
  personIds: string[],
  except: string | null = null,
) {
  return db.query<{ personId: string; reference: string }>(
    `select m.person_id as "personId", e.reference from eh_member m join eh_episode e on e.id = m.episode_id
     where e.partnership_id = $1 and e.status <> 'closed' and m.kind = 'child' and m.person_id = any($2::uuid[])
       and ($3::uuid is null or e.id <> $3)`,
    [pid, personIds, except],
  );
}

/** How the user stands to an episode (who may see and change it: service.ts decides). */
export interface Standing {
  lead: boolean;
  offered: boolean;
  team: boolean;
  /** A child of the family allocated to the user or their team (social care). */
  allocated: boolean;
  /** A child of the family on an open contact at the MASH. */
  onContact: boolean;
  /** The user who started the episode (the social worker who stepped the family down). */
  creator: boolean;
}

export function standing(db: Db, episodeId: string, userId: string, teamId: string | null) {
  return one<Standing>(
    db,
    `select coalesce(e.lead_user_id = $2, false) as lead, e.created_by = $2 as creator,
       exists (select 1 from eh_step s where s.episode_id = e.id and s.kind = 'down' and s.decision is null
               and s.offered_to = $2) as offered,
       exists (select 1 from eh_team_member t where t.episode_id = e.id and t.user_id = $2) as team,
       exists (select 1 from eh_member m join allocation a on a.person_id = m.person_id and a.ended_at is null
               where m.episode_id = e.id and (a.user_id = $2 or a.team_id = $3::uuid)) as allocated,
       exists (select 1 from eh_member m join contact_person cp on cp.person_id = m.person_id
               join contact c on c.id = cp.contact_id and c.status = 'open' where m.episode_id = e.id) as "onContact"
     from eh_episode e where e.id = $1`,
    [episodeId, userId, teamId],
  );
}

export interface ListRow {
  id: string;
  reference: string;
  status: EpisodeRow['status'];
  source: EpisodeRow['source'];
  lead: string | null;
  leadAgency: string | null;
  startedOn: string;
  assessmentDue: string;
  assessmentCompletedOn: string | null;
  lastReviewOn: string | null;
  closedOn: string | null;
  children: string;
  childIds: string[];
  offeredToMe: boolean;
}

const LIST = `select e.id, e.reference, e.status, e.source, lu.display_name as lead, la.name as "leadAgency",
    e.started_on::text as "startedOn", e.assessment_due::text as "assessmentDue",
    e.assessment_completed_on::text as "assessmentCompletedOn",
    (select max(r.held_on)::text from eh_review r where r.episode_id = e.id) as "lastReviewOn",
    e.closed_on::text as "closedOn",
    (select string_agg(trim(p.given_name || ' ' || p.family_name), ', ' order by p.date_of_birth)
       from eh_member m join person p on p.id = m.person_id where m.episode_id = e.id and m.kind = 'child') as children,
    array(select m.person_id from eh_member m where m.episode_id = e.id and m.kind = 'child') as "childIds",
    exists (select 1 from eh_step s where s.episode_id = e.id and s.kind = 'down' and s.decision is null
            and s.offered_to = $2) as "offeredToMe"
  from eh_episode e left join app_user lu on lu.id = e.lead_user_id left join agency la on la.id = e.lead_agency_id`;

/** The families the user leads, is offered, or is in the team around (not closed). */
export function myEpisodes(db: Db, pid: string, userId: string) {
  return db.query<ListRow>(
    `${LIST} where e.partnership_id = $1 and e.status <> 'closed' and (e.lead_user_id = $2
       or exists (select 1 from eh_step s where s.episode_id = e.id and s.kind = 'down' and s.decision is null and s.offered_to = $2)
       or (exists (select 1 from eh_team_member t where t.episode_id = e.id and t.user_id = $2)
           and (e.consent = 'given' or e.safeguarding_by is not null)))
     order by e.assessment_due, e.reference`,
    [pid, userId],
  );
}

/** Every episode (the early help service): open first, then the latest closed. */
export function allEpisodes(db: Db, pid: string, userId: string, limit = 200) {
  return db.query<ListRow>(
    `${LIST} where e.partnership_id = $1 order by (e.status = 'closed'), e.started_on desc, e.reference limit $3`,
    [pid, userId, limit],
  );
}

export interface RequestRow {
  id: string;
  personId: string;
  child: string;
  contactReference: string | null;
  createdAt: Date;
}

/** The MASH's early help decisions waiting to be picked up. */
export function waitingRequests(db: Db, pid: string) {
  return db.query<RequestRow>(
    `select r.id, r.person_id as "personId", trim(p.given_name || ' ' || p.family_name) as child,
       c.reference as "contactReference", r.created_at as "createdAt"
     from early_help_request r join person p on p.id = r.person_id join contact c on c.id = r.contact_id
     where r.partnership_id = $1 and r.status = 'waiting' order by r.created_at`,
    [pid],
  );
}

export function request(db: Db, pid: string, id: string, lock = false) {
  return maybeOne<RequestRow & { status: string }>(
    db,
    `select r.id, r.person_id as "personId", trim(p.given_name || ' ' || p.family_name) as child,
       c.reference as "contactReference", r.created_at as "createdAt", r.status
     from early_help_request r join person p on p.id = r.person_id join contact c on c.id = r.contact_id
     where r.partnership_id = $1 and r.id = $2 ${lock ? 'for update of r' : ''}`,
    [pid, id],
  );
}

export const markRequestAllocated = (tx: Db, id: string) =>
  tx.query(`update early_help_request set status = 'allocated' where id = $1`, [id]);

export interface UserChoice {
  id: string;
  name: string;
  agencyId: string;
  agency: string;
}

/** Practitioners who may lead early help (any agency), or sit on a team around the family. */
export function practitioners(db: Db, pid: string, roles: readonly string[]) {
  return db.query<UserChoice>(
    `select u.id, u.display_name as name, a.id as "agencyId", a.name as agency from app_user u
     join agency a on a.id = u.agency_id
     where u.partnership_id = $1 and u.active and u.roles && $2::text[] order by a.name, u.display_name`,
    [pid, roles],
  );
}

/** The latest episode of need closed as a step-down to early help (RC9), for a child. */
export function stepDownClosure(db: Db, pid: string, personId: string) {
  return maybeOne<{ id: string; closureDate: string }>(
    db,
    `select id, closure_date::text as "closureDate" from episode
     where partnership_id = $1 and person_id = $2 and status = 'closed' and closure_reason = 'RC9'
     order by closure_date desc limit 1`,
    [pid, personId],
  );
}

/** Episodes of these children closed within the 12 months before `on` (a family coming back). */
export function closedWithinYear(db: Db, pid: string, personIds: string[], on: string) {
  return db.query<{ reference: string; closedOn: string }>(
    `select distinct e.reference, e.closed_on::text as "closedOn" from eh_member m join eh_episode e on e.id = m.episode_id
     where e.partnership_id = $1 and m.person_id = any($2::uuid[]) and e.status = 'closed'
       and e.closed_on > $3::date - interval '12 months' order by 2 desc`,
    [pid, personIds, on],
  );
}

export function updateEpisode(tx: Db, id: string, set: Record<string, unknown>) {
  const keys = Object.keys(set);
  return tx.query(
    `update eh_episode set ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, version = version + 1 where id = $1`,
    [id, ...keys.map((k) => set[k])],
  );
}

/** One start at a time per partnership, so that two episodes for one child cannot both pass the check. */
export const lockStarts = (tx: Db, pid: string) =>
  tx.query(`select pg_advisory_xact_lock(hashtext('early-help:' || $1::text))`, [pid]);

/** Episodes (any state) with a child allocated to the user or their team: social care's view of early help. */
export function allocatedEpisodes(db: Db, pid: string, userId: string, teamId: string | null) {
  return db.query<ListRow>(
    `${LIST} where e.partnership_id = $1 and exists (select 1 from eh_member m join allocation a
       on a.person_id = m.person_id and a.ended_at is null where m.episode_id = e.id and (a.user_id = $2 or a.team_id = $3::uuid))
     order by (e.status = 'closed'), e.started_on desc limit 100`,
    [pid, userId, teamId],
  );
}
