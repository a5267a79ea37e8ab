/** The partners and relevant agencies, the plan's priorities and measures, and the funding. */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { field, parse, Problems } from '../../platform/validation.ts';
import {
  agencies,
  funding,
  measureIn,
  measures,
  measureValues,
  priorities,
  setRelevant,
  upsertFunding,
  upsertValue,
} from './repository/plan.ts';

const amount = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.replace(/[£,\s]/g, ''))) : v),
    z
      .number({
        error: (i) =>
          i.input === undefined ? `Enter the ${label.toLowerCase()}` : `${label} must be a number`,
      })
      .refine((n) => Number.isFinite(n), { error: `${label} must be a number` })
      .min(0, { error: `${label} must be 0 or more` })
      .max(1_000_000_000, { error: `${label} is too large` }),
  );

export const relevantSchema = z.object({ relevant: field.ids('Relevant agencies', { max: 500 }) });
export const valueSchema = z.object({
  measureId: field.id('Select the measure'),
  period: field.requiredText(40, 'Period', 'Enter the period, for example 2026-27 Q1'),
  periodEnd: field.requiredDate('Last day of the period', 'Enter the last day of the period'),
  value: amount('Value'),
});
export type ValueInput = z.infer<typeof valueSchema>;
export const fundingSchema = z.object({
  agencyId: field.id('Select the agency'),
  year: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter the financial year, for example 2026-27' }).regex(/^\d{4}-\d{2}$/, {
      error: 'Enter the financial year like 2026-27',
    }),
  ),
  amount: amount('Amount'),
});
export type FundingInput = z.infer<typeof fundingSchema>;

const pounds = (n: number) =>
  `£${n.toLocaleString('en-GB', { minimumFractionDigits: n % 1 ? 2 : 0, maximumFractionDigits: 2 })}`;

export async function partners(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const all = await agencies(db, actor.partnershipId);
  await audit(db, actor, { action: 'partnership.partners' });
  return {
    statutory: all.filter((a) => a.statutory),
    relevant: all.filter((a) => !a.statutory && a.relevant),
    others: all.filter((a) => !a.statutory),
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

/** Chooses the relevant agencies: every active agency that is not a statutory partner may be one. */
export async function chooseRelevant(db: Db, actor: Actor, input: { relevant?: string[] }): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const r = parse(relevantSchema, input);
  const choosable = new Set(
    (await agencies(db, actor.partnershipId)).filter((a) => !a.statutory).map((a) => a.id),
  );
  const problems = new Problems();
  if (r.relevant.some((id) => !choosable.has(id)))
    problems.add('relevant', 'Relevant agencies: choose from the list');
  problems.check();
  await db.transaction(async (tx) => {
    await setRelevant(tx, actor.partnershipId, r.relevant);
    await audit(tx, actor, { action: 'partnership.relevant_agencies', detail: { count: r.relevant.length } });
  });
}

export async function plan(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const [pp, mm, vv] = await Promise.all([
    priorities(db, actor.partnershipId),
    measures(db, actor.partnershipId),
    measureValues(db, actor.partnershipId),
  ]);
  await audit(db, actor, { action: 'partnership.plan' });
  const withValues = mm.map((m) => {
    const values = vv.filter((v) => v.measureId === m.id);
    return { ...m, values, latest: values[values.length - 1] };
  });
  return {
    priorities: pp.map((p) => ({ ...p, measures: withValues.filter((m) => m.priorityId === p.id) })),
    measures: withValues,
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

/** Records (or corrects) a measure's value for a period. */
export async function recordValue(db: Db, actor: Actor, input: ValueInput): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const v = parse(valueSchema, input);
  const m = await measureIn(db, actor.partnershipId, v.measureId);
  if (!m) new Problems().add('measureId', 'Select the measure').check();
  await db.transaction(async (tx) => {
    await upsertValue(tx, { pid: actor.partnershipId, ...v, by: actor.userId });
    await audit(tx, actor, {
      action: 'partnership.measure_value',
      entityType: 'partnership_measure',
      entityId: v.measureId,
      detail: { period: v.period, value: v.value },
    });
  });
}

/** Contributions by agency and year, with each year's total. */
export async function fundingTable(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const rows = await funding(db, actor.partnershipId);
  await audit(db, actor, { action: 'partnership.funding' });
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const byAgency = new Map<string, { agency: string; amounts: Record<string, string> }>();
  for (const r of rows) {
    const a = byAgency.get(r.agencyId) ?? { agency: r.agency, amounts: {} };
    a.amounts[r.year] = pounds(r.amount);
    byAgency.set(r.agencyId, a);
  }
  const totals = Object.fromEntries(
    years.map((y) => [y, pounds(rows.filter((r) => r.year === y).reduce((n, r) => n + r.amount, 0))]),
  );
  return {
    years,
    agencies: [...byAgency.values()],
    totals,
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

export async function fundingChoices(db: Db, actor: Actor) {
  requirePermission(actor, 'partnership.manage');
  return (await agencies(db, actor.partnershipId)).filter((a) => a.statutory || a.relevant);
}

/** Records (or corrects) an agency's contribution for a year: the partners and relevant agencies only. */
export async function recordFunding(db: Db, actor: Actor, input: FundingInput): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const f = parse(fundingSchema, input);
  const choosable = await fundingChoices(db, actor);
  if (!choosable.some((a) => a.id === f.agencyId))
    new Problems().add('agencyId', 'Select one of the partners or relevant agencies').check();
  await db.transaction(async (tx) => {
    await upsertFunding(tx, { pid: actor.partnershipId, ...f });
    await audit(tx, actor, {
      action: 'partnership.funding_set',
      detail: { agencyId: f.agencyId, year: f.year, amount: f.amount },
    });
  });
}
