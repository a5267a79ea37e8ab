/**
 * Hand-made records for the dataset's tests: each inserts one row with only what a measure reads,
 * straight in SQL (no service, no audit), so a test can place it on an exact day.
 */
import type { Db } from '../../db/index.ts';

export class Records {
  constructor(
    private db: Db,
    private pid: string,
    private by: string,
  ) {}

  private async id(sql: string, params: unknown[]): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(sql, params);
    return row!.id;
  }

  child(family = 'Test'): Promise<string> {
    return this.id(
      `insert into person (partnership_id, kind, family_name, date_of_birth) values ($1,'child',$2,'2015-06-01') returning id`,
      [this.pid, family],
    );
  }

  /** A contact received at an instant (an ISO timestamp with its offset), decided at another. */
  contact(receivedAt: string, decidedAt: string | null, agencyId: string | null = null): Promise<string> {
    return this.id(
      `insert into contact (partnership_id, status, received_at, decision, decided_at, source_agency_id)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        this.pid,
        decidedAt ? 'decided' : 'open',
        receivedAt,
        decidedAt ? 'section_17' : null,
        decidedAt,
        agencyId,
      ],
    );
  }

  async referral(personId: string, date: string, teamId: string | null = null): Promise<string> {
    const contact = await this.contact(`${date}T09:00:00Z`, `${date}T10:00:00Z`);
    return this.id(
      `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at, team_id)
       values ($1,$2,$3,'section_17',$4,$5,$6) returning id`,
      [this.pid, contact, personId, date, `${date}T09:00:00Z`, teamId],
    );
  }

  episode(personId: string, referralDate: string, referralId: string | null = null, closed?: string) {
    return this.id(
      `insert into episode (partnership_id, person_id, referral_id, referral_date, referral_source, primary_need,
         status, closure_date, closure_reason)
       values ($1,$2,$3,$4,'1A','N1',$5,$6,$7) returning id`,
      [
        this.pid,
        personId,
        referralId,
        referralDate,
        closed ? 'closed' : 'open',
        closed ?? null,
        closed ? 'RC8' : null,
      ],
    );
  }

  assessment(episodeId: string, personId: string, start: string, completed: string | null) {
    return this.id(
      `insert into assessment (partnership_id, episode_id, person_id, start_date, completed_date)
       values ($1,$2,$3,$4,$5) returning id`,
      [this.pid, episodeId, personId, start, completed],
    );
  }

  /** A strategy discussion on `held`, its section 47 and an initial conference on `icpc` deciding a plan. */
  async childProtection(episodeId: string, personId: string, held: string, icpc: string, category = 'NEG') {
    const sd = await this.id(
      `insert into strategy_discussion (partnership_id, episode_id, person_id, held_on, agency_ids, participants,
         decision, rationale) values ($1,$2,$3,$4,'{}','Test','section_47','Test') returning id`,
      [this.pid, episodeId, personId, held],
    );
    const s47 = await this.id(
      `insert into section_47 (partnership_id, episode_id, person_id, strategy_discussion_id, start_date)
       values ($1,$2,$3,$4,$5) returning id`,
      [this.pid, episodeId, personId, sd, held],
    );
    const conf = await this.id(
      `insert into conference (partnership_id, episode_id, person_id, kind, section_47_id, held_on, chair,
         agencies_attended, decision, category) values ($1,$2,$3,'initial',$4,$5,'Chair','{}','plan',$6) returning id`,
      [this.pid, episodeId, personId, s47, icpc, category],
    );
    return { conference: conf, section47: s47 };
  }

  cpPlan(
    episodeId: string,
    personId: string,
    conferenceId: string,
    start: string,
    category = 'NEG',
    end?: string,
  ) {
    return this.id(
      `insert into cp_plan (partnership_id, episode_id, person_id, initial_conference_id, start_date,
         initial_category, latest_category, status, end_date, end_reason)
       values ($1,$2,$3,$4,$5,$6,$6,$7,$8,$9) returning id`,
      [
        this.pid,
        episodeId,
        personId,
        conferenceId,
        start,
        category,
        end ? 'ended' : 'open',
        end ?? null,
        end ? 'Test' : null,
      ],
    );
  }

  visit(episodeId: string, personId: string, planId: string | null, on: string, seen = true) {
    return this.id(
      `insert into visit (partnership_id, episode_id, person_id, cp_plan_id, visited_on, seen, seen_alone,
         bedroom_seen, not_seen_reason) values ($1,$2,$3,$4,$5,$6,false,false,$7) returning id`,
      [this.pid, episodeId, personId, planId, on, seen, seen ? null : 'Not in'],
    );
  }

  voice(personId: string, context: string, contextId: string, on: string) {
    return this.id(
      `insert into child_voice (partnership_id, person_id, gathered_on, words, methods, gathered_by, context, context_id)
       values ($1,$2,$3,'Words','{seen_alone}','Worker',$4,$5) returning id`,
      [this.pid, personId, on, context, contextId],
    );
  }

  async allocation(personId: string, userId: string, from: string, to: string | null = null) {
    await this.db.query(
      `insert into allocation (partnership_id, person_id, user_id, started_at, ended_at) values ($1,$2,$3,$4,$5)`,
      [this.pid, personId, userId, `${from}T12:00:00Z`, to ? `${to}T12:00:00Z` : null],
    );
  }

  get createdBy() {
    return this.by;
  }
}
