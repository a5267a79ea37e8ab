/** The child's voice as the pages read it: the words, and where the voice was not heard. */
import type { Db } from '../../../db/index.ts';
import type { VoiceContext } from '../codes.ts';

export interface VoiceEntry {
  id: string;
  gatheredOn: string;
  words: string;
  methods: string[];
  gatheredBy: string;
  context: VoiceContext;
  createdAt: Date;
}

export interface VoiceAbsence {
  context: VoiceContext;
  on: string;
  reason: string;
}

/** The child's latest words (oldest of them first) and how many records there are in all. */
export async function latestVoice(
  db: Db,
  partnershipId: string,
  personId: string,
  n: number,
): Promise<{ entries: VoiceEntry[]; total: number }> {
  const rows = await db.query<VoiceEntry & { total: number }>(
    `select id, gathered_on as "gatheredOn", words, methods, gathered_by as "gatheredBy", context,
       created_at as "createdAt", count(*) over ()::int as total
     from child_voice where person_id = $1 and partnership_id = $2
     order by gathered_on desc, created_at desc limit $3`,
    [personId, partnershipId, n],
  );
  return { entries: rows.reverse().map(({ total: _, ...e }) => e), total: rows[0]?.total ?? 0 };
}

/** Everything the child has told us, oldest first, and where it was not heard, with why. */
export async function loadVoice(
  db: Db,
  partnershipId: string,
  personId: string,
): Promise<{ entries: VoiceEntry[]; absences: VoiceAbsence[] }> {
  const entries = await db.query<VoiceEntry>(
    `select id, gathered_on as "gatheredOn", words, methods, gathered_by as "gatheredBy", context,
       created_at as "createdAt"
     from child_voice where person_id = $1 and partnership_id = $2 order by gathered_on, created_at`,
    [personId, partnershipId],
  );
  const absences = await db.query<VoiceAbsence>(
    `select 'assessment' as context, coalesce(completed_date, start_date) as "on", voice_absent_reason as reason
       from assessment where person_id = $1 and partnership_id = $2 and voice_absent_reason is not null
     union all
     select 'conference', held_on, voice_absent_reason from conference
       where person_id = $1 and partnership_id = $2 and voice_absent_reason is not null
     union all
     select 'cin_plan_review', held_on, voice_absent_reason from cin_plan_review
       where person_id = $1 and partnership_id = $2 and voice_absent_reason is not null
     union all
     select 'visit', visited_on, voice_absent_reason from visit
       where person_id = $1 and partnership_id = $2 and voice_absent_reason is not null
     order by 2`,
    [personId, partnershipId],
  );
  return { entries, absences };
}

/** What the child said in one step (an assessment), for the manager who authorises it. */
export async function voiceOf(
  db: Db,
  partnershipId: string,
  contextId: string,
): Promise<{ gatheredOn: string; words: string; methods: string[]; gatheredBy: string }[]> {
  return db.query(
    `select gathered_on as "gatheredOn", words, methods, gathered_by as "gatheredBy" from child_voice
     where context_id = $1 and partnership_id = $2 order by gathered_on`,
    [contextId, partnershipId],
  );
}
