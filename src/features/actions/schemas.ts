import { z } from 'zod';
import { UUID } from '../../platform/access/policy.ts';
import { codeList } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';

export const ACTION_STATUSES = codeList([
  { value: 'open', label: 'Open' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'dropped', label: 'Dropped' },
]);

/** Where an action came from; 'partnership' is an action agreed outside any one source. */
export const SOURCE_KINDS = codeList([
  { value: 'meeting', label: 'Meeting' },
  { value: 'challenge', label: 'Challenge' },
  { value: 'case_audit', label: 'Case audit' },
  { value: 'section11', label: 'Section 11' },
  { value: 'escalation', label: 'Escalation' },
  { value: 'training', label: 'Training' },
  { value: 'voice', label: 'Voice of children and families' },
  { value: 'review', label: 'Review' },
  { value: 'early_help', label: 'Early help' },
  { value: 'partnership', label: 'Partnership' },
]);

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** A record id that may be left out (a select's "none"). */
export function optionalId(label: string) {
  return z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
    z
      .string({ error: `${label}: choose from the list` })
      .regex(UUID, { error: `${label}: choose from the list` })
      .optional(),
  );
}

/**
 * The fields of a new action, for any source's form and API body to spread into its own schema
 * (`z.object({ ...actionFields, … })`); `_action-fields.njk` renders them.
 */
export const actionFields = {
  title: field.requiredText(200, 'Action', 'Enter what is to be done'),
  ownerAgencyId: field.id('Select the agency that owns the action'),
  ownerUserId: optionalId('Owner'),
  dueOn: field.requiredDate('Due date', 'Enter the date the action is due'),
  measureId: optionalId('Measure'),
};

/** A free-standing action (the business manager's, from the API or a meeting's page). */
export const newActionSchema = z.object({
  ...actionFields,
  detail: field.text(5000, 'Detail'),
});
export type NewActionInput = z.infer<typeof newActionSchema>;

/** A change of an action's status: done needs evidence (the service checks). */
export const statusSchema = z.object({
  status: field.code(ACTION_STATUSES.values, 'Select the action’s status'),
  evidence: field.text(5000, 'Evidence'),
  note: field.text(2000, 'Note'),
  completedOn: field.date('Date completed', { notFuture: true }),
});
export type StatusInput = z.infer<typeof statusSchema>;

const optionalCode = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(
    (v) => (blank(v) ? undefined : v),
    z
      .enum(values, { error: (i) => `${label}: “${String(i.input).slice(0, 20)}” is not one of the choices` })
      .optional(),
  );

/** The API list's filters: each optional, a bad value refused (400) rather than ignored. */
export const listQuerySchema = z.object({
  agency: optionalId('Agency'),
  status: optionalCode(ACTION_STATUSES.values, 'Status'),
  source: optionalCode(SOURCE_KINDS.values, 'Source'),
  overdue: optionalCode(['yes', 'no'], 'Overdue'),
});
