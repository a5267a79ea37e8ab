/**
 * What the yearly report shows besides its narrative: the dataset's figures and charts, the picture
 * of each area of assurance, the scrutineer's reports published in the year, and what children and
 * families told the partnership. Assembled from the other features' services while the report is a
 * draft; stored with the report when it is published, so that a published report never changes.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Chart, ChartTable } from '../../platform/charts.ts';
import { executivePanel as actionsPanel } from '../actions/service.ts';
import { executivePanel as caseAuditsPanel } from '../case-audits/service.ts';
import { datasetForReport, yearLabel, yearRange } from '../dataset/service.ts';
import { executivePanel as escalationsPanel } from '../escalations/service.ts';
import { executivePanel as childVoicePanel, listFeedback } from '../family-voice/service.ts';
import { executivePanel as scrutinyPanel, listReports } from '../scrutiny/service.ts';
import { executivePanel as section11Panel } from '../section11/service.ts';
import { executivePanel as trainingPanel } from '../training/service.ts';
import { partnershipName, type partnerSignoffs, type ReportRow } from './repository.ts';

export interface ReportMeasure {
  key: string;
  title: string;
  definition: string;
  figure: string;
  chart: Chart;
  tables: ChartTable[];
}

export interface ReportContent {
  partnership: string;
  year: number;
  yearLabel: string;
  /** When the dataset's figures were worked out (ISO). */
  figuresAt: string;
  /** When this content was put together (ISO). */
  assembledAt: string;
  areas: { key: string; title: string; measures: ReportMeasure[] }[];
  assurance: { title: string; headlines: string[]; chart?: Chart }[];
  scrutinyReports: { title: string; publishedOn: string; findings: string }[];
  youSaidWeDid: { receivedOn: string; said: string; weDid: string }[];
}

/** The areas of assurance, in the report's order (each area's own picture, as on the executive's page). */
const PANELS = [
  scrutinyPanel,
  caseAuditsPanel,
  section11Panel,
  trainingPanel,
  escalationsPanel,
  actionsPanel,
  childVoicePanel,
];

/** The content as the records stand; `fresh` works the dataset's figures out again first (publication). */
export async function assembleContent(
  db: Db,
  actor: Actor,
  year: number,
  opts: { fresh?: boolean } = {},
): Promise<ReportContent> {
  const { from, to } = yearRange(year);
  const inYear = (d: string | null) => d !== null && d >= from && d <= to;
  const dataset = await datasetForReport(db, actor, year, opts);
  const panels = [];
  for (const load of PANELS) panels.push(await load(db, actor));
  const scrutiny = (await listReports(db, actor)).filter(
    (r) => r.status === 'published' && inYear(r.publishedOn),
  );
  const feedback = (await listFeedback(db, actor)).filter((f) => inYear(f.receivedOn));
  return {
    partnership: await partnershipName(db, actor.partnershipId),
    year,
    yearLabel: yearLabel(year),
    figuresAt: new Date(dataset.refreshedAt).toISOString(),
    assembledAt: new Date().toISOString(),
    areas: dataset.areas,
    assurance: panels.map((p) => ({
      title: p.title,
      headlines: p.headlines,
      ...(p.chart ? { chart: p.chart } : {}),
    })),
    scrutinyReports: scrutiny
      .map((r) => ({ title: r.title, publishedOn: r.publishedOn!, findings: r.findings }))
      .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn)),
    youSaidWeDid: feedback
      .map((f) => ({ receivedOn: f.receivedOn, said: f.said, weDid: f.weDid }))
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn)),
  };
}

/** A report with its content, narrative sections in order, and the partners' sign-offs. */
export interface ReportView {
  report: ReportRow;
  content: ReportContent;
  narrative: { key: string; title: string; text: string }[];
  partners: Awaited<ReturnType<typeof partnerSignoffs>>;
}
