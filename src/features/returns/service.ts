/**
 * The statutory returns: the CIN census (built from the casework records, validated against the DfE
 * rules, exported as XML; a census file from another system read and validated, and kept) and
 * Ofsted's Annex A lists. Web users need 'returns.produce'; the command line acts as the operator of
 * the database for its one partnership. Every export and import is audited: one event for the
 * return (the file holds every child of the year; a row per child would be the return again).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { storedSetting } from '../../platform/settings.ts';
import { referralSourceOf } from '../casework/service.ts';
import { csvCell } from '../../platform/csv.ts';
import { censusPeriod, type CinCensus } from './cin-census/model.ts';
import { censusRows } from './cin-census/repository.ts';
import { buildCensus } from './cin-census/build.ts';
import { validateCensus, type CensusFailure } from './cin-census/rules.ts';
import { censusXml, parseCensusXml } from './cin-census/xml.ts';
import { annexALists } from './annex-a/lists.ts';
import { annexAWorkbook } from './annex-a/workbook.ts';
import * as repo from './repository.ts';

export { CensusFileError } from './cin-census/xml.ts';
export { neutralise } from '../../platform/csv.ts';
export type { CensusFailure } from './cin-census/rules.ts';
export { ANNEX_A_LISTS } from './annex-a/columns.ts';
export { CIN_RULES, CIN_RULE_MODULES } from './cin-census/rule-messages.ts';

/** Who a return is made by: a signed-in user, or the command line for the database's partnership. */
export type Maker = { actor: Actor } | { partnershipId: string };
const partnershipOf = (m: Maker) => ('actor' in m ? m.actor.partnershipId : m.partnershipId);
const actorOf = (m: Maker) => ('actor' in m ? m.actor : null);
function allowed(m: Maker): void {
  if ('actor' in m) requirePermission(m.actor, 'returns.produce');
}

export interface CensusResult {
  year: number;
  census: CinCensus;
  failures: CensusFailure[];
  errors: number;
  queries: number;
}

function summarise(year: number, census: CinCensus, failures: CensusFailure[]): CensusResult {
  const errors = failures.filter((f) => f.kind === 'error').length;
  return { year, census, failures, errors, queries: failures.length - errors };
}

/** The census year starting on 1 April of `year`, built from the records and validated. */
export async function cinCensus(db: Db, maker: Maker, year: number): Promise<CensusResult> {
  allowed(maker);
  const pid = partnershipOf(maker);
  const { start, end } = censusPeriod(year);
  const lea = await storedSetting(db, pid, 'returns.lea');
  const census = buildCensus(
    await censusRows(db, pid, start, end),
    year,
    typeof lea === 'string' && /^\d{3}$/.test(lea) ? lea : '999',
  );
  const result = summarise(year, census, validateCensus(census));
  await audit(
    db,
    actorOf(maker),
    {
      action: 'returns.cin_census_validated',
      entityType: 'cin_census',
      entityId: String(year),
      detail: { year, children: census.children.length, errors: result.errors, queries: result.queries },
    },
    pid,
  );
  return result;
}

/** The census as XML, audited as an export (the caller has decided what to do with its failures). */
export async function cinCensusExport(db: Db, maker: Maker, result: CensusResult): Promise<string> {
  allowed(maker);
  const xml = censusXml(result.census, {
    softwareCode: 'Together',
    release: '1',
    serialNo: '001',
    dateTime: new Date().toISOString().slice(0, 19),
  });
  await audit(
    db,
    actorOf(maker),
    {
      action: 'returns.cin_census_exported',
      entityType: 'cin_census',
      entityId: String(result.year),
      detail: { year: result.year, children: result.census.children.length, errors: result.errors },
    },
    partnershipOf(maker),
  );
  return xml;
}

/** The failures as CSV (rule, kind, child, message), each cell neutralised against formula injection. */
export function failuresCsv(failures: CensusFailure[]): string {
  const rows = [
    ['Rule', 'Kind', 'LA child ID', 'Message', 'Episode referred on'],
    ...failures.map((f) => [f.code, f.kind, f.childId, f.message, f.episodeReferral ?? '']),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Reads and validates a census file; throws CensusFileError (line and reason) when it cannot be read. */
export function validateCensusFile(xml: string): CensusResult {
  const census = parseCensusXml(xml);
  return summarise((census.year ?? 0) - 1, census, validateCensus(census));
}

/** Imports a census file from another system: refused unreadable, else kept with its failures. */
export async function importCensusFile(
  db: Db,
  maker: Maker,
  fileName: string,
  xml: string,
): Promise<CensusResult & { importId: string }> {
  allowed(maker);
  const result = validateCensusFile(xml);
  const pid = partnershipOf(maker);
  const importId = await db.transaction(async (tx) => {
    const id = await repo.saveImport(tx, {
      partnershipId: pid,
      userId: actorOf(maker)?.userId ?? null,
      fileName,
      year: result.census.year ?? 0,
      lea: result.census.lea ?? null,
      children: result.census.children.length,
      errors: result.errors,
      queries: result.queries,
      census: result.census,
      failures: result.failures,
    });
    await audit(
      tx,
      actorOf(maker),
      {
        action: 'returns.cin_census_imported',
        entityType: 'cin_census_import',
        entityId: id,
        detail: { fileName, children: result.census.children.length, errors: result.errors },
      },
      pid,
    );
    return id;
  });
  return { ...result, importId };
}

export async function censusImports(db: Db, actor: Actor): Promise<repo.ImportRow[]> {
  requirePermission(actor, 'returns.produce');
  return repo.recentImports(db, actor.partnershipId);
}

/** Ofsted's Annex A lists 1 to 7 for a period, as an xlsx workbook. */
export async function annexA(db: Db, maker: Maker, from: string, to: string): Promise<Buffer> {
  allowed(maker);
  const pid = partnershipOf(maker);
  const lists = await annexALists(db, { partnershipId: pid }, from, to, referralSourceOf);
  const book = await annexAWorkbook(lists, { from, to });
  await audit(
    db,
    actorOf(maker),
    {
      action: 'returns.annex_a_exported',
      entityType: 'annex_a',
      detail: {
        from,
        to,
        rows: Object.fromEntries(lists.map((l) => [`list${l.list.number}`, l.rows.length])),
      },
    },
    pid,
  );
  return book;
}

/** The partnership the command line acts for: the database's only one. */
export async function commandLinePartnership(db: Db): Promise<Maker | undefined> {
  const p = await repo.onlyPartnership(db);
  return p ? { partnershipId: p.id } : undefined;
}
