import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR, currentYear } from './service.ts';

/** The year of a page's address: a year that is not one shows the current year. */
export const yearQuery = z.object({
  year: z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).catch(currentYear).default(currentYear),
});

/** The year to work out again (the business manager's button, and the API). */
export const refreshSchema = z.object({
  year: z.coerce
    .number({ error: 'Enter the year as a number, like 2025' })
    .int('Enter the year as a number, like 2025')
    .min(FIRST_YEAR, `Enter a year from ${FIRST_YEAR}`)
    .max(LAST_YEAR, `Enter a year up to ${LAST_YEAR}`),
});
