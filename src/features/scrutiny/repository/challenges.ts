/** The SQL of challenges, their rounds and the partners' answers. */
import { maybeOne, one, type Db } from '../../../db/index.ts';

export interface ChallengeRow {
  id: string;
  ref: number;
  title: string;
  question: string;
  evidence: string;
  raisedBy: 'scrutineer' | 'young_peoples_panel';
  raisedByName: string;
  raisedOn: string;
  status: 'open' | 'accepted' | 'escalated';
  closedOn: string | null;
  /** The current (latest) round. */
  round: number;
  roundId: string;
  dueOn: string;
  agencies: { id: string; name: string }[];
  /** Agencies that have answered the current round. */
  answeredIds: string[];
}

const CHALLENGE_COLUMNS = `c.id, c.ref, c.title, c.question, c.evidence, c.raised_by as "raisedBy",
  u.display_name as "raisedByName", c.raised_on as "raisedOn", c.status, c.closed_on as "closedOn",
  r.number as round, r.id as "roundId", r.due_on as "dueOn",
  (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) order by a.name), '[]')
     from challenge_agency ca join agency a on a.id = ca.agency_id where ca.challenge_id = c.id) as agencies,
  (select coalesce(array_agg(x.agency_id), '{}') from challenge_response x where x.round_id = r.id)
     as "answeredIds"`;

const CHALLENGE_FROM = `challenge c join app_user u on u.id = c.raised_by_user
  join lateral (select * from challenge_round r where r.challenge_id = c.id order by number desc limit 1) r on true`;

/** Every challenge of the partnership, open first, newest first. */
export function listChallenges(db: Db, partnershipId: string): Promise<ChallengeRow[]> {
  return db.query<ChallengeRow>(
    `select ${CHALLENGE_COLUMNS} from ${CHALLENGE_FROM} where c.partnership_id = $1
     order by (c.status = 'open') desc, c.raised_on desc, c.ref desc`,
    [partnershipId],
  );
}

export function findChallenge(
  db: Db,
  partnershipId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ChallengeRow | undefined> {
  return maybeOne<ChallengeRow>(
    db,
    `select ${CHALLENGE_COLUMNS} from ${CHALLENGE_FROM} where c.partnership_id = $1 and c.id = $2
     ${opts.lock ? 'for update of c' : ''}`,
    [partnershipId, id],
  );
}

export interface RoundRow {
  id: string;
  number: number;
  question: string;
  dueOn: string;
  openedOn: string;
  judgement: 'accepted' | 'further' | 'escalated' | null;
  judgementNote: string | null;
  judgedOn: string | null;
  judgedBy: string | null;
  responses: ResponseRow[];
}

export interface ResponseRow {
  id: string;
  agencyId: string;
  agency: string;
  answer: string;
  evidence: string;
  respondedBy: string;
  respondedAt: string;
}

/** The rounds of one challenge, first to last, each with its answers as submitted. */
export function roundsOf(
  db: Db,
  partnershipId: string,
  challengeIds: string[],
): Promise<(RoundRow & { challengeId: string })[]> {
  return db.query(
    `select r.challenge_id as "challengeId", r.id, r.number, r.question, r.due_on as "dueOn",
       r.opened_on as "openedOn", r.judgement, r.judgement_note as "judgementNote", r.judged_on as "judgedOn",
       j.display_name as "judgedBy",
       (select coalesce(json_agg(json_build_object('id', x.id, 'agencyId', x.agency_id, 'agency', a.name,
           'answer', x.answer, 'evidence', x.evidence, 'respondedBy', u.display_name,
           'respondedAt', x.responded_at) order by a.name), '[]')
        from challenge_response x join agency a on a.id = x.agency_id join app_user u on u.id = x.responded_by
        where x.round_id = r.id) as responses
     from challenge_round r left join app_user j on j.id = r.judged_by
     where r.partnership_id = $1 and r.challenge_id = any($2::uuid[]) order by r.challenge_id, r.number`,
    [partnershipId, challengeIds],
  );
}

/** Agencies of the partnership among the ids given (the rest are not the partnership's). */
export function agenciesAmong(db: Db, partnershipId: string, ids: string[]): Promise<{ id: string }[]> {
  return db.query(`select id from agency where partnership_id = $1 and id = any($2::uuid[]) and active`, [
    partnershipId,
    ids,
  ]);
}

/** The partner agencies that may be challenged, statutory partners first. */
export function challengeableAgencies(
  db: Db,
  partnershipId: string,
): Promise<{ id: string; name: string; statutory: boolean }[]> {
  return db.query(
    `select id, name, statutory_partner as statutory from agency where partnership_id = $1 and active
     order by statutory_partner desc, name`,
    [partnershipId],
  );
}

export interface NewChallenge {
  partnershipId: string;
  title: string;
  question: string;
  evidence: string;
  raisedBy: 'scrutineer' | 'young_peoples_panel';
  raisedByUser: string;
  raisedOn: string;
  dueOn: string;
  agencyIds: string[];
}

export async function insertChallenge(tx: Db, c: NewChallenge): Promise<{ id: string; ref: number }> {
  await tx.query(`select pg_advisory_xact_lock(7262075, hashtext($1))`, [c.partnershipId]);
  const row = await one<{ id: string; ref: number }>(
    tx,
    `insert into challenge (partnership_id, ref, title, question, evidence, raised_by, raised_by_user, raised_on)
     values ($1, (select coalesce(max(ref), 0) + 1 from challenge where partnership_id = $1), $2,$3,$4,$5,$6,$7)
     returning id, ref`,
    [c.partnershipId, c.title, c.question, c.evidence, c.raisedBy, c.raisedByUser, c.raisedOn],
  );
  await tx.query(
    `insert into challenge_agency (challenge_id, agency_id, partnership_id)
     select $1, unnest($2::uuid[]), $3`,
    [row.id, c.agencyIds, c.partnershipId],
  );
  await insertRound(tx, c.partnershipId, row.id, 1, c.question, c.dueOn, c.raisedOn);
  return row;
}

export async function insertRound(
  tx: Db,
  partnershipId: string,
  challengeId: string,
  number: number,
  question: string,
  dueOn: string,
  openedOn: string,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into challenge_round (partnership_id, challenge_id, number, question, due_on, opened_on)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [partnershipId, challengeId, number, question, dueOn, openedOn],
  );
  return row.id;
}

export async function insertResponse(
  tx: Db,
  r: {
    partnershipId: string;
    challengeId: string;
    roundId: string;
    agencyId: string;
    answer: string;
    evidence: string;
    respondedBy: string;
  },
): Promise<{ id: string; respondedAt: Date }> {
  return one(
    tx,
    `insert into challenge_response (partnership_id, challenge_id, round_id, agency_id, answer, evidence, responded_by)
     values ($1,$2,$3,$4,$5,$6,$7) returning id, responded_at as "respondedAt"`,
    [r.partnershipId, r.challengeId, r.roundId, r.agencyId, r.answer, r.evidence, r.respondedBy],
  );
}

export async function judgeRound(
  tx: Db,
  roundId: string,
  j: { judgement: string; note: string | null; on: string; by: string },
): Promise<void> {
  await tx.query(
    `update challenge_round set judgement = $2, judgement_note = $3, judged_on = $4, judged_by = $5
     where id = $1 and judgement is null`,
    [roundId, j.judgement, j.note, j.on, j.by],
  );
}

export async function closeChallenge(tx: Db, id: string, status: 'accepted' | 'escalated', on: string) {
  await tx.query(`update challenge set status = $2, closed_on = $3 where id = $1 and status = 'open'`, [
    id,
    status,
    on,
  ]);
}
