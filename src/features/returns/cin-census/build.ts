/**
 * The CIN census for a year built from the casework records (repository.ts reads them): a child's
 * identifiers from the person index, each episode of need with its assessments, child in need plans,
 * section 47 enquiries (the initial conference's date, and its target of 15 working days from the
 * strategy discussion), and child protection plans with their review conferences.
 */
import { addWorkingDays } from '../../../platform/calendar.ts';
import type { CinCensus, CinChild, CinEpisode } from './model.ts';
import type { CensusRows } from './repository.ts';

const SEX: Record<string, string> = { male: 'M', female: 'F' };

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export function buildCensus(rows: CensusRows, year: number, lea: string): CinCensus {
  const byEpisode = <T extends { episode_id: string }>(list: T[]) => groupBy(list, (r) => r.episode_id);
  const assessments = byEpisode(rows.assessments);
  const cinPlans = byEpisode(rows.cinPlans);
  const section47s = byEpisode(rows.section47s);
  const cpPlans = byEpisode(rows.cpPlans);
  const episodes = groupBy(rows.episodes, (e) => e.person_id);

  const children: CinChild[] = rows.children.map((p) => ({
    personId: p.person_id,
    laChildId: p.council_id ?? undefined,
    upn: p.upn ?? undefined,
    birthDate: p.unborn ? undefined : (p.date_of_birth ?? undefined),
    expectedBirthDate: p.unborn ? (p.expected_date ?? undefined) : undefined,
    sex: p.unborn ? 'U' : (SEX[p.sex] ?? 'U'),
    ethnicity: p.ethnicity ?? undefined,
    disabilities: [],
    episodes: (episodes.get(p.person_id) ?? []).map((e): CinEpisode => ({
      episodeId: e.id,
      referralDate: e.referral_date,
      referralSource: e.referral_source,
      primaryNeed: e.primary_need,
      closureDate: e.closure_date ?? undefined,
      closureReason: e.closure_reason ?? undefined,
      // Together records only referrals that went on to further action as episodes of need.
      referralNfa: false,
      assessments: (assessments.get(e.id) ?? []).map((a) => ({
        startDate: a.start_date,
        authorisationDate: a.authorised_date ?? undefined,
        factors: a.factors,
      })),
      cinPlans: (cinPlans.get(e.id) ?? []).map((c) => ({
        startDate: c.start_date,
        endDate: c.end_date ?? undefined,
      })),
      section47s: (section47s.get(e.id) ?? []).map((s) => ({
        startDate: s.start_date,
        initialCpcTarget: addWorkingDays(s.strategy_date, 15),
        dateOfInitialCpc: s.icpc_date ?? undefined,
        icpcNotRequired: s.conference_needed === false,
      })),
      cpPlans: (cpPlans.get(e.id) ?? []).map((c) => ({
        startDate: c.start_date,
        endDate: c.end_date ?? undefined,
        initialCategory: c.initial_category,
        latestCategory: c.latest_category,
        previousPlans: c.previous_plans,
        reviewDates: c.review_dates,
      })),
    })),
  }));
  return { year: year + 1, referenceDate: `${year + 1}-03-31`, lea, children };
}
