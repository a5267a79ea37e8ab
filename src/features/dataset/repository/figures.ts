/**
 * The dataset's figures: each measure's facts totalled in PostgreSQL by month, quarter and year and
 * by each breakdown, written to dataset_figure in one statement per measure (no row passes through
 * Node), and read back for the pages, the CSV and the yearly report.
 */
import type { Db } from '../../../db/index.ts';
import { maybeOne } from '../../../db/index.ts';
import type { Measure } from './measures/index.ts';

/**
 * Every day from five years before the year to a year after it, with whether it is a working day and
 * the working days up to it. Five years back covers a referral long before an assessment ends.
 */
const CAL = `cal as (
  select d, working, sum(working::int) over (order by d)::int as n
  from (select g::date as d, extract(isodow from g) < 6 and g::date <> all($4::date[]) as working
        from generate_series($2::date - interval '5 years', $3::date + interval '1 year', interval '1 day') g) x
)`;

function refreshSql(m: Measure): string {
  return `insert into dataset_figure (partnership_id, year, measure, period, period_start, breakdown, grp, value, base)
  with ${CAL},
  facts as (${m.facts}),
  periods as (
    select f.*, p.period, p.period_start
    from facts f cross join lateral (values
      ('year', $2::date),
      ('quarter', date_trunc('quarter', f.on_date)::date),
      ('month', date_trunc('month', f.on_date)::date)) p(period, period_start)
    where f.on_date between $2::date and $3::date
  ),
  kept as (
    select * from (select p.*, max(p.on_date) over (partition by p.period, p.period_start) as last_day
      from periods p) x
    where not $6::boolean or on_date = last_day
  )
  select $1::uuid, $7::int, $8::text, k.period, k.period_start, b.bd, b.g,
    coalesce(sum(k.hit), 0), ${m.kind === 'count' ? 'null' : 'sum(k.counted)'}
  from kept k cross join lateral (values ('', ''), ('agency', k.agency), ('team', k.team), ('grp', k.grp)) b(bd, g)
  where b.g is not null and $5::int > 0
  group by k.period, k.period_start, b.bd, b.g`;
}

export interface RefreshParams {
  pid: string;
  year: number;
  from: string;
  to: string;
  holidays: string[];
  visitWorkingDays: number;
}

/** Works out every measure for one partnership's year, replacing what was there. */
export async function writeFigures(tx: Db, p: RefreshParams, measures: Iterable<Measure>): Promise<void> {
  await tx.query('delete from dataset_figure where partnership_id = $1 and year = $2', [p.pid, p.year]);
  for (const m of measures) {
    await tx.query(refreshSql(m), [
      p.pid,
      p.from,
      p.to,
      p.holidays,
      p.visitWorkingDays,
      m.snapshot === true,
      p.year,
      m.key,
    ]);
  }
}

export async function recordRefresh(tx: Db, pid: string, year: number, tookMs: number): Promise<void> {
  await tx.query(
    `insert into dataset_refresh (partnership_id, year, refreshed_at, took_ms) values ($1, $2, now(), $3)
     on conflict (partnership_id, year) do update set refreshed_at = now(), took_ms = excluded.took_ms`,
    [pid, year, tookMs],
  );
}

export function lastRefresh(db: Db, pid: string, year: number) {
  return maybeOne<{ refreshedAt: Date; tookMs: number }>(
    db,
    `select refreshed_at as "refreshedAt", took_ms as "tookMs" from dataset_refresh
     where partnership_id = $1 and year = $2`,
    [pid, year],
  );
}

export interface FigureRow {
  measure: string;
  period: 'year' | 'quarter' | 'month';
  periodStart: string;
  breakdown: '' | 'agency' | 'team' | 'grp';
  grp: string;
  value: number;
  base: number | null;
}

export function figures(db: Db, pid: string, year: number): Promise<FigureRow[]> {
  return db.query<FigureRow>(
    `select measure, period, period_start::text as "periodStart", breakdown, grp,
       value::float8 as value, base::float8 as base
     from dataset_figure where partnership_id = $1 and year = $2
     order by measure, period, period_start, breakdown, grp`,
    [pid, year],
  );
}

/** The years that have figures, newest first. */
export async function refreshedYears(db: Db, pid: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    'select year from dataset_refresh where partnership_id = $1 order by year desc',
    [pid],
  );
  return rows.map((r) => r.year);
}

export async function partnershipIds(db: Db): Promise<string[]> {
  const rows = await db.query<{ id: string }>('select id from partnership order by id');
  return rows.map((r) => r.id);
}
