/**
 * The CIN census XML (the DfE's format) written and read with fast-xml-parser (docs/returns.md says
 * why that library). Writing follows the 2025-26 schema's element order; reading accepts the 2024
 * schema (GenderCurrent) and the 2025 and 2026 ones (Sex), and refuses malformed XML or a file of
 * another collection or schema version with the line and the reason.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CinCensus, CinChild, CinEpisode } from './model.ts';

/** The census years (the Year element: the census year's end) whose schemas the project knows. */
export const KNOWN_SCHEMA_YEARS = { first: 2022, last: 2027 } as const;

export class CensusFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'Child',
  'CINdetails',
  'Assessments',
  'CINPlanDates',
  'Section47',
  'ChildProtectionPlans',
  'Disability',
  'AssessmentFactors',
  'CPPreviewDate',
]);

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const t = (v as Node)['#text'];
    return t === undefined ? undefined : String(t).trim();
  }
  const s = String(v).trim();
  return s === '' ? undefined : s;
};
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);
const node = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
const yesNo = (v: unknown): boolean | undefined => {
  const s = text(v)?.toLowerCase();
  return s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : undefined;
};
const GENDER_TO_SEX: Record<string, string> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' };

/** The line of the first occurrence of a string in the file (1 when it is not there). */
function lineOf(xml: string, needle: string): number {
  const at = xml.indexOf(needle);
  return at < 0 ? 1 : xml.slice(0, at).split('\n').length;
}

/** Reads a census file; throws CensusFileError for malformed XML or an unknown collection or schema. */
export function parseCensusXml(xml: string): CinCensus {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) {
    // The parser names unclosed elements as a JSON list: say it in words.
    const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(checked.err.msg);
    const names = unclosed ? [...unclosed[1]!.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`) : [];
    throw new CensusFileError(
      checked.err.line,
      names.length ? `The file ends with elements not closed: ${names.join(', ')}` : checked.err.msg,
    );
  }
  const parsed = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  }).parse(xml) as Node;
  const message = parsed.Message;
  if (!message || typeof message !== 'object')
    throw new CensusFileError(1, 'This is not a CIN census file: its root element is not <Message>');
  const header = node(node(message).Header);
  const collection = node(header.CollectionDetails);
  if (text(collection.Collection) !== 'CIN')
    throw new CensusFileError(
      lineOf(xml, '<Collection'),
      `Unknown collection "${text(collection.Collection) ?? ''}": only CIN census files can be read`,
    );
  const yearText = text(collection.Year) ?? '';
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < KNOWN_SCHEMA_YEARS.first || year > KNOWN_SCHEMA_YEARS.last)
    throw new CensusFileError(
      lineOf(xml, '<Year'),
      `Unknown schema version: census year "${yearText}" (this system reads ${KNOWN_SCHEMA_YEARS.first} to ${KNOWN_SCHEMA_YEARS.last})`,
    );
  const children = list(node(node(message).Children).Child).map((c, i) => readChild(xml, c, i));
  return {
    year,
    referenceDate: text(collection.ReferenceDate),
    lea: text(node(header.Source).LEA),
    children,
  };
}

function readChild(xml: string, c: Node, index: number): CinChild {
  const ids = node(c.ChildIdentifiers);
  const traits = node(c.ChildCharacteristics);
  const gender = text(ids.GenderCurrent);
  const sex = text(ids.Sex);
  if (gender !== undefined && sex !== undefined)
    throw new CensusFileError(
      lineOf(xml, '<Sex>'),
      `Unknown schema version: child ${index + 1} has both GenderCurrent (2024 schema) and Sex (2025 schema on)`,
    );
  return {
    laChildId: text(ids.LAchildID),
    upn: text(ids.UPN),
    formerUpn: text(ids.FormerUPN),
    upnUnknown: text(ids.UPNunknown),
    birthDate: text(ids.PersonBirthDate),
    expectedBirthDate: text(ids.ExpectedPersonBirthDate),
    sex: gender !== undefined ? (GENDER_TO_SEX[gender] ?? gender) : sex,
    deathDate: text(ids.PersonDeathDate),
    ethnicity: text(traits.Ethnicity),
    disabilities: list(node(traits.Disabilities).Disability)
      .map(text)
      .filter((d): d is string => !!d),
    episodes: list(c.CINdetails).map(readEpisode),
  };
}

function readEpisode(d: Node): CinEpisode {
  return {
    referralDate: text(d.CINreferralDate),
    referralSource: text(d.ReferralSource),
    primaryNeed: text(d.PrimaryNeedCode),
    closureDate: text(d.CINclosureDate),
    closureReason: text(d.ReasonForClosure),
    dateOfInitialCpc: text(d.DateOfInitialCPC),
    referralNfa: yesNo(d.ReferralNFA),
    assessments: list(d.Assessments).map((a) => ({
      startDate: text(a.AssessmentActualStartDate),
      authorisationDate: text(a.AssessmentAuthorisationDate),
      factors: list(node(a.FactorsIdentifiedAtAssessment).AssessmentFactors)
        .map(text)
        .filter((f): f is string => !!f),
    })),
    cinPlans: list(d.CINPlanDates).map((p) => ({
      startDate: text(p.CINPlanStartDate),
      endDate: text(p.CINPlanEndDate),
    })),
    section47s: list(d.Section47).map((s) => ({
      startDate: text(s.S47ActualStartDate),
      initialCpcTarget: text(s.InitialCPCtarget),
      dateOfInitialCpc: text(s.DateOfInitialCPC),
      icpcNotRequired: yesNo(s.ICPCnotRequired),
    })),
    cpPlans: list(d.ChildProtectionPlans).map((p) => {
      const previous = text(p.NumberOfPreviousCPP);
      return {
        startDate: text(p.CPPstartDate),
        endDate: text(p.CPPendDate),
        initialCategory: text(p.InitialCategoryOfAbuse),
        latestCategory: text(p.LatestCategoryOfAbuse),
        previousPlans: previous !== undefined && /^\d+$/.test(previous) ? Number(previous) : undefined,
        reviewDates: list(node(p.Reviews).CPPreviewDate)
          .map(text)
          .filter((r): r is string => !!r),
      };
    }),
  };
}

/** Drops the keys whose value is undefined (the builder would write them empty). */
function present(o: Node): Node {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
const bit = (v: boolean | undefined) => (v === undefined ? undefined : v ? '1' : '0');

/** Writes the census in the 2025-26 schema's element order. */
export function censusXml(
  census: CinCensus,
  source: { softwareCode: string; release: string; serialNo: string; dateTime: string },
): string {
  const message = {
    Message: {
      Header: {
        CollectionDetails: present({
          Collection: 'CIN',
          Year: census.year,
          ReferenceDate: census.referenceDate,
        }),
        Source: present({
          SourceLevel: 'L',
          LEA: census.lea,
          SoftwareCode: source.softwareCode,
          Release: source.release,
          SerialNo: source.serialNo,
          DateTime: source.dateTime,
        }),
      },
      Children: { Child: census.children.map(childNode) },
    },
  };
  const body = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true }).build(message);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

function childNode(c: CinChild): Node {
  return {
    ChildIdentifiers: present({
      LAchildID: c.laChildId,
      UPN: c.upn,
      FormerUPN: c.formerUpn,
      UPNunknown: c.upnUnknown,
      PersonBirthDate: c.birthDate,
      ExpectedPersonBirthDate: c.expectedBirthDate,
      Sex: c.sex,
      PersonDeathDate: c.deathDate,
    }),
    ChildCharacteristics: present({
      Ethnicity: c.ethnicity,
      Disabilities: c.disabilities.length ? { Disability: c.disabilities } : undefined,
    }),
    CINdetails: c.episodes.map((e) =>
      present({
        CINreferralDate: e.referralDate,
        ReferralSource: e.referralSource,
        PrimaryNeedCode: e.primaryNeed,
        CINclosureDate: e.closureDate,
        ReasonForClosure: e.closureReason,
        DateOfInitialCPC: e.dateOfInitialCpc,
        Assessments: e.assessments.map((a) =>
          present({
            AssessmentActualStartDate: a.startDate,
            AssessmentAuthorisationDate: a.authorisationDate,
            FactorsIdentifiedAtAssessment: a.factors.length ? { AssessmentFactors: a.factors } : undefined,
          }),
        ),
        CINPlanDates: e.cinPlans.map((p) =>
          present({ CINPlanStartDate: p.startDate, CINPlanEndDate: p.endDate }),
        ),
        Section47: e.section47s.map((s) =>
          present({
            S47ActualStartDate: s.startDate,
            InitialCPCtarget: s.initialCpcTarget,
            DateOfInitialCPC: s.dateOfInitialCpc,
            ICPCnotRequired: bit(s.icpcNotRequired),
          }),
        ),
        ReferralNFA: bit(e.referralNfa),
        ChildProtectionPlans: e.cpPlans.map((p) =>
          present({
            CPPstartDate: p.startDate,
            CPPendDate: p.endDate,
            InitialCategoryOfAbuse: p.initialCategory,
            LatestCategoryOfAbuse: p.latestCategory,
            NumberOfPreviousCPP: p.previousPlans,
            Reviews: p.reviewDates.length ? { CPPreviewDate: p.reviewDates } : undefined,
          }),
        ),
      }),
    ),
  };
}
