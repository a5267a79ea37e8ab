/**
 * The child's voice: what the child said or showed, in their own words, how it was gathered, by
 * whom and when. Assessments, conferences, plan reviews and visits require it, or its absence
 * explained. The form fields are shared: voiceWords, voiceMethods, voiceBy, voiceOn, voiceAbsent.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { VOICE_METHODS, type VoiceContext } from './codes.ts';
import { TEXT_MAX, type Body, type Problems } from './forms.ts';

export interface VoiceHeard {
  words: string;
  methods: string[];
  gatheredBy: string;
  gatheredOn: string;
}

/** Either what the child told us, or why it is not recorded. */
export type VoiceInput =
  { heard: VoiceHeard; absentReason?: undefined } | { heard?: undefined; absentReason: string };

/**
 * Reads the voice fields. Words need how, by whom and when; without words, the reason is required
 * (or taken from `fallbackAbsent`, for a child not seen on a visit).
 */
export function parseVoice(
  p: Problems,
  body: Body,
  opts: { today?: string; fallbackAbsent?: string; notBefore?: { date: string; what: string } } = {},
): VoiceInput | undefined {
  const words = p.text(body, 'voiceWords', 'What the child said or showed', { max: TEXT_MAX });
  const absent = p.text(body, 'voiceAbsent', 'Why the child’s voice is not recorded', { max: TEXT_MAX });
  if (p.has('voiceWords') || p.has('voiceAbsent')) return undefined;
  if (!words) {
    const reason = absent ?? opts.fallbackAbsent;
    if (!reason) {
      p.add(
        'voiceWords',
        'Record what the child said or showed, in their own words, or explain why the child’s voice is not recorded',
      );
      return undefined;
    }
    return { absentReason: reason };
  }
  const methods = p.codes(body, 'voiceMethods', VOICE_METHODS, 'How it was gathered');
  if (!p.has('voiceMethods') && methods.length === 0)
    p.add('voiceMethods', 'Select how the child’s voice was gathered');
  const gatheredBy = p.text(body, 'voiceBy', 'Who heard it', { required: 'Enter who heard the child' });
  const gatheredOn = p.date(body, 'voiceOn', 'The date the child said or showed it', { today: opts.today });
  if (gatheredOn && opts.notBefore && gatheredOn < opts.notBefore.date) {
    p.add('voiceOn-day', `The date the child said or showed it must be on or after ${opts.notBefore.what}`);
  }
  if (!gatheredBy || !gatheredOn || methods.length === 0) return undefined;
  return { heard: { words, methods, gatheredBy, gatheredOn } };
}

/** Stores the child's words (when heard), audited with the transaction's handle. */
export async function insertVoice(
  tx: Db,
  actor: Actor,
  where: { personId: string; episodeId: string | null; context: VoiceContext; contextId: string | null },
  voice: VoiceInput,
): Promise<string | undefined> {
  if (!voice.heard) return undefined;
  const v = voice.heard;
  const [row] = await tx.query<{ id: string }>(
    `insert into child_voice (partnership_id, person_id, episode_id, gathered_on, words, methods, gathered_by,
       gathered_by_user, context, context_id, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$8) returning id`,
    [
      actor.partnershipId,
      where.personId,
      where.episodeId,
      v.gatheredOn,
      v.words,
      v.methods,
      v.gatheredBy,
      actor.userId,
      where.context,
      where.contextId,
    ],
  );
  await audit(tx, actor, {
    action: 'casework.voice_record',
    entityType: 'child_voice',
    entityId: row!.id,
    personId: where.personId,
    detail: { context: where.context },
  });
  return row!.id;
}

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

/** Everything the child has told us, oldest first, and where it was not heard, with why. */
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
