/**
 * The child's voice: what the child said or showed, in their own words, how it was gathered, by
 * whom and when. Assessments, conferences, plan reviews and visits require it, or its absence
 * explained (the schemas' `voice` group and `voiceAbsentReason`).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import type { Problems } from '../../platform/validation.ts';
import type { VoiceContext } from './codes.ts';
import { insertVoice as insertVoiceRow } from './repository/writes.ts';
import type { VoiceFields } from './schemas.ts';

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
 * The voice of a step: its words (which need how they were gathered; by whom and when default to
 * the recorder and the step's day), or why it is not recorded (or `fallbackAbsent`, for a child not
 * seen on a visit). Without words the rest of the group is not used (a page fills in who heard it).
 */
export function readVoice(
  p: Problems,
  input: { voice?: VoiceFields; voiceAbsentReason?: string },
  opts: { by: string; on: string; fallbackAbsent?: string },
): VoiceInput | undefined {
  const v = input.voice;
  if (!v?.words) {
    const reason = input.voiceAbsentReason ?? opts.fallbackAbsent;
    if (reason) return { absentReason: reason };
    p.add(
      v ? 'voice-words' : 'voice',
      'Record what the child said or showed, in their own words, or explain why the child’s voice is not recorded',
    );
    return undefined;
  }
  if (input.voiceAbsentReason) {
    p.add(
      'voiceAbsentReason',
      'Record either what the child said or showed, or why it is not recorded: not both',
    );
  }
  if (v.methods.length === 0) p.add('voice-methods', 'Select how the child’s voice was gathered');
  return {
    heard: {
      words: v.words,
      methods: v.methods,
      gatheredBy: v.gatheredBy ?? opts.by,
      gatheredOn: v.gatheredOn ?? opts.on,
    },
  };
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
