import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { FIRST_YEAR, LAST_YEAR, currentYear } from './service.ts';

/** The year of a page's address: a year that is not one shows the current year. */
export const yearQuery = z.object({
  year: z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).catch(currentYear).default(currentYear),
});

/** The year to work out again (the business manager's button). */
export const refreshSchema = z.object({
  year: field.int('Year', { min: FIRST_YEAR, max: LAST_YEAR, missing: 'Enter the year, like 2025' }),
});

/** The API's year: a year that is not one is refused (400). */
export const apiYearQuery = z.object({
  year: field.int('Year', { min: FIRST_YEAR, max: LAST_YEAR }).optional(),
});
