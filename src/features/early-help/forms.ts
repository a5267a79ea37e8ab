/** The early help forms' fields in the schemas' shape: scores by area, each child's voice. */
import type { Body } from '../../platform/http/forms.ts';

/** `scores-<area>` inputs as the schema's `scores` record. */
export function scoresFrom(body: Body): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k.startsWith('scores-'))
      .map(([k, v]) => [k.slice('scores-'.length), v]),
  );
}

/** `voice-<personId>`, `voiceMethod-<personId>`, `voiceAbsent-<personId>` as the schema's `voices`. */
export function voicesFrom(body: Body) {
  const ids = Object.keys(body)
    .filter((k) => k.startsWith('voice-'))
    .map((k) => k.slice('voice-'.length));
  return ids.map((personId) => ({
    personId,
    words: body[`voice-${personId}`],
    method: body[`voiceMethod-${personId}`],
    absentReason: body[`voiceAbsent-${personId}`],
  }));
}

export const assessmentForm = (body: Body): Body => ({
  ...body,
  scores: scoresFrom(body),
  voices: voicesFrom(body),
});
export const reviewForm = (body: Body): Body => ({ ...body, scores: scoresFrom(body) });

/** Select items for a list of users, with a first empty choice and the chosen one kept. */
export function choices(users: { id: string; name: string; agency: string }[], chosen: unknown) {
  return [
    { value: '', text: 'Choose a practitioner' },
    ...users.map((u) => ({ value: u.id, text: `${u.name} (${u.agency})`, selected: u.id === chosen })),
  ];
}
