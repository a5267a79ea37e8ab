import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { codeList, type CodeOf } from '../../platform/codes.ts';
import { actionFields } from '../actions/service.ts';

/** The stages, in order: each is reached from the one before it. */
export const STAGES = codeList([
  { value: 'practitioners', label: 'Practitioners' },
  { value: 'managers', label: 'Managers' },
  { value: 'heads', label: 'Heads of service' },
  { value: 'partnership', label: 'The partnership' },
]);
export type Stage = CodeOf<typeof STAGES>;

export const OUTCOMES = codeList([
  { value: 'agreed', label: 'Agreed between the agencies' },
  { value: 'other_view_accepted', label: 'The other agency’s view accepted' },
  { value: 'partnership_decided', label: 'Decided by the partnership' },
]);
export type Outcome = CodeOf<typeof OUTCOMES>;

export const TEXT_MAX = 5000;

export const raiseSchema = z.object({
  personId: field.id('Choose the child the disagreement is about'),
  otherAgencyId: field.id('Select the agency you disagree with'),
  disagreement: field.requiredText(TEXT_MAX, 'What the disagreement is', 'Enter what the disagreement is'),
  tried: field.requiredText(TEXT_MAX, 'What you have tried', 'Enter what you have tried to resolve it'),
});
export type RaiseInput = z.infer<typeof raiseSchema>;

export const stageSchema = z.object({
  reason: field.requiredText(TEXT_MAX, 'Reason', 'Enter why it needs the next stage'),
});
export type StageInput = z.infer<typeof stageSchema>;

/**
 * The resolution. The action's fields are the action log's (`_action-fields.njk`), each optional
 * here: when an action is asked for, the action log's own rules refuse a missing owner or due date.
 */
export const resolutionSchema = z.object({
  outcome: field.code(OUTCOMES.values, 'Select the outcome'),
  learning: field.requiredText(TEXT_MAX, 'Learning', 'Enter what was learned'),
  addAction: field.yesNo('Select whether an action goes into the action log'),
  title: field.text(200, 'Action'),
  ownerAgencyId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    field.id('Select the agency that owns the action').optional(),
  ),
  ownerUserId: actionFields.ownerUserId,
  dueOn: field.date('Due date'),
  measureId: actionFields.measureId,
});
export type ResolutionInput = z.infer<typeof resolutionSchema>;

const stageDays = (name: string) =>
  field.int(name, { min: 1, max: 30, missing: `Enter ${name.toLowerCase()} in working days` });

export const settingsSchema = z.object({
  escalationPractitionerWorkingDays: stageDays('The practitioners’ stage'),
  escalationManagerWorkingDays: stageDays('The managers’ stage'),
  escalationHeadWorkingDays: stageDays('The heads of service’s stage'),
});
export type EscalationSettings = z.infer<typeof settingsSchema>;
