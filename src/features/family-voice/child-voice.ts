/** The child's voice measure: figures and a chart from casework's counts, by quarter over two years. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { childVoiceMeasure, type VoiceMeasureRow } from '../casework/service.ts';

export const KINDS = [
  { value: 'assessment', label: 'Assessments' },
  { value: 'visit', label: 'Visits (child seen)' },
  { value: 'conference', label: 'Conferences' },
  { value: 'plan_review', label: 'Plan reviews' },
] as const;

/** The eight quarters up to and including today's, oldest first, as 'YYYY-Qn', and the first day. */
export function lastEightQuarters(today: string): { quarters: string[]; since: string } {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const quarters: string[] = [];
  for (let i = 0; i < 8; i++) {
    quarters.unshift(`${y}-Q${q}`);
    if (--q === 0) [y, q] = [y - 1, 4];
  }
  const [fy, fq] = quarters[0]!.split('-Q').map(Number) as [number, number];
  return { quarters, since: `${fy}-${String((fq - 1) * 3 + 1).padStart(2, '0')}-01` };
}

const pct = (heard: number, records: number) => (records ? Math.round((heard / records) * 100) : 0);
const sum = (rows: VoiceMeasureRow[]) => {
  const records = rows.reduce((n, r) => n + r.records, 0);
  const heard = rows.reduce((n, r) => n + r.heard, 0);
  return { records, heard, pct: pct(heard, records) };
};

export interface ChildVoicePicture {
  quarters: string[];
  overall: { records: number; heard: number; pct: number };
  chart: Chart;
  /** By agency and team: the two years, and the latest quarter. */
  byTeam: { agency: string; team: string; all: ReturnType<typeof sum>; latest: ReturnType<typeof sum> }[];
}

function picture(rows: VoiceMeasureRow[], quarters: string[]): ChildVoicePicture {
  const data = KINDS.flatMap((k) =>
    quarters.map((q) => ({
      label: q,
      series: k.label,
      value: sum(rows.filter((r) => r.kind === k.value && r.quarter === q)).pct,
    })),
  );
  const teams = [...new Set(rows.map((r) => `${r.agency}\u0000${r.team}`))].sort();
  const latest = quarters[quarters.length - 1];
  return {
    quarters,
    overall: sum(rows),
    chart: {
      kind: 'line',
      title: 'Records with the child’s own words, by quarter',
      description: `The share of assessments, visits, conferences and plan reviews that record the child’s own words, in each of the last eight quarters (${quarters[0]} to ${latest}).`,
      valueTitle: 'Per cent',
      data,
      table: {
        caption: 'Per cent of records with the child’s own words, by quarter',
        head: ['Quarter', ...KINDS.map((k) => k.label), 'All records'],
        rows: quarters.map((q) => [
          q,
          ...KINDS.map((k) => `${sum(rows.filter((r) => r.kind === k.value && r.quarter === q)).pct}%`),
          `${sum(rows.filter((r) => r.quarter === q)).pct}%`,
        ]),
      },
    },
    byTeam: teams.map((key) => {
      const [agency, team] = key.split('\u0000') as [string, string];
      const mine = rows.filter((r) => r.agency === agency && r.team === team);
      return { agency, team, all: sum(mine), latest: sum(mine.filter((r) => r.quarter === latest)) };
    }),
  };
}

/** The page: counts only, no child named; the look is audited. */
export async function childVoicePicture(db: Db, actor: Actor): Promise<ChildVoicePicture> {
  const { quarters, since } = lastEightQuarters(londonToday());
  const rows = await childVoiceMeasure(db, actor, since);
  await audit(db, actor, {
    action: 'voice.child_voice.view',
    entityType: 'child_voice_measure',
    detail: { since },
  });
  return picture(rows, quarters);
}

/** The executive's page: the child's voice measure in brief. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  const { quarters, since } = lastEightQuarters(londonToday());
  const p = picture(await childVoiceMeasure(db, actor, since), quarters);
  const latest = quarters[quarters.length - 1]!;
  const now = p.chart.table.rows.at(-1)?.at(-1);
  return {
    title: 'The child’s voice',
    href: '/partnership/voice/child-voice',
    headlines: [
      `${p.overall.pct}% of records over two years have the child’s own words`,
      `${now ?? '0%'} in ${latest}`,
    ],
    chart: p.chart,
  };
}
