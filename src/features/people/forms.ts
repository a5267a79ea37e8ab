/**
 * The person index's forms in the schemas' shape, and stored records back into form values.
 *
 * The person form asks one question where the schema (and the API) hold two answers: its radios
 * say "a child", "an unborn child" or "an adult"; the schema has `kind` (child or adult) and
 * `unborn`. personFromForm turns the form's answer into the schema's, and drops the date input
 * that does not apply (the expected date of a child who is born, the birth date of one who is
 * not); personFormValues turns a record back into the form's answer.
 */
import type { Body } from '../../platform/validation.ts';
import type { PersonRow } from './repository/person.ts';

/** Splits a stored ISO date into the parts a GOV.UK date input shows. */
export function dateValues(prefix: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  };
}

const DATE_PARTS = ['day', 'month', 'year'];
const without = (body: Body, prefix: string): Body =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !DATE_PARTS.some((p) => k === `${prefix}-${p}`)));

/** The person form's body in the schema's shape (see above). */
export function personFromForm(body: Body): Body {
  const answer = body.kind;
  if (answer === 'unborn') return { ...without(body, 'dob'), kind: 'child', unborn: 'yes' };
  return { ...without(body, 'expected'), unborn: 'no' };
}

/** A stored person as the values of the person form. */
export function personFormValues(p: PersonRow): Record<string, string> {
  return {
    kind: p.unborn ? 'unborn' : p.kind,
    givenName: p.givenName,
    familyName: p.familyName,
    sex: p.sex,
    ethnicity: p.ethnicity ?? '',
    nhsNumber: p.nhsNumber ?? '',
    upn: p.upn ?? '',
    councilId: p.councilId ?? '',
    version: String(p.version),
    ...dateValues('dob', p.dateOfBirth),
    ...dateValues('expected', p.expectedDate),
  };
}

/** The search page's query in the search schema's shape: the date input's parts as one date. */
export function searchFromQuery(q: Body): Body {
  return { ...q, dob: { day: q['dob-day'], month: q['dob-month'], year: q['dob-year'] } };
}

/** The fields of the search page, for telling an empty search from a search. */
export const SEARCH_FIELDS = ['name', 'identifier', 'postcode', 'dob-day', 'dob-month', 'dob-year'];

/** Any address field typed on the create form: the person then has a first address. */
export const hasAddress = (body: Body): boolean =>
  ['line1', 'line2', 'town', 'postcode'].some((k) => typeof body[k] === 'string' && body[k].trim() !== '');
