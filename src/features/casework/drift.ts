/** Drift: casework that has gone on too long, as facts without names (caseloads decides who sees them). */
import type { Db } from '../../db/index.ts';
import { addMonths } from '../../platform/calendar.ts';
import { formatDate, londonToday } from '../../platform/dates.ts';
import { openCpPlansAfterPrevious, openEpisodesLastReviewed } from './repository/clocks.ts';
import { caseworkSettings } from './settings.ts';
import { openWorkItems } from './work-items.ts';

export type DriftKind =
  'episode_without_review' | 'assessment_over_45_days' | 'plan_over_18_months' | 'repeat_plan';

export interface DriftFact {
  kind: DriftKind;
  personId: string;
  episodeId: string;
  /** 'YYYY-MM-DD' the drift is measured from (last review, due date, plan start). */
  since: string;
  label: string;
  href: string;
}

/**
 * The drift facts of the partnership (no access check: the caller decides who sees which child):
 * open episodes with no review (authorised assessment, conference or plan review) for the
 * configured months; assessments past their 45 working days; child protection plans open 18 months
 * or more; open plans that started within two years of the end of a previous plan.
 */
export async function driftFacts(db: Db, partnershipId: string, today = londonToday()): Promise<DriftFact[]> {
  const settings = await caseworkSettings(db, partnershipId);
  const out: DriftFact[] = [];
  const href = (personId: string) => `/people/${personId}/casework`;
  for (const e of await openEpisodesLastReviewed(db, partnershipId)) {
    const since = e.lastReview ?? e.referralDate;
    if (addMonths(since, settings.driftReviewMonths) < today) {
      out.push({
        kind: 'episode_without_review',
        personId: e.personId,
        episodeId: e.id,
        since,
        label: e.lastReview
          ? `No review since ${formatDate(since)}`
          : `Open since ${formatDate(since)} with no review`,
        href: href(e.personId),
      });
    }
  }
  for (const w of await openWorkItems(db, partnershipId)) {
    if (w.type === 'assessment' && w.dueDate < today) {
      out.push({
        kind: 'assessment_over_45_days',
        personId: w.personId,
        episodeId: w.episodeId,
        since: w.dueDate,
        label: `Assessment over 45 working days (due ${formatDate(w.dueDate)})`,
        // The child's casework, as for every drift fact: the report's readers (a scrutineer too)
        // may read it, while the assessment's next step is only for those who record casework.
        href: href(w.personId),
      });
    }
  }
  for (const pl of await openCpPlansAfterPrevious(db, partnershipId)) {
    if (addMonths(pl.startDate, 18) <= today) {
      out.push({
        kind: 'plan_over_18_months',
        personId: pl.personId,
        episodeId: pl.episodeId,
        since: pl.startDate,
        label: `Child protection plan open since ${formatDate(pl.startDate)}`,
        href: href(pl.personId),
      });
    }
    if (pl.previousEnd && addMonths(pl.previousEnd, 24) >= pl.startDate) {
      out.push({
        kind: 'repeat_plan',
        personId: pl.personId,
        episodeId: pl.episodeId,
        since: pl.startDate,
        label: `Repeat child protection plan: the last one ended on ${formatDate(pl.previousEnd)}`,
        href: href(pl.personId),
      });
    }
  }
  return out;
}
