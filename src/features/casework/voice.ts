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
import { insertVoice as insertVoiceRow } from './repository/writes.ts';

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
  const id = await insertVoiceRow(tx, actor, { ...where, ...voice.heard });
  await audit(tx, actor, {
    action: 'casework.voice_record',
    entityType: 'child_voice',
    entityId: id,
    personId: where.personId,
    detail: { context: where.context },
  });
  return id;
}
