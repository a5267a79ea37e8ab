/**
 * The CIN census return as data: one child with its episodes of need (the XML's CINdetails) and
 * their modules, the same shape whether built from the casework records or read from a file.
 * Dates are 'YYYY-MM-DD' strings; a value the file left out is undefined.
 */

export interface CinAssessment {
  startDate?: string;
  authorisationDate?: string;
  factors: string[];
}

export interface CinPlanDates {
  startDate?: string;
  endDate?: string;
}

export interface CinSection47 {
  startDate?: string;
  initialCpcTarget?: string;
  dateOfInitialCpc?: string;
  icpcNotRequired?: boolean;
}

export interface CinCpPlan {
  startDate?: string;
  endDate?: string;
  initialCategory?: string;
  latestCategory?: string;
  previousPlans?: number;
  reviewDates: string[];
}

export interface CinEpisode {
  /** The casework episode's id (a census built from the records) to link a failure to its page. */
  episodeId?: string;
  referralDate?: string;
  referralSource?: string;
  primaryNeed?: string;
  closureDate?: string;
  closureReason?: string;
  dateOfInitialCpc?: string;
  referralNfa?: boolean;
  assessments: CinAssessment[];
  cinPlans: CinPlanDates[];
  section47s: CinSection47[];
  cpPlans: CinCpPlan[];
}

export interface CinChild {
  /** The person's id in Together (a census built from the records). */
  personId?: string;
  laChildId?: string;
  upn?: string;
  formerUpn?: string;
  upnUnknown?: string;
  birthDate?: string;
  expectedBirthDate?: string;
  /** M, F or U (the 2025 schema on); a 2024 file's GenderCurrent is read into it (1 M, 2 F, 0/9 U). */
  sex?: string;
  deathDate?: string;
  ethnicity?: string;
  disabilities: string[];
  episodes: CinEpisode[];
}

export interface CinCensus {
  /** The census year's end: the return for 1 April 2025 to 31 March 2026 is Year 2026. */
  year?: number;
  referenceDate?: string;
  lea?: string;
  children: CinChild[];
}

/** The census year that starts on 1 April of `year`: its first and last days. */
export function censusPeriod(year: number): { start: string; end: string } {
  return { start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

/** The first census year the project can export or import, and the last. */
export const FIRST_CENSUS_YEAR = 2010;
export const LAST_CENSUS_YEAR = 2099;
