/** Validation of the forms that add to a record. */
import { z } from 'zod';
import { UUID } from '../../platform/access/policy.ts';
import { formatPostcode, isValidPostcode } from '../../platform/identifiers.ts';
import { londonToday } from '../../platform/dates.ts';
import { optionalText, parse, parseDateInput, requiredText } from '../../platform/validation.ts';
import {
  INVOLVEMENT_ROLE_CODES,
  NAME_KIND_CODES,
  RELATIONSHIP_CODES,
  type AddedNameKind,
  type InvolvementRole,
  type RelationshipKind,
} from './codes.ts';
import { dateParts, Errors, NAME_MAX, str } from './schemas.ts';

export interface AddressInput {
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  fromDate: string | null;
  toDate: string | null;
  /** Ends the person's other open addresses. */
  current: boolean;
}

const addressFields = z.object({
  line1: requiredText(200, 'Address line 1'),
  line2: optionalText(200, 'Address line 2'),
  town: optionalText(100, 'Town or city'),
  postcode: requiredText(20, 'Postcode').refine((v) => isValidPostcode(v), {
    error: 'Enter a real postcode, like EL1 2AB',
  }),
});

function datePair(errors: Errors, body: Record<string, unknown>, from: string, to: string) {
  const f = errors.try(() => parseDateInput(from, 'Date from', dateParts(body, from), { notFuture: true }));
  const t = errors.try(() => parseDateInput(to, 'Date to', dateParts(body, to)));
  if (f && t && t < f) errors.add(`${to}-day`, 'Date to must be the same as or after date from');
  return { from: f ?? null, to: t ?? null };
}

export function parseAddressForm(body: Record<string, unknown>): AddressInput {
  const errors = new Errors();
  const a = errors.try(() =>
    parse(addressFields, {
      line1: str(body.line1),
      line2: str(body.line2),
      town: str(body.town),
      postcode: str(body.postcode),
    }),
  );
  const d = datePair(errors, body, 'from', 'to');
  errors.throwIfAny();
  return {
    line1: a!.line1,
    line2: a!.line2 ?? null,
    town: a!.town ?? null,
    postcode: formatPostcode(a!.postcode),
    fromDate: d.from,
    toDate: d.to,
    current: !d.to && str(body.current) !== 'no',
  };
}

/** The optional first address on the create form: none when every address field is blank. */
export function parseOptionalAddress(body: Record<string, unknown>): AddressInput | null {
  if (!['line1', 'line2', 'town', 'postcode'].some((k) => str(body[k]).trim())) return null;
  return parseAddressForm({ ...body, current: 'yes' });
}

export interface NameInput {
  kind: AddedNameKind;
  givenName: string;
  familyName: string;
}

export const nameSchema = z.object({
  kind: z.enum(NAME_KIND_CODES, { error: 'Select what kind of name this is' }),
  givenName: optionalText(NAME_MAX, 'First name').transform((v) => v ?? ''),
  familyName: requiredText(NAME_MAX, 'Last name'),
});

export interface RelationshipInput {
  relatedPersonId: string;
  kind: RelationshipKind;
  fromDate: string | null;
}

export function parseRelationshipForm(body: Record<string, unknown>): RelationshipInput {
  const errors = new Errors();
  const r = errors.try(() =>
    parse(
      z.object({
        relatedPersonId: z.string().regex(UUID, { error: 'Select the person from the search results' }),
        kind: z.enum(RELATIONSHIP_CODES, { error: 'Select how they are related' }),
      }),
      { relatedPersonId: str(body.relatedPersonId), kind: str(body.kind) },
    ),
  );
  const from = errors.try(() =>
    parseDateInput('from', 'Date from', dateParts(body, 'from'), { notFuture: true }),
  );
  errors.throwIfAny();
  return { relatedPersonId: r!.relatedPersonId, kind: r!.kind, fromDate: from ?? null };
}

export interface HouseholdInput {
  householdId: string | null;
  label: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export function parseHouseholdForm(body: Record<string, unknown>): HouseholdInput {
  const errors = new Errors();
  const choice = str(body.household);
  const label = errors.try(() =>
    parse(z.object({ label: optionalText(200, 'Household name') }), { label: str(body.label) }),
  );
  if (!choice) errors.add('household', 'Select a household, or choose to start a new one');
  else if (choice !== 'new' && !UUID.test(choice))
    errors.add('household', 'Select a household from the list');
  if (choice === 'new' && label && !label.label) errors.add('label', 'Enter a name for the new household');
  const d = datePair(errors, body, 'from', 'to');
  errors.throwIfAny();
  return {
    householdId: choice === 'new' ? null : choice,
    label: choice === 'new' ? (label?.label ?? null) : null,
    fromDate: d.from,
    toDate: d.to,
  };
}

export interface InvolvementInput {
  agencyId: string;
  role: InvolvementRole;
  startedOn: string;
  endedOn: string | null;
}

export function parseInvolvementForm(body: Record<string, unknown>, today = londonToday()): InvolvementInput {
  const errors = new Errors();
  const r = errors.try(() =>
    parse(
      z.object({
        agencyId: z.string().regex(UUID, { error: 'Select the agency' }),
        role: z.enum(INVOLVEMENT_ROLE_CODES, { error: 'Select what the agency is to them' }),
      }),
      { agencyId: str(body.agencyId), role: str(body.role) },
    ),
  );
  const start = errors.try(() =>
    parseDateInput('start', 'Start date', dateParts(body, 'start'), { notFuture: true }),
  );
  const end = errors.try(() =>
    parseDateInput('end', 'End date', dateParts(body, 'end'), { notFuture: true }),
  );
  if (start && end && end < start)
    errors.add('end-day', 'End date must be the same as or after the start date');
  errors.throwIfAny();
  return { agencyId: r!.agencyId, role: r!.role, startedOn: start ?? today, endedOn: end ?? null };
}

export const breakGlassSchema = z.object({
  reason: z
    .string({ error: 'Enter why you need to see this record' })
    .trim()
    .min(10, { error: 'Enter why you need to see this record, in at least 10 characters' })
    .max(2000, { error: 'Reason must be 2000 characters or fewer' }),
});
