/**
 * SQL of the person index: the person row, their names and identifiers. Every query names the
 * partnership; callers pass the tx inside changes.
 */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { normaliseName } from '../../../platform/names.ts';
import type { NameInput } from '../part-schemas.ts';
import type { PersonInput, PersonSummary } from '../schemas.ts';

export interface PersonRow extends PersonInput {
  id: string;
  restricted: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
}

const PERSON_COLS = `p.id, p.kind, p.unborn, p.given_name as "givenName", p.family_name as "familyName",
  p.date_of_birth as "dateOfBirth", p.expected_date as "expectedDate", p.sex, p.ethnicity,
  p.nhs_number as "nhsNumber", p.upn, p.council_id as "councilId", p.restricted, p.version,
  p.created_at as "createdAt", p.updated_at as "updatedAt", p.updated_by as "updatedBy",
  u.display_name as "updatedByName"`;

/** What every page about a person shows at its top. */
export interface PersonHeading extends PersonSummary {
  id: string;
  restricted: boolean;
}

export function findHeading(db: Db, pid: string, id: string) {
  return maybeOne<PersonHeading>(
    db,
    `select id, kind, unborn, given_name as "givenName", family_name as "familyName", date_of_birth as "dateOfBirth",
       expected_date as "expectedDate", restricted from person where id = $1 and partnership_id = $2`,
    [id, pid],
  );
}

export function findPerson(db: Db, pid: string, id: string) {
  return maybeOne<PersonRow>(
    db,
    `select ${PERSON_COLS} from person p left join app_user u on u.id = p.updated_by
     where p.id = $1 and p.partnership_id = $2`,
    [id, pid],
  );
}

/** Field errors for identifiers another record already holds (the unique indexes back this up). */
export async function duplicateIdentifiers(
  db: Db,
  pid: string,
  input: Pick<PersonInput, 'nhsNumber' | 'upn' | 'councilId'>,
  exceptId: string | null,
): Promise<FieldError[]> {
  if (!input.nhsNumber && !input.upn && !input.councilId) return [];
  const rows = await db.query<{ nhs: boolean; upn: boolean; council: boolean }>(
    `select nhs_number = $2 as nhs, upn = $3 as upn, council_id = $4 as council from person
     where partnership_id = $1 and (nhs_number = $2 or upn = $3 or council_id = $4)
       and ($5::uuid is null or id <> $5)`,
    [pid, input.nhsNumber, input.upn, input.councilId, exceptId],
  );
  const errors: FieldError[] = [];
  const msg = (what: string) =>
    `Another person's record already has this ${what}. Search for it instead of creating a second record.`;
  if (rows.some((r) => r.nhs)) errors.push({ field: 'nhsNumber', message: msg('NHS number') });
  if (rows.some((r) => r.upn)) errors.push({ field: 'upn', message: msg('unique pupil number') });
  if (rows.some((r) => r.council)) errors.push({ field: 'councilId', message: msg('council child ID') });
  return errors;
}

/** The field a unique-index violation is about, when a race beat duplicateIdentifiers. */
export function uniqueViolationField(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return undefined;
  const name = e.constraint ?? e.message ?? '';
  if (name.includes('person_nhs')) return 'nhsNumber';
  if (name.includes('person_upn')) return 'upn';
  if (name.includes('person_council')) return 'councilId';
  return undefined;
}

/** The person's columns from kind to council_id, in the order the statements below name them. */
const personValues = (p: PersonInput) => [
  p.kind,
  p.unborn,
  p.expectedDate,
  p.givenName,
  p.familyName,
  p.dateOfBirth,
  p.sex,
  p.ethnicity,
  p.nhsNumber,
  p.upn,
  p.councilId,
];

export async function insertPerson(tx: Db, pid: string, input: PersonInput, userId: string) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into person (partnership_id, kind, unborn, expected_date, given_name, family_name, date_of_birth, sex,
       ethnicity, nhs_number, upn, council_id, created_by, updated_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13) returning id`,
    [pid, ...personValues(input), userId],
  );
  return id;
}

/** Updates when the version still matches; returns the new version, or undefined when stale. */
export async function updatePerson(
  tx: Db,
  pid: string,
  id: string,
  version: number,
  input: PersonInput,
  userId: string,
) {
  const row = await maybeOne<{ version: number }>(
    tx,
    `update person set kind = $4, unborn = $5, expected_date = $6, given_name = $7, family_name = $8,
       date_of_birth = $9, sex = $10, ethnicity = $11, nhs_number = $12, upn = $13, council_id = $14,
       updated_by = $15, updated_at = now(), version = version + 1
     where id = $1 and partnership_id = $2 and version = $3 returning version`,
    [id, pid, version, ...personValues(input), userId],
  );
  return row?.version;
}

export async function insertName(
  tx: Db,
  pid: string,
  personId: string,
  name: { kind: NameInput['kind'] | 'current'; givenName: string; familyName: string },
): Promise<string> {
  const given = normaliseName(name.givenName);
  const family = normaliseName(name.familyName);
  const { id } = await one<{ id: string }>(
    tx,
    `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
       given_key, family_key)
     values ($1,$2,$3,$4,$5,$6::text,$7::text,dmetaphone($6::text),dmetaphone($7::text)) returning id`,
    [pid, personId, name.kind, name.givenName, name.familyName, given, family],
  );
  return id;
}

/** The current name becomes a former name and the new one current (search keeps finding both). */
export async function replaceCurrentName(
  tx: Db,
  pid: string,
  personId: string,
  name: { givenName: string; familyName: string },
): Promise<void> {
  await tx.query(
    `update person_name set kind = 'former' where person_id = $1 and partnership_id = $2 and kind = 'current'`,
    [personId, pid],
  );
  await insertName(tx, pid, personId, {
    givenName: name.givenName,
    familyName: name.familyName,
    kind: 'current',
  });
}
