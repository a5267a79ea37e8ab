/** The JSON API's request bodies and query, checked by the same rules as the forms. */
import { z } from 'zod';
import { isValidPostcode } from '../../platform/identifiers.ts';
import { londonToday } from '../../platform/dates.ts';
import { isoDateString, requiredText } from '../../platform/validation.ts';
import { ETHNICITY_CODES, SEX_CODES } from './codes.ts';
import { API_FIELDS, checkPerson, Errors, NAME_MAX, type PersonInput } from './schemas.ts';

const apiText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` });

export const apiAddressSchema = z.strictObject({
  line1: requiredText(200, 'Address line 1'),
  line2: apiText(200, 'Address line 2').nullish(),
  town: apiText(100, 'Town or city').nullish(),
  postcode: requiredText(20, 'Postcode').refine((v) => isValidPostcode(v), {
    error: 'Enter a real postcode, like EL1 2AB',
  }),
  fromDate: isoDateString('fromDate').nullish(),
});

const apiPersonFields = {
  kind: z.enum(['child', 'adult'], { error: 'kind must be "child" or "adult"' }),
  unborn: z.boolean({ error: 'unborn must be true or false' }),
  givenName: apiText(NAME_MAX, 'givenName'),
  familyName: requiredText(NAME_MAX, 'familyName', 'Enter familyName'),
  dateOfBirth: isoDateString('dateOfBirth').nullable(),
  expectedDate: isoDateString('expectedDate').nullable(),
  sex: z.enum(SEX_CODES, { error: `sex must be one of ${SEX_CODES.join(', ')}` }),
  ethnicity: z.enum(ETHNICITY_CODES, { error: 'ethnicity must be a CIN census ethnicity code' }).nullable(),
  nhsNumber: apiText(20, 'nhsNumber').nullable(),
  upn: apiText(20, 'upn').nullable(),
  councilId: apiText(40, 'councilId').nullable(),
};

export const apiCreateSchema = z.strictObject({
  ...apiPersonFields,
  unborn: apiPersonFields.unborn.default(false),
  givenName: apiPersonFields.givenName.default(''),
  dateOfBirth: apiPersonFields.dateOfBirth.optional(),
  expectedDate: apiPersonFields.expectedDate.optional(),
  sex: apiPersonFields.sex.default('unknown'),
  ethnicity: apiPersonFields.ethnicity.optional(),
  nhsNumber: apiPersonFields.nhsNumber.optional(),
  upn: apiPersonFields.upn.optional(),
  councilId: apiPersonFields.councilId.optional(),
  address: apiAddressSchema.optional(),
});

export const apiPatchSchema = z.strictObject({
  version: z.number({ error: 'version must be the record version you read' }).int().positive(),
  ...Object.fromEntries(Object.entries(apiPersonFields).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<
  { version: number } & Partial<{ [K in keyof typeof apiPersonFields]: z.infer<(typeof apiPersonFields)[K]> }>
>;

export const apiSearchSchema = z.strictObject({
  name: apiText(200, 'name').optional(),
  dob: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'dob must be YYYY, YYYY-MM or YYYY-MM-DD' })
    .optional(),
  identifier: apiText(40, 'identifier').optional(),
  postcode: apiText(12, 'postcode').optional(),
});

/** An API person body (after zod) through the same rules as the form. */
export function checkApiPerson(
  b: Omit<PersonInput, 'nhsNumber' | 'upn' | 'councilId'> & {
    nhsNumber?: string | null;
    upn?: string | null;
    councilId?: string | null;
  },
  today = londonToday(),
): PersonInput {
  return checkPerson(
    {
      ...b,
      nhsNumber: b.nhsNumber || undefined,
      upn: b.upn || undefined,
      councilId: b.councilId || undefined,
    },
    API_FIELDS,
    new Errors(),
    today,
  );
}
