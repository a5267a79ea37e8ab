import { z } from 'zod';
import { field } from '../../platform/validation.ts';

/** Annex A's period: a start and an end on or after it. */
export const annexPeriodSchema = z
  .object({
    from: field.requiredDate('The start of the period', 'Enter the start of the period'),
    to: field.requiredDate('The end of the period', 'Enter the end of the period'),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end of the period must be on or after its start',
      });
  });

/** Exporting a census: the year, and, when it has errors, the choice to export with them listed. */
export const censusExportSchema = z.object({
  year: z.coerce.number({ error: 'Choose a census year' }).int().min(2010).max(2099),
  withFailures: z.preprocess((v) => v === 'yes', z.boolean()),
});
