/** The current records a casework change reads (inside its transaction), and the child's lock. */
import type { Db } from '../../../db/index.ts';
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
  const [row] = await tx.query<{ kind: string }>(
    'select kind from person where id = $1 and partnership_id = $2 for update',
    [personId, partnershipId],
  );
  if (!row) throw new Error('person vanished after the access check');
  return row;
}

export async function openEpisode(
  tx: Db,
  partnershipId: string,
  personId: string,
): Promise<EpisodeRow | undefined> {
  const [row] = await tx.query<EpisodeRow>(
    `select ${EPISODE_COLS} from episode e left join referral r on r.id = e.referral_id
     where e.person_id = $1 and e.partnership_id = $2 and e.status = 'open'`,
    [personId, partnershipId],
  );
  return row;
}

export async function openAssessment(tx: Db, episodeId: string): Promise<AssessmentRow | undefined> {
  const [row] = await tx.query<AssessmentRow>(
    `select ${ASSESSMENT_COLS} from assessment where episode_id = $1 and status <> 'authorised'`,
    [episodeId],
  );
  return row;
}

export async function openSection47(tx: Db, episodeId: string): Promise<Section47Row | undefined> {
  const [row] = await tx.query<Section47Row>(
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.status <> 'completed'`,
    [episodeId],
  );
  return row;
}

/** The enquiry whose initial conference is still to be held: signed off, conference needed. */
export async function section47AwaitingConference(
  tx: Db,
  episodeId: string,
): Promise<Section47Row | undefined> {
  const [row] = await tx.query<Section47Row>(
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.conference_needed and s.status = 'completed'
       and not exists (select 1 from conference c where c.section_47_id = s.id)
     order by s.start_date desc limit 1`,
    [episodeId],
  );
  return row;
}

/** The child's open plan of one kind (a child has at most one of each). */
function openPlanOf<Row>(table: 'cp_plan' | 'cin_plan', cols: string) {
  return async (tx: Db, partnershipId: string, personId: string): Promise<Row | undefined> => {
    const [row] = await tx.query<Row>(
      `select ${cols} from ${table} where person_id = $1 and partnership_id = $2 and status = 'open'`,
      [personId, partnershipId],
    );
    return row;
  };
}

export const openCpPlan = openPlanOf<CpPlanRow>('cp_plan', CP_COLS);
export const openCinPlan = openPlanOf<CinPlanRow>('cin_plan', CIN_COLS);

/** The latest date anything was recorded as happening in the episode (closure cannot precede it). */
export async function lastActivityOn(tx: Db, episodeId: string): Promise<string | null> {
  const [row] = await tx.query<{ on: string | null }>(
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
export async function referralsToStart(
  db: Db,
  partnershipId: string,
  personId: string,
): Promise<ReferralChoice[]> {
  return db.query<ReferralChoice>(
    `select r.id, r.referral_date as "referralDate", r.decision from referral r
     where r.person_id = $1 and r.partnership_id = $2 and r.status <> 'closed'
       and not exists (select 1 from episode e where e.referral_id = r.id)
     order by r.referral_date desc, r.created_at desc`,
    [personId, partnershipId],
  );
}

/** One of the child's referrals, and whether an episode has started from it. */
export async function referralOf(
  tx: Db,
  partnershipId: string,
  personId: string,
  referralId: string,
): Promise<{ referralDate: string; started: boolean } | undefined> {
  const [r] = await tx.query<{ referralDate: string; started: boolean }>(
    `select r.referral_date as "referralDate", exists (select 1 from episode e where e.referral_id = r.id) as started
     from referral r where r.id = $1 and r.person_id = $2 and r.partnership_id = $3`,
    [referralId, personId, partnershipId],
  );
  return r;
}

/** The child's latest episode's dates (a new one may not start before the last one closed). */
export async function lastEpisode(
  tx: Db,
  partnershipId: string,
  personId: string,
): Promise<{ closureDate: string | null; referralDate: string } | undefined> {
  const [last] = await tx.query<{ closureDate: string | null; referralDate: string }>(
    `select closure_date as "closureDate", referral_date as "referralDate" from episode
     where person_id = $1 and partnership_id = $2 order by greatest(closure_date, referral_date) desc limit 1`,
    [personId, partnershipId],
  );
  return last;
}

export async function hasAuthorisedAssessment(tx: Db, episodeId: string): Promise<boolean> {
  const rows = await tx.query(`select 1 from assessment where episode_id = $1 and status = 'authorised'`, [
    episodeId,
  ]);
  return rows.length > 0;
}

/** The episode's first assessment (its clock runs from the referral). */
export async function firstAssessmentId(tx: Db, episodeId: string): Promise<string | undefined> {
  const [first] = await tx.query<{ id: string }>(
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
  const [sd] = await tx.query<{ id: string; heldOn: string; decision: string; started: boolean }>(
    `select sd.id, sd.held_on as "heldOn", sd.decision,
       exists (select 1 from section_47 s where s.strategy_discussion_id = sd.id) as started
     from strategy_discussion sd where sd.episode_id = $1 order by sd.held_on desc, sd.created_at desc limit 1`,
    [episodeId],
  );
  return sd && sd.decision === 'section_47' && !sd.started ? { id: sd.id, heldOn: sd.heldOn } : undefined;
}

/** An initial conference of the child that decided on a plan, and whether a plan started from it. */
export async function planningConference(
  tx: Db,
  partnershipId: string,
  personId: string,
  conferenceId: string,
): Promise<{ episodeId: string; heldOn: string; category: string; planned: boolean } | undefined> {
  const [c] = await tx.query<{ episodeId: string; heldOn: string; category: string; planned: boolean }>(
    `select c.episode_id as "episodeId", c.held_on as "heldOn", c.category,
       exists (select 1 from cp_plan pl where pl.initial_conference_id = c.id) as planned
     from conference c where c.id = $1 and c.person_id = $2 and c.partnership_id = $3
       and c.kind = 'initial' and c.decision = 'plan'`,
    [conferenceId, personId, partnershipId],
  );
  return c;
}

/** The plan's latest review conference. */
export async function lastReviewConference(
  tx: Db,
  planId: string,
): Promise<{ heldOn: string; decision: string } | undefined> {
  const [last] = await tx.query<{ heldOn: string; decision: string }>(
    `select held_on as "heldOn", decision from conference where cp_plan_id = $1 and kind = 'review'
     order by held_on desc, created_at desc limit 1`,
    [planId],
  );
  return last;
}

/** The date the episode's last child protection plan ended, if one did. */
export async function lastCpPlanEnd(tx: Db, episodeId: string): Promise<string | null> {
  const [row] = await tx.query<{ endDate: string | null }>(
    `select max(end_date) as "endDate" from cp_plan where episode_id = $1`,
    [episodeId],
  );
  return row?.endDate ?? null;
}

/** The date of the child in need plan's latest review. */
export async function lastCinReviewOn(tx: Db, planId: string): Promise<string | null> {
  const [row] = await tx.query<{ heldOn: string | null }>(
    `select max(held_on) as "heldOn" from cin_plan_review where cin_plan_id = $1`,
    [planId],
  );
  return row?.heldOn ?? null;
}
