/**
 * Drift: work that has gone on too long. Casework decides what has drifted (driftFacts); this
 * names the kinds, in the order the report shows them.
 */
import type { DriftKind } from './casework-source.ts';

export const DRIFT_KINDS: readonly DriftKind[] = [
  'episode_without_review',
  'assessment_over_45_days',
  'plan_over_18_months',
  'repeat_plan',
];

export const DRIFT_LABELS: Record<DriftKind, string> = {
  episode_without_review: 'Episodes open for months without a review',
  assessment_over_45_days: 'Single assessments over 45 working days',
  plan_over_18_months: 'Child protection plans open 18 months or more',
  repeat_plan: 'Repeat child protection plans within two years',
};
