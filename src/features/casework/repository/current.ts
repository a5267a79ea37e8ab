/** The current records a casework change reads (inside its transaction), and the child's lock. */
import { maybeOne, type Db } from '../../../db/index.ts';
import {
  ASSESSMENT_COLS,
  CIN_COLS,
  CP_COLS,
  EPISODE_COLS,
  S47_COLS,
  type AssessmentRow,
  type CinPlanRow,
  type CpPlanRow,
  type EpisodeRow,
  type ReferralChoice,
  type Section47Row,
} from './rows.ts';

/**
 * Locks the child's row for the rest of the transaction, so that two changes to one child's
 * casework run one after the other (two people starting a plan at once: one wins, the other is told).
 */
export async function lockChild(tx: Db, partnershipId: string, personId: string): Promise<{ kind: string }> {
  const row = await maybeOne<{ kind: string }>(
    tx,
    'select kind from person where id = $1 and partnership_id = $2 for update',
    [personId, partnershipId],
  );
  if (!row) throw new Error('person vanished after the access check');
  return row;
}

export function openEpisode(tx: Db, partnershipId: string, personId: string) {
  return maybeOne<EpisodeRow>(
    tx,
    `select ${EPISODE_COLS} from episode e left join referral r on r.id = e.referral_id
     where e.person_id = $1 and e.partnership_id = $2 and e.status = 'open'`,
    [personId, partnershipId],
  );
}

export function openAssessment(tx: Db, episodeId: string) {
  return maybeOne<AssessmentRow>(
    tx,
    `select ${ASSESSMENT_COLS} from assessment where episode_id = $1 and status <> 'authorised'`,
    [episodeId],
  );
}

export function openSection47(tx: Db, episodeId: string) {
  return maybeOne<Section47Row>(
    tx,
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.status <> 'completed'`,
    [episodeId],
  );
}

/** The enquiry whose initial conference is still to be held: signed off, conference needed. */
export function section47AwaitingConference(tx: Db, episodeId: string) {
  return maybeOne<Section47Row>(
    tx,
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.conference_needed and s.status = 'completed'
       and not exists (select 1 from conference c where c.section_47_id = s.id)
     order by s.start_date desc limit 1`,
    [episodeId],
  );
}

/** The child's open plan of one kind (a child has at most one of each). */
function openPlanOf<Row>(table: 'cp_plan' | 'cin_plan', cols: string) {
  return async (tx: Db, partnershipId: string, personId: string): Promise<Row | undefined> => {
    return maybeOne<Row>(
      tx,
      `select ${cols} from ${table} where person_id = $1 and partnership_id = $2 and status = 'open'`,
      [personId, partnershipId],
    );
  };
}

export const openCpPlan = openPlanOf<CpPlanRow>('cp_plan', CP_COLS);
export const openCinPlan = openPlanOf<CinPlanRow>('cin_plan', CIN_COLS);

/** The latest date anything was recorded as happening in the episode (closure cannot precede it). */
export async function lastActivityOn(tx: Db, episodeId: string) {
  const row = await maybeOne<{ on: string | null }>(
    tx,
    `select greatest(
       (select max(greatest(start_date, completed_date, authorised_date)) from assessment where episode_id = $1),
       (select max(held_on) from strategy_discussion where episode_id = $1),
       (select max(greatest(start_date, outcome_date, signed_off_date)) from section_47 where episode_id = $1),
       (select max(held_on) from conference where episode_id = $1),
       (select max(greatest(start_date, end_date)) from cp_plan where episode_id = $1),
       (select max(greatest(start_date, end_date)) from cin_plan where episode_id = $1),
       (select max(visited_on) from visit where episode_id = $1)) as "on"`,
    [episodeId],
  );
  return row?.on ?? null;
}

/** The partnership's agencies among these ids (to refuse ids that are not agencies of ours). */
export async function knownAgencies(
  db: Db,
  partnershipId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    'select id from agency where partnership_id = $1 and id = any($2::uuid[])',
    [partnershipId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

export async function agencyChoices(db: Db, partnershipId: string): Promise<{ id: string; name: string }[]> {
  return db.query('select id, name from agency where partnership_id = $1 and active order by name', [
    partnershipId,
  ]);
}

/** The child's referrals from the front door that no episode has started from yet. */
export function referralsToStart(db: Db, partnershipId: string, personId: string) {
  return db.query<ReferralChoice>(
    `select r.id, r.referral_date as "referralDate", r.decision from referral r
     where r.person_id = $1 and r.partnership_id = $2 and r.status <> 'closed'
       and not exists (select 1 from episode e where e.referral_id = r.id)
     order by r.referral_date desc, r.created_at desc`,
    [personId, partnershipId],
  );
}

/** One of the child's referrals, and whether an episode has started from it. */
export function referralOf(tx: Db, partnershipId: string, personId: string, referralId: string) {
  return maybeOne<{ referralDate: string; started: boolean }>(
    tx,
    `select r.referral_date as "referralDate", exists (select 1 from episode e where e.referral_id = r.id) as started
     from referral r where r.id = $1 and r.person_id = $2 and r.partnership_id = $3`,
    [referralId, personId, partnershipId],
  );
}

/** The child's latest episode's dates (a new one may not start before the last one closed). */
export function lastEpisode(tx: Db, partnershipId: string, personId: string) {
  return maybeOne<{ closureDate: string | null; referralDate: string }>(
    tx,
    `select closure_date as "closureDate", referral_date as "referralDate" from episode
     where person_id = $1 and partnership_id = $2 order by greatest(closure_date, referral_date) desc limit 1`,
    [personId, partnershipId],
  );
}

export async function hasAuthorisedAssessment(tx: Db, episodeId: string): Promise<boolean> {
  const rows = await tx.query(`select 1 from assessment where episode_id = $1 and status = 'authorised'`, [
    episodeId,
  ]);
  return rows.length > 0;
}

/** The episode's first assessment (its clock runs from the referral). */
export async function firstAssessmentId(tx: Db, episodeId: string) {
  const first = await maybeOne<{ id: string }>(
    tx,
    'select id from assessment where episode_id = $1 order by start_date, created_at limit 1',
    [episodeId],
  );
  return first?.id;
}

/** The latest strategy discussion of the episode, when it decided on an enquiry not yet started. */
export async function strategyAwaitingEnquiry(
  tx: Db,
  episodeId: string,
): Promise<{ id: string; heldOn: string } | undefined> {
  const sd = await maybeOne<{ id: string; heldOn: string; decision: string; started: boolean }>(
    tx,
    `select sd.id, sd.held_on as "heldOn", sd.decision,
       exists (select 1 from section_47 s where s.strategy_discussion_id = sd.id) as started
     from strategy_discussion sd where sd.episode_id = $1 order by sd.held_on desc, sd.created_at desc limit 1`,
    [episodeId],
  );
  return sd && sd.decision === 'section_47' && !sd.started ? { id: sd.id, heldOn: sd.heldOn } : undefined;
}

/** An initial conference of the child that decided on a plan, and whether a plan started from it. */
export function planningConference(tx: Db, partnershipId: string, personId: string, conferenceId: string) {
  return maybeOne<{ episodeId: string; heldOn: string; category: string; planned: boolean }>(
    tx,
    `select c.episode_id as "episodeId", c.held_on as "heldOn", c.category,
       exists (select 1 from cp_plan pl where pl.initial_conference_id = c.id) as planned
     from conference c where c.id = $1 and c.person_id = $2 and c.partnership_id = $3
       and c.kind = 'initial' and c.decision = 'plan'`,
    [conferenceId, personId, partnershipId],
  );
}

/** The plan's latest review conference. */
export function lastReviewConference(tx: Db, planId: string) {
  return maybeOne<{ heldOn: string; decision: string }>(
    tx,
    `select held_on as "heldOn", decision from conference where cp_plan_id = $1 and kind = 'review'
     order by held_on desc, created_at desc limit 1`,
    [planId],
  );
}

/** The latest date of a column over the rows of a table that belong to one parent, or null. */
async function latestOf(tx: Db, table: string, column: string, parent: string, id: string) {
  const row = await maybeOne<{ latest: string | null }>(
    tx,
    `select max(${column}) as latest from ${table} where ${parent} = $1`,
    [id],
  );
  return row?.latest ?? null;
}

/** The date the episode's last child protection plan ended, if one did. */
export const lastCpPlanEnd = (tx: Db, episodeId: string) =>
  latestOf(tx, 'cp_plan', 'end_date', 'episode_id', episodeId);

/** The date of the child in need plan's latest review. */
export const lastCinReviewOn = (tx: Db, planId: string) =>
  latestOf(tx, 'cin_plan_review', 'held_on', 'cin_plan_id', planId);
