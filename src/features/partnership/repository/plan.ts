import type { Db } from '../../../db/index.ts';
import { maybeOne } from '../../../db/index.ts';

export function agencies(db: Db, pid: string) {
  return db.query<{ id: string; name: string; kind: string; statutory: boolean; relevant: boolean }>(
    `select id, name, kind, statutory_partner as statutory, relevant_agency as relevant from agency
     where partnership_id = $1 and active order by name`,
    [pid],
  );
}

/** Makes exactly these agencies the relevant ones (statutory partners are partners already). */
export async function setRelevant(tx: Db, pid: string, ids: string[]): Promise<void> {
  await tx.query(
    `update agency set relevant_agency = (id = any($2::uuid[])) where partnership_id = $1 and not statutory_partner`,
    [pid, ids],
  );
}

export function priorities(db: Db, pid: string) {
  return db.query<{ id: string; title: string; description: string; periodStart: string; periodEnd: string }>(
    `select id, title, description, period_start::text as "periodStart", period_end::text as "periodEnd"
     from partnership_priority where partnership_id = $1 order by period_start desc, position, title`,
    [pid],
  );
}

export function measures(db: Db, pid: string) {
  return db.query<{ id: string; priorityId: string | null; name: string; definition: string; unit: string }>(
    `select id, priority_id as "priorityId", name, definition, unit from partnership_measure
     where partnership_id = $1 order by name`,
    [pid],
  );
}

export function measureValues(db: Db, pid: string) {
  return db.query<{ measureId: string; period: string; periodEnd: string; value: number }>(
    `select measure_id as "measureId", period, period_end::text as "periodEnd", value
     from partnership_measure_value where partnership_id = $1 order by period_end`,
    [pid],
  );
}

export function measureIn(db: Db, pid: string, id: string) {
  return maybeOne<{ id: string; name: string }>(
    db,
    'select id, name from partnership_measure where id = $1 and partnership_id = $2',
    [id, pid],
  );
}

export async function upsertValue(
  tx: Db,
  v: { pid: string; measureId: string; period: string; periodEnd: string; value: number; by: string },
): Promise<void> {
  await tx.query(
    `insert into partnership_measure_value (partnership_id, measure_id, period, period_end, value, recorded_by)
     values ($1,$2,$3,$4,$5,$6)
     on conflict (measure_id, period) do update set value = excluded.value, period_end = excluded.period_end,
       recorded_by = excluded.recorded_by, recorded_at = now()`,
    [v.pid, v.measureId, v.period, v.periodEnd, v.value, v.by],
  );
}

export function funding(db: Db, pid: string) {
  return db.query<{ agencyId: string; agency: string; year: string; amount: number }>(
    `select f.agency_id as "agencyId", ag.name as agency, f.year, f.amount
     from partnership_funding f join agency ag on ag.id = f.agency_id
     where f.partnership_id = $1 order by ag.name, f.year`,
    [pid],
  );
}

export async function upsertFunding(
  tx: Db,
  f: { pid: string; agencyId: string; year: string; amount: number },
): Promise<void> {
  await tx.query(
    `insert into partnership_funding (partnership_id, agency_id, year, amount) values ($1,$2,$3,$4)
     on conflict (agency_id, year) do update set amount = excluded.amount`,
    [f.pid, f.agencyId, f.year, f.amount],
  );
}
